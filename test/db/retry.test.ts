/**
 * db/retry.ts: which failures are retried. A busy database always; a unique-key violation only when
 * the caller says its writes are upserts (two upserts of a new row racing on PostgreSQL), never
 * otherwise — a real duplicate must still reach the caller as 409.
 */
import { isBusyError, isUniqueViolation, withBusyRetry } from '../../db/retry';

const prismaError = (code: string) => Object.assign(new Error(`prisma ${code}`), { code });

test.each([
  ['Prisma P2034 (write conflict)', prismaError('P2034'), true],
  ['PostgreSQL 40001 in the cause', Object.assign(new Error('x'), { cause: prismaError('40001') }), true],
  ['SQLite busy text', new Error('SQLITE_BUSY: database is locked'), true],
  ['unique violation', prismaError('P2002'), false],
  ['plain error', new Error('boom'), false],
])('isBusyError: %s', (_name, error, busy) => {
  expect(isBusyError(error)).toBe(busy);
});

test.each([
  ['Prisma P2002', prismaError('P2002'), true],
  ['PostgreSQL 23505 in the cause', Object.assign(new Error('x'), { cause: prismaError('23505') }), true],
  ['foreign key P2003', prismaError('P2003'), false],
])('isUniqueViolation: %s', (_name, error, unique) => {
  expect(isUniqueViolation(error)).toBe(unique);
});

/** An operation that fails with `error` on its first `failures` calls, then answers 'done'. */
const failingThen = (error: Error, failures: number) => {
  let calls = 0;
  const op = async () => {
    calls++;
    if (calls <= failures) throw error;
    return 'done';
  };
  return { op, calls: () => calls };
};

test('a busy database is retried until it answers', async () => {
  const f = failingThen(prismaError('P2034'), 3);
  await expect(withBusyRetry(f.op, { firstDelayMs: 1 })).resolves.toBe('done');
  expect(f.calls()).toBe(4);
});

test('a lost upsert race is retried only when the caller says its writes are upserts', async () => {
  const raced = failingThen(prismaError('P2002'), 1);
  await expect(withBusyRetry(raced.op, { firstDelayMs: 1, retryUniqueRace: true })).resolves.toBe('done');
  expect(raced.calls()).toBe(2);

  const duplicate = failingThen(prismaError('P2002'), 1);
  await expect(withBusyRetry(duplicate.op, { firstDelayMs: 1 })).rejects.toMatchObject({ code: 'P2002' });
  expect(duplicate.calls()).toBe(1);
});

test('the budget bounds the retries: the last error reaches the caller', async () => {
  const f = failingThen(prismaError('P2034'), Number.POSITIVE_INFINITY);
  await expect(withBusyRetry(f.op, { budgetMs: 30, firstDelayMs: 5 })).rejects.toMatchObject({ code: 'P2034' });
  expect(f.calls()).toBeGreaterThan(1);
});
