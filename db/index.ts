/**
 * Database access: one Prisma client API over SQLite (default, single-node) or PostgreSQL.
 *
 *   const db = createDb(process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL);
 *   await db.prisma.unit.findMany();
 *   await db.close();
 *
 * Apply migrations first: `await migrateDatabase(url)` from prisma/migrate.ts.
 */
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqlitePrismaClient } from '../generated/prisma-sqlite/client';
import { PrismaClient as PostgresPrismaClient } from '../generated/prisma-postgres/client';
import { prepareSqliteFile } from './sqlite';
import { parseDatabaseUrl, type DbProvider } from './url';

export { DEFAULT_DATABASE_URL, DEFAULT_SQLITE_PATH, parseDatabaseUrl, providerOf, redactUrl } from './url';
export type { DbProvider } from './url';
export { prepareSqliteFile } from './sqlite';

/**
 * The Prisma client type used everywhere in the application.
 *
 * Both generated clients (generated/prisma-sqlite, generated/prisma-postgres) come from the same
 * schema and therefore expose the same model API; they differ only in the provider baked into
 * the generated runtime config (the query compiler and the adapter check). We take the SQLite
 * client's type as THE type and cast the PostgreSQL client to it in createDb(). The SQLite API is
 * the portable subset: the PostgreSQL-only options (`mode: 'insensitive'`, `skipDuplicates`,
 * weaker isolation levels) do not type-check, so code written against `Db` runs on both.
 */
export type PrismaClient = SqlitePrismaClient;
/** Model types and the `Prisma` namespace (input types, `Prisma.JsonValue`, errors, …). */
export { Prisma } from '../generated/prisma-sqlite/client';
export type {
  Province,
  Bloc,
  Unit,
  BlocMembership,
  Person,
  RoleAssignment,
  Council,
  CouncilMember,
  RuleSet,
  Cycle,
  Task,
  Submission,
  ScoreEntry,
  EvidenceFile,
  ScoreSummary,
  VotingRound,
  VoterRecord,
  Ballot,
  Proposal,
  AwardDecision,
  UnitHold,
  Handover,
  Notification,
  NotificationDelivery,
  AuditLog,
  DocumentCounter,
  RegisterCounter,
  IssuedDecision,
  IdempotencyKey,
} from '../generated/prisma-sqlite/client';

export interface Db {
  readonly prisma: PrismaClient;
  readonly provider: DbProvider;
  /** Disconnects the client (and closes the pool / SQLite handle). Idempotent. */
  close(): Promise<void>;
}

export interface CreateDbOptions {
  /** SQLite busy timeout in ms (default 5000). */
  sqliteBusyTimeoutMs?: number;
  /** Max PostgreSQL pool size (default: node-postgres default, 10). */
  postgresPoolMax?: number;
  /** Prisma log levels, e.g. ['warn', 'error']. */
  log?: Array<'query' | 'info' | 'warn' | 'error'>;
}

export function createDb(databaseUrl: string, options: CreateDbOptions = {}): Db {
  const parsed = parseDatabaseUrl(databaseUrl);
  const log = options.log ?? ['warn', 'error'];
  let prisma: PrismaClient;

  if (parsed.provider === 'sqlite') {
    const timeout = options.sqliteBusyTimeoutMs ?? 5000;
    prepareSqliteFile(parsed.filename, timeout);
    // better-sqlite3's `timeout` option is SQLite's busy_timeout. Foreign keys are enforced:
    // better-sqlite3 is compiled with SQLITE_DEFAULT_FOREIGN_KEYS=1.
    const adapter = new PrismaBetterSqlite3({ url: parsed.filename, timeout });
    prisma = new SqlitePrismaClient({ adapter, log });
    // WAL (set on the file by prepareSqliteFile) + synchronous=NORMAL: a commit fsyncs at the
    // checkpoint, not every time — durable across process crashes (the worker SIGKILLed), a power
    // cut may lose the last commits but never corrupts the file. Cuts an act's write to ~1 ms.
    if (parsed.filename !== ':memory:')
      void prisma.$executeRawUnsafe('PRAGMA synchronous = NORMAL').catch(() => undefined);
  } else {
    const adapter = new PrismaPg({
      connectionString: parsed.url,
      ...(options.postgresPoolMax !== undefined ? { max: options.postgresPoolMax } : {}),
    });
    // Same model API (same schema); see the comment on `PrismaClient` above.
    prisma = new PostgresPrismaClient({ adapter, log }) as unknown as PrismaClient;
  }

  let closed: Promise<void> | undefined;
  return {
    prisma,
    provider: parsed.provider,
    close: () => (closed ??= prisma.$disconnect()),
  };
}
