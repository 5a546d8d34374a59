/**
 * Government emulation flag (Cờ thi đua của Chính phủ), one selection per province and year N:
 * the council secretary (or the admin) starts it once a bloc of the province holds an approved
 * provincial flag for N; council members vote yes/no per bloc leader (secret); the secretary closes
 * the vote, records the submission to the Ministry of Home Affairs and each outcome. Acts are Updates
 * of workflow govflag-<PROVINCE>-<N> (workflows/government-flag.ts), answered once per Idempotency-Key;
 * the read is assembled from the database (Proposal rows on the leaders' bloc cycles, their
 * `govflag:<proposalId>` ballot rounds, award decisions, and the start/submission audit rows).
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import { WorkflowIdReusePolicy, WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import * as gf from '../../contracts/government-flag';
import * as m from '../../workflows/messages';
import type { ActResult } from '../../workflows/messages';
import type { AppDeps, Principal } from '../context';
import { HttpError } from '../errors';
import { principalOf, requireRoles } from '../auth';
import { ErrorSchema, registry } from '../openapi';
import { buildGovernmentFlagInput } from '../government-flag-input';
import { onceWrite, toJson } from '../writes';
import { ActResultSchema, answerAct, bodyShapeOf, requestIdOf } from '../updates';
import { holdReasonReader, requireProvinceReader, visibleReason } from '../scope';

export const StartGovernmentFlagSchema = z.object({ year: z.number().int().min(2024).max(2100) });
/** A selection is named by its province and year N (the same bounds as a cycle's year). */
export const SelectionParams = z.object({ provinceId: z.string(), year: z.coerce.number().int().min(2024).max(2100) });
const StartResponse = z.object({
  workflowId: z.string(),
  year: z.number(),
  candidates: z.number(),
  quota: z.number(),
  deadlineDate: z.string(),
});

interface GovFlagAct {
  path: string;
  summary: string;
  schema: z.ZodType;
  update: UpdateDefinition<ActResult, [never]>;
  who: 'member' | 'secretary';
  /** The HTTP body (the act without its envelope), for OpenAPI. */
  body: z.ZodType;
  /** Secret ballots: the Idempotency-Key fingerprint leaves the body out (as api/routes/acts.ts). */
  secret?: boolean;
}

const ENVELOPE = { requestId: true, actor: true } as const;
const OUTCOME_BODY = bodyShapeOf(gf.GovernmentFlagOutcomeSchema as unknown as z.ZodObject<z.ZodRawShape>);
const GOVFLAG_ACTS: GovFlagAct[] = [
  {
    path: '/votes',
    summary:
      'A council member casts a secret yes/no ballot on one or more bloc leaders (≥ 80% of ALL members needed, ND 152/2025 Art. 33(5))',
    schema: gf.GovernmentFlagVoteSchema,
    update: m.castGovernmentFlagVote as UpdateDefinition<ActResult, [never]>,
    who: 'member',
    secret: true,
    body: gf.GovernmentFlagVoteSchema.omit(ENVELOPE),
  },
  {
    path: '/close',
    summary:
      'The council secretary closes the vote: passing leaders ranked by yes-share then bloc-year score, at most the 20% quota kept (ND 152/2025 Art. 7(1))',
    schema: gf.CloseGovernmentFlagVoteSchema,
    update: m.closeGovernmentFlagVote as UpdateDefinition<ActResult, [never]>,
    who: 'secretary',
    body: z.object({}),
  },
  {
    path: '/submission',
    summary:
      'The council secretary records the province’s letter to the Ministry of Home Affairs (by 30 June N+1, achievements ≤ 6 months old: ND 152/2025 Art. 35(1)(b), 33(9))',
    schema: gf.GovernmentFlagSubmissionSchema,
    update: m.submitGovernmentFlag as UpdateDefinition<ActResult, [never]>,
    who: 'secretary',
    body: gf.GovernmentFlagSubmissionSchema.omit(ENVELOPE),
  },
  {
    path: '/holds',
    summary:
      'The council secretary puts a candidate under investigation or discipline on hold (ND 152/2025 Art. 4(4)): not counted in the selection, not submitted, never rejected for it',
    schema: gf.GovernmentFlagHoldSchema,
    update: m.holdGovernmentFlagCandidate as UpdateDefinition<ActResult, [never]>,
    who: 'secretary',
    body: gf.GovernmentFlagHoldSchema.omit(ENVELOPE),
  },
  {
    path: '/holds/resolve',
    summary:
      'The council secretary resolves a hold: cleared → back to its status (a draft cleared after the vote is judged on its own ballot and the free quota seats), disciplined → rejected with the reason',
    schema: gf.ResolveGovernmentFlagHoldSchema,
    update: m.resolveGovernmentFlagHold as UpdateDefinition<ActResult, [never]>,
    who: 'secretary',
    body: gf.ResolveGovernmentFlagHoldSchema.omit(ENVELOPE),
  },
  {
    path: '/outcome',
    summary:
      'The council secretary records the outcome for a unit: the Prime Minister’s decision (12.0 × base salary, ND 152/2025 Art. 50(2)(đ)) or the Ministry’s return with legal grounds',
    schema: gf.GovernmentFlagOutcomeSchema,
    update: m.recordGovernmentFlagOutcome as UpdateDefinition<ActResult, [never]>,
    who: 'secretary',
    body: OUTCOME_BODY,
  },
];

registry.registerPath({
  method: 'post',
  path: '/api/provinces/{provinceId}/government-flag',
  summary:
    'The council secretary (or admin) starts the Government-flag selection for year N: candidates are the units holding an approved provincial flag for N',
  tags: ['council'],
  request: {
    params: z.object({ provinceId: z.string() }),
    headers: z.object({ 'idempotency-key': z.uuid().optional() }),
    body: { content: { 'application/json': { schema: StartGovernmentFlagSchema } } },
  },
  responses: {
    201: { description: 'started', content: { 'application/json': { schema: StartResponse } } },
    400: { description: 'invalid body (Zod issue paths)', content: { 'application/json': { schema: ErrorSchema } } },
    403: {
      description: 'not the admin or the secretary of this province’s council',
      content: { 'application/json': { schema: ErrorSchema } },
    },
    404: { description: 'no such province', content: { 'application/json': { schema: ErrorSchema } } },
    409: {
      description: 'already started, no approved provincial flag for N, quota 0, or past 30 June N+1',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});
for (const a of GOVFLAG_ACTS) {
  registry.registerPath({
    method: 'post',
    path: `/api/government-flag/{workflowId}${a.path}`,
    summary: a.summary,
    tags: ['council'],
    request: {
      params: z.object({ workflowId: z.string().openapi({ example: 'govflag-CT-2026' }) }),
      headers: z.object({ 'idempotency-key': z.uuid().optional() }),
      body: { content: { 'application/json': { schema: a.body } } },
    },
    responses: {
      200: { description: 'accepted', content: { 'application/json': { schema: ActResultSchema } } },
      400: { description: 'invalid body (Zod issue paths)', content: { 'application/json': { schema: ErrorSchema } } },
      403: {
        description:
          a.who === 'member'
            ? 'not a member of this province’s council'
            : 'not the admin or the secretary of this province’s council',
        content: { 'application/json': { schema: ErrorSchema } },
      },
      404: { description: 'no such selection', content: { 'application/json': { schema: ErrorSchema } } },
      409: {
        description: 'wrong phase, after the deadline, already done, or a rule (staleness) refuses it',
        content: { 'application/json': { schema: ErrorSchema } },
      },
      422: {
        description: 'Idempotency-Key already used for a different request',
        content: { 'application/json': { schema: ErrorSchema } },
      },
      503: {
        description: 'the engine did not answer in time; retry with the same Idempotency-Key',
        content: { 'application/json': { schema: ErrorSchema } },
      },
    },
  });
}
registry.registerPath({
  method: 'get',
  path: '/api/provinces/{provinceId}/government-flag/{year}',
  summary:
    'The Government-flag selection of a province and year, from the database: phase, quota, deadline, per-leader status and bloc-year score, ballot result (after the vote closes), submission, decisions; the council id and whether the caller has voted',
  tags: ['everyone'],
  request: { params: SelectionParams },
  responses: {
    200: {
      description: "the selection (reasons of holds shown only to the admin, the province's council and the held unit)",
    },
    404: {
      description:
        "no such province, not yours (read scope: your unit's or council's province, admin all), or not started",
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});

const WORKFLOW_ID = /^govflag-(.+)-(\d{4})$/;

interface RoundJson {
  yes?: number;
  base?: number;
  share?: number;
  passes?: boolean;
  rank?: number | null;
  selected?: boolean;
  reason?: string;
  requiredVotes?: number;
  lapsed?: boolean;
}

export function governmentFlagRouter(deps: AppDeps): Router {
  const router = Router();
  const { prisma } = deps.db;

  const councilOf = async (provinceId: string) =>
    (await prisma.council.findFirst({ where: { provinceId }, select: { id: true } }))?.id ?? null;
  /** Admin, or the SECRETARY of this province's council. */
  const requireSecretaryOf = async (p: Principal, provinceId: string) => {
    requireRoles(p, 'admin', 'councilSecretary');
    if (p.roles.includes('admin')) return;
    const councilId = await councilOf(provinceId);
    if (!councilId || !p.secretaryOfCouncilIds.includes(councilId))
      throw new HttpError(403, 'FORBIDDEN', 'only the secretary of this province’s council (or the admin) does this');
  };
  const requireMemberOf = async (p: Principal, provinceId: string) => {
    requireRoles(p, 'councilMember');
    const councilId = await councilOf(provinceId);
    const ok =
      councilId &&
      (await prisma.councilMember.findFirst({ where: { personId: p.personId, councilId }, select: { id: true } }));
    if (!ok) throw new HttpError(403, 'FORBIDDEN', 'you do not sit on this province’s council');
  };

  router.post('/api/provinces/:provinceId/government-flag', async (req, res) => {
    const principal = principalOf(req);
    const provinceId = String(req.params.provinceId);
    const province = await prisma.province.findUnique({ where: { id: provinceId }, select: { id: true, code: true } });
    if (!province) throw new HttpError(404, 'NOT_FOUND', `no province ${provinceId}`);
    await requireSecretaryOf(principal, provinceId);
    const body = StartGovernmentFlagSchema.parse(req.body);
    await onceWrite(deps, req, res, principal, async () => {
      const input = await buildGovernmentFlagInput(deps.db, provinceId, body.year, principal.personId);
      if (Date.now() > Date.parse(input.deadlineAt))
        throw new HttpError(
          409,
          'DEADLINE_PASSED',
          `the Government-flag dossier for ${body.year} was due by ${input.deadlineDate} (ND 152/2025 Art. 35(1)(b))`,
        );
      if (input.quota === 0)
        throw new HttpError(
          409,
          'RULE_VIOLATION',
          `${input.candidates.length} bloc leader(s) × ${input.quotaShare * 100}% gives no Government flag this year (ND 152/2025 Art. 7(1))`,
        );
      const workflowId = gf.governmentFlagWorkflowId(province.code, body.year);
      await deps.temporal.client.workflow.start('governmentFlagWorkflow', {
        taskQueue: deps.temporal.taskQueue,
        workflowId,
        args: [input],
        workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      });
      // The draft proposals exist as soon as the start is answered (the workflow upserts the same rows).
      for (const c of input.candidates) {
        await prisma.proposal.upsert({
          where: { cycleId_unitId_awardType: { cycleId: c.cycleId, unitId: c.unitId, awardType: 'government-flag' } },
          create: {
            id: c.proposalId,
            cycleId: c.cycleId,
            unitId: c.unitId,
            awardType: 'government-flag',
            achievementPeriod: String(body.year),
            achievement: c.achievement,
            status: 'draft',
            attempts: 1,
          },
          update: {},
        });
      }
      const after = {
        year: body.year,
        candidates: input.candidates.map((c) => c.unitId),
        quota: input.quota,
        quotaShare: input.quotaShare,
        threshold: input.threshold,
        councilMembers: input.councilMemberIds.length,
        deadlineDate: input.deadlineDate,
      };
      await prisma.auditLog.create({
        data: {
          action: 'governmentFlag.start',
          entity: 'province',
          entityId: provinceId,
          actorPersonId: principal.personId,
          actorRole: principal.roles.join(','),
          after: toJson(after),
          workflowId,
          requestId: `${workflowId}:start`,
        },
      });
      return {
        status: 201,
        body: {
          workflowId,
          year: body.year,
          candidates: input.candidates.length,
          quota: input.quota,
          deadlineDate: input.deadlineDate,
        },
      };
    });
  });

  for (const a of GOVFLAG_ACTS) {
    router.post(`/api/government-flag/:workflowId${a.path}`, async (req: Request, res) => {
      const principal = principalOf(req);
      const workflowId = String(req.params.workflowId);
      const match = WORKFLOW_ID.exec(workflowId);
      const province = match
        ? await prisma.province.findUnique({ where: { code: match[1]! }, select: { id: true } })
        : null;
      if (!province) throw new HttpError(404, 'NOT_FOUND', `no Government-flag selection ${workflowId}`);
      if (a.who === 'member') await requireMemberOf(principal, province.id);
      else await requireSecretaryOf(principal, province.id);
      const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
      const requestId = requestIdOf(req);
      const payload = a.schema.parse({
        ...body,
        requestId,
        actor: { personId: principal.personId, unitId: principal.unitId ?? undefined, roles: principal.roles },
      });
      const handle = deps.temporal.client.workflow.getHandle(workflowId);
      await answerAct(deps, req, res, {
        route: `POST /api/government-flag/${workflowId}${a.path}`,
        principal,
        body,
        secret: a.secret === true,
        requestId,
        send: async () => {
          try {
            return await handle.executeUpdate(a.update, { args: [payload as never], updateId: requestId });
          } catch (err) {
            // A selection that ran to its end takes no more acts: that is a phase, not a missing resource.
            if (
              err instanceof WorkflowNotFoundError &&
              (await prisma.auditLog.findFirst({
                where: { workflowId, action: 'governmentFlag.start' },
                select: { id: true },
              }))
            )
              throw new HttpError(409, 'WRONG_PHASE', 'the Government-flag selection is closed');
            throw err;
          }
        },
      });
    });
  }

  router.get('/api/provinces/:provinceId/government-flag/:year', async (req, res) => {
    const principal = principalOf(req);
    const provinceId = String(req.params.provinceId);
    const { year } = SelectionParams.parse(req.params);
    const province = await prisma.province.findUnique({
      where: { id: provinceId },
      select: { id: true, code: true, name: true },
    });
    if (!province) throw new HttpError(404, 'NOT_FOUND', `no province ${provinceId}`);
    await requireProvinceReader(deps, principal, provinceId);
    const sees = await holdReasonReader(deps, principal, provinceId);
    const workflowId = gf.governmentFlagWorkflowId(province.code, year);
    const audits = await prisma.auditLog.findMany({
      where: { workflowId, action: { in: ['governmentFlag.start', 'governmentFlag.submit'] } },
      orderBy: { id: 'asc' },
    });
    const start = audits.find((x) => x.action === 'governmentFlag.start');
    if (!start) throw new HttpError(404, 'NOT_FOUND', `the Government-flag selection for ${year} has not been started`);
    const startInfo = start.after as {
      quota: number;
      quotaShare: number;
      councilMembers: number;
      deadlineDate: string;
    };
    const sent = audits.find((x) => x.action === 'governmentFlag.submit')?.after as
      { letterNumber: string; letterDate: string } | undefined;
    const proposals = await prisma.proposal.findMany({
      where: { awardType: 'government-flag', id: { startsWith: `${workflowId}:` } },
      include: {
        decision: true,
        unit: { select: { id: true, code: true, name: true } },
        cycle: { select: { id: true, bloc: { select: { id: true, code: true, name: true } } } },
      },
      orderBy: { unit: { code: 'asc' } },
    });
    const rounds = await prisma.votingRound.findMany({
      where: { contest: { in: proposals.map((p) => gf.governmentFlagContest(p.id)) } },
      include: { _count: { select: { voters: true } } },
    });
    const roundOf = new Map(rounds.map((r) => [r.contest, r]));
    // For the web page: the leaders' bloc-year scores, the council (whose members vote), and whether
    // the CALLER has cast their ballot (their own voter records only; never what anyone voted).
    const scores = await prisma.scoreSummary.findMany({
      where: { OR: proposals.map((p) => ({ cycleId: p.cycleId, unitId: p.unitId })) },
      select: { cycleId: true, unitId: true, finalTotal: true },
    });
    const scoreOf = new Map(scores.map((x) => [`${x.cycleId}|${x.unitId}`, x.finalTotal]));
    const youVoted =
      rounds.length > 0 &&
      (await prisma.voterRecord.count({
        where: { roundId: { in: rounds.map((r) => r.id) }, voterKey: principal.personId },
      })) > 0;
    const statuses = new Set(proposals.map((p) => p.status));
    // Only held candidates left (ND 152/2025 Art. 4(4)): the phase is where the selection stopped.
    const heldPhase = rounds.some((r) => !r.closedAt) ? 'voting' : sent ? 'outcome' : 'submission';
    const phase = statuses.has('draft')
      ? 'voting'
      : statuses.has('selected')
        ? 'submission'
        : statuses.has('submitted')
          ? 'outcome'
          : statuses.has('onHold')
            ? heldPhase
            : 'closed';
    const isoDay = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);
    const candidates = proposals.map((p) => {
      const r = roundOf.get(gf.governmentFlagContest(p.id));
      // Before the vote closes only the number of voters is public; the counts come with the closed round.
      const t = (r?.closedAt ? r.result : null) as RoundJson | null;
      return {
        proposalId: p.id,
        unit: p.unit,
        bloc: p.cycle.bloc,
        cycleId: p.cycleId,
        achievement: p.achievement,
        score: scoreOf.get(`${p.cycleId}|${p.unitId}`) ?? null,
        status: p.status,
        reason: visibleReason(sees, p),
        vote: r
          ? {
              voted: r._count.voters,
              eligibleVoters: r.eligibleVoters,
              closedAt: r.closedAt,
              result: t && {
                yes: t.yes ?? null,
                base: t.base ?? r.eligibleVoters,
                share: t.share ?? null,
                passes: t.passes ?? false,
                requiredVotes: t.requiredVotes ?? null,
                rank: t.rank ?? null,
                selected: t.selected ?? false,
                reason: t.reason ?? (t.lapsed ? 'lapsed' : null),
              },
            }
          : null,
        decision: p.decision && {
          decisionNumber: p.decision.decisionNumber,
          decisionDate: isoDay(p.decision.decisionDate),
          signer: p.decision.signer,
          coefficient: p.decision.coefficient,
          baseSalaryVnd: p.decision.baseSalaryVnd,
          amountVnd: p.decision.amountVnd,
          revoked: p.decision.revokedOn
            ? { on: isoDay(p.decision.revokedOn), number: p.decision.revocationNumber }
            : null,
        },
      };
    });
    res.json({
      workflowId,
      province,
      councilId: await councilOf(provinceId),
      youVoted,
      year,
      phase,
      quota: startInfo.quota,
      quotaShare: startInfo.quotaShare,
      councilMembers: startInfo.councilMembers,
      deadlineDate: startInfo.deadlineDate,
      submission: sent ? { letterNumber: sent.letterNumber, letterDate: sent.letterDate } : null,
      candidates,
    });
  });

  return router;
}
