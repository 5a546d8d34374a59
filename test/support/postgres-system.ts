/**
 * The whole real system of system.ts, but on a throwaway PostgreSQL (postgres.ts) migrated and
 * seeded exactly as in production.
 *
 *   const { sys, stop } = await startSystemOnPostgres();
 *   await sys.call('POST', '/api/admin/units', { as: 'admin', body });
 *   await stop();
 */
import { createDb, type Db } from '../../db';
import { migrateDatabase } from '../../prisma/migrate';
import { seedDatabase } from '../../prisma/seed';
import { TEST_PASSWORD } from './db';
import { startPostgres } from '../../scripts/local-postgres';
import { startSystem, type System } from './system';

/** A throwaway PostgreSQL, migrated and seeded exactly as in production (the PostgreSQL twin of seededSqlite). */
export async function seededPostgres(): Promise<{ url: string; db: Db; cleanup: () => Promise<void> }> {
  const pg = await startPostgres();
  const db = createDb(pg.url);
  const cleanup = async () => {
    await db.close();
    await pg.stop();
  };
  try {
    const migrated = await migrateDatabase(pg.url);
    if (migrated.provider !== 'postgresql') throw new Error(`migrated ${migrated.provider}, expected postgresql`);
    await seedDatabase(db, { demoPassword: TEST_PASSWORD });
    return { url: pg.url, db, cleanup };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

export async function startSystemOnPostgres(): Promise<{ sys: System; stop: () => Promise<void> }> {
  const { url, db, cleanup } = await seededPostgres();
  try {
    const sys = await startSystem({ db, env: { DATABASE_URL: url } });
    return {
      sys,
      async stop() {
        await sys.stop();
        await cleanup();
      },
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}
