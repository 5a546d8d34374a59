/**
 * Registry writes (admin endpoints, award revocation, starting a cycle): once per Idempotency-Key,
 * in one database transaction with their audit row, and with Prisma's constraint errors turned
 * into the API's error envelope (unique → 409, missing row → 404).
 *
 * Idempotency (draft-ietf-httpapi-idempotency-key-header): a client may send `Idempotency-Key: <uuid>`.
 * The first successful response is stored in IdempotencyKey under that key together with a
 * fingerprint of the request (method, route, caller, and an HMAC of the body under a server secret —
 * never a plain hash, and never over secrets: password fields are left out). A repeat with the same key and the same
 * request gets the stored response again (status and body) and changes nothing; the same key with a
 * different request is refused (422). Failed requests are not stored: their transaction is rolled
 * back, so a retry runs again and meets the same refusal. The key also becomes the audit row's
 * requestId, so one act is one audit row. Acts on a running cycle do not come here: their key is the
 * Temporal Update id (api/routes/acts.ts). Keys expire after IDEMPOTENCY_KEY_TTL_MS (24 h): an
 * older key is forgotten (deleted) and the request runs as new.
 */
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { withBusyRetry } from '../db/retry';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { Prisma } from '../db';
import type { PrismaClient } from '../db';
import type { AppDeps, Principal } from './context';
import { HttpError } from './errors';

export type Tx = Prisma.TransactionClient;

export interface Outcome {
  status: number;
  body: unknown;
}

export interface AuditEntry {
  action: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  workflowId?: string;
}

export interface WriteContext {
  tx: Tx;
  principal: Principal;
  /** The Idempotency-Key, or a fresh uuid when the client sent none. */
  requestId: string;
  audit(entry: AuditEntry): Promise<void>;
}

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
function canonical(v: unknown): string {
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

function fingerprint(deps: AppDeps, req: Request, principal: Principal): string {
  const route = `${req.method} ${req.baseUrl}${req.route?.path ?? req.path}`;
  return `${route} ${canonical(req.params)} person:${principal.personId} body:${bodyHash(deps, req.body)}`;
}

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

const uniqueFieldsOf = (e: Prisma.PrismaClientKnownRequestError): string[] => {
  const meta = e.meta as
    | { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: unknown; index?: unknown } } } }
    | undefined;
  const constraint = meta?.driverAdapterError?.cause?.constraint;
  const fields = constraint?.fields ?? meta?.target;
  if (Array.isArray(fields)) return fields.map(String);
  // PostgreSQL names only the index, e.g. "Unit_code_key" (Prisma's <Model>_<fields>_key).
  const index =
    typeof constraint?.index === 'string' ? constraint.index : typeof fields === 'string' ? fields : undefined;
  const named = index ? /^[A-Za-z0-9]+_(.+)_key$/.exec(index) : null;
  return named ? named[1]!.split('_') : typeof fields === 'string' ? [fields] : [];
};

/** Prisma's known errors as HTTP errors: unique → 409, missing row → 404, broken reference → 409. */
export function fromPrismaError(e: unknown): unknown {
  if (!(e instanceof Prisma.PrismaClientKnownRequestError)) return e;
  const model = (e.meta as { modelName?: string } | undefined)?.modelName ?? 'record';
  switch (e.code) {
    case 'P2002': {
      const fields = uniqueFieldsOf(e);
      return new HttpError(
        409,
        'CONFLICT',
        `a ${model} with the same ${fields.join(', ') || 'key'} already exists`,
        fields.map((f) => ({ path: [f], message: 'already taken' })),
      );
    }
    case 'P2025':
      return new HttpError(404, 'NOT_FOUND', `no such ${model}`);
    case 'P2003':
    case 'P2014':
      return new HttpError(409, 'CONFLICT', `the ${model} is still referenced by other records`);
    default:
      return e;
  }
}

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
  if (seen.scope !== scope)
    throw new HttpError(422, 'IDEMPOTENCY_KEY_REUSED', 'this Idempotency-Key was already used for a different request');
  return (seen.response ?? undefined) as T | undefined;
}

const send = (res: Response, key: string | undefined, out: Outcome, replayed: boolean) => {
  if (key) res.set({ 'idempotency-key': key, ...(replayed ? { 'idempotent-replayed': 'true' } : {}) });
  if (out.status === 204) res.status(204).end();
  else res.status(out.status).json(out.body);
};

/** The request's key and fingerprint; answers from the store (replayed) when this key was answered before. */
async function earlierOutcome(
  deps: AppDeps,
  req: Request,
  res: Response,
  principal: Principal,
): Promise<{ key: string | undefined; scope: string; replayed: boolean }> {
  const key = idempotencyKeyOf(req);
  const scope = fingerprint(deps, req, principal);
  const seen = key ? await withBusyRetry(() => storedAnswer<Outcome>(deps.db.prisma, key, scope)) : undefined;
  if (seen) send(res, key, seen, true);
  return { key, scope, replayed: seen !== undefined };
}

/**
 * Runs `work` once per Idempotency-Key inside one transaction (the write, its audit row and the
 * stored response commit together) and answers the request.
 */
/** `afterCommit` runs once the transaction committed, before the answer (not for a replayed key); it must not throw. */
export async function transactionalWrite(
  deps: AppDeps,
  req: Request,
  res: Response,
  principal: Principal,
  work: (ctx: WriteContext) => Promise<Outcome>,
  afterCommit?: () => Promise<void>,
): Promise<void> {
  const { prisma } = deps.db;
  const { key, scope, replayed } = await earlierOutcome(deps, req, res, principal);
  if (replayed) return;
  const requestId = key ?? randomUUID();
  let out: Outcome;
  try {
    out = await prisma.$transaction(async (tx) => {
      const ctx: WriteContext = {
        tx,
        principal,
        requestId,
        audit: async (a) => {
          await tx.auditLog.create({
            data: {
              action: a.action,
              entity: a.entity,
              entityId: a.entityId,
              actorPersonId: principal.personId,
              actorRole: principal.roles.join(','),
              before: a.before === undefined ? undefined : toJson(a.before),
              after: a.after === undefined ? undefined : toJson(a.after),
              workflowId: a.workflowId ?? null,
              requestId,
            },
          });
        },
      };
      const result = await work(ctx);
      // Last, so that a concurrent twin that committed first makes this one roll back (unique key).
      if (key) await tx.idempotencyKey.create({ data: { key, scope, response: toJson(result) } });
      return result;
    });
  } catch (e) {
    // A twin request with the same key won the race: answer what it answered.
    const seen = key ? await storedAnswer<Outcome>(prisma, key, scope) : undefined;
    if (seen) return send(res, key, seen, true);
    throw fromPrismaError(e);
  }
  if (afterCommit) await afterCommit();
  send(res, key, out, false);
}

/**
 * For a write that is not a database transaction (it starts a workflow): answered once per
 * Idempotency-Key; the response is stored after `work` succeeds.
 */
export async function onceWrite(
  deps: AppDeps,
  req: Request,
  res: Response,
  principal: Principal,
  work: (requestId: string) => Promise<Outcome>,
): Promise<void> {
  const { prisma } = deps.db;
  const { key, scope, replayed } = await earlierOutcome(deps, req, res, principal);
  if (replayed) return;
  let out: Outcome;
  try {
    out = await work(key ?? randomUUID());
  } catch (e) {
    const seen = key ? await storedAnswer<Outcome>(prisma, key, scope) : undefined;
    if (seen) return send(res, key, seen, true);
    throw fromPrismaError(e);
  }
  if (key) {
    try {
      // The work is done (a workflow started): a busy database is waited out, not reported.
      await withBusyRetry(() => prisma.idempotencyKey.create({ data: { key, scope, response: toJson(out) } }), {
        budgetMs: 60_000,
      });
    } catch (e) {
      const seen = await storedAnswer<Outcome>(prisma, key, scope);
      if (seen) return send(res, key, seen, true);
      throw e;
    }
  }
  send(res, key, out, false);
}
