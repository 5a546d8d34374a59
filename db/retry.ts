/**
 * Retries a database operation that failed only because the database was busy (issue 11):
 * SQLite's SQLITE_BUSY / SQLITE_BUSY_SNAPSHOT ("database is locked"; the busy timeout does not
 * cover a deferred transaction that read before it wrote), Prisma's P1008 (operation timed out),
 * P2034 (write conflict or deadlock: PostgreSQL 40001 / 40P01) and P2028 (could not start the
 * transaction in time). Anything else is thrown at once. The operation must be safe to repeat:
 * a whole transaction, or an idempotent write.
 */
export const BUSY_CODES = new Set(['P1008', 'P2034', 'P2028']);
const BUSY_TEXT =
  /SQLITE_BUSY|database is locked|database table is locked|deadlock detected|could not serialize|Operation has timed out|Unable to start a transaction/i;

export function isBusyError(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const err = e as { code?: unknown; message?: unknown; cause?: unknown; meta?: unknown };
  if (
    typeof err.code === 'string' &&
    (BUSY_CODES.has(err.code) || err.code.startsWith('SQLITE_BUSY') || err.code === '40001' || err.code === '40P01')
  )
    return true;
  if (typeof err.message === 'string' && BUSY_TEXT.test(err.message)) return true;
  try {
    if (err.meta && BUSY_TEXT.test(JSON.stringify(err.meta))) return true;
  } catch {
    // unserialisable meta: not a busy error we can tell
  }
  return err.cause !== undefined && err.cause !== e && isBusyError(err.cause);
}

export interface RetryOptions {
  /** Total time budget in ms (default 15 s); after it the last error is thrown. */
  budgetMs?: number;
  /** First pause in ms, doubled up to 500 ms, with jitter (default 10). */
  firstDelayMs?: number;
  /**
   * Also retry a unique-key violation (P2002). Only for operations whose writes are upserts or
   * create-if-absent: on PostgreSQL two upserts of a row that does not exist yet can both try the
   * insert, and the loser fails with P2002; repeated, it finds the row and updates it (Prisma's
   * advice for concurrent upserts).
   */
  retryUniqueRace?: boolean;
}

/** A unique-key violation, as Prisma reports it (P2002) or as the driver does (PostgreSQL 23505). */
export function isUniqueViolation(e: unknown): boolean {
  if (!e || typeof e !== 'object') return false;
  const err = e as { code?: unknown; cause?: unknown };
  if (err.code === 'P2002' || err.code === '23505') return true;
  return err.cause !== undefined && err.cause !== e && isUniqueViolation(err.cause);
}

export async function withBusyRetry<T>(
  op: () => Promise<T>,
  { budgetMs = 15_000, firstDelayMs = 10, retryUniqueRace = false }: RetryOptions = {},
): Promise<T> {
  const retryable = (e: unknown) => isBusyError(e) || (retryUniqueRace && isUniqueViolation(e));
  const deadline = Date.now() + budgetMs;
  let delay = firstDelayMs;
  for (;;) {
    try {
      return await op();
    } catch (e) {
      if (!retryable(e) || Date.now() + delay > deadline) throw e;
      await new Promise((r) => setTimeout(r, delay * (0.5 + Math.random())));
      delay = Math.min(delay * 2, 500);
    }
  }
}

/** A client that can run an interactive transaction (the app's Prisma client). */
interface TxCapable<Tx> {
  $transaction<T>(fn: (tx: Tx) => Promise<T>, options?: { maxWait?: number; timeout?: number }): Promise<T>;
}

/**
 * A write transaction, retried whole while the database is busy. On SQLite its first statement
 * is a write, so the transaction holds the write lock from the start: a writer that must wait
 * waits under busy_timeout instead of failing with SQLITE_BUSY_SNAPSHOT when it upgrades a stale
 * read snapshot (Prisma opens transactions with a deferred BEGIN).
 */
export function writeTransaction<Tx extends { $executeRawUnsafe(sql: string): Promise<number> }, T>(
  db: { prisma: TxCapable<Tx>; provider: string },
  fn: (tx: Tx) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  return withBusyRetry(
    () =>
      db.prisma.$transaction(
        async (tx) => {
          if (db.provider === 'sqlite') await tx.$executeRawUnsafe('UPDATE "IdempotencyKey" SET "key" = "key" WHERE 0');
          return fn(tx);
        },
        { maxWait: 10_000, timeout: 20_000 },
      ),
    options,
  );
}
