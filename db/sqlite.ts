import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/**
 * Prepares a SQLite database file: creates its directory and switches it to WAL journal mode
 * (persistent in the file, so readers do not block the writer). No-op for ':memory:'.
 * Kept apart from db/index.ts so that the migration runner does not load the generated clients.
 */
export function prepareSqliteFile(filename: string, busyTimeoutMs = 5000): void {
  if (filename === ':memory:') return;
  fs.mkdirSync(path.dirname(filename), { recursive: true });
  const conn = new Database(filename, { timeout: busyTimeoutMs });
  try {
    conn.pragma('journal_mode = WAL');
  } finally {
    conn.close();
  }
}
