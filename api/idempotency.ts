/**
 * The idempotency core of every write (draft-ietf-httpapi-idempotency-key-header): registry writes in one
 * database transaction (api/writes.ts `transactionalWrite`), writes that start a workflow (`onceWrite`) and acts
 * sent as Temporal Updates (api/updates.ts `answerAct`) are thin adapters over `answerOnce`.
 *
 * A client may send `Idempotency-Key: <uuid>`. The first answer is stored in IdempotencyKey under that key with a
 * fingerprint of the request (route, target, caller and an HMAC of the body under a server secret — never a plain
 * hash, and never over secrets: password fields are left out; secret ballots leave the body out altogether). A
 * repeat with the same key and request gets the stored answer again (`idempotent-replayed: true`) and changes
 * nothing; the same key for another request is 422 IDEMPOTENCY_KEY_REUSED. Keys expire after
 * IDEMPOTENCY_KEY_TTL_MS (24 h): an older key is forgotten and the request runs as new. A busy database is retried
 * (db/retry.ts) before the write, then answered 503 BUSY with Retry-After (api/errors.ts); once the write happened
 * its answer is never turned into an error: if it cannot be stored the response says `idempotency-stored: false`.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { withBusyRetry } from '../db/retry';
import type { Prisma, PrismaClient } from '../db';
import type { AppDeps, Principal } from './context';
import { HttpError } from './errors';

const KeySchema = z.uuid();

/** The client's Idempotency-Key (a UUID), if any; 400 when malformed. */
export function idempotencyKeyOf(req: Request): string | undefined {
  const raw = req.header('idempotency-key');
  if (raw === undefined) return undefined;
  const parsed = KeySchema.safeParse(raw.trim());
  if (!parsed.success)
    throw new HttpError(400, 'VALIDATION', 'Idempotency-Key must be a UUID', [
      { path: ['headers', 'idempotency-key'], message: 'must be a UUID' },
    ]);
  return parsed.data;
}

/** JSON with object keys sorted: the same request body always gives the same fingerprint. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** Fields never fingerprinted (nor stored in any form beside a key): passwords and other secrets. */
const SECRET_FIELD = /pass(word|phrase)?|secret|token|api[-_]?key/i;

function withoutSecrets(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutSecrets);
  if (v && typeof v === 'object')
    return Object.fromEntries(
      Object.entries(v)
        .filter(([k]) => !SECRET_FIELD.test(k))
        .map(([k, x]) => [k, withoutSecrets(x)]),
    );
  return v;
}

const derivedKeys = new WeakMap<object, Buffer>();
/**
 * The server secret of the fingerprints: IDEMPOTENCY_SECRET, else derived from JWT_SECRET (both stable
 * across restarts and processes); without either (development) a random one per process.
 */
export function fingerprintKey(config: AppDeps['config']): Buffer {
  let key = derivedKeys.get(config);
  if (!key) {
    key = config.IDEMPOTENCY_SECRET
      ? Buffer.from(config.IDEMPOTENCY_SECRET, 'utf8')
      : config.JWT_SECRET
        ? createHmac('sha256', config.JWT_SECRET).update('thidua idempotency fingerprint v1').digest()
        : randomBytes(32);
    derivedKeys.set(config, key);
  }
  return key;
}

/**
 * HMAC-SHA256 (server secret) of the canonical JSON of a request body without its secret fields: part
 * of an Idempotency-Key's fingerprint. Keyed so that a stored fingerprint cannot be checked against
 * guesses of the body offline.
 */
export const bodyHash = (deps: Pick<AppDeps, 'config'>, body: unknown): string =>
  createHmac('sha256', fingerprintKey(deps.config))
    .update(canonical(withoutSecrets(body ?? null)))
    .digest('hex');

/**
 * What a key stands for: the route with its target, the caller and (unless `secret`: a ballot, of which nothing
 * derived from the body is stored) the HMAC of the body.
 */
export const fingerprint = (
  deps: Pick<AppDeps, 'config'>,
  f: { route: string; principal: Principal; body: unknown; secret?: boolean },
): string => `${f.route} person:${f.principal.personId}${f.secret ? '' : ` body:${bodyHash(deps, f.body)}`}`;

/** The route part of a fingerprint for an Express request: method, path template and its parameters. */
export const routeOf = (req: Request): string =>
  `${req.method} ${req.baseUrl}${req.route?.path ?? req.path} ${canonical(req.params)}`;

/** How long an Idempotency-Key is remembered. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3600_000;
const lastPurge = new WeakMap<object, number>();

/** Deletes expired keys, at most once a minute per database client (the createdAt index makes it cheap). */
async function purgeExpiredKeys(prisma: PrismaClient): Promise<void> {
  const now = Date.now();
  if (now - (lastPurge.get(prisma) ?? 0) < 60_000) return;
  lastPurge.set(prisma, now);
  const expired = { createdAt: { lt: new Date(now - IDEMPOTENCY_KEY_TTL_MS) } };
  // Read first: on SQLite a DELETE takes the write lock even when nothing matches.
  if ((await prisma.idempotencyKey.count({ where: expired })) > 0)
    await prisma.idempotencyKey.deleteMany({ where: expired });
}

/** Plain JSON for Prisma Json columns (dates become strings, undefined is dropped). */
export const toJson = (v: unknown): Prisma.InputJsonValue =>
  JSON.parse(JSON.stringify(v ?? null)) as Prisma.InputJsonValue;

const reused = () =>
  new HttpError(422, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used for a different request');

/** The answer stored under this key for the same request (scope), if any; 422 when the key was used for another request. */
export async function storedAnswer<T = unknown>(
  prisma: PrismaClient,
  key: string,
  scope: string,
): Promise<T | undefined> {
  await purgeExpiredKeys(prisma);
  const seen = await prisma.idempotencyKey.findUnique({ where: { key } });
  if (!seen) return undefined;
  if (seen.createdAt.getTime() < Date.now() - IDEMPOTENCY_KEY_TTL_MS) {
    // Expired: forgotten, so the request runs as a new one.
    await prisma.idempotencyKey.deleteMany({ where: { key, createdAt: seen.createdAt } });
    return undefined;
  }
  if (seen.scope !== scope) throw reused();
  return (seen.response ?? undefined) as T | undefined;
}

/** Where the first answer is stored. */
export type Storage =
  /** By the write itself, in its own transaction (`store(tx, answer)` last): a twin that committed first rolls it back. */
  | { in: 'write' }
  /**
   * After the write (a workflow started, an Update applied). `twin`: a concurrent twin stored first — `replay` its
   * answer, or answer `own` (the same outcome, from Temporal). `onFailure`: the row cannot be written — `throw`, or
   * answer anyway with `idempotency-stored: false` (`unstored`).
   */
  | { in: 'after'; budgetMs?: number; twin: 'replay' | 'own'; onFailure: 'throw' | 'unstored' };

export interface Once<T> {
  /** The client's key: the answer is stored under it. Undefined: the write runs and nothing is stored. */
  key: string | undefined;
  scope: string;
  storage: Storage;
  /** On a failed write, a twin that answered first is replayed (registry writes: the loser of a race rolled back). */
  twinOnFailure?: boolean;
  /** `store` writes the answer's row with the given client (only for storage `in: 'write'`). */
  run: (store: (client: Pick<PrismaClient, 'idempotencyKey'>, answer: T) => Promise<void>) => Promise<T>;
}

export interface Answered<T> {
  answer: T;
  replayed: boolean;
  stored: boolean;
}

/** One write, answered once per Idempotency-Key: replay, run, store (see the head of this file). */
export async function answerOnce<T>(deps: AppDeps, req: Request, once: Once<T>): Promise<Answered<T>> {
  const { prisma } = deps.db;
  const { key, scope, storage } = once;
  // Before the write a busy database is retried, then 503 (nothing was done: the truth).
  const earlier = key ? await withBusyRetry(() => storedAnswer<T>(prisma, key, scope)) : undefined;
  if (earlier !== undefined) return { answer: earlier, replayed: true, stored: true };
  const store = async (client: Pick<PrismaClient, 'idempotencyKey'>, answer: T) => {
    if (key) await client.idempotencyKey.create({ data: { key, scope, response: toJson(answer) } });
  };
  let answer: T;
  try {
    answer = await once.run(storage.in === 'write' ? store : async () => {});
  } catch (e) {
    // A twin request with the same key won the race: answer what it answered.
    const twin = key && once.twinOnFailure ? await storedAnswer<T>(prisma, key, scope) : undefined;
    if (twin !== undefined) return { answer: twin, replayed: true, stored: true };
    throw e;
  }
  if (!key || storage.in === 'write') return { answer, replayed: false, stored: true };
  try {
    // One INSERT (it waits for SQLite's write lock under busy_timeout; an upsert reads first and then fails at once
    // with SQLITE_BUSY_SNAPSHOT when another process wrote meanwhile). A concurrent twin may have stored first.
    const twin = await withBusyRetry(
      async () => {
        try {
          await store(prisma, answer);
          return undefined;
        } catch (e) {
          if ((e as { code?: string }).code !== 'P2002') throw e;
          return prisma.idempotencyKey.findUniqueOrThrow({ where: { key }, select: { scope: true, response: true } });
        }
      },
      { budgetMs: storage.budgetMs },
    );
    if (twin && twin.scope !== scope) throw reused();
    if (twin && storage.twin === 'replay') return { answer: twin.response as T, replayed: true, stored: true };
    return { answer, replayed: false, stored: true };
  } catch (e) {
    if (e instanceof HttpError || storage.onFailure === 'throw') throw e;
    // Never a false error (issue 11): the write happened; a repeat still gets its outcome from Temporal
    // (the Update id is the key), only without the replay header.
    req.log?.warn({ err: e }, 'idempotency answer not stored');
    return { answer, replayed: false, stored: false };
  }
}

/** Answer headers: the key (when the client chose one, or always with `always`) and whether it was replayed/stored. */
export function setKeyHeaders(res: Response, key: string | undefined, a: Answered<unknown>, always = true): void {
  if (!key) return;
  if (a.replayed) res.set({ 'idempotency-key': key, 'idempotent-replayed': 'true' });
  else if (!a.stored) res.set({ 'idempotency-key': key, 'idempotency-stored': 'false' });
  else if (always) res.set({ 'idempotency-key': key });
}
