import { condition } from '@temporalio/workflow';
import type { DeadlinePhase } from '../contracts/cycle';
import { computeUnitScore, rankUnits } from '../domain/scoring';
import { write } from './effects';
import { awaitDeadline } from './deadline';
import { project } from './project';
import { activeUnits, type CycleState, type UnitState } from './state';

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
  s.phase = spec.phase;
  await project(s);
  const dueAt = s.deadlines![spec.phase];
  const unitIds = activeUnits(s).map((u) => u.unitId);
  await write(s, 'openTasks', { cycleId: s.workflowId, kind: spec.phase, title: spec.title, dueAt, unitIds });
  await write(s, 'notify', {
    dedupeKey: `${s.workflowId}:${spec.phase}:opened`,
    cycleId: s.workflowId,
    unitIds,
    kind: 'task',
    title: `Nhiệm vụ mới: ${spec.title}`,
    body: `Hạn chót: ${dueAt}.`,
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
    const names = late.map((id) => s.units[id]!.name).join(', ');
    await write(s, 'notify', {
      dedupeKey: `${s.workflowId}:${spec.phase}:escalation`,
      cycleId: s.workflowId,
      unitIds: [s.actingHeadUnitId, ...late],
      kind: 'escalation',
      title: `Quá hạn: ${spec.title}`,
      body: `Các đơn vị chưa hoàn thành đúng hạn: ${names}.`,
    });
    await write(s, 'audit', {
      action: `${spec.phase}.late`,
      entity: 'cycle',
      entityId: s.workflowId,
      after: { late },
      workflowId: s.workflowId,
    });
  }
  await project(s);
}

const penaltyPoints = (s: CycleState, key: 'latePledge' | 'lateMidYearReport' | 'lateSelfScore', ruleId: string) => ({
  ruleId,
  points: s.input.ruleSet.penalties?.[key] ?? 0,
});

export const pledgePhase = (s: CycleState) =>
  runTaskPhase(s, {
    phase: 'pledge',
    title: 'Đăng ký và ký kết giao ước thi đua',
    isDone: (u) => u.pledge === 'accepted',
    latePenalty: penaltyPoints(s, 'latePledge', 'late-pledge'),
  });

export const midYearPhase = (s: CycleState) =>
  runTaskPhase(s, {
    phase: 'midYear',
    title: 'Báo cáo sơ kết 6 tháng',
    isDone: (u) => u.midYear === 'submitted',
    alsoDone: () => s.blocReport !== null,
    latePenalty: penaltyPoints(s, 'lateMidYearReport', 'late-report'),
  });

export const selfScoringPhase = (s: CycleState) =>
  runTaskPhase(s, {
    phase: 'selfScoring',
    title: 'Tự chấm điểm thi đua cuối năm',
    isDone: (u) => u.selfScore === 'submitted',
    latePenalty: penaltyPoints(s, 'lateSelfScore', 'late-self-score'),
  });

/** Head (and deputy) review until the head closes the review or the deadline; then final scores and ranking. */
export async function reviewPhase(s: CycleState): Promise<void> {
  s.phase = 'review';
  await project(s);
  await write(s, 'openTasks', {
    cycleId: s.workflowId,
    kind: 'review',
    title: 'Thẩm định điểm tự chấm',
    dueAt: s.deadlines!.review,
    unitIds: [s.actingHeadUnitId],
  });
  await awaitDeadline(
    s,
    'review',
    () => s.reviewClosed,
    () => [s.actingHeadUnitId],
    'Thẩm định điểm',
  );
  s.reviewClosed = true;
  await write(s, 'updateTasks', {
    cycleId: s.workflowId,
    kind: 'review',
    unitIds: [s.actingHeadUnitId],
    status: 'done',
  });
  await finaliseScores(s);
}

async function finaliseScores(s: CycleState): Promise<void> {
  const template = s.plan!.scoringTemplate;
  const computed = activeUnits(s).map((u) => {
    const draft = u.score ?? { entries: [], bonusClaimed: 0, bonusGranted: null };
    const score = computeUnitScore(template, {
      entries: draft.entries.map((e) => ({ criterionId: e.criterionId, self: e.self, reviewed: e.reviewed })),
      bonus: draft.bonusGranted ?? draft.bonusClaimed,
      penalties: u.penalties.map((x) => ({ ruleId: x.ruleId, points: x.points })),
    });
    u.finalTotal = score.finalTotal;
    u.tasksGroupScore = score.tasksGroupScore;
    return { u, draft, score };
  });
  const ranking = rankUnits(
    computed.map(({ u, score }) => ({
      unitId: u.unitId,
      finalTotal: score.finalTotal,
      tasksGroupScore: score.tasksGroupScore,
      womenRatio: u.womenRatio,
    })),
  );
  for (const r of ranking) s.units[r.unitId]!.rank = r.rank;
  for (const { u, draft, score } of computed) {
    await write(s, 'recordScores', {
      cycleId: s.workflowId,
      unitId: u.unitId,
      entries: draft.entries.map((e) => ({
        criterionId: e.criterionId,
        selfScore: e.self,
        reviewedScore: e.reviewed,
        finalScore: e.reviewed ?? e.self,
        adjustReason: e.reason,
      })),
      summary: {
        selfTotal: score.selfTotal,
        reviewedTotal: score.reviewedTotal,
        finalTotal: score.finalTotal,
        tasksGroupScore: score.tasksGroupScore,
        bonus: score.bonusApplied,
        penalty: score.penaltyTotal,
        rank: u.rank ?? undefined,
      },
    });
  }
  await write(s, 'notify', {
    dedupeKey: `${s.workflowId}:scores-published`,
    cycleId: s.workflowId,
    unitIds: activeUnits(s).map((u) => u.unitId),
    kind: 'result',
    title: 'Công bố kết quả chấm điểm',
    body: ranking.map((r) => `${r.rank}. ${s.units[r.unitId]!.name}: ${r.finalTotal}`).join('\n'),
  });
  await project(s);
}

/** The launch phase has no deadline: the cycle waits for the head to publish the plan. */
export async function launchPhase(s: CycleState): Promise<void> {
  s.phase = 'launch';
  if (s.input.plan && !s.plan) {
    s.plan = s.input.plan;
    s.deadlines = s.input.plan.deadlines;
  }
  await project(s);
  if (!s.plan) {
    await write(s, 'notify', {
      dedupeKey: `${s.workflowId}:launch`,
      cycleId: s.workflowId,
      unitIds: [s.actingHeadUnitId],
      kind: 'task',
      title: 'Phát động phong trào thi đua',
      body: `Trưởng khối xây dựng và ban hành kế hoạch thi đua năm ${s.input.year}.`,
    });
    await condition(() => s.plan !== null);
  }
}
