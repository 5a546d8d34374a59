/**
 * The read model (the cycle's projection, served by the API) follows the state through ONE mechanism:
 * transitions project, phase and act code never does. Three kinds of transition write it:
 * - an act that changes what the read model shows is registered with `{ projects: true }` (registerCycleAct);
 * - the calendar moves on: `enterPhase`, `phaseUpdated` (entry writes done, outcome applied), `closeCycle`;
 * - a part of the state moves on inside a phase: `change` (a round opens, a contest is decided, the council starts).
 *
 * `project` is an idempotent upsert. In a batched run (../effects.ts) it only marks the projection dirty: the
 * next flush writes the state as it is then. In runs recorded before batching each transition is one
 * `projectCycle` activity, at exactly the point where the hand-placed call used to be (their histories replay).
 */
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import type { Actor } from '../../contracts/common';
import { registerAct, type ActResult } from '../act';
import { acts } from '../activities';
import { projectionOf } from '../effects';
import type { CycleState } from './state';

async function project(s: CycleState, result?: unknown): Promise<void> {
  if (s.fx) {
    if (result === undefined) s.fx.dirty = true;
    else s.fx.queue.push({ kind: 'projectCycle', input: projectionOf(s, result) });
    return;
  }
  await acts.projectCycle(projectionOf(s, result));
}

// Each helper returns the projection's own promise (no async wrapper): awaiting it takes exactly the turns
// awaiting the hand-placed call took, so the order of commands and Update answers is unchanged.

/** The calendar enters `phase`: the read model follows. */
export function enterPhase(s: CycleState, phase: CycleState['phase']): Promise<void> {
  s.phase = phase;
  return project(s);
}

/**
 * The calendar's state moved within a phase: its entry writes are done (the council's proposals), or its
 * outcome is applied (late units flagged, final scores, the meeting's results). The read model follows.
 */
export const phaseUpdated = (s: CycleState): Promise<void> => project(s);

/** The year is over: the read model gets the result and is marked closed. */
export function closeCycle(s: CycleState, result: unknown): Promise<void> {
  s.phase = 'closed';
  return project(s, result);
}

/** A part of the state moves on inside a phase (a round opens, a contest is decided, the council starts). */
export function change<T extends object>(s: CycleState, target: T, patch: Partial<T> = {}): Promise<void> {
  Object.assign(target, patch);
  return project(s);
}

interface Envelope {
  requestId: string;
  actor: Actor;
}

export interface CycleActOptions<A> {
  /** The act changes what the read model shows: project once its handler is done. */
  projects?: boolean;
  /** Writes that follow the projection (hold acts: their audit row came after it in runs before batching). */
  afterProjection?: (act: A) => Promise<unknown>;
}

/** Registers one act of the cycle (../act.ts registerAct) and projects after it when it says so. */
export function registerCycleAct<S extends z.ZodType<Envelope>>(
  s: CycleState,
  update: UpdateDefinition<ActResult, [z.input<S>]>,
  schema: S,
  validate: (act: z.output<S>) => void,
  handle: (act: z.output<S>) => Promise<ActResult> | ActResult,
  options: CycleActOptions<z.output<S>> = {},
): void {
  const after: ((act: z.output<S>) => Promise<unknown>)[] = [];
  if (options.projects) after.push(() => project(s));
  if (options.afterProjection) after.push(options.afterProjection);
  registerAct(s.processed, update, schema, validate, handle, after);
}
