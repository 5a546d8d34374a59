/**
 * Registry writes (admin endpoints, award revocation, starting a cycle or a Government-flag selection): adapters
 * over the idempotency core (api/idempotency.ts). `transactionalWrite` runs the write in one database transaction
 * with its audit row and its stored answer; `onceWrite` runs a write that is not a transaction (it starts a
 * workflow) and stores the answer after it. Prisma's constraint errors become the API's error envelope
 * (unique → 409, missing row → 404). The Idempotency-Key also becomes the audit row's requestId, so one act is one
 * audit row. Acts on a running cycle are the third adapter (api/updates.ts): their key is the Temporal Update id.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { Prisma } from '../db';
import type { AppDeps, Principal } from './context';
import { HttpError } from './errors';
import {
  answerOnce,
  fingerprint,
  idempotencyKeyOf,
  routeOf,
  setKeyHeaders,
  toJson,
  type Answered,
  type Storage,
} from './idempotency';

export { bodyHash, IDEMPOTENCY_KEY_TTL_MS, idempotencyKeyOf, storedAnswer, toJson } from './idempotency';

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

const send = (res: Response, key: string | undefined, a: Answered<Outcome>) => {
  setKeyHeaders(res, key, a);
  if (a.answer.status === 204) res.status(204).end();
  else res.status(a.answer.status).json(a.answer.body);
};

/** Runs a registry write through the idempotency core and answers the request. */
async function write(
  deps: AppDeps,
  req: Request,
  res: Response,
  principal: Principal,
  storage: Storage,
  run: (requestId: string, store: (client: Tx, out: Outcome) => Promise<void>) => Promise<Outcome>,
  afterCommit?: () => Promise<void>,
): Promise<void> {
  const key = idempotencyKeyOf(req);
  const scope = fingerprint(deps, { route: routeOf(req), principal, body: req.body });
  const requestId = key ?? randomUUID();
  let a: Answered<Outcome>;
  try {
    a = await answerOnce<Outcome>(deps, req, {
      key,
      scope,
      storage,
      twinOnFailure: true,
      run: (store) => run(requestId, store),
    });
  } catch (e) {
    throw fromPrismaError(e);
  }
  if (!a.replayed && afterCommit) await afterCommit();
  send(res, key, a);
}

/**
 * Runs `work` once per Idempotency-Key inside one transaction (the write, its audit row and the
 * stored response commit together) and answers the request.
 * `afterCommit` runs once the transaction committed, before the answer (not for a replayed key); it must not throw.
 */
export async function transactionalWrite(
  deps: AppDeps,
  req: Request,
  res: Response,
  principal: Principal,
  work: (ctx: WriteContext) => Promise<Outcome>,
  afterCommit?: () => Promise<void>,
  /** Prisma's interactive-transaction limits, for a write larger than one record (the import: api/import/). */
  txOptions?: { timeout?: number; maxWait?: number },
): Promise<void> {
  await write(
    deps,
    req,
    res,
    principal,
    { in: 'write' },
    (requestId, store) =>
      deps.db.prisma.$transaction(async (tx) => {
        const audit = async (a: AuditEntry) => {
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
        };
        const result = await work({ tx, principal, requestId, audit });
        // Last, so that a concurrent twin that committed first makes this one roll back (unique key).
        await store(tx, result);
        return result;
      }, txOptions),
    afterCommit,
  );
}

/**
 * For a write that is not a database transaction (it starts a workflow): answered once per
 * Idempotency-Key; the response is stored after `work` succeeds (a busy database is waited out, not reported:
 * the work is done).
 */
export async function onceWrite(
  deps: AppDeps,
  req: Request,
  res: Response,
  principal: Principal,
  work: (requestId: string) => Promise<Outcome>,
): Promise<void> {
  await write(deps, req, res, principal, { in: 'after', budgetMs: 60_000, twin: 'replay', onFailure: 'throw' }, (id) =>
    work(id),
  );
}
