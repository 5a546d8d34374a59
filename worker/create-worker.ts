import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { CycleActivities } from '../activities/types';
import { workflowBundleFor } from './bundle';

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: CycleActivities;
  /** The payload codec (worker/codec.ts dataConverterFor); must match the clients'. */
  dataConverter?: DataConverter;
  /**
   * Workflows kept in the worker's cache (default 250). An evicted bloc-year is replayed from its history when its
   * next act or timer comes. Measured (README, Scaling): with the modules shared (workflows/shared-modules.ts) a
   * cached bloc-year costs well under 1 MiB — 599 MiB of RSS with 697 live at 250 (2.2 GiB before).
   */
  maxCachedWorkflows?: number;
  /** A prebuilt bundle (worker/bundle.ts); unset: bundled in this process. */
  workflowBundlePath?: string;
}

export const DEFAULT_MAX_CACHED_WORKFLOWS = 250;

/** Builds the Worker: the workflow bundle plus activities with their real (or test) dependencies. */
export async function createWorker({
  connection,
  namespace,
  taskQueue,
  activities,
  dataConverter,
  maxCachedWorkflows = DEFAULT_MAX_CACHED_WORKFLOWS,
  workflowBundlePath,
}: WorkerDeps): Promise<Worker> {
  return Worker.create({
    // One V8 context for all workflows (the SDK default, stated): a cached workflow then costs its
    // state, not a context of its own.
    reuseV8Context: true,
    maxCachedWorkflows,
    connection,
    namespace,
    taskQueue,
    dataConverter,
    workflowBundle: await workflowBundleFor(workflowBundlePath),
    activities: activities as unknown as Record<string, (...args: never[]) => Promise<unknown>>,
  });
}
