/**
 * The prebuilt workflow bundle (worker/bundle.ts; `npm run build` writes dist/workflow-bundle.js, the Docker image
 * sets WORKFLOW_BUNDLE_PATH): the file written is the same code the in-process bundle runs — a recorded bloc-year
 * replays from it — and a worker created with the path loads that file rather than bundling.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { workflowBundleFor, writeWorkflowBundle } from '../../worker/bundle';
import { readHistory, recordings } from '../support/histories';

jest.setTimeout(120_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-bundle-'));
const file = path.join(dir, 'workflow-bundle.js');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the written bundle replays a recorded bloc-year', async () => {
  await writeWorkflowBundle(file);
  expect(fs.statSync(file).size).toBeGreaterThan(10_000);
  const option = await workflowBundleFor(file);
  expect(option).toEqual({ codePath: file });
  const year = recordings().find((r) => /^cycle-.*-\d{4}$/.test(r.workflowId))!;
  await expect(Worker.runReplayHistory({ workflowBundle: option }, readHistory(year), year.workflowId)).resolves.toBe(
    undefined,
  );
});

test('without a path the worker bundles in its own process', async () => {
  const option = await workflowBundleFor(undefined);
  expect('code' in option && option.code.length).toBeGreaterThan(10_000);
});
