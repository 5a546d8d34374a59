/**
 * Safe to deploy: a production start leaves no account with a known password, the seed is
 * create-only, and the first administrator is created exactly once (real SQLite files).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyPassword } from '../../api/security/passwords';
import { loadConfig } from '../../config';
import { createDb } from '../../db';
import { main as adminCli } from '../../scripts/admin';
import { accountsWithDefaultPassword, prepareDatabase, StartupRefused } from '../../prisma/setup';
import { DEFAULT_DEMO_PASSWORD, seedDatabase } from '../../prisma/seed';
import { keyEntry } from '../support/payload-keys';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-deploy-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const production = (file: string, extra: Record<string, string> = {}) => ({
  NODE_ENV: 'production',
  JWT_SECRET: 'j'.repeat(40),
  PAYLOAD_ENCRYPTION_KEYS: keyEntry('k1'),
  DATABASE_URL: `file:${path.join(dir, file)}`,
  ...extra,
});

test('NODE_ENV=production: the start path seeds no demo account; thidua-demo opens nothing', async () => {
  const env = production('prod.db');
  await prepareDatabase(loadConfig(env));
  const db = createDb(env.DATABASE_URL);
  try {
    expect(await db.prisma.person.count()).toBe(0);
    expect(await db.prisma.person.findUnique({ where: { username: 'admin' } })).toBeNull();
    expect(await accountsWithDefaultPassword(db, loadConfig(env))).toEqual([]);
  } finally {
    await db.close();
  }
});

test('development (NODE_ENV unset) still seeds the demo accounts', async () => {
  const url = `file:${path.join(dir, 'dev.db')}`;
  await prepareDatabase(loadConfig({ DATABASE_URL: url }));
  const db = createDb(url);
  try {
    const admin = await db.prisma.person.findUniqueOrThrow({ where: { username: 'admin' } });
    expect(await verifyPassword(DEFAULT_DEMO_PASSWORD, admin.passwordHash)).toBe(true);
  } finally {
    await db.close();
  }
});

test('a production start refuses a database whose demo accounts still have the demo password', async () => {
  const env = production('old-install.db');
  await prepareDatabase(loadConfig({ DATABASE_URL: env.DATABASE_URL })); // an install seeded by an old version
  await expect(prepareDatabase(loadConfig(env))).rejects.toThrow(StartupRefused);
  await expect(prepareDatabase(loadConfig(env))).rejects.toThrow(/demo password .*admin/);
  expect(await adminCli(['deactivate-demo'], env)).toBe(0);
  await expect(prepareDatabase(loadConfig(env))).resolves.toBeUndefined();
});

test('the seed is create-only: a changed password and a deactivated account survive a re-run', async () => {
  const url = `file:${path.join(dir, 'seed.db')}`;
  await prepareDatabase(loadConfig({ DATABASE_URL: url, SEED_DEMO: 'false' }));
  const db = createDb(url);
  try {
    await seedDatabase(db, { demoPassword: DEFAULT_DEMO_PASSWORD });
    const before = await db.prisma.person.findUniqueOrThrow({ where: { username: 'admin' } });
    const changed = await db.prisma.person.update({
      where: { username: 'admin' },
      data: { passwordHash: 'scrypt$changed', active: false },
    });
    await db.prisma.unit.update({ where: { code: 'CT-CA' }, data: { name: 'Renamed by an administrator' } });
    await seedDatabase(db, { demoPassword: DEFAULT_DEMO_PASSWORD });
    const after = await db.prisma.person.findUniqueOrThrow({ where: { username: 'admin' } });
    expect(after.id).toBe(before.id);
    expect(after.passwordHash).toBe('scrypt$changed');
    expect(after.active).toBe(false);
    expect(after.updatedAt).toEqual(changed.updatedAt);
    expect((await db.prisma.unit.findUniqueOrThrow({ where: { code: 'CT-CA' } })).name).toBe(
      'Renamed by an administrator',
    );
  } finally {
    await db.close();
  }
});

test('first administrator: created once from ADMIN_BOOTSTRAP_PASSWORD, the CLI then refuses', async () => {
  const env = production('bootstrap.db', {
    ADMIN_BOOTSTRAP_USERNAME: 'root',
    ADMIN_BOOTSTRAP_PASSWORD: 'a-long-one-time-secret',
  });
  await prepareDatabase(loadConfig(env));
  await prepareDatabase(loadConfig({ ...env, ADMIN_BOOTSTRAP_PASSWORD: 'another-long-secret!' })); // ignored now
  expect(
    await adminCli(['create', '--username', 'second'], { ...env, ADMIN_BOOTSTRAP_PASSWORD: 'third-long-secret!!' }),
  ).toBe(1);
  const db = createDb(env.DATABASE_URL);
  try {
    const admins = await db.prisma.person.findMany({ where: { roles: { some: { role: 'admin' } } } });
    expect(admins.map((a) => a.username)).toEqual(['root']);
    expect(await verifyPassword('a-long-one-time-secret', admins[0]!.passwordHash)).toBe(true);
  } finally {
    await db.close();
  }
});

test('admin:create makes the first administrator exactly once', async () => {
  const env = production('cli.db', { ADMIN_BOOTSTRAP_PASSWORD: 'cli-one-time-secret' });
  expect(await adminCli(['create', '--username', 'chief', '--full-name', 'Trưởng phòng'], env)).toBe(0);
  expect(await adminCli(['create', '--username', 'chief2'], env)).toBe(1);
  const db = createDb(env.DATABASE_URL);
  try {
    const admins = await db.prisma.person.findMany({ where: { roles: { some: { role: 'admin' } } } });
    expect(admins.map((a) => [a.username, a.fullName])).toEqual([['chief', 'Trưởng phòng']]);
  } finally {
    await db.close();
  }
});
