import * as c from '../../../../contracts/cycle';
import { registerCycleAct } from '../../projection';
import { ok } from '../../../act';
import { reject } from '../../../errors';
import { auditAct, requireHead, requirePhase } from '../../guards';
import { type CycleState } from '../../state';
import * as m from './messages';

/** The launch act: the head publishes the plan (its deadlines start the calendar). */
export function registerLaunchActs(s: CycleState): void {
  registerCycleAct(
    s,
    m.publishPlan,
    c.PublishPlanSchema,
    (a) => {
      requirePhase(s, 'launch');
      requireHead(s, a.actor);
      const first = a.plan.deadlines.pledge;
      if (Date.parse(first) <= Date.now())
        reject('VALIDATION', 'the pledge deadline must be in the future', { path: ['plan', 'deadlines', 'pledge'] });
      a.plan.movements?.forEach((mv, i) => {
        if (!s.units[mv.unitId]?.active)
          reject('VALIDATION', `unit ${mv.unitId} is not a member`, { path: ['plan', 'movements', i, 'unitId'] });
      });
    },
    async (a) => {
      s.plan = a.plan;
      s.deadlines = a.plan.deadlines;
      await auditAct(s, a, 'cycle.publishPlan', s.workflowId, { theme: a.plan.theme });
      return ok('plan published');
    },
  );
}
