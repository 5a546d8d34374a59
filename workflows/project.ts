import { acts } from './activities';
import { projectionOf } from './effects';
import type { CycleState } from './cycle/state';

/**
 * Writes the cycle's projection (the read model the API serves). Idempotent upsert. In a batched
 * run (workflows/effects.ts) it only marks the projection dirty: the next flush writes the state
 * as it is then; the closing projection (with the result) is queued as an effect of its own.
 */
export async function project(s: CycleState, result?: unknown): Promise<void> {
  if (s.fx) {
    if (result === undefined) s.fx.dirty = true;
    else s.fx.queue.push({ kind: 'projectCycle', input: projectionOf(s, result) });
    return;
  }
  await acts.projectCycle(projectionOf(s, result));
}
