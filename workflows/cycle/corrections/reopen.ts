/**
 * Re-opening a task phase after its deadline (issue 12): the bloc head gives the units that missed the
 * pledge, the mid-year report or the self-score a new deadline (an outage, a unit newly joined, a merger).
 * Their late mark and late penalty for it are lifted; they submit through the phase's own act (its
 * validator asks `openFor` here); whoever has still not done it when the new deadline passes is late again,
 * penalised and escalated as at the first deadline (deadline.ts awaitDeadline waits, with its reminders).
 * Extending a deadline that has not passed is extendDeadline (cycle/acts.ts).
 */
import { condition } from '@temporalio/workflow';
import type { DeadlinePhase } from '../../../contracts/cycle';
import * as k from '../../../contracts/corrections';
import { ok } from '../../act';
import { write } from '../../effects';
import { reject } from '../../errors';
import { cycleNotices, taskTitles } from '../../../notifications/catalogue';
import { auditAct, requireHead } from '../guards';
import { penaltyPoints } from '../task-phase';
import { phaseUpdated, registerCycleAct } from '../projection';
import type { CycleState, UnitState } from '../state';
import { requireRunning } from './leadership';
import * as m from './messages';

type Phase = k.ReopenPhase;

/** While a phase may be re-opened: later phases that can still take the late submission into account. */
const REOPENABLE_DURING: Record<Phase, readonly CycleState['phase'][]> = {
  pledge: ['midYear', 'selfScoring', 'review'],
  midYear: ['selfScoring', 'review'],
  selfScoring: ['review'],
};
const DONE: Record<Phase, (u: UnitState) => boolean> = {
  pledge: (u) => u.pledge === 'accepted',
  midYear: (u) => u.midYear !== 'none',
  selfScoring: (u) => u.selfScore !== 'none',
};
const PENALTY = {
  pledge: ['latePledge', 'late-pledge'],
  midYear: ['lateMidYearReport', 'late-report'],
  selfScoring: ['lateSelfScore', 'late-self-score'],
} as const;

/** Is `phase` re-opened for this unit now that the calendar is past it? Its phase act then accepts it. */
export function reopenedFor(s: CycleState, phase: DeadlinePhase, unitId: string): boolean {
  const r = s.reopened?.[phase as Phase];
  return s.phase !== phase && r !== undefined && r.unitIds.includes(unitId);
}

/** The deadline a unit's act of `phase` is held to: the re-opened one, or the plan's. */
export const deadlineFor = (s: CycleState, phase: DeadlinePhase, unitId: string): string | undefined =>
  reopenedFor(s, phase, unitId) ? s.reopened![phase as Phase]!.until : s.deadlines?.[phase];

export function registerReopenAct(s: CycleState): void {
  const unitsOf = (a: { phase: Phase; unitIds?: string[] }) =>
    a.unitIds ??
    Object.values(s.units)
      .filter((u) => u.active && u.late.includes(a.phase) && !DONE[a.phase](u))
      .map((u) => u.unitId);

  registerCycleAct(
    s,
    m.reopenDeadline,
    k.ReopenDeadlineSchema,
    (a) => {
      requireHead(s, a.actor);
      requireRunning(s);
      if (!REOPENABLE_DURING[a.phase].includes(s.phase) || (a.phase === 'selfScoring' && s.reviewClosed))
        reject('WRONG_PHASE', `the ${a.phase} phase cannot be re-opened in phase ${s.phase}`, { path: ['phase'] });
      const until = Date.parse(a.newDeadline);
      if (until <= Date.now())
        reject('VALIDATION', 'the new deadline must be in the future', { path: ['newDeadline'] });
      const current = s.deadlines?.[s.phase as DeadlinePhase];
      if (current && until > Date.parse(current))
        reject('VALIDATION', `the new deadline would pass the ${s.phase} deadline (${current})`, {
          path: ['newDeadline'],
        });
      const units = unitsOf(a);
      if (units.length === 0) reject('CONFLICT', `no unit missed the ${a.phase} deadline`, { path: ['unitIds'] });
      for (const [i, id] of units.entries()) {
        const u = s.units[id];
        if (!u?.active) reject('NOT_FOUND', `unit ${id} is not a member of this bloc`, { path: ['unitIds', i] });
        if (DONE[a.phase](u)) reject('ALREADY_DONE', `${u.name} has done its ${a.phase}`, { path: ['unitIds', i] });
      }
    },
    async (a) => {
      const unitIds = unitsOf(a);
      const before = unitIds.map((id) => ({
        unitId: id,
        late: s.units[id]!.late,
        penalty: s.units[id]!.penaltyPoints,
      }));
      for (const id of unitIds) {
        const u = s.units[id]!;
        u.late = u.late.filter((p) => p !== a.phase);
        u.penalties = u.penalties.filter((p) => p.reason !== `late: ${a.phase}`);
        u.penaltyPoints = u.penalties.reduce((t, x) => t + x.points, 0);
      }
      const running = (s.reopened?.[a.phase]?.unitIds.length ?? 0) > 0;
      (s.reopened ??= {})[a.phase] = { unitIds, until: a.newDeadline };
      await write(s, 'updateTasks', { cycleId: s.workflowId, kind: a.phase, unitIds, status: 'open' });
      await write(s, 'updateTasks', { cycleId: s.workflowId, kind: a.phase, unitIds, dueAt: a.newDeadline });
      await write(s, 'notify', {
        dedupeKey: `${s.workflowId}:reopen:${a.requestId}`,
        cycleId: s.workflowId,
        unitIds,
        kind: 'task',
        ...cycleNotices.phaseReopened(taskTitles[a.phase], a.newDeadline, a.reason),
      });
      await auditAct(s, a, 'deadline.reopen', s.workflowId, {
        phase: a.phase,
        unitIds,
        until: a.newDeadline,
        reason: a.reason,
        before,
      });
      if (!running) void closeWhenDue(s, a.phase);
      return ok(`${a.phase} re-opened`, { phase: a.phase, unitIds, deadline: a.newDeadline });
    },
    { projects: true },
  );
}

/** The re-opened window ends at its deadline (a later re-opening moves it): who has not done it is late again. */
async function closeWhenDue(s: CycleState, phase: Phase): Promise<void> {
  const pending = () => s.reopened![phase]!.unitIds.filter((id) => s.units[id]?.active && !DONE[phase](s.units[id]!));
  for (;;) {
    const until = s.reopened![phase]!.until;
    const left = Date.parse(until) - Date.now();
    if (left > 0) {
      await condition(() => pending().length === 0 || s.reopened![phase]!.until !== until, left);
      if (s.reopened![phase]!.until !== until) continue;
    }
    break;
  }
  const late = pending();
  s.reopened![phase] = { unitIds: [], until: s.reopened![phase]!.until };
  if (late.length === 0 || s.cancellation) return;
  const [key, ruleId] = PENALTY[phase];
  const penalty = penaltyPoints(s, key, ruleId);
  for (const id of late) {
    const u = s.units[id]!;
    u.late.push(phase);
    if (penalty.points > 0) {
      u.penalties.push({ ...penalty, reason: `late: ${phase}` });
      u.penaltyPoints = u.penalties.reduce((t, x) => t + x.points, 0);
    }
  }
  await write(s, 'updateTasks', { cycleId: s.workflowId, kind: phase, unitIds: late, status: 'late' });
  await write(s, 'notify', {
    dedupeKey: `${s.workflowId}:reopen:${phase}:${s.reopened![phase]!.until}:late`,
    cycleId: s.workflowId,
    unitIds: [s.actingHeadUnitId, ...late],
    kind: 'escalation',
    ...cycleNotices.late(
      taskTitles[phase],
      late.map((id) => s.units[id]!.name),
    ),
  });
  await write(s, 'audit', {
    action: `${phase}.late`,
    entity: 'cycle',
    entityId: s.workflowId,
    after: { late, reopened: true },
    workflowId: s.workflowId,
    requestId: `${s.workflowId}:reopen:${phase}:${s.reopened![phase]!.until}:late`,
  });
  await phaseUpdated(s);
}
