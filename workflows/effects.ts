import { condition, patched, proxyLocalActivities } from '@temporalio/workflow';
import type { ContestOutcome, CycleActivities, CycleProjection, Effect, EffectKind } from '../activities/types';
import { acts } from './activities';
import type { CycleState } from './cycle/state';

/**
 * Batched effects (issue 11). A cycle started on this code records the patch marker below at
 * its very first workflow task and then never awaits a database write inside an act: a handler
 * changes the workflow state, queues its writes (submissions, tasks, notifications, audit rows)
 * with `write()` and marks the projection dirty (cycle/projection.ts), and returns. One flusher
 * coroutine (`runFlusher`) takes everything queued so far — from all acts and the phase code of
 * that workflow task — and applies it as ONE local activity (`applyEffects`): the projection
 * snapshot first, then every effect in the order it was queued, in one database transaction.
 *
 * Why a local activity: it runs inside the worker during the same workflow task, so there is no
 * activity-task round trip through the server (the ~40 ms hop of issue 11), and the Update's
 * response, which travels with that workflow task's completion, leaves right after the write has
 * committed — an act's caller reads its own write (README, Scaling).
 *
 * Exactly once: every effect is idempotent on its own natural key (request id, dedupe key,
 * cycle+unit+kind…). A local activity that ran before a worker died is run again when the
 * workflow task is retried; the retried task may batch MORE acts than the first attempt, so the
 * batch is not skipped by a sequence number — each effect makes its repeat a no-op instead.
 *
 * Histories recorded before this patch replay unpatched: `write()` then calls the activity
 * itself and each projection awaits projectCycle, in exactly the old command order.
 */
export const BATCHED_EFFECTS_PATCH = 'batched-effects-v1';
/** The same batching for the Government-flag workflow (its histories recorded before it replay unpatched). */
export const GOVERNMENT_FLAG_BATCHED_EFFECTS_PATCH = 'government-flag-batched-effects-v1';
/** The same batching for the council review (child of the cycle). */
export const COUNCIL_BATCHED_EFFECTS_PATCH = 'council-batched-effects-v1';

export interface EffectQueue {
  /** Flushes done so far (also the sequence number handed to the activity, for logs). */
  seq: number;
  queue: Effect[];
  /** The projection must be rewritten from the current state. */
  dirty: boolean;
  /** A flush is running. */
  busy: boolean;
  /** The last projection handed to a flush (JSON): an equal one is not written again. */
  projected?: string;
}

const local = proxyLocalActivities<CycleActivities>({
  startToCloseTimeout: '30 seconds',
  // A busy database is retried here too (besides the retries inside the activity); the Update's
  // answer waits at most until the workflow task heartbeats, then goes with it.
  retry: { initialInterval: '50 milliseconds', maximumInterval: '5 seconds', backoffCoefficient: 2 },
});

/** A workflow's state as far as its writes go: batched runs carry a queue, others write at once. */
export interface Writer {
  workflowId: string;
  fx?: EffectQueue;
}

/** Decides once, at the first workflow task, whether this run batches its effects (`patch`: the workflow's marker). */
export function enableBatchedEffects(s: Writer, patch = BATCHED_EFFECTS_PATCH): void {
  if (patched(patch)) s.fx = { seq: 0, queue: [], dirty: false, busy: false };
}

/**
 * Queues one write (batched runs of the cycle, council and Government flag) or performs it at once as before
 * (runs started before their workflow's batching patch: each write is its own activity).
 */
export function write<K extends EffectKind>(
  s: Writer,
  kind: K,
  input: Parameters<CycleActivities[K]>[0],
): Promise<void> {
  if (!s.fx) return (acts[kind] as (i: typeof input) => Promise<void>)(input);
  s.fx.queue.push({ kind, input } as Effect);
  return Promise.resolve();
}

export function projectionOf(s: CycleState, result?: unknown): Parameters<CycleActivities['projectCycle']>[0] {
  return {
    cycleId: s.workflowId,
    blocId: s.input.blocId,
    year: s.input.year,
    phase: s.phase,
    headUnitId: s.headUnitId,
    deputyUnitId: s.deputyUnitId,
    ruleSetCode: s.input.ruleSet.code,
    ruleSetVersion: s.input.ruleSet.version,
    deadlines: s.deadlines,
    plan: s.plan,
    contests: contestOutcomes(s),
    ...(s.meetings ? { meetings: s.meetings } : {}),
    ...(result !== undefined ? { result, closed: true } : {}),
  };
}

/** Each contest's outcome as recorded so far (Cycle.contests): what documents and results read. */
export function contestOutcomes(s: CycleState): ContestOutcome[] {
  const { threshold } = s.input.ruleSet.voting;
  return s.contests.map((c) => ({
    contest: c.contest,
    seats: c.seats,
    status: c.status,
    winners: [...c.winners],
    decidedBy: c.decidedBy,
    ...(c.noWinnerReason !== undefined ? { noWinnerReason: c.noWinnerReason } : {}),
    rounds: c.rounds.length,
    threshold: { ratio: threshold.ratio, base: threshold.base, strict: threshold.strict },
  }));
}

const idle = (fx: EffectQueue) => fx.queue.length === 0 && !fx.dirty && !fx.busy;

/**
 * The flusher: one local activity per batch of queued effects, for as long as the workflow runs. `project` gives
 * the read-model snapshot written first when the state is marked dirty (the cycle's; the council and the Government flag have none).
 */
export async function runFlusher(s: Writer, project?: () => CycleProjection): Promise<void> {
  const fx = s.fx;
  if (!fx) return;
  for (;;) {
    await condition(() => fx.queue.length > 0 || fx.dirty);
    const effects = fx.queue.splice(0);
    const projection = fx.dirty && project ? unchangedOrNot(fx, project()) : undefined;
    fx.dirty = false;
    fx.busy = true;
    fx.seq++;
    try {
      await local.applyEffects({ workflowId: s.workflowId, seq: fx.seq, projection, effects });
    } finally {
      fx.busy = false;
    }
  }
}

/**
 * The projection to write, or undefined when it equals the last one flushed (issue 11: most acts — a pledge, a
 * score — change rows of their own, not the cycle's phase, deadlines, plan or contests, and the row carries the whole
 * plan). The flush still runs for its effects: the workflow's commands are the same either way, so histories replay.
 * After a restart the replayed state knows what it flushed, and the first write of a run is never skipped.
 */
function unchangedOrNot(fx: EffectQueue, projection: CycleProjection): CycleProjection | undefined {
  const json = JSON.stringify(projection);
  if (json === fx.projected) return undefined;
  fx.projected = json;
  return projection;
}

/** Waits until everything queued so far is in the database (before a child starts, before the end). */
export async function flushed(s: Writer): Promise<void> {
  const fx = s.fx;
  if (fx) await condition(() => idle(fx));
}

/**
 * Runs a group of writes after every group started before it (the Government flag). Unbatched runs: a handler's
 * writes never interleave with another handler's or the deadline's; the group's activities are scheduled exactly
 * as when each workflow chained its own promise (its histories replay). Batched runs: the group queues its effects
 * together, in the same order.
 */
export function inOrder<T>(s: { writing: Promise<unknown> }, writes: () => Promise<T>): Promise<T> {
  const run = s.writing.then(writes);
  s.writing = run.catch(() => undefined);
  return run;
}
