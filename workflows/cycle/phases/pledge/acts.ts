import * as c from '../../../../contracts/cycle';
import { registerCycleAct } from '../../projection';
import { ok, requireBeforeDeadline } from '../../../act';
import { write } from '../../../effects';
import { reject } from '../../../errors';
import { auditAct, requireHead, requirePhase, requireUnit, unitOf } from '../../guards';
import { deadlineFor, reopenedFor } from '../../corrections/reopen';
import { type CycleState } from '../../state';
import * as m from './messages';
import { cycleNotices } from '../../../../notifications/catalogue';

/** The pledge acts: a unit submits its pledge, the head accepts or returns it. */
export function registerPledgeActs(s: CycleState): void {
  registerCycleAct(
    s,
    m.submitPledge,
    c.SubmitPledgeSchema,
    (a) => {
      if (!reopenedFor(s, 'pledge', a.unitId)) requirePhase(s, 'pledge');
      requireUnit(s, a.actor, a.unitId);
      const u = unitOf(s, a.unitId);
      requireBeforeDeadline(deadlineFor(s, 'pledge', a.unitId), 'the pledge');
      if (u.pledge === 'submitted' || u.pledge === 'accepted')
        reject('ALREADY_DONE', `the pledge of ${u.name} is already ${u.pledge}`);
    },
    async (a) => {
      const { requestId, actor: _actor, ...payload } = a;
      s.units[a.unitId]!.pledge = 'submitted';
      await write(s, 'recordSubmission', {
        cycleId: s.workflowId,
        unitId: a.unitId,
        kind: 'pledge',
        payload,
        status: 'submitted',
        requestId,
      });
      await write(s, 'notify', {
        dedupeKey: `${s.workflowId}:pledge:${requestId}`,
        cycleId: s.workflowId,
        unitIds: [s.actingHeadUnitId],
        kind: 'info',
        ...cycleNotices.pledgeSubmitted(s.units[a.unitId]!.name),
      });
      await auditAct(s, a, 'pledge.submit', a.unitId);
      return ok('pledge submitted');
    },
    { projects: true },
  );

  registerCycleAct(
    s,
    m.reviewPledge,
    c.ReviewPledgeSchema,
    (a) => {
      if (!reopenedFor(s, 'pledge', a.unitId)) requirePhase(s, 'pledge');
      requireHead(s, a.actor);
      const u = unitOf(s, a.unitId);
      if (u.pledge !== 'submitted') reject('CONFLICT', `the pledge of ${u.name} is ${u.pledge}, not awaiting review`);
    },
    async (a) => {
      const u = s.units[a.unitId]!;
      u.pledge = a.decision === 'accept' ? 'accepted' : 'returned';
      await write(s, 'recordSubmission', {
        cycleId: s.workflowId,
        unitId: a.unitId,
        kind: 'pledge',
        payload: null,
        status: u.pledge,
        reason: a.reason,
        requestId: a.requestId,
      });
      if (u.pledge === 'accepted')
        await write(s, 'updateTasks', { cycleId: s.workflowId, kind: 'pledge', unitIds: [a.unitId], status: 'done' });
      await write(s, 'notify', {
        dedupeKey: `${s.workflowId}:pledge-review:${a.requestId}`,
        cycleId: s.workflowId,
        unitIds: [a.unitId],
        kind: 'info',
        ...cycleNotices.pledgeReviewed(u.pledge === 'accepted', a.reason),
      });
      await auditAct(s, a, `pledge.${a.decision}`, a.unitId, { reason: a.reason });
      return ok(`pledge ${u.pledge}`);
    },
    { projects: true },
  );
}
