/**
 * Assertions shared by the tests of registry writes (api/writes.ts: admin endpoints, award
 * revocation): the error envelope, who may call, Idempotency-Key replay and the one audit row.
 *
 *   expectError(res, 400, 'VALIDATION', ['code']);
 *   await expectGuarded(sys, 'POST', '/api/admin/units', ['ct.ca', 'ct.tk']);
 *   const { body, audit } = await expectIdempotentWrite(sys, 'POST', '/api/admin/units', { as: 'admin', body, otherBody }, 201);
 */
import { randomUUID } from 'node:crypto';
import type { AuditLog } from '../../db';
import type { CallResult, System } from './system';

type Path = (string | number)[];

/** Status first, with the body in the failure message (the status alone says little). */
export function expectStatus(res: CallResult, status: number): void {
  expect({ status: res.status, body: res.body }).toMatchObject({ status });
}

/** An error envelope with this status, code and (if given) an issue at exactly this path. */
export function expectError(res: CallResult, status: number, code?: string, path?: Path): void {
  expectStatus(res, status);
  const error = (res.body as { error?: { status: number; code: string; issues?: { path: Path }[] } }).error;
  expect(error).toBeDefined();
  expect(error!.status).toBe(status);
  if (code) expect(error!.code).toBe(code);
  if (path) expect((error!.issues ?? []).map((i) => i.path)).toContainEqual(path);
}

/** Anonymous → 401; each of `others` (seeded usernames without the right role) → 403. The body is valid or not: the door comes first. */
export async function expectGuarded(
  sys: System,
  method: string,
  path: string,
  others: readonly string[],
  body?: unknown,
): Promise<void> {
  const key = randomUUID();
  expectError(await sys.call(method, path, { body, key }), 401, 'UNAUTHENTICATED');
  for (const as of others) expectError(await sys.call(method, path, { as, body, key: randomUUID() }), 403, 'FORBIDDEN');
  // Refused calls leave no trace: neither a stored response nor an audit row.
  expect(await sys.db.prisma.idempotencyKey.count({ where: { key } })).toBe(0);
}

export const auditRowsOf = (sys: System, requestId: string): Promise<AuditLog[]> =>
  sys.db.prisma.auditLog.findMany({ where: { requestId }, orderBy: { id: 'asc' } });

export const personIdOf = async (sys: System, username: string): Promise<string> =>
  (await sys.db.prisma.person.findUniqueOrThrow({ where: { username }, select: { id: true } })).id;

/**
 * One write sent twice with the same Idempotency-Key: both answers are the same (the second is a
 * replay) and exactly one audit row carries the key as requestId; then the same key with
 * `otherBody` is refused with 422 and writes nothing. Returns the answer and its audit row.
 */
export async function expectIdempotentWrite<T = any>( // eslint-disable-line @typescript-eslint/no-explicit-any
  sys: System,
  method: string,
  path: string,
  opts: { as: string; body?: unknown; otherBody?: unknown },
  status: number,
): Promise<{ body: T; key: string; audit: AuditLog }> {
  const key = randomUUID();
  const first = await sys.call<T>(method, path, { as: opts.as, body: opts.body, key });
  expectStatus(first, status);
  expect(first.headers.get('idempotent-replayed')).toBeNull();
  const again = await sys.call<T>(method, path, { as: opts.as, body: opts.body, key });
  expectStatus(again, status);
  expect(again.body).toEqual(first.body);
  expect(again.headers.get('idempotent-replayed')).toBe('true');
  const rows = await auditRowsOf(sys, key);
  expect(rows).toHaveLength(1);
  if (opts.otherBody !== undefined) {
    expectError(
      await sys.call(method, path, { as: opts.as, body: opts.otherBody, key }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect(await auditRowsOf(sys, key)).toHaveLength(1);
  }
  expect(rows[0]!.actorPersonId).toBe(await personIdOf(sys, opts.as));
  return { body: first.body, key, audit: rows[0]! };
}
