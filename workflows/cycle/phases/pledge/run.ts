import { penaltyPoints, runTaskPhase } from '../../task-phase';
import type { CycleState } from '../../state';
import { taskTitles } from '../../../../notifications/catalogue';

/** Units sign the pledge; the head accepts or returns each (acts.ts) until all are accepted or the deadline. */
export const pledgePhase = (s: CycleState) =>
  runTaskPhase(s, {
    phase: 'pledge',
    title: taskTitles.pledge,
    isDone: (u) => u.pledge === 'accepted',
    latePenalty: penaltyPoints(s, 'latePledge', 'late-pledge'),
  });
