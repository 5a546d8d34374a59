/**
 * Persistence on a REAL PostgreSQL: a throwaway cluster started from the local binaries, or a
 * fresh database on $TEST_DATABASE_URL_POSTGRES. Nothing is skipped: if PostgreSQL cannot start,
 * the suite fails with the server's error.
 */
import { createPostgresMigration } from '../../prisma/create-migration';
import { startPostgres, type PostgresServer } from '../../scripts/local-postgres';
import { copyMigrations, databaseContract } from './contract';

jest.setTimeout(60_000);

let server: PostgresServer | undefined;

beforeAll(async () => {
  server = await startPostgres();
}, 60_000);

afterAll(async () => {
  await server?.stop();
}, 60_000);

describe('PostgreSQL', () => {
  databaseContract('postgresql', () => {
    if (!server) throw new Error('PostgreSQL did not start');
    return server.url;
  });

  test('prisma/schema.prisma and prisma/migrations/postgresql are in sync (no pending schema change)', async () => {
    const copy = copyMigrations('postgresql');
    try {
      const result = await createPostgresMigration(server!.adminUrl, 'sync_check', { dir: copy.dir });
      expect(result.migrationName).toBeNull();
    } finally {
      copy.cleanup();
    }
  });
});
