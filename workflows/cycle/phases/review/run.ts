import type { CycleState } from '../../state';
import { write } from '../../../effects';
import { awaitDeadline } from '../../deadline';
import { finaliseScores } from './finalise';
import { enterPhase } from '../../projection';
import { taskTitles } from '../../../../notifications/catalogue';

/** Head (and deputy) review until the head closes the review or the deadline; then final scores and ranking. */
export async function reviewPhase(s: CycleState): Promise<void> {
  await enterPhase(s, 'review');
  await write(s, 'openTasks', {
    cycleId: s.workflowId,
    kind: 'review',
    title: taskTitles.review,
    dueAt: s.deadlines!.review,
    unitIds: [s.actingHeadUnitId],
  });
  await awaitDeadline(
    s,
    'review',
    () => s.reviewClosed,
    () => [s.actingHeadUnitId],
    taskTitles.reviewShort,
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
