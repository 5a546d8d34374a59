import { Worker, type NativeConnection } from '@temporalio/worker';
import type { CycleActivities } from '../activities/types';
import { workflowBundle } from './bundle';

export interface WorkerDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  activities: CycleActivities;
}

/** Builds the Worker: the workflow bundle plus activities with their real (or test) dependencies. */
export async function createWorker({ connection, namespace, taskQueue, activities }: WorkerDeps): Promise<Worker> {
  return Worker.create({
    connection,
    namespace,
    taskQueue,
    workflowBundle: await workflowBundle(),
    activities: activities as unknown as Record<string, (...args: never[]) => Promise<unknown>>,
  });
}
