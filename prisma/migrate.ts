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
 *                    (test/support/postgres.ts) and removed afterwards.
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
import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import type * as SchemaEngineWasm from '@prisma/schema-engine-wasm';
import pg from 'pg';
import { prepareSqliteFile } from '../db/sqlite';
import { DEFAULT_DATABASE_URL, parseDatabaseUrl, redactUrl, withDatabase, type DbProvider } from '../db/url';
import { POSTGRES_SCHEMA_PATH, SQLITE_SCHEMA_PATH, schemaFor } from './provider-schema';

export type { DbProvider } from '../db/url';
export type MigrateLog = (message: string) => void;

export const MIGRATIONS_ROOT = path.join(__dirname, 'migrations');
export const migrationsDir = (provider: DbProvider): string => path.join(MIGRATIONS_ROOT, provider);

type SchemaEngine = SchemaEngineWasm.SchemaEngine;
type MigrationList = SchemaEngineWasm.MigrationList;
const NO_FILTER: SchemaEngineWasm.SchemaFilter = { externalTables: [], externalEnums: [] };

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Loading the WASM engine from CommonJS
//
// The package is an ES module written for bundlers (`import * as wasm from "./x.wasm"`), which
// neither Node's CommonJS loader nor Jest can load. Its glue file `schema_engine_bg.js` is
// self-contained wasm-bindgen output (top-level `export function` / `export class` only, no
// imports), so we evaluate it as a function body in the current realm (important under Jest:
// the glue's `instanceof Promise/Uint8Array` checks must see the same realm as the adapters),
// then instantiate the .wasm with it as the import object, like the package's own entry does.
// ─────────────────────────────────────────────────────────────────────────────────────────────

type Bindings = typeof SchemaEngineWasm & {
  __wbg_set_wasm(exports: Record<string, unknown>): void;
};

/** The few WebAssembly APIs used here (tsconfig's lib has no DOM/WebAssembly declarations). */
interface WasmApi {
  compile(bytes: Uint8Array): Promise<object>;
  instantiate(
    module: object,
    imports: Record<string, Record<string, unknown>>,
  ): Promise<{ exports: Record<string, unknown> }>;
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let bindingsPromise: Promise<Bindings> | undefined;

export function loadSchemaEngine(): Promise<Bindings> {
  return (bindingsPromise ??= (async () => {
    // The package exports map has no "./package.json": resolve the main entry and take its folder.
    const dir = path.dirname(require.resolve('@prisma/schema-engine-wasm'));
    const glue = fs.readFileSync(path.join(dir, 'schema_engine_bg.js'), 'utf8');
    const names: string[] = [];
    const body = glue.replace(/^export (function|class) ([A-Za-z_$][\w$]*)/gm, (_m, kind: string, name: string) => {
      names.push(name);
      return `${kind} ${name}`;
    });
    if (/^\s*(export|import)\b/m.test(body) || !names.includes('SchemaEngine') || !names.includes('__wbg_set_wasm')) {
      throw new Error(`Unexpected layout of ${path.join(dir, 'schema_engine_bg.js')}: update prisma/migrate.ts`);
    }
    // The engine arms 10 s timers that it does not clear when its work is done (seen after
    // createMigration on PostgreSQL): they would keep a CLI process or a Jest worker alive for
    // 10 s. The glue gets a setTimeout whose timers do not hold the event loop open (pending
    // engine work always has a database connection or the caller's promise behind it).
    const unrefSetTimeout = (fn: () => void, ms: number) => {
      const t = setTimeout(fn, ms);
      t.unref();
      return t;
    };
    const evaluate = new Function('setTimeout', `"use strict";\n${body}\nreturn { ${names.join(', ')} };`) as (
      st: typeof unrefSetTimeout,
    ) => Bindings;
    const bindings = evaluate(unrefSetTimeout);
    const module = await wasmApi.compile(fs.readFileSync(path.join(dir, 'schema_engine_bg.wasm')));
    const instance = await wasmApi.instantiate(module, {
      './schema_engine_bg.js': bindings as unknown as Record<string, unknown>,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports['__wbindgen_start'] as () => void)();
    return bindings;
  })().catch((e: unknown) => {
    bindingsPromise = undefined;
    throw e;
  }));
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Adapters
// ─────────────────────────────────────────────────────────────────────────────────────────────

const PG_CHAR_OID = 18; // PostgreSQL's internal one-byte "char" (pg_class.relkind, pg_constraint.contype, …)
const PG_TEXT_OID = 25;

type PgResultLike = { fields?: Array<{ dataTypeID: number }> };
function charAsText<T>(result: T): T {
  for (const r of (Array.isArray(result) ? result : [result]) as PgResultLike[]) {
    for (const f of r?.fields ?? []) if (f.dataTypeID === PG_CHAR_OID) f.dataTypeID = PG_TEXT_OID;
  }
  return result;
}

/**
 * node-postgres client that reports columns of type "char" as text.
 *
 * The schema engine's PostgreSQL describer selects "char" catalog columns; @prisma/adapter-pg
 * 7.10 has no mapping for OID 18 and fails with "Column type 'char' could not be deserialized
 * from the database" (prisma/orm#27403), which breaks devDiagnostic/createMigration (migrate dev)
 * on a real server. Text format values of "char" are already one-character strings, so reporting
 * them as TEXT is exact. Only the migration runner uses this client; the application does not.
 */
class CharAsTextClient extends pg.Client {
  // pg's query() has a dozen overloads; this override forwards whatever it gets.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const last: unknown = args[args.length - 1];
    if (typeof last === 'function') {
      // Callback style, as used by pg.Pool#query.
      args[args.length - 1] = (err: unknown, result: unknown) =>
        (last as (e: unknown, r: unknown) => void)(err, err ? result : charAsText(result));
    }
    const res: unknown = (super.query as (...a: unknown[]) => unknown).apply(this, args);
    return res instanceof Promise ? res.then(charAsText) : res;
  }
}

/**
 * PostgreSQL adapter for the migration engine: the CharAsTextClient above, and executeScript
 * sending the whole script in one simple-protocol query — as the native engine does; PostgreSQL
 * runs it in one implicit transaction. @prisma/adapter-pg 7.10 splits scripts on every `;`,
 * which breaks dollar-quoted function bodies (the audit-log trigger function).
 */
async function connectMigrationPg(url: string): Promise<SqlDriverAdapter> {
  const config: pg.PoolConfig = {
    connectionString: url,
    max: 2,
    Client: CharAsTextClient as unknown as pg.PoolConfig['Client'],
  };
  const adapter = await new PrismaPg(config).connect();
  const pool = adapter.underlyingDriver();
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (e) {
      // Maps the pg error to a DriverAdapterError, so that the engine reports its message.
      (adapter as unknown as { onError(e: unknown): never }).onError(e);
    }
  };
  return adapter;
}

/**
 * PostgreSQL adapter factory whose shadow database is a fresh database on the same server.
 * (PrismaPg's own connectToShadowDb() keeps the connection string's database when it was built
 * from a URL, because node-postgres lets the URL win over the `database` option.)
 */
function postgresFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  const main = new PrismaPg(url); // for provider/adapterName only
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: () => connectMigrationPg(url),
    async connectToShadowDb(): Promise<SqlDriverAdapter> {
      const name = `prisma_shadow_${process.pid}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
      await adminQuery(url, `CREATE DATABASE "${name}"`);
      const adapter = await connectMigrationPg(withDatabase(url, name));
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await adminQuery(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      };
      return adapter;
    },
  };
}

function sqliteFactory(filename: string): SqlMigrationAwareDriverAdapterFactory {
  // Shadow database: in-memory (the adapter's default for connectToShadowDb).
  return new PrismaBetterSqlite3({ url: filename, timeout: 5000 });
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Migrations folder
// ─────────────────────────────────────────────────────────────────────────────────────────────

export function readMigrations(provider: DbProvider, dir = migrationsDir(provider)): MigrationList {
  const lockPath = path.join(dir, 'migration_lock.toml');
  const entries = fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort()
    : [];
  return {
    baseDir: dir,
    lockfile: {
      path: 'migration_lock.toml',
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: entries.map((name) => {
      const file = path.join(dir, name, 'migration.sql');
      return {
        path: name,
        migrationFile: {
          path: 'migration.sql',
          content: fs.existsSync(file)
            ? { tag: 'ok' as const, value: fs.readFileSync(file, 'utf8') }
            : { tag: 'error' as const, value: `${file} not found` },
        },
      };
    }),
  };
}

const lockfileContent = (provider: DbProvider): string =>
  '# Please do not edit this file manually\n' +
  '# It should be added in your version-control system (e.g., Git)\n' +
  `provider = "${provider}"\n`;

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Engine sessions
// ─────────────────────────────────────────────────────────────────────────────────────────────

async function withEngine<T>(
  provider: DbProvider,
  factory: SqlMigrationAwareDriverAdapterFactory,
  log: MigrateLog | undefined,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadSchemaEngine();
  const schemaPath = provider === 'sqlite' ? SQLITE_SCHEMA_PATH : POSTGRES_SCHEMA_PATH; // labels only: content is derived in memory
  const onLog = (line: unknown) => {
    if (log && process.env['PRISMA_MIGRATE_DEBUG']) log(`[schema-engine] ${String(line)}`);
  };
  // The engine never disposes the adapters it opens (a pg.Pool would keep the process alive and
  // leak connections): track them and dispose them when the session ends.
  const opened: SqlDriverAdapter[] = [];
  const track = async (p: Promise<SqlDriverAdapter>) => {
    const adapter = await p;
    // The engine disposes some adapters itself (shadow databases): make dispose() idempotent.
    const dispose = adapter.dispose.bind(adapter);
    let disposed: Promise<void> | undefined;
    adapter.dispose = () => (disposed ??= dispose());
    // Trap: when replaying the migration history on the shadow database, the engine sends each
    // migration.sql as ONE parameterless executeRaw; better-sqlite3 (like PGlite) refuses to
    // prepare several statements at once. Such scripts go to executeScript instead.
    const executeRaw = adapter.executeRaw.bind(adapter);
    adapter.executeRaw = async (query) => {
      try {
        return await executeRaw(query);
      } catch (e) {
        if (query.args.length === 0 && isMultiStatementError(e)) {
          await adapter.executeScript(query.sql);
          return 0;
        }
        throw e;
      }
    };
    opened.push(adapter);
    return adapter;
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => track(factory.connect()),
    connectToShadowDb: () => track(factory.connectToShadowDb()),
  };
  const engine = await SchemaEngine.new(
    { datamodels: [[schemaPath, schemaFor(provider)]] },
    onLog,
    bindMigrationAwareSqlAdapterFactory(tracked),
  );
  try {
    return await fn(engine);
  } finally {
    engine.free();
    const results = await Promise.allSettled(opened.map((a) => a.dispose()));
    for (const r of results) {
      if (r.status === 'rejected') log?.(`could not dispose a migration connection: ${String(r.reason)}`);
    }
  }
}

function isMultiStatementError(e: unknown): boolean {
  const err = e as { message?: unknown; cause?: unknown } | null;
  let text = String(err?.message ?? '');
  try {
    text += JSON.stringify(err?.cause ?? '');
  } catch {
    // ignore
  }
  return /more than one statement|cannot insert multiple commands into a prepared statement/i.test(text);
}

/** Turns the engine's rejections (plain objects or JSON strings) into Errors with a message. */
function engineError(e: unknown, what: string): Error {
  if (e instanceof Error) return e;
  let detail: string;
  try {
    detail = typeof e === 'string' ? e : JSON.stringify(e);
  } catch {
    detail = String(e);
  }
  return new Error(`${what} failed: ${detail}`);
}

function factoryFor(url: string): { provider: DbProvider; factory: SqlMigrationAwareDriverAdapterFactory } {
  const parsed = parseDatabaseUrl(url);
  if (parsed.provider === 'sqlite') {
    prepareSqliteFile(parsed.filename);
    return { provider: 'sqlite', factory: sqliteFactory(parsed.filename) };
  }
  return { provider: 'postgresql', factory: postgresFactory(parsed.url) };
}

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
  const { startPostgres } = await import('../test/support/postgres');
  const server = await startPostgres();
  try {
    return await createMigration(server.url, name, options);
  } finally {
    await server.stop();
  }
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
