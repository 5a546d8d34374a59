import type { DeadlinePhase } from '../../contracts/cycle';
import { write } from '../effects';
import { awaitDeadline } from './deadline';
import { phaseUpdated, enterPhase } from './projection';
import { activeUnits, type CycleState, type UnitState } from './state';
import { cycleNotices } from '../../notifications/catalogue';

interface TaskPhase {
  phase: DeadlinePhase;
  title: string;
  /** Has this unit finished its part? */
  isDone: (u: UnitState) => boolean;
  /** Penalty rule applied to a unit that misses the deadline (scoring template id). */
  latePenalty?: { ruleId: string; points: number };
  /** Extra condition for the phase to close early (e.g. the head's compiled report). */
  alsoDone?: () => boolean;
}

/**
 * One deadline-driven phase: open a task per active unit, wait (with reminders) until every
 * unit is done or the deadline passes, then flag the late ones, apply the configured penalty
 * and escalate to the head.
 */
export async function runTaskPhase(s: CycleState, spec: TaskPhase): Promise<void> {
  await enterPhase(s, spec.phase);
  const dueAt = s.deadlines![spec.phase];
  const unitIds = activeUnits(s).map((u) => u.unitId);
  await write(s, 'openTasks', { cycleId: s.workflowId, kind: spec.phase, title: spec.title, dueAt, unitIds });
  await write(s, 'notify', {
    dedupeKey: `${s.workflowId}:${spec.phase}:opened`,
    cycleId: s.workflowId,
    unitIds,
    kind: 'task',
    ...cycleNotices.taskOpened(spec.title, dueAt),
  });

  const pending = () =>
    activeUnits(s)
      .filter((u) => !spec.isDone(u))
      .map((u) => u.unitId);
  const outcome = await awaitDeadline(
    s,
    spec.phase,
    () => pending().length === 0 && (spec.alsoDone?.() ?? true),
    pending,
    spec.title,
  );
  if (outcome === 'done') return;

  const late = pending();
  for (const id of late) {
    const u = s.units[id]!;
    u.late.push(spec.phase);
    if (spec.latePenalty && spec.latePenalty.points > 0) {
      u.penalties.push({ ...spec.latePenalty, reason: `late: ${spec.phase}` });
      u.penaltyPoints = u.penalties.reduce((t, x) => t + x.points, 0);
    }
  }
  if (late.length > 0) {
    await write(s, 'updateTasks', { cycleId: s.workflowId, kind: spec.phase, unitIds: late, status: 'late' });
    await write(s, 'notify', {
      dedupeKey: `${s.workflowId}:${spec.phase}:escalation`,
      cycleId: s.workflowId,
      unitIds: [s.actingHeadUnitId, ...late],
      kind: 'escalation',
      ...cycleNotices.late(
        spec.title,
        late.map((id) => s.units[id]!.name),
      ),
    });
    await write(s, 'audit', {
      action: `${spec.phase}.late`,
      entity: 'cycle',
      entityId: s.workflowId,
      after: { late },
      workflowId: s.workflowId,
    });
  }
  await phaseUpdated(s);
}

/** A late-penalty rule from the bloc's rule set (0 points when the rule set names none). */
export const penaltyPoints = (
  s: CycleState,
  key: 'latePledge' | 'lateMidYearReport' | 'lateSelfScore',
  ruleId: string,
) => ({
  ruleId,
  points: s.input.ruleSet.penalties?.[key] ?? 0,
});
