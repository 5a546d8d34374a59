import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';

let cached: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundles workflows/ once per process (webpack takes seconds; tests and workers share it). */
export function workflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  cached ??= bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: new DefaultLogger('WARN') });
  return cached;
}
