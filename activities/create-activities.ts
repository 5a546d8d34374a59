import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Db } from '../db';
import { withBusyRetry, writeTransaction } from '../db/retry';
import type { CycleActivities } from './types';
import { writesOn, type Writes } from './writes';
import { handToProvinceSession } from './province-session';

export interface ActivityDeps {
  db: Db;
  /** Where e-mail and webhook deliveries are queued (notifications/outbox.ts); none = in-app only. */
  outbox?: { enqueue(notificationId: string): Promise<void>; wake?(): void };
  log?: { warn(obj: object, msg?: string): void; info?(obj: object, msg?: string): void };
  now?: () => Date;
}

/**
 * Side effects of the cycle. Every write is idempotent — an upsert on a natural key
 * (cycle + unit + kind, request id, dedupe key) — so Temporal's retries never duplicate rows.
 */
export function createActivities({ db, outbox, now = () => new Date() }: ActivityDeps): CycleActivities {
  const enqueue = async (id: string) => {
    if (!outbox) return;
    await outbox.enqueue(id);
    outbox.wake?.();
  };
  // Each write is idempotent, so a busy database and a lost race between two upserts of a new
  // row (PostgreSQL: P2002) are both retried here rather than failing the activity.
  const retry = { retryUniqueRace: true };
  const direct = writesOn(db.prisma, (fn) => writeTransaction(db, fn, retry), enqueue, now);
  const single = Object.fromEntries(
    Object.entries(direct).map(([k, f]) => [
      k,
      (p: never) => withBusyRetry(() => (f as (p: never) => Promise<void>)(p), retry),
    ]),
  ) as Writes;

  return {
    ...single,

    async applyEffects(batch) {
      const queued: string[] = [];
      // One transaction holding SQLite's write lock from its first statement, retried whole while busy.
      await writeTransaction(
        db,
        async (tx) => {
          queued.length = 0;
          const w = writesOn(
            tx,
            (fn) => fn(tx),
            async (id) => void queued.push(id),
            now,
          );
          if (batch.projection) await w.projectCycle(batch.projection);
          for (const e of batch.effects) await (w[e.kind] as (p: unknown) => Promise<void>)(e.input);
        },
        retry,
      );
      // Deliveries are queued once the rows are committed (the outbox reads them).
      for (const id of queued) await enqueue(id);
    },

    handToProvinceSession: (p) => handToProvinceSession(db, p),

    async adoptNextYear({ workflowId, act }) {
      try {
        const answer = await Context.current()
          .client.workflow.getHandle(workflowId)
          .executeUpdate<{ message: string }, [typeof act]>('adoptHandover', { args: [act], updateId: act.requestId });
        return { adopted: true, message: answer.message };
      } catch (e) {
        // N+1 refused (its validator) or is not running: year N records that and completes all the same.
        if (e instanceof WorkflowUpdateFailedError)
          return { adopted: false, message: (e.cause as Error | undefined)?.message ?? e.message };
        if (e instanceof WorkflowNotFoundError) return { adopted: false, message: `${workflowId} is not running` };
        throw e;
      }
    },
  };
}
