import { Router } from 'express';
import { z } from 'zod';
import type { UpdateDefinition } from '@temporalio/common';
import * as c from '../../contracts/cycle';
import * as cm from '../../contracts/meeting';
import * as m from '../../workflows/messages';
import type { ActResult } from '../../workflows/messages';
import type { AppDeps, Principal } from '../context';
import { HttpError } from '../errors';
import { principalOf, requireRoles } from '../auth';
import { actPayload, actRoute } from '../act-route';
import { loadCycleScope, type CycleScope } from '../scope';
import { checkSelfScoreEvidence } from './evidence/self-score';
import { memberFromRegistry } from './corrections';
import * as k from '../../contracts/corrections';
import { answerAct, bodyShapeOf } from '../updates';

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
    'Bloc head opens the assessment meeting with the attendance list (quorum); without presentUnitIds, the recorded year-end conference’s attendance',
    'bloc head',
    c.OpenMeetingSchema,
    m.openMeeting,
    'head',
  ),
  act(
    '/meetings/schedule',
    'Bloc head or deputy schedules the mid-year review or the year-end conference (date, place, host unit, chair, agenda); the member units are notified',
    'bloc head',
    cm.ScheduleMeetingSchema,
    m.scheduleMeeting,
    'head',
  ),
  act(
    '/meetings/record',
    'Bloc head or deputy records the meeting as held: people present per unit, guests, actual times and place (the minutes take them)',
    'bloc head',
    cm.RecordMeetingSchema,
    m.recordMeeting,
    'head',
  ),
  act(
    '/meetings/annul',
    'Bloc head annuls a meeting with a reason so that it can be held again (the year-end conference only before any ballot)',
    'bloc head',
    cm.AnnulMeetingSchema,
    m.annulMeeting,
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
  // Corrections of a running year (issue 12; README authorisation matrix): each with a reason, audited.
  act(
    '/cancel',
    'Standing body (council secretary) or admin cancels the year before its year-end vote is over: open tasks closed, units notified, the workflow completes with status cancelled',
    'admin',
    k.CancelCycleSchema,
    m.cancelCycle,
    'holds',
  ),
  act(
    '/leadership',
    "Standing body (council secretary) or admin corrects this year's head and deputy (the province's recognition)",
    'admin',
    k.CorrectLeadershipSchema,
    m.correctLeadership,
    'holds',
  ),
  act(
    '/membership/join',
    'Admin adds a unit of the province to the bloc for this year (before the year-end vote)',
    'admin',
    k.JoinMembershipSchema,
    m.joinMembership,
    'admin',
  ),
  act(
    '/deadlines/reopen',
    'Bloc head re-opens a task phase that is over (pledge, mid-year report, self-score) for the units that missed it, until a new deadline',
    'bloc head',
    k.ReopenDeadlineSchema,
    m.reopenDeadline,
    'head',
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

export function actsRouter(deps: AppDeps): Router {
  const router = Router();
  for (const a of ACTS) {
    actRoute(
      router,
      {
        path: `/api/cycles/:cycleId${a.path}`,
        params: z.object({ cycleId: z.string() }),
        summary: a.summary,
        tags: [a.tag],
        body: bodyShapeOf(a.schema),
        responses: {
          401: { description: 'not logged in' },
          403: {
            description: 'not allowed for this role or unit',
          },
          404: { description: 'no such cycle' },
          409: {
            description: 'wrong phase, after deadline, or already done',
          },
          422: {
            description:
              "Idempotency-Key already used for a different request (other act, cycle, caller or body). A repeat of the same request gets the first answer again. Ballots and council votes are fingerprinted without their body (secrecy): the voter repeating a key gets the first ballot's answer and the repeated body is ignored",
          },
          503: {
            description:
              'the cycle engine (a worker) did not answer in time; the act may still be applied: retry with the same Idempotency-Key (echoed in the response header)',
          },
        },
      },
      async (input, req, res) => {
        const principal = principalOf(req);
        const { cycleId } = input.params;
        const { body, requestId, payload } = actPayload(a.schema, req, principal);
        const cycle = await loadCycleScope(deps, cycleId);
        authorise(principal, a.scope, payload, cycle);
        // A closed year (completed or cancelled) says so, rather than "no such cycle is running" (issue 12).
        if (a.target === 'cycle' && cycle.closed) throw new HttpError(409, 'WRONG_PHASE', 'this year is closed');
        const workflowId = a.target === 'council' ? `${cycleId}-council` : cycleId;
        if (a.update === m.submitSelfScore)
          await checkSelfScoreEvidence(
            deps,
            cycleId,
            String(payload.unitId),
            payload.entries as { criterionId: string; evidence?: string[] }[],
          );
        if (a.update === m.joinMembership)
          Object.assign(payload, await memberFromRegistry(deps, cycle, String(payload.unitId)));
        const handle = deps.temporal.client.workflow.getHandle(workflowId);
        await answerAct(deps, req, res, {
          route: `POST /api/cycles/:cycleId${a.path} ${JSON.stringify({ cycleId })}`,
          principal,
          body,
          secret: SECRET_ACTS.includes(a.path),
          requestId,
          send: () => handle.executeUpdate(a.update, { args: [payload as never], updateId: requestId }),
        });
      },
    );
  }
  return router;
}
