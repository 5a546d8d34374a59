/**
 * Cancelling a year (issue 12): the standing body or an admin stops a year that should not run (started by
 * mistake, a bloc dissolved). Open tasks are closed, the units are told why, and the workflow completes —
 * never fails — with status `cancelled` (workflows/cycle.ts races the calendar against it).
 * Once the year-end vote is over the year is not cancelled: awards are revoked (results revoke) instead.
 */
import { condition } from '@temporalio/workflow';
import { DEADLINE_PHASES } from '../../../contracts/cycle';
import * as k from '../../../contracts/corrections';
import { ok, requireSecretaryOrAdmin } from '../../act';
import { write } from '../../effects';
import { reject } from '../../errors';
import { cycleNotices } from '../../../notifications/catalogue';
import { registerCycleAct } from '../projection';
import type { CycleState } from '../state';
import { requireRunning } from './leadership';
import * as m from './messages';

export function registerCancelAct(s: CycleState): void {
  registerCycleAct(
    s,
    m.cancelCycle,
    k.CancelCycleSchema,
    (a) => {
      requireSecretaryOrAdmin(s.roster, a.actor, true);
      requireRunning(s);
      if (s.councilWorkflowId || ['council', 'handover'].includes(s.phase))
        reject('WRONG_PHASE', 'the year-end vote is over: awards are revoked, the year is not cancelled');
    },
    async (a) => {
      const at = new Date(Date.now()).toISOString();
      s.cancellation = { reason: a.reason, personId: a.actor.personId, requestId: a.requestId, at };
      const all = Object.keys(s.units);
      for (const kind of DEADLINE_PHASES)
        await write(s, 'updateTasks', {
          cycleId: s.workflowId,
          kind,
          unitIds: all,
          status: 'cancelled',
          onlyOpen: true,
        });
      await write(s, 'notify', {
        dedupeKey: `${s.workflowId}:cancel`,
        cycleId: s.workflowId,
        unitIds: Object.values(s.units)
          .filter((u) => u.active)
          .map((u) => u.unitId),
        kind: 'info',
        ...cycleNotices.cycleCancelled(s.input.year, a.reason),
      });
      await write(s, 'audit', {
        action: 'cycle.cancel',
        entity: 'cycle',
        entityId: s.workflowId,
        actorPersonId: a.actor.personId,
        actorRole: a.actor.roles.join(','),
        before: { phase: s.phase },
        after: { status: 'cancelled', reason: a.reason },
        workflowId: s.workflowId,
        requestId: a.requestId,
      });
      return ok('the year is cancelled', { status: 'cancelled' });
    },
  );
}

/** Resolves once the year is cancelled (never, for a year that runs its course). */
export const cancelled = (s: CycleState): Promise<void> => condition(() => s.cancellation !== undefined);
