import * as c from '../../../../contracts/cycle';
import { registerCycleAct } from '../../projection';
import { ok } from '../../../act';
import { reject } from '../../../errors';
import { requireHead } from '../../guards';
import { type CycleState } from '../../state';
import * as m from './messages';

/** The handover act: the head records it (the phase then names next year's head and deputy). */
export function registerHandoverActs(s: CycleState): void {
  registerCycleAct(
    s,
    m.recordHandover,
    c.RecordHandoverSchema,
    (a) => {
      if (!['council', 'handover'].includes(s.phase)) reject('WRONG_PHASE', 'the handover follows the year-end vote');
      requireHead(s, a.actor);
      if (s.handoverRequest) reject('ALREADY_DONE', 'the handover is already recorded');
      if (s.input.ruleSet.rotation.policy === 'appointed' && !a.appointed)
        reject('VALIDATION', 'the appointed head and deputy are required', { path: ['appointed'] });
    },
    (a) => {
      s.handoverRequest = { actor: a.actor, requestId: a.requestId, appointed: a.appointed };
      return ok('handover recorded');
    },
  );
}
