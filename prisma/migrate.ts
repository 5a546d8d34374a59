/**
 * Migrations without the Prisma CLI.
 *
 * Prisma 7's CLI needs a native schema engine that it downloads at run time (impossible offline).
 * The same engine is published as WebAssembly (`@prisma/schema-engine-wasm`, pinned to the exact
 * engine version of prisma 7.10.0) and talks to the database through our driver adapters
 * (better-sqlite3 / node-postgres), so migrations need no binary and no network.
 *
 * One migrations folder per provider, because the SQL differs (and the append-only triggers of
 * AuditLog are hand-written, provider-specific SQL):
 *   prisma/migrations/sqlite/<timestamp>_<name>/migration.sql      + migration_lock.toml
 *   prisma/migrations/postgresql/<timestamp>_<name>/migration.sql  + migration_lock.toml
 * Both write the standard `_prisma_migrations` table, like `prisma migrate deploy`.
 *
 * This file: deploy, status and the CLI. The engine and its adapters: prisma/schema-engine.ts;
 * reading the folders: prisma/migrations-folder.ts; `create`: prisma/create-migration.ts.
 *
 * CLI (run with tsx):
 *   tsx prisma/migrate.ts deploy [--url URL]
 *       Applies pending migrations (URL default: $DATABASE_URL, else file:<project>/data/thidua.db).
 *   tsx prisma/migrate.ts create <name> [--provider sqlite|postgresql|all] [--url URL] [--draft]
 *       = `prisma migrate dev --create-only`: diffs the migration history (replayed on a shadow
 *       database) against prisma/schema.prisma and writes a new migration folder.
 *       sqlite:      main and shadow databases are in-memory; nothing else is needed.
 *       postgresql:  needs a server. --url (or $MIGRATE_POSTGRES_URL / $TEST_DATABASE_URL_POSTGRES)
 *                    names an admin URL on a running server: a temporary main database and a
 *                    temporary shadow database are created there and dropped afterwards. Without
 *                    a URL, a throwaway cluster is started from the local PostgreSQL binaries
 *                    (scripts/local-postgres.ts) and removed afterwards.
 *       Default provider: all. `--draft` writes the file even when the diff is empty (for hand-
 *       written SQL such as triggers).
 *   tsx prisma/migrate.ts status [--url URL]
 *       Prints the migration history diagnostic.
 *
 * Hand-written SQL to keep when Prisma regenerates a table (SQLite "redefine table" migrations
 * drop and recreate it — triggers and table options go with it, so re-add them in that migration):
 *   - AuditLog: triggers auditlog_no_update / auditlog_no_delete (both providers);
 *   - Ballot (SQLite): WITHOUT ROWID.
 * test/db/*.test.ts check both on a freshly migrated database.
 */
import type * as SchemaEngineWasm from '@prisma/schema-engine-wasm';
import { DEFAULT_DATABASE_URL, redactUrl, type DbProvider } from '../db/url';
import { createMigration, createPostgresMigration } from './create-migration';
import { readMigrations } from './migrations-folder';
import { NO_FILTER, engineError, factoryFor, withEngine, type MigrateLog } from './schema-engine';

export type { DbProvider } from '../db/url';
export type { MigrateLog } from './schema-engine';

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Public API
// ─────────────────────────────────────────────────────────────────────────────────────────────

export interface MigrateResult {
  provider: DbProvider;
  /** Migrations applied by this call (empty when the database was up to date). */
  applied: string[];
}

/**
 * `prisma migrate deploy`: applies the pending migrations of the URL's provider. Idempotent and
 * safe to call at every start-up. Creates the SQLite file (and its folder) if needed.
 */
export async function migrateDatabase(url: string, log?: MigrateLog): Promise<MigrateResult> {
  const { provider, factory } = factoryFor(url);
  const migrationsList = readMigrations(provider);
  if (migrationsList.migrationDirectories.length === 0) {
    throw new Error(`No migrations in ${migrationsList.baseDir}`);
  }
  const started = Date.now();
  const { appliedMigrationNames } = await withEngine(provider, factory, log, (engine) =>
    engine.applyMigrations({ migrationsList, filters: NO_FILTER }).catch((e: unknown) => {
      throw engineError(e, `Applying migrations to ${redactUrl(url)}`);
    }),
  );
  log?.(
    appliedMigrationNames.length > 0
      ? `applied ${appliedMigrationNames.length} migration(s) to ${redactUrl(url)} in ${Date.now() - started} ms: ${appliedMigrationNames.join(', ')}`
      : `database ${redactUrl(url)} is up to date (${Date.now() - started} ms)`,
  );
  return { provider, applied: appliedMigrationNames };
}

/** Migration history vs. the migrations folder (`prisma migrate status`). */
export async function migrationStatus(
  url: string,
  log?: MigrateLog,
): Promise<SchemaEngineWasm.DiagnoseMigrationHistoryOutput> {
  const { provider, factory } = factoryFor(url);
  return withEngine(provider, factory, log, (engine) =>
    engine
      .diagnoseMigrationHistory({
        migrationsList: readMigrations(provider),
        optInToShadowDatabase: false,
        filters: NO_FILTER,
      })
      .catch((e: unknown) => {
        throw engineError(e, 'Diagnosing migration history');
      }),
  );
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// CLI
// ─────────────────────────────────────────────────────────────────────────────────────────────

function argValue(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
  args.splice(i, 2);
  return v;
}

async function main(argv: string[]): Promise<void> {
  const args = [...argv];
  const log: MigrateLog = (m) => console.log(`[migrate] ${m}`);
  const command = args.shift();
  const url = argValue(args, '--url');
  if (command === 'deploy') {
    await migrateDatabase(url ?? process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL, log);
    return;
  }
  if (command === 'status') {
    const status = await migrationStatus(url ?? process.env['DATABASE_URL'] ?? DEFAULT_DATABASE_URL, log);
    console.log(JSON.stringify(status, null, 2));
    return;
  }
  if (command === 'create') {
    const provider = argValue(args, '--provider') ?? 'all';
    const draft = args.includes('--draft');
    const name = args.filter((a) => a !== '--draft')[0];
    if (!name)
      throw new Error(
        'usage: tsx prisma/migrate.ts create <name> [--provider sqlite|postgresql|all] [--url URL] [--draft]',
      );
    if (!['sqlite', 'postgresql', 'all'].includes(provider)) throw new Error(`unknown provider ${provider}`);
    if (provider === 'sqlite' || provider === 'all') {
      await createMigration('file::memory:', name, { draft, log });
    }
    if (provider === 'postgresql' || provider === 'all') {
      const pgUrl =
        (url && !url.startsWith('file:') ? url : undefined) ??
        process.env['MIGRATE_POSTGRES_URL'] ??
        process.env['TEST_DATABASE_URL_POSTGRES'];
      await createPostgresMigration(pgUrl, name, { draft, log });
    }
    return;
  }
  throw new Error(
    'usage: tsx prisma/migrate.ts deploy|status [--url URL] | create <name> [--provider sqlite|postgresql|all] [--url URL] [--draft]',
  );
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(`[migrate] ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    },
  );
}
