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
   * Workflows kept in the worker's cache (default 250). A cached bloc-year costs ≈ 2.3 MB of RSS;
   * one that is evicted is replayed from its history when its next act or timer comes (a whole
   * year's history replays in tens of milliseconds: README, Scaling). 250 keeps a country's 700
   * live bloc-years within ≈ 1 GiB of worker RSS.
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
