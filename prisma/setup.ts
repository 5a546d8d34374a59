/**
 * Prepares the application database before the API and the workers start — the start-up path of
 * `npm start` and the `migrate` job of docker-compose.yml (`node dist/prisma/setup.js`):
 *
 *   1. apply pending migrations;
 *   2. development only: seed the demo data (create-only; SEED_DEMO, refused in production);
 *   3. ADMIN_BOOTSTRAP_PASSWORD set and no administrator yet: create the first administrator
 *      (ADMIN_BOOTSTRAP_USERNAME, default `admin`) — once; afterwards the variable is ignored;
 *   4. production: refuse to go on while an active account opens with a demo password.
 */
import fs from 'node:fs';
import path from 'node:path';
import { hashPassword, verifyPassword } from '../api/security/passwords';
import { ConfigError, loadConfig, type Config } from '../config';
import { createDb, type Db } from '../db';
import { parseDatabaseUrl, redactUrl } from '../db/url';
import { migrateDatabase } from './migrate';
import { DEFAULT_DEMO_PASSWORD, seedDatabase } from './seed';
import { demoPeople } from './seed-data';

/** Start-up stopped on purpose (a door would be open); the message says what to do. */
export class StartupRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StartupRefused';
  }
}

/** Active demo accounts that still open with a published password (the default or DEMO_PASSWORD). */
export async function accountsWithDefaultPassword(db: Db, config: Pick<Config, 'DEMO_PASSWORD'>): Promise<string[]> {
  const passwords = [...new Set([DEFAULT_DEMO_PASSWORD, config.DEMO_PASSWORD])];
  const people = await db.prisma.person.findMany({
    where: { username: { in: demoPeople().map((p) => p.username) }, active: true },
    select: { username: true, passwordHash: true },
  });
  const open = await Promise.all(
    people.map(async (p) =>
      (await Promise.all(passwords.map((pw) => verifyPassword(pw, p.passwordHash)))).some(Boolean)
        ? p.username
        : undefined,
    ),
  );
  return open.filter((u): u is string => u !== undefined).sort();
}

/** Production guard: throws StartupRefused when any active account has a demo password. */
export async function assertNoDefaultPasswords(db: Db, config: Pick<Config, 'DEMO_PASSWORD'>): Promise<void> {
  const open = await accountsWithDefaultPassword(db, config);
  if (open.length === 0) return;
  throw new StartupRefused(
    `Refusing to start in production: ${open.length} active account(s) still use the published demo password (${open.join(', ')}). ` +
      'Deactivate them with `npm run admin:deactivate-demo` (node dist/scripts/admin.js deactivate-demo) or give them new passwords, then start again.',
  );
}

export interface FirstAdmin {
  username: string;
  password: string;
  fullName?: string;
  email?: string;
}

export type FirstAdminResult = { created: true; personId: string } | { created: false; reason: string };

/**
 * Creates the first administrator — only while no active administrator exists, so a one-time
 * secret left in the environment cannot take over or reset an install later.
 */
export async function createFirstAdmin(db: Db, admin: FirstAdmin): Promise<FirstAdminResult> {
  if (admin.password.length < 12) return { created: false, reason: 'the password must be at least 12 characters' };
  if ([DEFAULT_DEMO_PASSWORD].includes(admin.password))
    return { created: false, reason: 'the demo password is published: choose another' };
  if (!/^[a-z0-9._-]{3,64}$/.test(admin.username))
    return { created: false, reason: 'the username must be 3-64 characters a-z 0-9 . _ -' };
  const passwordHash = await hashPassword(admin.password);
  return db.prisma.$transaction(async (tx) => {
    const existing = await tx.roleAssignment.findFirst({
      where: { role: 'admin', person: { active: true } },
      select: { person: { select: { username: true } } },
    });
    if (existing)
      return { created: false as const, reason: `an administrator already exists (${existing.person.username})` };
    if (await tx.person.findUnique({ where: { username: admin.username }, select: { id: true } }))
      return { created: false as const, reason: `the username ${admin.username} is taken` };
    const person = await tx.person.create({
      data: {
        username: admin.username,
        fullName: admin.fullName ?? 'Quản trị hệ thống',
        email: admin.email ?? `${admin.username}@thidua.invalid`,
        passwordHash,
        active: true,
        roles: { create: [{ role: 'admin' }] },
      },
    });
    await tx.auditLog.create({
      data: {
        action: 'admin.person.bootstrap',
        entity: 'person',
        entityId: person.id,
        after: { username: person.username, role: 'admin' },
      },
    });
    return { created: true as const, personId: person.id };
  });
}

export async function hasActiveAdmin(db: Db): Promise<boolean> {
  return (await db.prisma.roleAssignment.count({ where: { role: 'admin', person: { active: true } } })) > 0;
}

/** Steps 1–4 above. */
export async function prepareDatabase(config: Config, log: (message: string) => void = () => undefined): Promise<void> {
  const parsed = parseDatabaseUrl(config.DATABASE_URL);
  if (parsed.provider === 'sqlite' && parsed.filename !== ':memory:')
    fs.mkdirSync(path.dirname(parsed.filename), { recursive: true });
  await migrateDatabase(config.DATABASE_URL);
  const db = createDb(config.DATABASE_URL);
  try {
    if (config.SEED_DEMO) {
      if (config.NODE_ENV === 'production')
        throw new StartupRefused('SEED_DEMO: demo accounts are never seeded in production');
      await seedDatabase(db, { demoPassword: config.DEMO_PASSWORD, log });
    }
    if (config.ADMIN_BOOTSTRAP_PASSWORD) {
      const result = await createFirstAdmin(db, {
        username: config.ADMIN_BOOTSTRAP_USERNAME,
        password: config.ADMIN_BOOTSTRAP_PASSWORD,
      });
      if (result.created)
        log(
          `first administrator "${config.ADMIN_BOOTSTRAP_USERNAME}" created from ADMIN_BOOTSTRAP_PASSWORD: remove that variable now`,
        );
      else log(`ADMIN_BOOTSTRAP_PASSWORD ignored: ${result.reason} (remove the variable)`);
    }
    if (config.NODE_ENV === 'production') {
      await assertNoDefaultPasswords(db, config);
      if (!(await hasActiveAdmin(db)))
        log(
          'no administrator yet: set ADMIN_BOOTSTRAP_PASSWORD for one start, or run `npm run admin:create -- --username <name>` (see README)',
        );
    }
    log(`database ready: ${redactUrl(config.DATABASE_URL)}`);
  } finally {
    await db.close();
  }
}

if (require.main === module) {
  const log = (m: string) => console.log(`[setup] ${m}`);
  Promise.resolve()
    .then(() => prepareDatabase(loadConfig(), log))
    .then(
      () => process.exit(0),
      (e: unknown) => {
        console.error(
          `[setup] ${e instanceof ConfigError || e instanceof StartupRefused ? e.message : e instanceof Error ? (e.stack ?? e.message) : String(e)}`,
        );
        process.exit(1);
      },
    );
}
