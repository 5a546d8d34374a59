/**
 * mTLS to the Temporal cluster: the API's client (Connection) and the worker's NativeConnection,
 * configured only through TEMPORAL_TLS_* variables, present the client certificate to a TLS
 * endpoint that demands one (a real HTTP/2 TLS server on loopback standing in for the cluster's
 * frontend, which checks certificates the same way) and verify the server's certificate against
 * the pinned CA under TEMPORAL_TLS_SERVER_NAME.
 */
import fs from 'node:fs';
import http2 from 'node:http2';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { loadConfig } from '../../config';
import { temporalConnectionOptions } from '../../config/temporal';
import { certificates } from '../support/tls';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-tls-'));
const certs = certificates(dir);
/** Common names of the client certificates the server accepted. */
const accepted: string[] = [];
let server: http2.Http2SecureServer;
const sessions = new Set<http2.ServerHttp2Session>();
let address: string;

beforeAll(async () => {
  server = http2.createSecureServer({
    key: fs.readFileSync(certs.serverKey),
    cert: fs.readFileSync(certs.serverCert),
    ca: fs.readFileSync(certs.ca),
    requestCert: true,
    rejectUnauthorized: true,
    ALPNProtocols: ['h2'],
  });
  server.on('secureConnection', (socket: TLSSocket) => {
    if (socket.authorized) accepted.push(String(socket.getPeerCertificate().subject?.CN));
  });
  // Every gRPC call answers UNAVAILABLE: the handshake is what is under test.
  server.on('stream', (stream) => {
    stream.respond(
      { ':status': 200, 'content-type': 'application/grpc', 'grpc-status': '14', 'grpc-message': 'test endpoint' },
      { endStream: true },
    );
  });
  server.on('tlsClientError', () => undefined);
  server.on('session', (session) => {
    sessions.add(session);
    session.once('close', () => sessions.delete(session));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const session of sessions) session.destroy();
  await new Promise((r) => server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

const env = (extra: Record<string, string> = {}) => ({
  TEMPORAL_ADDRESS: address,
  TEMPORAL_TLS_CA: certs.ca,
  TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
  ...extra,
});

async function attempt(connect: () => Promise<{ close(): Promise<void> }>): Promise<void> {
  const conn = await connect().catch(() => undefined);
  await conn?.close().catch(() => undefined);
}

test('the API client (Connection) presents the client certificate from TEMPORAL_TLS_CERT/KEY', async () => {
  accepted.length = 0;
  const options = temporalConnectionOptions(
    loadConfig(env({ TEMPORAL_TLS_CERT: certs.cert, TEMPORAL_TLS_KEY: certs.key })),
  );
  await attempt(() => Connection.connect({ ...options, connectTimeout: 5000 }));
  expect(accepted).toContain('thidua-worker');
});

test('the worker (NativeConnection) presents it too', async () => {
  accepted.length = 0;
  const options = temporalConnectionOptions(
    loadConfig(env({ TEMPORAL_TLS_CERT: certs.cert, TEMPORAL_TLS_KEY: certs.key })),
  );
  await attempt(() => NativeConnection.connect(options));
  expect(accepted).toContain('thidua-worker');
});

test('without a client certificate the cluster admits nobody', async () => {
  accepted.length = 0;
  const options = temporalConnectionOptions(loadConfig(env()));
  await attempt(() => Connection.connect({ ...options, connectTimeout: 3000 }));
  await attempt(() => NativeConnection.connect(options));
  expect(accepted).toEqual([]);
});
