/**
 * Production configuration fails fast: no JWT secret, no payload keys, demo seeding or a broken
 * TLS setting stop the process before it listens or connects. Secrets may come from *_FILE.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../config';
import { describeTemporalConnection, temporalConnectionOptions } from '../../config/temporal';
import { keyEntry } from '../support/payload-keys';
import { certificates } from '../support/tls';

const JWT = 'p'.repeat(40);
const KEYS = keyEntry('k1');
const production = { NODE_ENV: 'production', JWT_SECRET: JWT, PAYLOAD_ENCRYPTION_KEYS: KEYS };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-config-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const issuesOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) return e.issues;
    throw e;
  }
  return [];
};

describe('production', () => {
  test('a complete production environment loads: no demo seeding, clear payloads refused', () => {
    const config = loadConfig(production);
    expect(config.SEED_DEMO).toBe(false);
    expect(config.PAYLOAD_ENCRYPTION_REQUIRED).toBe(true);
  });

  test('without PAYLOAD_ENCRYPTION_KEYS it fails fast, naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: JWT })).toThrow(ConfigError);
    expect(issuesOf({ NODE_ENV: 'production', JWT_SECRET: JWT })).toEqual([
      expect.stringMatching(/^PAYLOAD_ENCRYPTION_KEYS: required in production/),
    ]);
    expect(issuesOf({ ...production, PAYLOAD_ENCRYPTION_KEYS: '' })).toEqual([
      expect.stringMatching(/^PAYLOAD_ENCRYPTION_KEYS: required in production/),
    ]);
    // Even when a migration accepts old payloads in clear, new ones must be sealed.
    expect(issuesOf({ NODE_ENV: 'production', JWT_SECRET: JWT, PAYLOAD_ENCRYPTION_REQUIRED: 'false' })).toEqual([
      expect.stringMatching(/^PAYLOAD_ENCRYPTION_KEYS: required/),
    ]);
  });

  test('without JWT_SECRET it fails fast', () => {
    expect(issuesOf({ NODE_ENV: 'production', PAYLOAD_ENCRYPTION_KEYS: KEYS })).toEqual([
      expect.stringMatching(/^JWT_SECRET: required in production/),
    ]);
  });

  test('demo accounts are refused in production, seeded by default elsewhere', () => {
    expect(issuesOf({ ...production, SEED_DEMO: 'true' })).toEqual([
      expect.stringMatching(/^SEED_DEMO: demo accounts .* never seeded in production/),
    ]);
    expect(loadConfig({ ...production, SEED_DEMO: 'false' }).SEED_DEMO).toBe(false);
    expect(loadConfig({}).SEED_DEMO).toBe(true);
    expect(loadConfig({ SEED_DEMO: 'false' }).SEED_DEMO).toBe(false);
    expect(loadConfig({}).PAYLOAD_ENCRYPTION_REQUIRED).toBe(false);
    expect(issuesOf({ PAYLOAD_ENCRYPTION_REQUIRED: 'true' })).toEqual([
      expect.stringMatching(/^PAYLOAD_ENCRYPTION_KEYS: required when/),
    ]);
  });
});

describe('secrets from files (*_FILE)', () => {
  test('JWT_SECRET_FILE and PAYLOAD_ENCRYPTION_KEYS_FILE are read (one trailing newline dropped)', () => {
    fs.writeFileSync(path.join(dir, 'jwt'), `${JWT}\n`);
    fs.writeFileSync(path.join(dir, 'keys'), `${KEYS}\n`);
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_SECRET_FILE: path.join(dir, 'jwt'),
      PAYLOAD_ENCRYPTION_KEYS_FILE: path.join(dir, 'keys'),
    });
    expect(config.JWT_SECRET).toBe(JWT);
    expect(config.PAYLOAD_ENCRYPTION_KEYS?.[0]?.id).toBe('k1');
  });

  test('an unreadable file or both forms set is an error naming the variable, never the secret', () => {
    expect(
      issuesOf({ ...production, JWT_SECRET: undefined as never, JWT_SECRET_FILE: path.join(dir, 'absent') }),
    ).toEqual([expect.stringMatching(/^JWT_SECRET_FILE: cannot read .*absent \(ENOENT\)/)]);
    const both = issuesOf({ ...production, JWT_SECRET_FILE: path.join(dir, 'jwt') });
    expect(both).toEqual(['JWT_SECRET_FILE: set JWT_SECRET or JWT_SECRET_FILE, not both']);
    expect(both.join()).not.toContain(JWT);
  });
});

describe('TLS to the Temporal cluster', () => {
  const pem = (name: string, body: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, body);
    return file;
  };

  test('plain gRPC unless asked; CA, client certificate and server name from PEM files', () => {
    expect(temporalConnectionOptions(loadConfig({ TEMPORAL_ADDRESS: 'temporal:7233' }))).toEqual({
      address: 'temporal:7233',
    });
    expect(
      temporalConnectionOptions(loadConfig({ TEMPORAL_ADDRESS: 'x.tmprl.cloud:7233', TEMPORAL_TLS: 'true' })),
    ).toEqual({ address: 'x.tmprl.cloud:7233', tls: {} });
    const { ca, cert, key } = certificates(dir);
    const options = temporalConnectionOptions(
      loadConfig({
        TEMPORAL_ADDRESS: 'temporal:7233',
        TEMPORAL_TLS_CA: ca,
        TEMPORAL_TLS_CERT: cert,
        TEMPORAL_TLS_KEY: key,
        TEMPORAL_TLS_SERVER_NAME: 'temporal.internal',
      }),
    );
    expect(options.tls?.serverNameOverride).toBe('temporal.internal');
    expect(Buffer.from(options.tls!.serverRootCACertificate!).toString()).toBe(fs.readFileSync(ca, 'utf8'));
    expect(Buffer.from(options.tls!.clientCertPair!.crt).toString()).toBe(fs.readFileSync(cert, 'utf8'));
    expect(Buffer.from(options.tls!.clientCertPair!.key).toString()).toBe(fs.readFileSync(key, 'utf8'));
    expect(describeTemporalConnection(options)).toBe('temporal:7233 (TLS, client certificate, pinned CA)');
  });

  test('a certificate without its key, an unreadable or non-PEM file stop start-up', () => {
    const { cert, key } = certificates(dir);
    expect(issuesOf({ TEMPORAL_TLS_CERT: cert })).toEqual([
      expect.stringMatching(/^TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY: set both/),
    ]);
    expect(issuesOf({ TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: path.join(dir, 'nope.pem') })).toEqual([
      expect.stringMatching(/^TEMPORAL_TLS_KEY: cannot read .*nope\.pem \(ENOENT\)/),
    ]);
    expect(issuesOf({ TEMPORAL_TLS_CERT: key, TEMPORAL_TLS_KEY: key })).toEqual([
      expect.stringMatching(/^TEMPORAL_TLS_CERT: .* is not a PEM certificate/),
    ]);
    expect(issuesOf({ TEMPORAL_TLS_CA: pem('junk.pem', 'hello') })).toEqual([
      expect.stringMatching(/^TEMPORAL_TLS_CA: .* is not a PEM certificate/),
    ]);
    expect(issuesOf({ TEMPORAL_TLS: 'false', TEMPORAL_TLS_CA: cert })).toEqual([
      expect.stringMatching(/^TEMPORAL_TLS: false, but/),
    ]);
  });
});
