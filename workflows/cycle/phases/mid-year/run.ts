import { penaltyPoints, runTaskPhase } from '../../task-phase';
import type { CycleState } from '../../state';

/** Units report at mid-year; the phase also waits for the head's compiled bloc report. */
export const midYearPhase = (s: CycleState) =>
  runTaskPhase(s, {
    phase: 'midYear',
    title: 'Báo cáo sơ kết 6 tháng',
    isDone: (u) => u.midYear === 'submitted',
    alsoDone: () => s.blocReport !== null,
    latePenalty: penaltyPoints(s, 'lateMidYearReport', 'late-report'),
  });
