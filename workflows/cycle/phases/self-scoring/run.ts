import { penaltyPoints, runTaskPhase } from '../../task-phase';
import type { CycleState } from '../../state';
import { taskTitles } from '../../../../notifications/catalogue';

/** Units score themselves against the plan's template. */
export const selfScoringPhase = (s: CycleState) =>
  runTaskPhase(s, {
    phase: 'selfScoring',
    title: taskTitles.selfScoring,
    isDone: (u) => u.selfScore === 'submitted',
    latePenalty: penaltyPoints(s, 'lateSelfScore', 'late-self-score'),
  });
