/**
 * The read model (the cycle's projection, served by the API) follows the state through ONE mechanism:
 * transitions project, phase and act code never does. Three kinds of transition write it:
 * - an act that changes what the read model shows is registered with `{ projects: true }` (registerCycleAct);
 * - the calendar moves on: `enterPhase`, `closePhase` (a phase's outcome applied), `closeCycle` (with the result);
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

/** The calendar enters `phase`: its entry writes (if any) first, then the read model. */
export async function enterPhase(
  s: CycleState,
  phase: CycleState['phase'],
  entry?: () => Promise<unknown> | void,
): Promise<void> {
  s.phase = phase;
  await entry?.();
  await project(s);
}

/** A phase's outcome is applied (late units flagged, final scores, the meeting's results): the read model follows. */
export const closePhase = (s: CycleState): Promise<void> => project(s);

/** The year is over: the read model gets the result and is marked closed. */
export async function closeCycle<R>(s: CycleState, resultOf: (s: CycleState) => R): Promise<R> {
  s.phase = 'closed';
  const result = resultOf(s);
  await project(s, result);
  return result;
}

/** A part of the state moves on inside a phase (a round opens, a contest is decided, the council starts). */
export async function change<T extends object>(s: CycleState, target: T, patch: Partial<T> = {}): Promise<void> {
  Object.assign(target, patch);
  await project(s);
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
  registerAct(s.processed, update, schema, validate, async (act) => {
    const result = await handle(act);
    if (options.projects) await project(s);
    await options.afterProjection?.(act);
    return result;
  });
}
