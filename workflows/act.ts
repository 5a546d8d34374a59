import { setHandler } from '@temporalio/workflow';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import type { Actor } from '../contracts/common';
import { asFailure, reject } from './errors';
import type { ActResult } from './messages';

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

export const ok = (message: string, data?: Record<string, unknown>): ActResult => ({ ok: true, message, ...(data ? { data } : {}) });

export function requireRole(actor: Actor, ...roles: Actor['roles']): void {
  if (!actor.roles.some((r) => roles.includes(r))) reject('FORBIDDEN', `requires role ${roles.join(' or ')}`);
}

export function requireUnit(actor: Actor, unitId: string): void {
  requireRole(actor, 'unitOfficer');
  if (actor.unitId !== unitId) reject('FORBIDDEN', 'an officer acts only for their own unit');
}

export function requireBeforeDeadline(deadlineIso: string | undefined, what: string): void {
  if (deadlineIso && Date.now() > Date.parse(deadlineIso)) reject('DEADLINE_PASSED', `the deadline for ${what} (${deadlineIso}) has passed`);
}
