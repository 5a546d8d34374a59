import { penaltyPoints, runTaskPhase } from '../../task-phase';
import type { CycleState } from '../../state';

/** Units score themselves against the plan's template. */
export const selfScoringPhase = (s: CycleState) =>
  runTaskPhase(s, {
    phase: 'selfScoring',
    title: 'Tự chấm điểm thi đua cuối năm',
    isDone: (u) => u.selfScore === 'submitted',
    latePenalty: penaltyPoints(s, 'lateSelfScore', 'late-self-score'),
  });
