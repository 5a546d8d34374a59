import { setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import type { Actor, Roster } from '../contracts/common';
import { asFailure, reject } from './errors';

/** What every act (Update) answers. */
export interface ActResult {
  ok: true;
  message: string;
  data?: Record<string, unknown>;
}

/** An act's payload type, as the caller sends it (before the contract's defaults). */
export type In<S extends z.ZodType> = z.input<S>;

interface Envelope {
  requestId: string;
  actor: Actor;
}

/**
 * Registers one act as an Update: the validator parses the payload with its Zod contract and
 * runs the state-dependent rules (phase, scope, deadline, duplicates) before anything enters
 * history; the handler applies it once. A repeated request id returns the first answer.
 */
export function registerAct<S extends z.ZodType<Envelope>>(
  processed: Record<string, ActResult>,
  update: UpdateDefinition<ActResult, [z.input<S>]>,
  schema: S,
  validate: (act: z.output<S>) => void,
  handle: (act: z.output<S>) => Promise<ActResult> | ActResult,
  /**
   * Steps after the handler, awaited one by one before the answer (the cycle's projection: cycle/projection.ts).
   * Called here rather than wrapped around the handler: an act answers after exactly as many turns as when each
   * step was the handler's own last line, so histories recorded then replay.
   */
  after: ((act: z.output<S>) => Promise<unknown>)[] = [],
): void {
  const parse = (raw: z.input<S>): z.output<S> => {
    try {
      return schema.parse(raw);
    } catch (e) {
      return asFailure(e);
    }
  };
  setHandler(
    update,
    async (raw) => {
      const act = parse(raw);
      const earlier = processed[act.requestId];
      if (earlier) return earlier;
      const result = await handle(act);
      for (const step of after) await step(act);
      processed[act.requestId] = result;
      return result;
    },
    {
      validator: (raw) => {
        const act = parse(raw);
        if (processed[act.requestId]) return;
        try {
          validate(act);
        } catch (e) {
          asFailure(e);
        }
      },
    },
  );
}

export const ok = (message: string, data?: Record<string, unknown>): ActResult => ({
  ok: true,
  message,
  ...(data ? { data } : {}),
});

export function requireRole(actor: Actor, ...roles: Actor['roles']): void {
  if (!actor.roles.some((r) => roles.includes(r))) reject('FORBIDDEN', `requires role ${roles.join(' or ')}`);
}

/**
 * The unit the actor officially acts for. With a roster (the workflow's own record, from its input)
 * the person must be that unit's officer there: a payload claiming another unit, or a person the
 * roster does not know as an officer, is refused. Without one (histories from before it) the claim.
 */
export function officialUnitOf(roster: Roster | undefined, actor: Actor): string | undefined {
  requireRole(actor, 'unitOfficer');
  if (!roster) return actor.unitId;
  const unitId = roster.officers.find((o) => o.personId === actor.personId)?.unitId;
  if (!unitId || unitId !== actor.unitId)
    reject('FORBIDDEN', 'you are not an officer of that unit in the records of this cycle');
  return unitId;
}

export function requireUnit(actor: Actor, unitId: string, roster?: Roster): void {
  if (officialUnitOf(roster, actor) !== unitId) reject('FORBIDDEN', 'an officer acts only for their own unit');
}

/** Admin per the workflow's roster (and the claimed role); without a roster, the claimed role. */
export const isAdmin = (roster: Roster | undefined, actor: Actor): boolean =>
  actor.roles.includes('admin') && (!roster || roster.adminIds.includes(actor.personId));

/** Secretary of this council per the workflow's roster (and the claimed role); without a roster, the claimed role. */
export const isSecretary = (roster: Roster | undefined, actor: Actor): boolean =>
  actor.roles.includes('councilSecretary') && (!roster || roster.secretaryIds.includes(actor.personId));

/** The standing body's acts: the council's secretary or an admin, by the workflow's own records where it has them. */
export function requireSecretaryOrAdmin(roster: Roster | undefined, actor: Actor, allowAdmin: boolean): void {
  if (isSecretary(roster, actor) || (allowAdmin && isAdmin(roster, actor))) return;
  reject(
    'FORBIDDEN',
    allowAdmin
      ? 'only the secretary of this council or an administrator does this'
      : 'only the secretary of this council does this',
  );
}

export function requireBeforeDeadline(deadlineIso: string | undefined, what: string): void {
  if (deadlineIso && Date.now() > Date.parse(deadlineIso))
    reject('DEADLINE_PASSED', `the deadline for ${what} (${deadlineIso}) has passed`);
}
