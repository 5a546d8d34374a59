import type { DataConverter } from '@temporalio/common';
import { Worker, type NativeConnection } from '@temporalio/worker';
import type { CycleActivities } from '../activities/types';
import { workflowBundle } from './bundle';

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: CycleActivities;
  /** The payload codec (worker/codec.ts dataConverterFor); must match the clients'. */
  dataConverter?: DataConverter;
}

/** Builds the Worker: the workflow bundle plus activities with their real (or test) dependencies. */
export async function createWorker({ connection, namespace, taskQueue, activities, dataConverter }: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    dataConverter,
    workflowBundle: await workflowBundle(),
    activities: activities as unknown as Record<string, (...args: never[]) => Promise<unknown>>,
  });
}
