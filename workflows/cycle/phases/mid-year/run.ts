import { penaltyPoints, runTaskPhase } from '../../task-phase';
import type { CycleState } from '../../state';
import { taskTitles } from '../../../../notifications/catalogue';

/** Units report at mid-year; the phase also waits for the head's compiled bloc report. */
export const midYearPhase = (s: CycleState) =>
  runTaskPhase(s, {
    phase: 'midYear',
    title: taskTitles.midYear,
    isDone: (u) => u.midYear === 'submitted',
    alsoDone: () => s.blocReport !== null,
    latePenalty: penaltyPoints(s, 'lateMidYearReport', 'late-report'),
  });
