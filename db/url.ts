/**
 * Database URL handling shared by db/index.ts (runtime) and prisma/migrate.ts (migrations).
 *
 *   file:<path>               SQLite (better-sqlite3). Relative paths are resolved against the
 *                             current working directory; `file::memory:` is an in-memory database.
 *   postgresql://… postgres://…   PostgreSQL (node-postgres).
 */
import path from 'node:path';

export type DbProvider = 'sqlite' | 'postgresql';

/** Project root (this file lives in <root>/db, or <root>/dist/db once compiled by `npm run build`). */
export const PROJECT_ROOT = ((dir) => (path.basename(dir) === 'dist' ? path.dirname(dir) : dir))(
  path.resolve(__dirname, '..'),
);

/** Default SQLite file: <project>/data/thidua.db (the `data/` folder is git-ignored). */
export const DEFAULT_SQLITE_PATH = path.join(PROJECT_ROOT, 'data', 'thidua.db');
export const DEFAULT_DATABASE_URL = `file:${DEFAULT_SQLITE_PATH}`;

export type ParsedDatabaseUrl =
  | { provider: 'sqlite'; url: string; /** absolute path, or ':memory:' */ filename: string }
  | { provider: 'postgresql'; url: string };

export function parseDatabaseUrl(url: string): ParsedDatabaseUrl {
  const trimmed = url.trim();
  if (trimmed.startsWith('file:')) {
    // Strip Prisma-style query parameters (e.g. ?connection_limit=1) and a `//` authority.
    let file = trimmed.slice('file:'.length).replace(/\?.*$/, '');
    if (file.startsWith('//')) file = file.slice(2);
    if (file === '') throw new Error(`Invalid SQLite URL (no file name): ${url}`);
    const filename = file === ':memory:' ? ':memory:' : path.resolve(file);
    return { provider: 'sqlite', url: trimmed, filename };
  }
  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    return { provider: 'postgresql', url: trimmed };
  }
  throw new Error(
    `Unsupported database URL scheme: ${redactUrl(url)} (expected file:…, postgresql://… or postgres://…)`,
  );
}

export function providerOf(url: string): DbProvider {
  return parseDatabaseUrl(url).provider;
}

/** The URL with its password replaced by `***`, for logs and error messages. */
export function redactUrl(url: string): string {
  return url.replace(/(\/\/[^:/@]+:)[^@]*@/, '$1***@');
}

/** Returns a copy of a PostgreSQL URL pointing at another database on the same server. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}
