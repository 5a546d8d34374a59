import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Db } from '../../db';
import { migrateDatabase } from '../../prisma/migrate';
import { seedDatabase } from '../../prisma/seed';

export const TEST_PASSWORD = 'thidua-test-pw';

/** A migrated and seeded SQLite database in a temporary folder (a real file, WAL mode). */
export async function seededSqlite(): Promise<{ url: string; db: Db; cleanup: () => Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-'));
  const url = `file:${path.join(dir, 'test.db')}`;
  await migrateDatabase(url);
  const db = createDb(url);
  await seedDatabase(db, { demoPassword: TEST_PASSWORD });
  return {
    url,
    db,
    cleanup: async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
