/**
 * docker-compose.yml, read as data (no Docker engine here): only the API is published, no password
 * is baked in, the processes run compiled JavaScript, production never seeds demo accounts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

interface Service {
  ports?: string[];
  command?: string[];
  environment?: Record<string, string>;
  secrets?: string[];
}
const ROOT = path.resolve(__dirname, '../..');
const text = fs.readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8');
const compose = parse(text, { merge: true }) as {
  services: Record<string, Service>;
  secrets: Record<string, { environment?: string; file?: string }>;
};

test('only the api service publishes a port (not Temporal 7233, not its Web UI 8080)', () => {
  const published = Object.entries(compose.services)
    .filter(([, s]) => s.ports?.length)
    .map(([name]) => name);
  expect(published).toEqual(['api']);
  expect(text).not.toMatch(/["']?\d*:?7233:7233/);
  expect(text).not.toMatch(/8080:8080/);
});

test('no password or secret is written in the file: each comes from the environment or a secret file', () => {
  for (const [name, s] of Object.entries(compose.services)) {
    for (const [key, value] of Object.entries(s.environment ?? {})) {
      if (/PASSWORD|PWD|SECRET|KEYS$/.test(key) && !key.endsWith('_FILE'))
        expect(`${name}.${key}=${String(value)}`).toMatch(/=\$\{[A-Z_]+:\?/);
    }
  }
  expect(text).not.toMatch(/-pw temporal|PASSWORD: temporal|thidua:thidua@/);
  for (const secret of Object.values(compose.secrets)) expect(secret.environment ?? secret.file).toBeDefined();
  expect(compose.services['api']!.environment!['JWT_SECRET_FILE']).toBe('/run/secrets/jwt_secret');
  expect(compose.services['api']!.environment!['PAYLOAD_ENCRYPTION_KEYS_FILE']).toBe(
    '/run/secrets/payload_encryption_keys',
  );
  expect(fs.existsSync(path.join(ROOT, 'scripts/docker/init-app-db.sh'))).toBe(true);
  expect(fs.readFileSync(path.join(ROOT, 'scripts/docker/init-app-db.sh'), 'utf8')).toContain(
    '/run/secrets/thidua_db_password',
  );
});

test('the app runs compiled JavaScript in production and never seeds demo data', () => {
  for (const name of ['api', 'worker', 'setup']) {
    const s = compose.services[name]!;
    expect(s.command?.[0]).toBe('node');
    expect(s.command?.[1]).toMatch(/^dist\/.*\.js$/);
    expect(s.command?.join(' ')).not.toContain('tsx');
    expect(s.environment?.['NODE_ENV']).toBe('production');
    expect(s.environment?.['SEED_DEMO']).toBeUndefined();
  }
  const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
  expect(dockerfile).toContain('npm run build');
  expect(dockerfile).toMatch(/CMD \["node", "dist\/api\/main\.js"\]/);
  expect(dockerfile).not.toMatch(/tsx/);
});
