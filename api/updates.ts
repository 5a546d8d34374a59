/**
 * Acts sent to a running workflow as Temporal Updates (api/routes/acts.ts for the cycle and its council,
 * api/routes/government-flag/acts.ts for the Government-flag selection; both through api/act-route.ts): their HTTP
 * body and answer, the bound on how long the API waits for a worker, and `answerAct` — the act's adapter over the idempotency core
 * (api/idempotency.ts). The Update id is the request id, so Temporal itself answers a repeat exactly once.
 */
import { randomUUID } from 'node:crypto';
import type { Request, Response } from 'express';
import { z } from 'zod';
import { WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import type { ActResult } from '../workflows/messages';
import type { AppDeps, Principal } from './context';
import { HttpError } from './errors';
import { answerOnce, fingerprint, setKeyHeaders } from './idempotency';

const ENVELOPE_KEYS = ['requestId', 'actor'];
/** The HTTP body of an act: its contract without the envelope the API fills in, with the rules its JSON Schema states (`.meta`). */
export const bodyShapeOf = (schema: z.ZodObject<z.ZodRawShape>) =>
  z
    .object(Object.fromEntries(Object.entries(schema.shape).filter(([k]) => !ENVELOPE_KEYS.includes(k))))
    .meta(schema.meta() ?? {});

export const ActResultSchema = z.object({
  ok: z.literal(true),
  message: z.string(),
  data: z.record(z.string(), z.unknown()).optional(),
  requestId: z.string(),
});

export const requestIdOf = (req: Request): string => {
  const key =
    req.header('idempotency-key') ?? (typeof req.body?.requestId === 'string' ? req.body.requestId : undefined);
  return key ?? randomUUID();
};

/** How long an act waits for the workflow's answer before the API gives up with 503 (AppDeps.actTimeoutMs overrides). */
export const DEFAULT_ACT_TIMEOUT_MS = 20_000;

/**
 * An Update needs a worker: the validator and the handler run there. With no worker polling
 * (all down, restarting) the call would wait forever, so it is bounded: after the deadline the
 * API answers 503 with `Retry-After` and the request id in `Idempotency-Key`. The outcome is then
 * UNKNOWN, not "refused": an Update the server admitted is held in its memory and applied when a
 * worker returns (lost only if the Temporal server restarts first); one already accepted is in
 * history and completes. A retry with the SAME key is answered exactly once — the update id is the
 * request id, so Temporal returns the first outcome, and the workflow's request-id table does too.
 * test/api/fault.test.ts proves this with a SIGKILLed worker process.
 */
export async function executeBounded(
  deps: AppDeps,
  res: Response,
  requestId: string,
  call: () => Promise<ActResult>,
): Promise<ActResult> {
  try {
    return await deps.temporal.client.withDeadline(Date.now() + (deps.actTimeoutMs ?? DEFAULT_ACT_TIMEOUT_MS), call);
  } catch (err) {
    if (!(err instanceof WorkflowUpdateRPCTimeoutOrCancelledError)) throw err;
    res.set({ 'retry-after': '5', 'idempotency-key': requestId });
    throw new HttpError(
      503,
      'UNAVAILABLE',
      'the cycle engine did not answer in time; the act may still be applied: retry with the same Idempotency-Key',
    );
  }
}

export interface ActRequest {
  /** The act's route as it names the key's scope, e.g. "POST /api/cycles/:cycleId/pledges {"cycleId":"…"}". */
  route: string;
  principal: Principal;
  /** The raw request body (the request id in it, if any, is not part of the fingerprint). */
  body: Record<string, unknown>;
  /** A secret ballot: nothing derived from its body is stored with the key. */
  secret: boolean;
  requestId: string;
  /** Sends the Update (its id is the request id). */
  send: () => Promise<ActResult>;
}

/**
 * One act as a Temporal Update, answered once per Idempotency-Key. What a client-chosen key stands
 * for: act, target, caller and (except for secret acts) a hash of the body. A repeat of the same
 * request gets the stored answer (`idempotent-replayed: true`); any other use of the key is 422. A
 * generated key is neither checked nor stored. No worker in time → 503 (executeBounded).
 */
export async function answerAct(deps: AppDeps, req: Request, res: Response, act: ActRequest): Promise<void> {
  const chosen = req.header('idempotency-key') !== undefined || typeof act.body.requestId === 'string';
  const { requestId: _r, ...rest } = act.body;
  const a = await answerOnce<ActResult & { requestId: string }>(deps, req, {
    key: chosen ? act.requestId : undefined,
    scope: fingerprint(deps, { route: act.route, principal: act.principal, body: rest, secret: act.secret }),
    // The act is applied once the Update answered: whatever happens to the row, the caller gets the workflow's answer.
    storage: { in: 'after', twin: 'own', onFailure: 'unstored' },
    run: async () => ({ ...(await executeBounded(deps, res, act.requestId, act.send)), requestId: act.requestId }),
  });
  setKeyHeaders(res, chosen ? act.requestId : undefined, a, false);
  res.json(a.answer);
}
