/**
 * The Prisma schema engine as WebAssembly, driven through our driver adapters (better-sqlite3 /
 * node-postgres): loading it, the adapters it migrates through, and one engine session
 * (`withEngine`). Used by prisma/migrate.ts (deploy, status) and prisma/create-migration.ts.
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
import { parseDatabaseUrl, withDatabase, type DbProvider } from '../db/url';
import { POSTGRES_SCHEMA_PATH, SQLITE_SCHEMA_PATH, schemaFor } from './provider-schema';

export type MigrateLog = (message: string) => void;

export type SchemaEngine = SchemaEngineWasm.SchemaEngine;
export type MigrationList = SchemaEngineWasm.MigrationList;
export const NO_FILTER: SchemaEngineWasm.SchemaFilter = { externalTables: [], externalEnums: [] };

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

export async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Engine sessions
// ─────────────────────────────────────────────────────────────────────────────────────────────

export async function withEngine<T>(
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
export function engineError(e: unknown, what: string): Error {
  if (e instanceof Error) return e;
  let detail: string;
  try {
    detail = typeof e === 'string' ? e : JSON.stringify(e);
  } catch {
    detail = String(e);
  }
  return new Error(`${what} failed: ${detail}`);
}

export function factoryFor(url: string): { provider: DbProvider; factory: SqlMigrationAwareDriverAdapterFactory } {
  const parsed = parseDatabaseUrl(url);
  if (parsed.provider === 'sqlite') {
    prepareSqliteFile(parsed.filename);
    return { provider: 'sqlite', factory: sqliteFactory(parsed.filename) };
  }
  return { provider: 'postgresql', factory: postgresFactory(parsed.url) };
}
