import { registerCycleAct } from './projection';
import { getExternalWorkflowHandle, patched } from '@temporalio/workflow';
import * as c from '../../contracts/cycle';
import { validateExtension } from '../../domain/calendar';
import { holdResolved } from '../../domain/eligibility';
import { actingHead } from '../../domain/rotation';
import { isAdmin, ok, requireSecretaryOrAdmin } from '../act';
import { write } from '../effects';
import { reject } from '../errors';
import { holdChanged } from '../messages';
import * as m from './messages';
import { auditAct, requireHead, unitOf } from './guards';
import { registerCorrectionActs } from './corrections/acts';
import { recordMembershipChange } from './corrections/membership';
import { registerHandoverActs } from './phases/handover/acts';
import { registerLaunchActs } from './phases/launch/acts';
import { registerMeetingActs } from './meetings/acts';
import { registerMidYearActs } from './phases/mid-year/acts';
import { registerPledgeActs } from './phases/pledge/acts';
import { registerReviewActs } from './phases/review/acts';
import { registerSelfScoringActs } from './phases/self-scoring/acts';
import { registerVotingActs } from './phases/voting/acts';
import { activeUnitIds, type CycleState } from './state';
import { cycleNotices } from '../../notifications/catalogue';

/** Registers every act of the bloc-year workflow: each phase's (phases/<phase>/acts.ts), then those open in every phase. */
export function registerCycleHandlers(s: CycleState): void {
  registerLaunchActs(s);
  registerPledgeActs(s);
  registerMidYearActs(s);
  registerSelfScoringActs(s);
  registerReviewActs(s);
  registerVotingActs(s);
  registerHandoverActs(s);
  registerMeetingActs(s);
  registerStandingActs(s);
  registerCorrectionActs(s);
}

/** Acts open in every phase: the head extends a deadline; the admin changes membership; the standing body holds a unit. */
function registerStandingActs(s: CycleState): void {
  registerCycleAct(
    s,
    m.extendDeadline,
    c.ExtendDeadlineSchema,
    (a) => {
      requireHead(s, a.actor);
      if (!s.deadlines) reject('WRONG_PHASE', 'no plan published yet');
      const order = c.DEADLINE_PHASES;
      const current = order.indexOf(s.phase as c.DeadlinePhase);
      if (current < 0 || order.indexOf(a.phase) < current) reject('WRONG_PHASE', `the ${a.phase} phase is over`);
      validateExtension(Date.parse(s.deadlines[a.phase]), Date.parse(a.newDeadline), Date.now());
      const next = order[order.indexOf(a.phase) + 1];
      if (next && Date.parse(a.newDeadline) > Date.parse(s.deadlines[next])) {
        reject('VALIDATION', `the new deadline would pass the ${next} deadline; extend that one first`, {
          path: ['newDeadline'],
        });
      }
    },
    async (a) => {
      const before = s.deadlines![a.phase];
      s.deadlines = { ...s.deadlines!, [a.phase]: a.newDeadline };
      s.deadlineVersion++;
      const pending = activeUnitIds(s);
      await write(s, 'updateTasks', { cycleId: s.workflowId, kind: a.phase, unitIds: pending, dueAt: a.newDeadline });
      await write(s, 'notify', {
        dedupeKey: `${s.workflowId}:extend:${a.requestId}`,
        cycleId: s.workflowId,
        unitIds: pending,
        kind: 'info',
        ...cycleNotices.deadlineExtended(a.phase, a.newDeadline, a.reason),
      });
      await write(s, 'audit', {
        action: 'deadline.extend',
        entity: 'cycle',
        entityId: s.workflowId,
        actorPersonId: a.actor.personId,
        before: { [a.phase]: before },
        after: { [a.phase]: a.newDeadline },
        workflowId: s.workflowId,
        requestId: a.requestId,
      });
      return ok('deadline extended', { phase: a.phase, deadline: a.newDeadline });
    },
    { projects: true },
  );

  registerCycleAct(
    s,
    m.changeMembership,
    c.ChangeMembershipSchema,
    (a) => {
      if (!isAdmin(s.roster, a.actor)) reject('FORBIDDEN', 'requires role admin');
      unitOf(s, a.unitId);
      if (activeUnitIds(s).length <= 2) reject('RULE_VIOLATION', 'a bloc needs at least two members');
    },
    async (a) => {
      const u = s.units[a.unitId]!;
      u.active = false;
      // A leaving head or deputy hands the chair on (domain-rules §8.7): deputy acts as head.
      if (s.actingHeadUnitId === a.unitId)
        s.actingHeadUnitId =
          actingHead({ members: activeUnitIds(s), head: s.headUnitId, deputy: s.deputyUnitId }) ?? s.deputyUnitId;
      if (s.meeting) s.meeting.presentUnitIds = s.meeting.presentUnitIds.filter((id) => id !== a.unitId);
      for (const contest of s.contests) contest.candidates = contest.candidates.filter((id) => id !== a.unitId);
      await recordMembershipChange(s, a.unitId, a.reason);
      await write(s, 'updateTasks', { cycleId: s.workflowId, kind: s.phase, unitIds: [a.unitId], status: 'cancelled' });
      await auditAct(s, a, 'membership.leave', a.unitId, { reason: a.reason });
      return ok(`${u.name} left the bloc`);
    },
    { projects: true },
  );

  registerCycleAct(
    s,
    m.putOnHold,
    c.HoldSchema,
    (a) => {
      requireSecretaryOrAdmin(s.roster, a.actor, true);
      const u = s.units[a.unitId];
      if (!u) reject('NOT_FOUND', `unit ${a.unitId} is not in this bloc`);
      if (u.hold !== 'none') reject('ALREADY_DONE', `${u.name} is already ${u.hold}`);
    },
    async (a) => {
      s.units[a.unitId]!.hold = 'onHold';
      await applyHold(s, a.unitId, 'onHold', a.reason, a.kind);
      return ok('unit put on hold');
    },
    {
      projects: true,
      afterProjection: (a) => auditAct(s, a, 'hold.open', a.unitId, { kind: a.kind, reason: a.reason }),
    },
  );

  registerCycleAct(
    s,
    m.resolveHold,
    c.ResolveHoldSchema,
    (a) => {
      requireSecretaryOrAdmin(s.roster, a.actor, true);
      const u = s.units[a.unitId];
      if (!u) reject('NOT_FOUND', `unit ${a.unitId} is not in this bloc`);
      if (u.hold !== 'onHold') reject('CONFLICT', `${u.name} is not on hold`);
    },
    async (a) => {
      const state = holdResolved(a.outcome);
      s.units[a.unitId]!.hold = state === 'cleared' ? 'none' : 'disqualified';
      await applyHold(s, a.unitId, state, a.reason, undefined, a.outcome);
      return ok(`hold resolved: ${a.outcome}`);
    },
    { projects: true, afterProjection: (a) => auditAct(s, a, `hold.${a.outcome}`, a.unitId, { reason: a.reason }) },
  );
}

/** Holds apply even after the vote (ND 152/2025 Art. 4(4)): the council child is told too. */
async function applyHold(
  s: CycleState,
  unitId: string,
  state: 'onHold' | 'cleared' | 'disqualified',
  reason: string,
  kind?: string,
  outcome?: 'cleared' | 'disciplined',
): Promise<void> {
  await write(s, 'recordHold', {
    cycleId: s.workflowId,
    unitId,
    kind,
    reason,
    outcome,
    at: new Date(Date.now()).toISOString(),
  });
  if (s.councilWorkflowId) {
    await getExternalWorkflowHandle(s.councilWorkflowId).signal(holdChanged, { unitId, state, reason });
  }
  const dedupeKey = `${s.workflowId}:hold:${unitId}:${state}:${Date.now()}`;
  // The reason of a hold (an investigation, an inspection) is for the parties only: the held unit, the
  // council and the admin. The acting head is told that the unit is held or cleared, not why.
  if (patched('hold-reason-parties-only')) {
    await write(s, 'notify', {
      dedupeKey,
      cycleId: s.workflowId,
      unitIds: [unitId],
      kind: 'info',
      ...cycleNotices.hold(state, reason),
    });
    if (s.actingHeadUnitId !== unitId) {
      const unitName = s.units[unitId]?.name ?? unitId;
      await write(s, 'notify', {
        dedupeKey: `${dedupeKey}:head`,
        cycleId: s.workflowId,
        unitIds: [s.actingHeadUnitId],
        kind: 'info',
        ...cycleNotices.holdToHead(state, unitName),
      });
    }
  } else {
    await write(s, 'notify', {
      dedupeKey,
      cycleId: s.workflowId,
      unitIds: [unitId, s.actingHeadUnitId],
      kind: 'info',
      ...cycleNotices.hold(state, reason),
    });
  }
}
