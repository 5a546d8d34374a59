/**
 * Replays recorded histories through the current workflow code: a change that would break
 * running cycles (non-determinism) fails here before it reaches a worker.
 * The recordings and how to make new ones: test/support/histories.ts (in short,
 * `RECORD_HISTORIES=1 CI=true npx jest test/workflows/year.test.ts test/workflows/government-flag.test.ts`
 * adds a folder of today's histories). Keep the older folders: they are what running workflows
 * started by older code look like; a change that cannot replay them must be guarded with `patched()`.
 */
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../../worker/bundle';
import { readHistory, readHistoryBytes, recordings, type Recording } from '../support/histories';

const all = recordings();
const ids = all.map((r) => r.workflowId);

jest.setTimeout(120_000);

test('there are recorded histories to replay', () => {
  expect(ids.some((id) => /^cycle-.*-\d{4}$/.test(id))).toBe(true);
  expect(ids.some((id) => id.endsWith('-council'))).toBe(true);
  expect(ids.some((id) => /^govflag-.*-\d{4}$/.test(id))).toBe(true);
  // A province award session and bloc-years that handed in to it (patch province-session-v1).
  expect(ids.some((id) => /^province-session:.+:\d{4}:\d+$/.test(id))).toBe(true);
  // A bloc year from before the batched effects and one after (the patch id is in its history).
  const cycles = all.filter((r) => /^cycle-.*-\d{4}$/.test(r.workflowId));
  const batched = (r: Recording) => readHistoryBytes(r).includes('batched-effects-v1');
  expect(cycles.some(batched)).toBe(true);
  expect(cycles.some((r) => !batched(r))).toBe(true);
});

test.each(all.map((r) => [r.file, r] as const))('%s replays deterministically on the current code', async (_, r) => {
  await expect(
    Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, readHistory(r), r.workflowId),
  ).resolves.toBeUndefined();
});
