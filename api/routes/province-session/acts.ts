/**
 * The province award session's acts: Updates of workflow province-session:<provinceId>:<year>:<n>
 * (workflows/province-session.ts), one row each, answered once per Idempotency-Key (api/act-route.ts, api/updates.ts).
 * No act opens a session: a bloc cycle's council step hands its dossier in (activities/province-session.ts).
 */
import type { Router } from 'express';
import { z } from 'zod';
import { WorkflowNotFoundError, type WorkflowHandle } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import * as ps from '../../../contracts/province-session';
import { sessionDecisionNumbers } from '../../../documents/province-session/register';
import { AwardTypeSchema } from '../../../domain/eligibility';
import { awardAmount } from '../../../domain/money';
import * as m from '../../../workflows/province-session/messages';
import type { ActResult } from '../../../workflows/messages';
import type { AppDeps } from '../../context';
import { HttpError } from '../../errors';
import { principalOf, requireRoles } from '../../auth';
import { ACT_RETRY_RESPONSES, actPayload, actRoute } from '../../act-route';
import { answerAct, bodyShapeOf } from '../../updates';
import { requireMemberOf, requireSecretaryOf } from '../government-flag/shared';
import { SessionParams } from './shared';

interface SessionAct {
  path: string;
  summary: string;
  schema: z.ZodType;
  update: UpdateDefinition<ActResult, [never]>;
  who: 'standingBody' | 'member' | 'blocHead';
  body: z.ZodType;
  secret?: boolean;
  /** The issue act: its payload gets the decisions' numbers from the register before the Update is sent. */
  numbered?: boolean;
}

const ENVELOPE = { requestId: true, actor: true } as const;
const shape = (s: z.ZodType) => bodyShapeOf(s as unknown as z.ZodObject<z.ZodRawShape>);
const as = (u: unknown) => u as UpdateDefinition<ActResult, [never]>;
const SESSION_ACTS: SessionAct[] = [
  {
    path: '/collection/close',
    summary:
      'The standing body closes the collection before the submission deadline (the blocs it expects have handed in): appraisal starts; a later dossier goes to the next sitting',
    schema: ps.CloseCollectionSchema,
    update: as(m.closeCollection),
    who: 'standingBody',
    body: z.object({}),
  },
  {
    path: '/appraisals',
    summary:
      'The standing body (Sở Nội vụ: council secretary or admin) accepts a bloc dossier or returns it for completion with reasons',
    schema: ps.AppraiseDossierSchema,
    update: as(m.appraiseDossier),
    who: 'standingBody',
    body: shape(ps.AppraiseDossierSchema),
  },
  {
    path: '/resubmissions',
    summary: "The bloc head's officer resubmits the bloc's returned dossier (achievements restated)",
    schema: ps.ResubmitDossierSchema,
    update: as(m.resubmitDossier),
    who: 'blocHead',
    body: ps.ResubmitDossierSchema.omit(ENVELOPE),
  },
  {
    path: '/attendance',
    summary:
      'The standing body records the members present after the submission deadline; refused below the quorum (≥ 80% of all members, BN86 Art. 8(4)(b)); opens the secret vote',
    schema: ps.RecordAttendanceSchema,
    update: as(m.recordSessionAttendance),
    who: 'standingBody',
    body: ps.RecordAttendanceSchema.omit(ENVELOPE),
  },
  {
    path: '/ballots',
    summary:
      'A present council member casts ONE secret ballot, yes/no on every accepted proposal (flags: ≥ 80% of ALL members; Bằng khen and titles: majority of those present)',
    schema: ps.SessionBallotSchema,
    update: as(m.castSessionBallot),
    who: 'member',
    secret: true,
    body: ps.SessionBallotSchema.omit(ENVELOPE),
  },
  {
    path: '/close',
    summary:
      'The standing body closes the vote: thresholds, then the province quotas (one flag per bloc, Bằng khen ceilings)',
    schema: ps.CloseSessionVoteSchema,
    update: as(m.closeSessionVote),
    who: 'standingBody',
    body: z.object({}),
  },
  {
    path: '/decisions',
    summary:
      "The standing body issues the decisions, one per award kind with awardees, dated decisionDate and numbered from the provincial Chairman's register (ND 30/2020 Điều 15; a retried act keeps its numbers); each bloc cycle is told its outcome",
    schema: ps.IssueSessionDecisionsActSchema,
    update: as(m.issueSessionDecisions),
    who: 'standingBody',
    body: ps.IssueSessionDecisionsActSchema.omit(ENVELOPE),
    numbered: true,
  },
];

/**
 * The issue act's payload with its numbers: only when the session has decided (its query) and the money of every
 * awarded kind has a decree in force on the date (the checks the Update's validator makes before it accepts; the
 * latter refused here with its own error), so a refused act takes no number; in another phase no numbers, and the
 * session answers why.
 */
async function withNumbers(
  deps: AppDeps,
  handle: WorkflowHandle,
  s: { workflowId: string; provinceId: string },
  payload: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const { decisionDate, actor } = payload as { decisionDate: string; actor: { personId: string } };
  const view = await handle.query(m.getProvinceSession);
  const kinds = AwardTypeSchema.options.filter((k) =>
    view.proposals.some((p) => p.outcome === 'awarded' && p.awardType === k),
  );
  if (view.phase !== 'decided') return { ...payload, numbers: [] };
  // No decree in force on the date for a kind's money: the act is refused here (NO_RULESET), before any number.
  for (const k of kinds) awardAmount(k, 'collective', decisionDate);
  const numbers = await sessionDecisionNumbers(
    deps.db.prisma,
    { sessionId: s.workflowId, provinceId: s.provinceId },
    kinds,
    decisionDate,
    actor.personId,
  );
  return { ...payload, numbers };
}

export function sessionActRoutes(router: Router, deps: AppDeps): void {
  const { prisma } = deps.db;
  for (const a of SESSION_ACTS) {
    actRoute(
      router,
      {
        path: `/api/provinces/:provinceId/years/:year/sessions/:n${a.path}`,
        params: SessionParams,
        summary: a.summary,
        tags: ['council'],
        body: a.body,
        responses: {
          403: {
            description:
              a.who === 'member'
                ? 'not a member of this province’s council'
                : a.who === 'blocHead'
                  ? 'not an officer of the bloc head of that dossier'
                  : 'not the admin or the secretary of this province’s council',
          },
          404: { description: 'no such session' },
          409: { description: 'wrong phase, after the deadline, already done, or the quorum is not met' },
          ...ACT_RETRY_RESPONSES,
        },
      },
      async (input, req, res) => {
        const principal = principalOf(req);
        const { provinceId, year, n } = input.params;
        const workflowId = ps.provinceSessionWorkflowId(provinceId, year, n);
        if (a.who === 'member') await requireMemberOf(deps, principal, provinceId);
        else if (a.who === 'standingBody') await requireSecretaryOf(deps, principal, provinceId);
        else requireRoles(principal, 'unitOfficer');
        const row = await prisma.provinceSession.findUnique({ where: { id: workflowId }, select: { id: true } });
        if (!row) throw new HttpError(404, 'NOT_FOUND', `no session ${n} of ${year}`);
        const { body, requestId, payload } = actPayload(a.schema, req, principal);
        const handle = deps.temporal.client.workflow.getHandle(workflowId);
        await answerAct(deps, req, res, {
          route: `POST /api/provinces/${provinceId}/years/${year}/sessions/${n}${a.path}`,
          principal,
          body,
          secret: a.secret === true,
          requestId,
          send: async () => {
            try {
              const args = a.numbered ? await withNumbers(deps, handle, { workflowId, provinceId }, payload) : payload;
              return await handle.executeUpdate(a.update, { args: [args as never], updateId: requestId });
            } catch (err) {
              // A session that ran to its end (decisions issued) takes no more acts: a phase, not a missing resource.
              if (err instanceof WorkflowNotFoundError)
                throw new HttpError(409, 'WRONG_PHASE', 'the session is closed: its decisions are issued');
              throw err;
            }
          },
        });
      },
    );
  }
}
