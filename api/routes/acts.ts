import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import type { UpdateDefinition } from '@temporalio/common';
import { WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import * as c from '../../contracts/cycle';
import * as m from '../../workflows/messages';
import type { ActResult } from '../../workflows/messages';
import type { AppDeps, Principal } from '../context';
import { HttpError } from '../errors';
import { ErrorSchema } from '../openapi';
import { principalOf, requireRoles } from '../auth';
import { registry } from '../openapi';
import { loadCycleScope, type CycleScope } from '../scope';
import { checkSelfScoreEvidence } from './evidence';
import { bodyHash, storedAnswer, toJson } from '../writes';
import { withBusyRetry } from '../../db/retry';

type Scope = 'head' | 'unit' | 'admin' | 'holds' | 'councilMember' | 'councilSecretary';

interface ActRoute {
  path: string;
  summary: string;
  tag: string;
  schema: z.ZodObject<z.ZodRawShape>;
  update: UpdateDefinition<ActResult, [never]>;
  target: 'cycle' | 'council';
  scope: Scope;
}

const act = <A extends unknown[]>(
  path: string,
  summary: string,
  tag: string,
  schema: z.ZodType,
  update: UpdateDefinition<ActResult, A>,
  scope: Scope,
  target: 'cycle' | 'council' = 'cycle',
): ActRoute => ({
  path,
  summary,
  tag,
  schema: schema as z.ZodObject<z.ZodRawShape>,
  update: update as unknown as UpdateDefinition<ActResult, [never]>,
  scope,
  target,
});

/** Every act of every role: one row each. Path, contract, Update and the scope the caller must hold. */
export const ACTS: ActRoute[] = [
  act(
    '/plan',
    'Bloc head publishes the year plan, scoring template and deadlines (phát động)',
    'bloc head',
    c.PublishPlanSchema,
    m.publishPlan,
    'head',
  ),
  act(
    '/pledges/review',
    'Bloc head accepts or returns a unit pledge',
    'bloc head',
    c.ReviewPledgeSchema,
    m.reviewPledge,
    'head',
  ),
  act(
    '/deadlines/extend',
    'Bloc head extends a phase deadline',
    'bloc head',
    c.ExtendDeadlineSchema,
    m.extendDeadline,
    'head',
  ),
  act(
    '/reports/bloc',
    'Bloc head compiles the bloc mid-year report (sơ kết)',
    'bloc head',
    c.CompileBlocReportSchema,
    m.compileBlocReport,
    'head',
  ),
  act(
    '/scores/review',
    'Bloc head or deputy adjusts a unit score with reasons',
    'bloc head',
    c.ReviewScoreSchema,
    m.reviewScore,
    'head',
  ),
  act(
    '/scores/close-review',
    'Bloc head closes the score review; final scores and ranking are published',
    'bloc head',
    c.CloseReviewSchema,
    m.closeReview,
    'head',
  ),
  act(
    '/meeting',
    'Bloc head opens the assessment meeting with the attendance list (quorum)',
    'bloc head',
    c.OpenMeetingSchema,
    m.openMeeting,
    'head',
  ),
  act('/rounds/close', 'Bloc head closes the open ballot round', 'bloc head', c.CloseRoundSchema, m.closeRound, 'head'),
  act(
    '/contests/decide',
    'Head and deputy decide a contest after failed rounds',
    'bloc head',
    c.DecideContestSchema,
    m.decideContest,
    'head',
  ),
  act(
    '/handover',
    'Outgoing head records the handover; next year starts',
    'bloc head',
    c.RecordHandoverSchema,
    m.recordHandover,
    'head',
  ),
  act(
    '/pledges',
    'Unit registers targets and signs the pledge (giao ước)',
    'unit',
    c.SubmitPledgeSchema,
    m.submitPledge,
    'unit',
  ),
  act(
    '/reports/mid-year',
    'Unit submits its mid-year report',
    'unit',
    c.SubmitReportSchema,
    m.submitMidYearReport,
    'unit',
  ),
  act(
    '/self-scores',
    'Unit submits its self-score with evidence',
    'unit',
    c.SubmitSelfScoreSchema,
    m.submitSelfScore,
    'unit',
  ),
  act('/ballots', 'Unit casts its secret ballot', 'unit', c.CastBallotSchema, m.castBallot, 'unit'),
  act(
    '/membership/leave',
    'Admin records a unit leaving the bloc mid-year',
    'admin',
    c.ChangeMembershipSchema,
    m.changeMembership,
    'admin',
  ),
  act(
    '/holds',
    'Standing body puts a unit on hold (pending investigation, ND 152 Art. 4(4))',
    'admin',
    c.HoldSchema,
    m.putOnHold,
    'holds',
  ),
  act(
    '/holds/resolve',
    'Standing body clears or disqualifies a held unit',
    'admin',
    c.ResolveHoldSchema,
    m.resolveHold,
    'holds',
  ),
  act(
    '/council/votes',
    'Council member votes on a proposal (secret)',
    'council',
    c.CouncilVoteSchema,
    m.castCouncilVote,
    'councilMember',
    'council',
  ),
  act(
    '/council/close-vote',
    'Council secretary closes the vote on a proposal before every member voted or the deadline; the result is fixed and published (answer: yes, no, voted, base, share, passes)',
    'council',
    c.CloseCouncilVoteSchema,
    m.closeCouncilVote,
    'councilSecretary',
    'council',
  ),
  act(
    '/council/decisions',
    'Council secretary records approve / return / reject with decision number, on the CLOSED vote (every member voted, the deadline, or /council/close-vote). Before the close: 409 WRONG_PHASE without any count, and the attempt is audited',
    'council',
    c.CouncilDecisionSchema,
    m.decideProposal,
    'councilSecretary',
    'council',
  ),
  act(
    '/council/resubmit',
    'Bloc head resubmits a returned proposal',
    'bloc head',
    c.ResubmitProposalSchema,
    m.resubmitProposal,
    'head',
    'council',
  ),
];

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

for (const a of ACTS) {
  registry.registerPath({
    method: 'post',
    path: `/api/cycles/{cycleId}${a.path}`,
    summary: a.summary,
    tags: [a.tag],
    request: {
      params: z.object({ cycleId: z.string() }),
      headers: z.object({ 'idempotency-key': z.uuid().optional() }),
      body: { content: { 'application/json': { schema: bodyShapeOf(a.schema) } } },
    },
    responses: {
      200: { description: 'accepted', content: { 'application/json': { schema: ActResultSchema } } },
      400: { description: 'invalid body (Zod issue paths)', content: { 'application/json': { schema: ErrorSchema } } },
      401: { description: 'not logged in' },
      403: {
        description: 'not allowed for this role or unit',
        content: { 'application/json': { schema: ErrorSchema } },
      },
      404: { description: 'no such cycle' },
      409: {
        description: 'wrong phase, after deadline, or already done',
        content: { 'application/json': { schema: ErrorSchema } },
      },
      422: {
        description:
          "Idempotency-Key already used for a different request (other act, cycle, caller or body). A repeat of the same request gets the first answer again. Ballots and council votes are fingerprinted without their body (secrecy): the voter repeating a key gets the first ballot's answer and the repeated body is ignored",
        content: { 'application/json': { schema: ErrorSchema } },
      },
      503: {
        description:
          'the cycle engine (a worker) did not answer in time; the act may still be applied: retry with the same Idempotency-Key (echoed in the response header)',
        content: { 'application/json': { schema: ErrorSchema } },
      },
    },
  });
}

/** API-side authorisation: role × scope from the database; the workflow validator re-checks phase and head-ness. */
function authorise(p: Principal, scope: Scope, body: Record<string, unknown>, cycle: CycleScope): void {
  switch (scope) {
    case 'admin':
      return requireRoles(p, 'admin');
    case 'holds':
      requireRoles(p, 'admin', 'councilSecretary');
      // The secretary of ANOTHER province's council has no say over this bloc (the workflow checks the role only).
      if (!p.roles.includes('admin') && !p.secretaryOfCouncilIds.includes(cycle.councilId ?? ''))
        throw new HttpError(403, 'FORBIDDEN', 'you are not the secretary of the council of this bloc');
      return;
    case 'councilMember':
      requireRoles(p, scope);
      if (!p.councilIds.includes(cycle.councilId ?? ''))
        throw new HttpError(403, 'FORBIDDEN', 'you do not sit on the council of this bloc');
      return;
    case 'councilSecretary':
      requireRoles(p, scope);
      if (!p.secretaryOfCouncilIds.includes(cycle.councilId ?? ''))
        throw new HttpError(403, 'FORBIDDEN', 'you are not the secretary of the council of this bloc');
      return;
    case 'unit':
      requireRoles(p, 'unitOfficer');
      if (body.unitId !== p.unitId)
        throw new HttpError(403, 'FORBIDDEN', 'an officer acts only for their own unit', [
          { path: ['unitId'], message: 'must be your own unit' },
        ]);
      if (!cycle.memberUnitIds.includes(p.unitId!))
        throw new HttpError(403, 'FORBIDDEN', 'your unit is not a member of this bloc');
      return;
    case 'head':
      requireRoles(p, 'unitOfficer');
      if (p.unitId !== cycle.headUnitId && p.unitId !== cycle.deputyUnitId && p.unitId !== cycle.actingHeadUnitId)
        throw new HttpError(403, 'FORBIDDEN', 'only the bloc head (or deputy where allowed) may do this');
  }
}

/**
 * Acts whose body is a secret ballot. Nothing derived from the body is stored with their
 * Idempotency-Key (test/api/secrecy.test.ts): the key stands for act, cycle and caller only (who
 * voted is public, VoterRecord). So a repeat of a ballot's key by its voter gets the FIRST ballot's
 * answer whatever the repeated body says, and the repeated body is never applied
 * (test/api/idempotency.test.ts); anyone else, or another act, reusing it gets 422.
 */
const SECRET_ACTS: readonly string[] = ['/ballots', '/council/votes'];

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
  const scope = chosen
    ? `${act.route} person:${act.principal.personId}${act.secret ? '' : ` body:${bodyHash(deps, rest)}`}`
    : undefined;
  // Before the Update a busy database is retried, then 503 (nothing was sent: the truth).
  const earlier = scope && (await withBusyRetry(() => storedAnswer(deps.db.prisma, act.requestId, scope)));
  if (earlier) {
    res.set({ 'idempotency-key': act.requestId, 'idempotent-replayed': 'true' }).json(earlier);
    return;
  }
  const answer = { ...(await executeBounded(deps, res, act.requestId, act.send)), requestId: act.requestId };
  if (scope) {
    // The act is applied now: whatever happens to this row, the caller gets the workflow's answer.
    let stored: { scope: string } | undefined;
    try {
      // A concurrent twin may have stored it first: then it must have been the same request.
      // One INSERT (it waits for SQLite's write lock under busy_timeout; an upsert reads first
      // and then fails at once with SQLITE_BUSY_SNAPSHOT when another process wrote meanwhile).
      stored = await withBusyRetry(async () => {
        try {
          return await deps.db.prisma.idempotencyKey.create({
            data: { key: act.requestId, scope, response: toJson(answer) },
            select: { scope: true },
          });
        } catch (e) {
          if ((e as { code?: string }).code !== 'P2002') throw e;
          return deps.db.prisma.idempotencyKey.findUniqueOrThrow({
            where: { key: act.requestId },
            select: { scope: true },
          });
        }
      });
    } catch (e) {
      // Never a false error (issue 11): a repeat with this key still gets this answer from
      // Temporal (the Update id is the key), only without the replay header.
      req.log?.warn({ err: e }, 'idempotency answer not stored');
      res.set({ 'idempotency-key': act.requestId, 'idempotency-stored': 'false' });
    }
    if (stored && stored.scope !== scope)
      throw new HttpError(
        422,
        'IDEMPOTENCY_KEY_REUSED',
        'this Idempotency-Key was already used for a different request',
      );
  }
  res.json(answer);
}

export function actsRouter(deps: AppDeps): Router {
  const router = Router();
  for (const a of ACTS) {
    router.post(`/api/cycles/:cycleId${a.path}`, async (req, res) => {
      const principal = principalOf(req);
      const cycleId = String(req.params.cycleId);
      const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
      const requestId = requestIdOf(req);
      const payload = a.schema.parse({
        ...body,
        requestId,
        actor: { personId: principal.personId, unitId: principal.unitId ?? undefined, roles: principal.roles },
      });
      const cycle = await loadCycleScope(deps, cycleId);
      authorise(principal, a.scope, payload, cycle);
      const workflowId = a.target === 'council' ? `${cycleId}-council` : cycleId;
      if (a.update === m.submitSelfScore)
        await checkSelfScoreEvidence(
          deps,
          cycleId,
          String(payload.unitId),
          payload.entries as { criterionId: string; evidence?: string[] }[],
        );
      const handle = deps.temporal.client.workflow.getHandle(workflowId);
      await answerAct(deps, req, res, {
        route: `POST /api/cycles/:cycleId${a.path} ${JSON.stringify({ cycleId })}`,
        principal,
        body,
        secret: SECRET_ACTS.includes(a.path),
        requestId,
        send: () => handle.executeUpdate(a.update, { args: [payload as never], updateId: requestId }),
      });
    });
  }
  return router;
}
