import { condition } from '@temporalio/workflow';
import { write } from '../../../effects';
import { enterPhase } from '../../projection';
import type { CycleState } from '../../state';
import { cycleNotices } from '../../../../notifications/catalogue';

/** The launch phase has no deadline: the cycle waits for the head to publish the plan. */
export async function launchPhase(s: CycleState): Promise<void> {
  // A plan given with the input (next year's, or a test's) is adopted at once.
  if (s.input.plan && !s.plan) {
    s.plan = s.input.plan;
    s.deadlines = s.input.plan.deadlines;
  }
  await enterPhase(s, 'launch');
  if (!s.plan) {
    await write(s, 'notify', {
      dedupeKey: `${s.workflowId}:launch`,
      cycleId: s.workflowId,
      unitIds: [s.actingHeadUnitId],
      kind: 'task',
      ...cycleNotices.launch(s.input.year),
    });
    await condition(() => s.plan !== null);
  }
}
