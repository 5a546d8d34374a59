import { Router } from 'express';
import type { AppDeps } from './context';
import { route } from './route';

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), ms).unref())]);

/** A worker counts as alive when it polled the task queue within the last minute. */
export async function workerPolling(deps: AppDeps): Promise<boolean> {
  const { temporal } = deps;
  const res = await temporal.client.workflowService.describeTaskQueue({
    namespace: temporal.namespace,
    taskQueue: { name: temporal.taskQueue },
    taskQueueType: 1,
  });
  const cutoff = Date.now() - 60_000;
  return (res.pollers ?? []).some((p) => Number(p.lastAccessTime?.seconds ?? 0) * 1000 >= cutoff);
}

export function healthRouter(deps: AppDeps): Router {
  const router = Router();
  route(
    router,
    {
      method: 'get',
      path: '/healthz',
      summary: 'Health of Temporal, database and worker: 200 when all are up, 503 otherwise',
      tags: ['ops'],
      security: [],
      responses: { 200: { description: 'all up' }, 503: { description: 'a dependency is down' } },
    },
    async (_input, _req, res) => {
      const check = async (fn: () => Promise<unknown>) => {
        try {
          return (await withTimeout(fn(), 3000)) === false ? 'down' : 'up';
        } catch {
          return 'down';
        }
      };
      const [database, temporal, worker] = await Promise.all([
        check(() => deps.db.prisma.$queryRawUnsafe('SELECT 1')),
        check(() => deps.temporal.client.workflowService.getSystemInfo({})),
        check(() => (deps.workerAlive ?? (() => workerPolling(deps)))()),
      ]);
      const ok = database === 'up' && temporal === 'up' && worker === 'up';
      res.status(ok ? 200 : 503).json({ status: ok ? 'ok' : 'degraded', database, temporal, worker });
    },
  );
  return router;
}
