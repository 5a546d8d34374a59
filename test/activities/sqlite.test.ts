/** The activity contract (contract.ts) on a real migrated and seeded SQLite file. */
import type { Db } from '../../db';
import { seededSqlite } from '../support/db';
import { activitiesContract } from './contract';

let db: Db | undefined;
let cleanup: (() => Promise<void>) | undefined;

beforeAll(async () => {
  ({ db, cleanup } = await seededSqlite());
});

afterAll(async () => {
  await cleanup?.();
});

describe('activities on SQLite', () => {
  activitiesContract('sqlite', () => {
    if (!db) throw new Error('SQLite database was not prepared');
    return db;
  });
});
