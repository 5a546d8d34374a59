import fs from 'node:fs';
import type { TLSConfig } from '@temporalio/common/lib/internal-non-workflow';
import type { Config } from './index';

/** What `Connection.connect` (API client) and `NativeConnection.connect` (worker) both take. */
export interface TemporalConnectionOptions {
  address: string;
  /** Absent: plain gRPC (the embedded dev server on loopback). */
  tls?: TLSConfig;
}

type TemporalSettings = Pick<
  Config,
  | 'TEMPORAL_ADDRESS'
  | 'TEMPORAL_DEV_PORT'
  | 'TEMPORAL_TLS'
  | 'TEMPORAL_TLS_CERT'
  | 'TEMPORAL_TLS_KEY'
  | 'TEMPORAL_TLS_CA'
  | 'TEMPORAL_TLS_SERVER_NAME'
>;

/**
 * The connection to the Temporal cluster, with TLS when any TEMPORAL_TLS* variable asks for it:
 * TEMPORAL_TLS_CA pins the cluster's CA (else the system roots), TEMPORAL_TLS_CERT + _KEY present a
 * client certificate (mTLS: the cluster admits only holders of a certificate its CA signed),
 * TEMPORAL_TLS_SERVER_NAME overrides the name checked in the server's certificate. loadConfig has
 * already checked that the files are readable PEM.
 */
export function temporalConnectionOptions(config: TemporalSettings): TemporalConnectionOptions {
  const address = config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
  const wanted =
    config.TEMPORAL_TLS ??
    Boolean(config.TEMPORAL_TLS_CERT || config.TEMPORAL_TLS_CA || config.TEMPORAL_TLS_SERVER_NAME);
  if (!wanted) return { address };
  const tls: TLSConfig = {};
  if (config.TEMPORAL_TLS_CA) tls.serverRootCACertificate = fs.readFileSync(config.TEMPORAL_TLS_CA);
  if (config.TEMPORAL_TLS_CERT && config.TEMPORAL_TLS_KEY)
    tls.clientCertPair = {
      crt: fs.readFileSync(config.TEMPORAL_TLS_CERT),
      key: fs.readFileSync(config.TEMPORAL_TLS_KEY),
    };
  if (config.TEMPORAL_TLS_SERVER_NAME) tls.serverNameOverride = config.TEMPORAL_TLS_SERVER_NAME;
  return { address, tls };
}

/** For logs: where and how we connect (never key material). */
export function describeTemporalConnection(options: TemporalConnectionOptions): string {
  if (!options.tls) return `${options.address} (plain gRPC)`;
  return `${options.address} (TLS${options.tls.clientCertPair ? ', client certificate' : ''}${options.tls.serverRootCACertificate ? ', pinned CA' : ''})`;
}
