/**
 * Persistence on SQLite (the embedded default): a real database file in a temp dir.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createMigration } from '../../prisma/create-migration';
import { copyMigrations, databaseContract } from './contract';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-db-sqlite-'));
const file = path.join(dir, 'nested', 'thidua.db');

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('SQLite', () => {
  databaseContract('sqlite', () => `file:${file}`);

  test('the database file is in WAL mode', () => {
    const conn = new Database(file, { readonly: true });
    try {
      expect(conn.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      conn.close();
    }
  });

  test('the append-only triggers abort with their own message (driver level)', () => {
    const conn = new Database(file);
    try {
      conn.prepare(`INSERT INTO "AuditLog" ("action", "entity", "entityId") VALUES ('driver', 'Unit', 'z')`).run();
      expect(() => conn.prepare(`UPDATE "AuditLog" SET "action" = 'x'`).run()).toThrow('audit log is append-only');
      expect(() => conn.prepare('DELETE FROM "AuditLog"').run()).toThrow('audit log is append-only');
      expect(conn.prepare(`SELECT count(*) AS n FROM "AuditLog" WHERE "action" = 'x'`).get()).toEqual({ n: 0 });
    } finally {
      conn.close();
    }
  });

  test('prisma/schema.prisma and prisma/migrations/sqlite are in sync (no pending schema change)', async () => {
    const copy = copyMigrations('sqlite');
    try {
      const result = await createMigration('file::memory:', 'sync_check', { dir: copy.dir });
      expect(result.migrationName).toBeNull();
    } finally {
      copy.cleanup();
    }
  });
});
