/**
 * `tsx prisma/migrate.ts create`: a new migration from the schema, diffed against the migration
 * history replayed on a shadow database (in memory for SQLite; next to a temporary dev database, or
 * on a throwaway local cluster, for PostgreSQL).
 */
import fs from 'node:fs';
import path from 'node:path';
import { redactUrl, withDatabase, type DbProvider } from '../db/url';
import { lockfileContent, migrationsDir, readMigrations } from './migrations-folder';
import { POSTGRES_SCHEMA_PATH, SQLITE_SCHEMA_PATH, schemaFor } from './provider-schema';
import { NO_FILTER, adminQuery, engineError, factoryFor, withEngine, type MigrateLog } from './schema-engine';

export interface CreateMigrationOptions {
  /** Write the migration even if the diff is empty (for hand-written SQL). */
  draft?: boolean;
  log?: MigrateLog;
  /** Migrations folder (default prisma/migrations/<provider>); tests use a temp copy. */
  dir?: string;
}

export interface CreateMigrationResult {
  provider: DbProvider;
  /** Folder name, e.g. 20260101120000_init; null when the schema already matches. */
  migrationName: string | null;
  /** Absolute path of the written migration.sql, or null. */
  file: string | null;
}

/**
 * `prisma migrate dev --create-only` for one provider. `url` is the "development" database the
 * engine checks the history against; it must be empty or up to date with the folder. For SQLite
 * use `file::memory:`; for PostgreSQL a database on a server where the user may CREATE DATABASE
 * (the shadow database is created next to it and dropped afterwards).
 */
export async function createMigration(
  url: string,
  name: string,
  options: CreateMigrationOptions = {},
): Promise<CreateMigrationResult> {
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`Migration name must match [A-Za-z0-9_]+: ${name}`);
  const { provider, factory } = factoryFor(url);
  const dir = options.dir ?? migrationsDir(provider);
  const log = options.log;
  const migrationsList = readMigrations(provider, dir);
  return withEngine(provider, factory, log, async (engine) => {
    // 1. Bring the dev database up to date. This also creates `_prisma_migrations`: on a fresh
    //    database, devDiagnostic through a driver adapter fails with P1014 ("The underlying table
    //    for model `_prisma_migrations` does not exist") instead of treating it as empty.
    await engine.applyMigrations({ migrationsList, filters: NO_FILTER }).catch((e: unknown) => {
      throw engineError(e, 'Applying existing migrations');
    });
    // 2. Trap: devDiagnostic must run before createMigration, else "SQLite shadow DB must be
    //    provided through an external factory" (the engine sets up its shadow database there).
    const { action } = await engine.devDiagnostic({ migrationsList, filters: NO_FILTER }).catch((e: unknown) => {
      throw engineError(e, 'devDiagnostic');
    });
    if (action.tag === 'reset') {
      throw new Error(
        `The database ${redactUrl(url)} needs a reset before a migration can be created: ${action.reason}`,
      );
    }
    const out = await engine
      .createMigration({
        draft: options.draft ?? false,
        migrationName: name,
        migrationsList,
        schema: {
          files: [
            { path: provider === 'sqlite' ? SQLITE_SCHEMA_PATH : POSTGRES_SCHEMA_PATH, content: schemaFor(provider) },
          ],
        },
        filters: NO_FILTER,
      })
      .catch((e: unknown) => {
        throw engineError(e, 'createMigration');
      });
    if (out.migrationScript === null) {
      log?.(`${provider}: schema and migrations are in sync, no migration created`);
      return { provider, migrationName: null, file: null };
    }
    const folder = path.join(dir, out.generatedMigrationName);
    fs.mkdirSync(folder, { recursive: true });
    const lock = path.join(dir, 'migration_lock.toml');
    if (!fs.existsSync(lock)) fs.writeFileSync(lock, lockfileContent(provider));
    const file = path.join(folder, `migration.${out.extension}`);
    fs.writeFileSync(file, out.migrationScript);
    log?.(`${provider}: wrote ${path.relative(process.cwd(), file)}`);
    // Check that the new migration applies on the dev database.
    await engine
      .applyMigrations({ migrationsList: readMigrations(provider, dir), filters: NO_FILTER })
      .catch((e: unknown) => {
        throw engineError(e, `Applying the new migration ${out.generatedMigrationName}`);
      });
    return { provider, migrationName: out.generatedMigrationName, file };
  });
}

/**
 * Creates the PostgreSQL migration with a temporary dev database on the server at `adminUrl`
 * (or on a throwaway local cluster when `adminUrl` is undefined).
 */
export async function createPostgresMigration(
  adminUrl: string | undefined,
  name: string,
  options: CreateMigrationOptions = {},
): Promise<CreateMigrationResult> {
  if (adminUrl) {
    const devDb = `prisma_dev_${process.pid}_${Date.now()}`;
    await adminQuery(adminUrl, `CREATE DATABASE "${devDb}"`);
    try {
      return await createMigration(withDatabase(adminUrl, devDb), name, options);
    } finally {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${devDb}" WITH (FORCE)`);
    }
  }
  // Dev tooling only: start a throwaway cluster with the local PostgreSQL binaries.
  const { startPostgres } = await import('../scripts/local-postgres');
  const server = await startPostgres();
  try {
    return await createMigration(server.url, name, options);
  } finally {
    await server.stop();
  }
}
