/**
 * The whole real system of system.ts, but on a throwaway PostgreSQL (postgres.ts) migrated and
 * seeded exactly as in production.
 *
 *   const { sys, stop } = await startSystemOnPostgres();
 *   await sys.call('POST', '/api/admin/units', { as: 'admin', body });
 *   await stop();
 */
import { createDb } from '../../db';
import { migrateDatabase } from '../../prisma/migrate';
import { seedDatabase } from '../../prisma/seed';
import { TEST_PASSWORD } from './db';
import { startPostgres } from '../../scripts/local-postgres';
import { startSystem, type System } from './system';

export async function startSystemOnPostgres(): Promise<{ sys: System; stop: () => Promise<void> }> {
  const pg = await startPostgres();
  const db = createDb(pg.url);
  try {
    const migrated = await migrateDatabase(pg.url);
    if (migrated.provider !== 'postgresql') throw new Error(`migrated ${migrated.provider}, expected postgresql`);
    await seedDatabase(db, { demoPassword: TEST_PASSWORD });
    const sys = await startSystem({ db, env: { DATABASE_URL: pg.url } });
    return {
      sys,
      async stop() {
        await sys.stop();
        await db.close();
        await pg.stop();
      },
    };
  } catch (e) {
    await db.close();
    await pg.stop();
    throw e;
  }
}
