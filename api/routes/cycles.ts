import { Router } from 'express';
import { z } from 'zod';
import { isGrpcDeadlineError, ServiceError, WorkflowIdReusePolicy } from '@temporalio/client';
import { PlanSchema, cycleWorkflowId, type Plan } from '../../contracts/cycle';
import { defaultScoringTemplate } from '../../domain/scoring';
import { BEFORE_LAW_2022 } from '../../domain/ruleset';
import { yearBlockingStart } from '../../domain/rotation';
import { buildCycleInput } from '../cycle-input';
import { getCycle } from '../../workflows/messages';
import type { AppDeps } from '../context';
import { HttpError } from '../errors';
import { principalOf, requireRoles } from '../auth';
import { route } from '../route';
import { CYCLE_NOT_READABLE, loadCycleScope, readCycleAs, requireCycleReader, visibleReason } from '../scope';
import { onceWrite } from '../writes';
import { writeTransaction } from '../../db/retry';

/** Longest wait for the live workflow view; after it 503 (the worker fleet is down or overloaded). */
const LIVE_QUERY_TIMEOUT_MS = 5_000;

/** Years before 2024 are refused with the way forward: their results are imported as history (README, "Past years"). */
export const StartCycleSchema = z.object({
  year: z.number().int().min(2024, BEFORE_LAW_2022).max(2100),
  plan: PlanSchema.optional(),
});
const StartCycleResponse = z.object({ cycleId: z.string(), workflowId: z.string(), year: z.number() });

const DEFAULT_DEADLINE_DAYS = {
  pledge: 30,
  midYear: 120,
  selfScoring: 240,
  review: 255,
  voting: 265,
  council: 300,
  handover: 310,
} as const;

/** A starting plan for the head's form: the default 100-point template and deadlines spread over the year ahead. */
export function defaultPlan(year: number, now = new Date()): Plan {
  const start = Math.max(Date.UTC(year, 0, 1), now.getTime());
  const at = (days: number) => new Date(start + days * 86_400_000).toISOString();
  return {
    theme: `Đoàn kết, kỷ cương, đổi mới, hoàn thành xuất sắc nhiệm vụ năm ${year}`,
    slogan: 'Thi đua là yêu nước, yêu nước thì phải thi đua',
    targets: [],
    scoringTemplate: defaultScoringTemplate(),
    deadlines: Object.fromEntries(
      Object.entries(DEFAULT_DEADLINE_DAYS).map(([p, d]) => [p, at(d)]),
    ) as Plan['deadlines'],
  };
}

const PlanQuery = z.object({ year: z.coerce.number().int().min(2024).max(2100) });
const CycleParams = z.object({ cycleId: z.string() });

export function cyclesRouter(deps: AppDeps): Router {
  const router = Router();

  route(
    router,
    {
      method: 'get',
      path: '/api/defaults/plan',
      summary: 'A default plan (100-point scoring template, deadlines over the year) to start the head’s form from',
      tags: ['bloc head'],
      query: PlanQuery,
      responses: { 200: { description: 'plan' } },
    },
    (input, req, res) => {
      principalOf(req);
      res.json(defaultPlan(input.query.year));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/blocs/:blocId/cycles',
      summary: 'The bloc head starts the year cycle (optionally with the plan)',
      tags: ['bloc head'],
      params: z.object({ blocId: z.string() }),
      body: StartCycleSchema,
      responses: {
        201: { description: 'started', content: { 'application/json': { schema: StartCycleResponse } } },
        400: {
          description:
            'invalid; a year before 2024 is refused at path year (it ran under the 2003 Law and ND 91/2017: import its results as history, POST /api/admin/provinces/{id}/import)',
        },
        403: { description: 'not the head of this bloc' },
        409: {
          description:
            'already started; or the year is imported history; or an earlier year of the bloc has not yet elected its head and deputy (the answer names it: start this year once that year is in its council review or handover); or NO_RULESET: no version of the bloc’s rule-set is in force on 1 January of the year — the message names the province, the rule-set code, the date and the endpoint to publish one (POST /api/admin/rulesets)',
        },
      },
    },
    async (input, req, res) => {
      const principal = principalOf(req);
      requireRoles(principal, 'unitOfficer');
      const body = input.body;
      const { blocId } = input.params;
      const bloc = await deps.db.prisma.bloc.findUnique({
        where: { id: blocId },
        select: { headUnitId: true, code: true },
      });
      if (!bloc) throw new HttpError(404, 'NOT_FOUND', `no bloc ${blocId}`);
      if (principal.unitId !== bloc.headUnitId)
        throw new HttpError(403, 'FORBIDDEN', 'only the bloc head starts the cycle');
      // A year imported as history (api/import/history.ts) is closed: it is not run again.
      if (await deps.db.prisma.cycle.findFirst({ where: { blocId, year: body.year, id: { startsWith: 'imported-' } } }))
        throw new HttpError(409, 'CONFLICT', `${body.year} of this bloc is imported history: it is not run again`, [
          { path: ['year'], message: 'imported history' },
        ]);
      // A retry with the same Idempotency-Key (lost response) gets the first 201 again; a new key meets 409.
      await onceWrite(deps, req, res, principal, async () => {
        // A year with no rule-set in force (NO_RULESET) is refused first: it needs a publication, not a wait.
        const input = await buildCycleInput(deps.db, blocId, body.year, principal.personId, body.plan);
        // After the key's check (a reused key is 422 first). Years overlap (issue 12), but a year does not
        // start before the earlier one has elected the head it starts with.
        const running = await deps.db.prisma.cycle.findMany({
          where: { blocId, year: { lt: body.year }, closedAt: null },
          select: { id: true, year: true, phase: true },
        });
        const open = yearBlockingStart(body.year, running);
        if (open)
          throw new HttpError(
            409,
            'CONFLICT',
            `year ${open.year} of this bloc is still open (phase ${open.phase}): its year-end vote elects the head and deputy of ${body.year}; start ${body.year} once ${open.year} is in its council review or handover`,
            [{ path: ['year'], message: `year ${open.year} has not yet elected its head and deputy` }],
          );
        const workflowId = cycleWorkflowId(bloc.code, body.year);
        await deps.temporal.client.workflow.start('blocCycleWorkflow', {
          taskQueue: deps.temporal.taskQueue,
          workflowId,
          args: [input],
          workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
        });
        // The projection row exists as soon as the start is answered: the next act may come at once.
        // The workflow runs now, so its rows must follow: one transaction, a busy database waited
        // out (issue 11: never a 500 for a start that happened, never a start without its audit row).
        await writeTransaction(
          deps.db,
          async (tx) => {
            await tx.cycle.upsert({
              where: { id: workflowId },
              create: {
                id: workflowId,
                blocId,
                year: body.year,
                phase: 'launch',
                headUnitId: input.headUnitId,
                deputyUnitId: input.deputyUnitId,
                ruleSetCode: input.ruleSet.code,
                ruleSetVersion: input.ruleSet.version,
                deadlines: body.plan?.deadlines ?? {},
                startedAt: new Date(),
              },
              update: {},
            });
            const requestId = `${workflowId}:start`;
            if (!(await tx.auditLog.findFirst({ where: { requestId, action: 'cycle.start' }, select: { id: true } }))) {
              await tx.auditLog.create({
                data: {
                  action: 'cycle.start',
                  entity: 'cycle',
                  entityId: workflowId,
                  actorPersonId: principal.personId,
                  actorRole: principal.roles.join(','),
                  after: { year: body.year },
                  workflowId,
                  requestId,
                },
              });
            }
          },
          // The worker's first projection may insert the row at the same moment (PostgreSQL: P2002).
          { budgetMs: 60_000, retryUniqueRace: true },
        );
        return { status: 201, body: { cycleId: workflowId, workflowId, year: body.year } };
      });
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/cycles/:cycleId',
      summary: 'Cycle projection: phase, deadlines, per-unit tasks and submissions, scores, rounds, proposals',
      tags: ['everyone'],
      params: CycleParams,
      responses: {
        200: {
          description: "the cycle (reasons of holds shown only to the admin, the province's council and the held unit)",
        },
        401: { description: 'not logged in' },
        404: CYCLE_NOT_READABLE,
      },
    },
    async (input, req, res) => {
      const principal = principalOf(req);
      const id = input.params.cycleId;
      const { sees } = await readCycleAs(deps, principal, id);
      const cycle = await deps.db.prisma.cycle.findUnique({
        where: { id },
        include: {
          bloc: { select: { id: true, code: true, name: true } },
          tasks: { select: { unitId: true, kind: true, status: true, dueAt: true, remindersSent: true } },
          submissions: {
            select: { unitId: true, kind: true, status: true, reason: true, revision: true, submittedAt: true },
          },
          scoreSummaries: { orderBy: { finalTotal: 'desc' } },
          votingRounds: {
            include: { _count: { select: { voters: true } } },
            orderBy: [{ contest: 'asc' }, { round: 'asc' }],
          },
          proposals: { include: { decision: true } },
        },
      });
      if (!cycle) throw new HttpError(404, 'NOT_FOUND', `no cycle ${id}`);
      const { votingRounds, ...rest } = cycle;
      res.json({
        ...rest,
        proposals: rest.proposals.map((p) => ({ ...p, reason: visibleReason(sees, p) })),
        votingRounds: votingRounds.map(({ _count, ...r }) => ({ ...r, votedCount: _count.voters })),
      });
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/cycles/:cycleId/live',
      summary:
        'Live workflow state (voting progress) — a Temporal query, used only for state that lives only in the workflow',
      tags: ['everyone'],
      params: CycleParams,
      responses: {
        200: { description: 'live view' },
        401: { description: 'not logged in' },
        404: CYCLE_NOT_READABLE,
        503: {
          description: 'no worker answered within 5 s; read GET /api/cycles/{cycleId} instead',
        },
      },
    },
    async (input, req, res) => {
      const { cycleId } = input.params;
      await requireCycleReader(deps, principalOf(req), cycleId);
      const scope = await loadCycleScope(deps, cycleId);
      // A query needs a worker; with none polling it would hang, so it is bounded like an act.
      try {
        res.json(
          await deps.temporal.client.withDeadline(Date.now() + LIVE_QUERY_TIMEOUT_MS, () =>
            deps.temporal.client.workflow.getHandle(scope.cycleId).query(getCycle),
          ),
        );
      } catch (err) {
        // No worker: the deadline passes, or matching says at once that no poller was seen lately
        // (with one task-queue partition, scripts/temporal-tuning.ts, it answers without forwarding).
        const noWorker =
          err instanceof ServiceError &&
          (isGrpcDeadlineError(err.cause) ||
            /no poller seen/i.test(`${err.message} ${(err.cause as Error | undefined)?.message ?? ''}`));
        if (!noWorker) throw err;
        res.set('retry-after', '5');
        throw new HttpError(
          503,
          'UNAVAILABLE',
          'the cycle engine did not answer in time; the database view GET /api/cycles/{cycleId} still serves',
        );
      }
    },
  );

  return router;
}
