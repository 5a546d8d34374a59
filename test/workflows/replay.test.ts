/**
 * Replays recorded histories through the current workflow code: a change that would break
 * running cycles (non-determinism) fails here before it reaches a worker.
 * Refresh the recordings with `RECORD_HISTORIES=1 npx jest test/workflows/cycle.test.ts`
 * only when a change is meant to be incompatible (and then version the workflow).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { workflowBundle } from '../../worker/bundle';

const dir = path.join(__dirname, 'histories');
const recordings = fs.readdirSync(dir).filter((f) => f.endsWith('.history.bin'));

jest.setTimeout(120_000);

test('there are recorded histories to replay', () => {
  expect(recordings.some((f) => /^cycle-.*-\d{4}\.history\.bin$/.test(f))).toBe(true);
  expect(recordings.some((f) => f.endsWith('-council.history.bin'))).toBe(true);
});

test.each(recordings)('%s replays deterministically on the current code', async (file) => {
  const history = temporal.api.history.v1.History.decode(fs.readFileSync(path.join(dir, file)));
  await expect(
    Worker.runReplayHistory({ workflowBundle: await workflowBundle() }, history, file.replace(/\.history\.bin$/, '')),
  ).resolves.toBeUndefined();
});
