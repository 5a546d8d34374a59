/**
 * The activity contract (contract.ts) on a REAL PostgreSQL: a throwaway cluster from the local
 * binaries (or a fresh database on $TEST_DATABASE_URL_POSTGRES), migrated and seeded like
 * production. Nothing is skipped: if PostgreSQL cannot start, the suite fails.
 */
import { createDb, type Db } from '../../db';
import { migrateDatabase } from '../../prisma/migrate';
import { seedDatabase } from '../../prisma/seed';
import { startPostgres, type PostgresServer } from '../../scripts/local-postgres';
import { TEST_PASSWORD } from '../support/db';
import { activitiesContract } from './contract';

jest.setTimeout(60_000);

let server: PostgresServer | undefined;
let db: Db | undefined;

beforeAll(async () => {
  server = await startPostgres();
  await migrateDatabase(server.url);
  db = createDb(server.url);
  await seedDatabase(db, { demoPassword: TEST_PASSWORD });
}, 120_000);

afterAll(async () => {
  await db?.close();
  await server?.stop();
}, 60_000);

describe('activities on PostgreSQL', () => {
  activitiesContract('postgresql', () => {
    if (!db) throw new Error('PostgreSQL did not start');
    return db;
  });
});
