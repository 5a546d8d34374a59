import fs from 'node:fs';
import path from 'node:path';
import {
  bundleWorkflowCode,
  DefaultLogger,
  type WorkflowBundlePath,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';

let cached: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundles workflows/ once per process (webpack takes seconds; tests and workers share it). */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  cached ??= bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    // Zod, the contracts, the pure rules and the notification texts: loaded once for all workflows; no stack frames
    // captured in workflow code unless WORKFLOW_STACK_TRACES=full when bundling (issue 11).
    preloadModules: [
      require.resolve('../workflows/shared-modules'),
      ...(process.env.WORKFLOW_STACK_TRACES === 'full' ? [] : [require.resolve('../workflows/short-stacks')]),
    ],
    logger: new DefaultLogger('WARN'),
  });
  return cached;
}

/**
 * The bundle a worker runs: a prebuilt file when `WORKFLOW_BUNDLE_PATH` names one (production: `npm run build` writes
 * dist/workflow-bundle.js), else bundled in this process. A prebuilt bundle keeps webpack out of the worker: it starts
 * in about a second instead of five (what a restarted worker's first acts wait for) and its idle RSS is smaller.
 */
export async function workflowBundleFor(
  bundlePath: string | undefined,
): Promise<WorkflowBundlePath | WorkflowBundleWithSourceMap> {
  return bundlePath ? { codePath: path.resolve(bundlePath) } : workflowBundle();
}

/** Writes the bundle (its source map is inline) to `file`, for `WORKFLOW_BUNDLE_PATH`. */
export async function writeWorkflowBundle(file: string): Promise<void> {
  const { code } = await workflowBundle();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, code);
}
