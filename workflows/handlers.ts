import { getExternalWorkflowHandle, patched } from '@temporalio/workflow';
import * as c from '../contracts/cycle';
import { validateSelfScores } from '../domain/scoring';
import { validateExtension } from '../domain/calendar';
import { meetsThreshold, requiredCount } from '../domain/tally';
import { write } from './effects';
import {
  isAdmin,
  officialUnitOf,
  ok,
  registerAct,
  requireBeforeDeadline,
  requireSecretaryOrAdmin,
  requireUnit as requireUnitOf,
} from './act';
import { reject } from './errors';
import * as m from './messages';
import { holdChanged } from './messages';
import { activeUnitIds, contestOf, type CycleState, type UnitState } from './state';
import { project } from './project';
import type { Actor } from '../contracts/common';

function unitOf(s: CycleState, unitId: string): UnitState {
  const u = s.units[unitId];
  if (!u || !u.active) reject('NOT_FOUND', `unit ${unitId} is not a member of this bloc`);
  return u;
}

function requirePhase(s: CycleState, ...phases: CycleState['phase'][]): void {
  if (!phases.includes(s.phase))
    reject('WRONG_PHASE', `not allowed in phase ${s.phase} (needs ${phases.join(' or ')})`);
}

/** Head-ness from the workflow's own records: the unit the person officially acts for (its roster), not the payload's claim. */
function requireHead(s: CycleState, actor: Actor, allowDeputy = false): void {
  const unitId = officialUnitOf(s.roster, actor);
  const ok = unitId === s.actingHeadUnitId || (allowDeputy && unitId === s.deputyUnitId);
  if (!ok)
    reject('FORBIDDEN', allowDeputy ? 'only the bloc head or deputy may do this' : 'only the bloc head may do this');
}

const requireUnit = (s: CycleState, actor: Actor, unitId: string) => requireUnitOf(actor, unitId, s.roster);

const auditAct = (
  s: CycleState,
  act: { requestId: string; actor: Actor },
  action: string,
  entityId: string,
  after?: unknown,
) =>
  write(s, 'audit', {
    action,
    entity: 'cycle',
    entityId,
    actorPersonId: act.actor.personId,
    actorRole: act.actor.roles.join(','),
    after,
    workflowId: s.workflowId,
    requestId: act.requestId,
  });

/** Registers every unit and head act of the bloc-year workflow. */
export function registerCycleHandlers(s: CycleState): void {
  const p = s.processed;

  registerAct(
    p,
    m.publishPlan,
    c.PublishPlanSchema,
    (a) => {
      requirePhase(s, 'launch');
      requireHead(s, a.actor);
      const first = a.plan.deadlines.pledge;
      if (Date.parse(first) <= Date.now())
        reject('VALIDATION', 'the pledge deadline must be in the future', { path: ['plan', 'deadlines', 'pledge'] });
    },
    async (a) => {
      s.plan = a.plan;
      s.deadlines = a.plan.deadlines;
      await auditAct(s, a, 'cycle.publishPlan', s.workflowId, { theme: a.plan.theme });
      return ok('plan published');
    },
  );

  registerAct(
    p,
    m.submitPledge,
    c.SubmitPledgeSchema,
    (a) => {
      requirePhase(s, 'pledge');
      requireUnit(s, a.actor, a.unitId);
      const u = unitOf(s, a.unitId);
      requireBeforeDeadline(s.deadlines?.pledge, 'the pledge');
      if (u.pledge === 'submitted' || u.pledge === 'accepted')
        reject('ALREADY_DONE', `the pledge of ${u.name} is already ${u.pledge}`);
    },
    async (a) => {
      const { requestId, actor: _actor, ...payload } = a;
      s.units[a.unitId]!.pledge = 'submitted';
      await write(s, 'recordSubmission', {
        cycleId: s.workflowId,
        unitId: a.unitId,
        kind: 'pledge',
        payload,
        status: 'submitted',
        requestId,
      });
      await write(s, 'notify', {
        dedupeKey: `${s.workflowId}:pledge:${requestId}`,
        cycleId: s.workflowId,
        unitIds: [s.actingHeadUnitId],
        kind: 'info',
        title: 'Đơn vị đã đăng ký thi đua',
        body: `${s.units[a.unitId]!.name} đã ký giao ước, chờ Trưởng khối xem xét.`,
      });
      await auditAct(s, a, 'pledge.submit', a.unitId);
      await project(s);
      return ok('pledge submitted');
    },
  );

  registerAct(
    p,
    m.reviewPledge,
    c.ReviewPledgeSchema,
    (a) => {
      requirePhase(s, 'pledge');
      requireHead(s, a.actor);
      const u = unitOf(s, a.unitId);
      if (u.pledge !== 'submitted') reject('CONFLICT', `the pledge of ${u.name} is ${u.pledge}, not awaiting review`);
    },
    async (a) => {
      const u = s.units[a.unitId]!;
      u.pledge = a.decision === 'accept' ? 'accepted' : 'returned';
      await write(s, 'recordSubmission', {
        cycleId: s.workflowId,
        unitId: a.unitId,
        kind: 'pledge',
        payload: null,
        status: u.pledge,
        reason: a.reason,
        requestId: a.requestId,
      });
      if (u.pledge === 'accepted')
        await write(s, 'updateTasks', { cycleId: s.workflowId, kind: 'pledge', unitIds: [a.unitId], status: 'done' });
      await write(s, 'notify', {
        dedupeKey: `${s.workflowId}:pledge-review:${a.requestId}`,
        cycleId: s.workflowId,
        unitIds: [a.unitId],
        kind: 'info',
        title: u.pledge === 'accepted' ? 'Giao ước đã được chấp nhận' : 'Giao ước bị trả lại',
        body: a.reason ?? 'Trưởng khối đã chấp nhận bản đăng ký thi đua.',
      });
      await auditAct(s, a, `pledge.${a.decision}`, a.unitId, { reason: a.reason });
      await project(s);
      return ok(`pledge ${u.pledge}`);
    },
  );

  registerAct(
    p,
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
        title: 'Gia hạn thời hạn',
        body: `Hạn ${a.phase} được gia hạn đến ${a.newDeadline}. Lý do: ${a.reason}`,
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
      await project(s);
      return ok('deadline extended', { phase: a.phase, deadline: a.newDeadline });
    },
  );

  registerAct(
    p,
    m.submitMidYearReport,
    c.SubmitReportSchema,
    (a) => {
      requirePhase(s, 'midYear');
      requireUnit(s, a.actor, a.unitId);
      const u = unitOf(s, a.unitId);
      requireBeforeDeadline(s.deadlines?.midYear, 'the mid-year report');
      if (u.midYear !== 'none') reject('ALREADY_DONE', `${u.name} has already reported`);
    },
    async (a) => {
      const { requestId, actor: _actor, ...payload } = a;
      s.units[a.unitId]!.midYear = 'submitted';
      await write(s, 'recordSubmission', {
        cycleId: s.workflowId,
        unitId: a.unitId,
        kind: 'midYearReport',
        payload,
        status: 'submitted',
        requestId,
      });
      await write(s, 'updateTasks', { cycleId: s.workflowId, kind: 'midYear', unitIds: [a.unitId], status: 'done' });
      await auditAct(s, a, 'midYear.submit', a.unitId);
      await project(s);
      return ok('mid-year report submitted');
    },
  );

  registerAct(
    p,
    m.compileBlocReport,
    c.CompileBlocReportSchema,
    (a) => {
      requirePhase(s, 'midYear');
      requireHead(s, a.actor);
      if (s.blocReport) reject('ALREADY_DONE', 'the bloc mid-year report is already compiled');
    },
    async (a) => {
      s.blocReport = a.summary;
      await write(s, 'recordSubmission', {
        cycleId: s.workflowId,
        unitId: s.actingHeadUnitId,
        kind: 'blocMidYearReport',
        payload: { summary: a.summary },
        status: 'submitted',
        requestId: a.requestId,
      });
      await auditAct(s, a, 'midYear.compile', s.workflowId);
      return ok('bloc report compiled');
    },
  );

  registerAct(
    p,
    m.submitSelfScore,
    c.SubmitSelfScoreSchema,
    (a) => {
      requirePhase(s, 'selfScoring');
      requireUnit(s, a.actor, a.unitId);
      const u = unitOf(s, a.unitId);
      requireBeforeDeadline(s.deadlines?.selfScoring, 'self-scoring');
      if (u.selfScore !== 'none') reject('ALREADY_DONE', `${u.name} has already submitted its self-score`);
      validateSelfScores(
        s.plan!.scoringTemplate,
        a.entries.map((e) => ({ criterionId: e.criterionId, points: e.points, evidence: e.evidence })),
      );
    },
    async (a) => {
      const u = s.units[a.unitId]!;
      u.selfScore = 'submitted';
      u.score = {
        entries: a.entries.map((e) => ({ criterionId: e.criterionId, self: e.points, reviewed: null })),
        bonusClaimed: a.bonusClaimed,
        bonusGranted: null,
      };
      const { requestId, actor: _actor, ...payload } = a;
      await write(s, 'recordSubmission', {
        cycleId: s.workflowId,
        unitId: a.unitId,
        kind: 'selfScore',
        payload,
        status: 'submitted',
        requestId,
      });
      await write(s, 'updateTasks', {
        cycleId: s.workflowId,
        kind: 'selfScoring',
        unitIds: [a.unitId],
        status: 'done',
      });
      await auditAct(s, a, 'selfScore.submit', a.unitId);
      await project(s);
      return ok('self-score submitted');
    },
  );

  registerAct(
    p,
    m.reviewScore,
    c.ReviewScoreSchema,
    (a) => {
      requirePhase(s, 'review');
      requireHead(s, a.actor, true);
      const u = unitOf(s, a.unitId);
      const criteria = new Set(s.plan!.scoringTemplate.groups.flatMap((g) => g.criteria.map((cr) => cr.id)));
      a.adjustments.forEach((adj, i) => {
        if (!criteria.has(adj.criterionId))
          reject('VALIDATION', `unknown criterion ${adj.criterionId}`, { path: ['adjustments', i, 'criterionId'] });
      });
      const rules = new Set(s.plan!.scoringTemplate.penaltyRules.map((r) => r.id));
      a.penalties.forEach((pen, i) => {
        if (!rules.has(pen.ruleId))
          reject('VALIDATION', `unknown penalty rule ${pen.ruleId}`, { path: ['penalties', i, 'ruleId'] });
      });
      if (s.reviewClosed) reject('WRONG_PHASE', 'the review is closed');
      void u;
    },
    async (a) => {
      const u = s.units[a.unitId]!;
      const draft = u.score ?? { entries: [], bonusClaimed: 0, bonusGranted: null };
      for (const adj of a.adjustments) {
        const entry = draft.entries.find((e) => e.criterionId === adj.criterionId);
        if (entry) Object.assign(entry, { reviewed: adj.reviewedPoints, reason: adj.reason });
        else
          draft.entries.push({
            criterionId: adj.criterionId,
            self: 0,
            reviewed: adj.reviewedPoints,
            reason: adj.reason,
          });
      }
      if (a.bonus !== undefined) draft.bonusGranted = a.bonus;
      u.score = draft;
      u.penalties.push(...a.penalties);
      u.penaltyPoints = u.penalties.reduce((t, x) => t + x.points, 0);
      await auditAct(s, a, 'score.review', a.unitId, {
        adjustments: a.adjustments,
        penalties: a.penalties,
        bonus: a.bonus,
      });
      return ok('score reviewed');
    },
  );

  registerAct(
    p,
    m.closeReview,
    c.CloseReviewSchema,
    (a) => {
      requirePhase(s, 'review');
      requireHead(s, a.actor);
      if (s.reviewClosed) reject('ALREADY_DONE', 'the review is already closed');
    },
    async (a) => {
      s.reviewClosed = true;
      await auditAct(s, a, 'review.close', s.workflowId);
      return ok('review closed');
    },
  );

  registerAct(
    p,
    m.openMeeting,
    c.OpenMeetingSchema,
    (a) => {
      requirePhase(s, 'voting');
      requireHead(s, a.actor);
      if (s.meeting?.quorumMet) reject('ALREADY_DONE', 'the meeting is already open');
      a.presentUnitIds.forEach((id, i) => {
        if (!s.units[id]?.active) reject('VALIDATION', `unit ${id} is not a member`, { path: ['presentUnitIds', i] });
      });
    },
    async (a) => {
      const present = [...new Set(a.presentUnitIds)];
      const members = activeUnitIds(s).length;
      const q = s.input.ruleSet.voting.quorum;
      const share = present.length / members;
      const quorumMet = q.strict ? share > q.ratio : share >= q.ratio - 1e-9;
      s.meeting = { presentUnitIds: present, quorumMet };
      await auditAct(s, a, 'meeting.open', s.workflowId, { present, quorumMet });
      await project(s);
      return ok(quorumMet ? 'meeting opened' : 'quorum not met: the meeting is postponed', {
        quorumMet,
        present: present.length,
        members,
      });
    },
  );

  registerAct(
    p,
    m.castBallot,
    c.CastBallotSchema,
    (a) => {
      requirePhase(s, 'voting');
      requireUnit(s, a.actor, a.unitId);
      unitOf(s, a.unitId);
      requireBeforeDeadline(s.deadlines?.voting, 'voting');
      const contest = contestOf(s, a.contest);
      if (!contest || contest.status !== 'open') reject('WRONG_PHASE', `voting on ${a.contest} is not open`);
      if (contest.round !== a.round) reject('CONFLICT', `round ${a.round} is not the open round (${contest.round})`);
      if (!s.meeting?.presentUnitIds.includes(a.unitId)) reject('FORBIDDEN', 'only units present at the meeting vote');
      if (contest.voted.includes(a.unitId)) reject('ALREADY_DONE', 'this unit has already voted in this round');
      if (new Set(a.choices).size !== a.choices.length)
        reject('VALIDATION', 'a candidate is chosen twice', { path: ['choices'] });
      if (a.choices.length > contest.seats)
        reject('VALIDATION', `at most ${contest.seats} choice(s)`, { path: ['choices'] });
      a.choices.forEach((ch, i) => {
        if (!contest.candidates.includes(ch))
          reject('VALIDATION', `${ch} is not a candidate in this round`, { path: ['choices', i] });
      });
      if (!s.input.ruleSet.voting.selfVoteAllowed && a.choices.includes(a.unitId))
        reject('RULE_VIOLATION', 'the bloc rules forbid voting for your own unit', { path: ['choices'] });
    },
    async (a) => {
      const contest = contestOf(s, a.contest)!;
      // Voter and content go to separate places; the box keeps no order link to the voter list.
      contest.voted.push(a.unitId);
      contest.box.push({ choices: [...a.choices] });
      await write(s, 'recordVoter', { cycleId: s.workflowId, contest: a.contest, round: a.round, voterKey: a.unitId });
      return ok('ballot received');
    },
  );

  registerAct(
    p,
    m.closeRound,
    c.CloseRoundSchema,
    (a) => {
      requirePhase(s, 'voting');
      requireHead(s, a.actor);
      const contest = contestOf(s, a.contest);
      if (!contest || contest.status !== 'open' || contest.round !== a.round)
        reject('WRONG_PHASE', `round ${a.round} of ${a.contest} is not open`);
      // A round closes when every present unit has voted, at the deadline, or once the rule-set's
      // early-close share of ballots is in — never on the head's word after a ballot or two.
      const present = (s.meeting?.presentUnitIds ?? []).filter((id) => s.units[id]?.active);
      if (!present.every((id) => contest.voted.includes(id))) {
        const q = s.input.ruleSet.voting.earlyClose;
        const base = q?.base === 'allMembers' ? activeUnitIds(s).length : present.length;
        if (!q || !meetsThreshold(contest.voted.length, base, q)) {
          reject(
            'RULE_VIOLATION',
            q
              ? `the round closes when every present unit has voted, at the voting deadline, or once ${requiredCount(base, q)} of ${base} units have voted`
              : 'the round closes when every present unit has voted or at the voting deadline',
          );
        }
      }
    },
    async (a) => {
      contestOf(s, a.contest)!.closeRequested = true;
      await auditAct(s, a, 'round.close', `${a.contest}:${a.round}`);
      return ok('round closing');
    },
  );

  registerAct(
    p,
    m.decideContest,
    c.DecideContestSchema,
    (a) => {
      requirePhase(s, 'voting');
      requireHead(s, a.actor, true);
      const contest = contestOf(s, a.contest);
      if (!contest || contest.status !== 'awaitingDecision')
        reject('WRONG_PHASE', `${a.contest} is not awaiting the head and deputy's decision`);
      if (a.unitIds.length > contest.seats)
        reject('VALIDATION', `at most ${contest.seats} unit(s)`, { path: ['unitIds'] });
      a.unitIds.forEach((id, i) => {
        if (!contest.candidates.includes(id))
          reject('VALIDATION', `${id} is not a candidate`, { path: ['unitIds', i] });
      });
    },
    async (a) => {
      contestOf(s, a.contest)!.decisions[a.actor.unitId!] = [...a.unitIds].sort();
      await auditAct(s, a, 'contest.decide', a.contest, { unitIds: a.unitIds });
      return ok('decision recorded');
    },
  );

  registerAct(
    p,
    m.recordHandover,
    c.RecordHandoverSchema,
    (a) => {
      if (!['council', 'handover'].includes(s.phase)) reject('WRONG_PHASE', 'the handover follows the year-end vote');
      requireHead(s, a.actor);
      if (s.handoverRequest) reject('ALREADY_DONE', 'the handover is already recorded');
      if (s.input.ruleSet.rotation.policy === 'appointed' && !a.appointed)
        reject('VALIDATION', 'the appointed head and deputy are required', { path: ['appointed'] });
    },
    (a) => {
      s.handoverRequest = { actor: a.actor, requestId: a.requestId, appointed: a.appointed };
      return ok('handover recorded');
    },
  );

  registerAct(
    p,
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
      if (s.actingHeadUnitId === a.unitId) s.actingHeadUnitId = s.deputyUnitId;
      if (s.meeting) s.meeting.presentUnitIds = s.meeting.presentUnitIds.filter((id) => id !== a.unitId);
      for (const contest of s.contests) contest.candidates = contest.candidates.filter((id) => id !== a.unitId);
      const at = new Date(Date.now()).toISOString();
      await write(s, 'recordMembershipChange', {
        cycleId: s.workflowId,
        blocId: s.input.blocId,
        unitId: a.unitId,
        reason: a.reason,
        at,
      });
      await write(s, 'updateTasks', { cycleId: s.workflowId, kind: s.phase, unitIds: [a.unitId], status: 'cancelled' });
      await auditAct(s, a, 'membership.leave', a.unitId, { reason: a.reason });
      await project(s);
      return ok(`${u.name} left the bloc`);
    },
  );

  registerAct(
    p,
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
      await auditAct(s, a, 'hold.open', a.unitId, { kind: a.kind, reason: a.reason });
      return ok('unit put on hold');
    },
  );

  registerAct(
    p,
    m.resolveHold,
    c.ResolveHoldSchema,
    (a) => {
      requireSecretaryOrAdmin(s.roster, a.actor, true);
      const u = s.units[a.unitId];
      if (!u) reject('NOT_FOUND', `unit ${a.unitId} is not in this bloc`);
      if (u.hold !== 'onHold') reject('CONFLICT', `${u.name} is not on hold`);
    },
    async (a) => {
      const state = a.outcome === 'cleared' ? 'cleared' : 'disqualified';
      s.units[a.unitId]!.hold = state === 'cleared' ? 'none' : 'disqualified';
      await applyHold(s, a.unitId, state, a.reason, undefined, a.outcome);
      await auditAct(s, a, `hold.${a.outcome}`, a.unitId, { reason: a.reason });
      return ok(`hold resolved: ${a.outcome}`);
    },
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
  const title =
    state === 'onHold'
      ? 'Tạm dừng xét khen thưởng'
      : state === 'cleared'
        ? 'Tiếp tục xét khen thưởng'
        : 'Không đủ điều kiện khen thưởng';
  const dedupeKey = `${s.workflowId}:hold:${unitId}:${state}:${Date.now()}`;
  // The reason of a hold (an investigation, an inspection) is for the parties only: the held unit, the
  // council and the admin. The acting head is told that the unit is held or cleared, not why.
  if (patched('hold-reason-parties-only')) {
    await write(s, 'notify', {
      dedupeKey,
      cycleId: s.workflowId,
      unitIds: [unitId],
      kind: 'info',
      title,
      body: reason,
    });
    if (s.actingHeadUnitId !== unitId) {
      const unitName = s.units[unitId]?.name ?? unitId;
      await write(s, 'notify', {
        dedupeKey: `${dedupeKey}:head`,
        cycleId: s.workflowId,
        unitIds: [s.actingHeadUnitId],
        kind: 'info',
        title,
        body: `${unitName}: ${title.toLowerCase()} (Điều 4 khoản 4 Nghị định 152/2025/NĐ-CP). Lý do được gửi đến đơn vị và Hội đồng Thi đua – Khen thưởng.`,
      });
    }
  } else {
    await write(s, 'notify', {
      dedupeKey,
      cycleId: s.workflowId,
      unitIds: [unitId, s.actingHeadUnitId],
      kind: 'info',
      title,
      body: reason,
    });
  }
  await project(s);
}
