import { condition } from '@temporalio/workflow';
import { write } from '../../../effects';
import { enterPhase } from '../../projection';
import type { CycleState } from '../../state';

/** The launch phase has no deadline: the cycle waits for the head to publish the plan. */
export async function launchPhase(s: CycleState): Promise<void> {
  await enterPhase(s, 'launch', () => {
    // A plan given with the input (next year's, or a test's) is adopted at once.
    if (s.input.plan && !s.plan) {
      s.plan = s.input.plan;
      s.deadlines = s.input.plan.deadlines;
    }
  });
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
