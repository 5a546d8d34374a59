/** The bare baseline of `npm run bench -- --acts`: an Update that only changes workflow state. */
import { condition, defineUpdate, setHandler } from '@temporalio/workflow';

export const increment = defineUpdate<number, [number]>('increment');

export async function benchCounterWorkflow(): Promise<number> {
  let count = 0;
  setHandler(increment, (by) => (count += by), {
    validator: (by) => {
      if (by < 0) throw new Error('only forward');
    },
  });
  await condition(() => count < 0);
  return count;
}
