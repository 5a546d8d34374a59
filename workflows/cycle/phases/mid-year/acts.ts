import * as c from '../../../../contracts/cycle';
import { registerCycleAct } from '../../projection';
import { ok, requireBeforeDeadline } from '../../../act';
import { write } from '../../../effects';
import { reject } from '../../../errors';
import { auditAct, requireHead, requirePhase, requireUnit, unitOf } from '../../guards';
import { deadlineFor, reopenedFor } from '../../corrections/reopen';
import { type CycleState } from '../../state';
import * as m from './messages';

/** The mid-year acts: each unit's report and the head's compiled bloc report. */
export function registerMidYearActs(s: CycleState): void {
  registerCycleAct(
    s,
    m.submitMidYearReport,
    c.SubmitReportSchema,
    (a) => {
      if (!reopenedFor(s, 'midYear', a.unitId)) requirePhase(s, 'midYear');
      requireUnit(s, a.actor, a.unitId);
      const u = unitOf(s, a.unitId);
      requireBeforeDeadline(deadlineFor(s, 'midYear', a.unitId), 'the mid-year report');
      if (u.midYear !== 'none') reject('ALREADY_DONE', `${u.name} has already reported`);
    },
    async (a) => {
      const { requestId, actor: _actor, ...payload } = a;
      s.units[a.unitId]!.midYear = 'submitted';
      await write(s, 'recordSubmission', {
        cycleId: s.workflowId,
        unitId: a.unitId,
        kind: 'midYearReport',
        payload,
        status: 'submitted',
        requestId,
      });
      await write(s, 'updateTasks', { cycleId: s.workflowId, kind: 'midYear', unitIds: [a.unitId], status: 'done' });
      await auditAct(s, a, 'midYear.submit', a.unitId);
      return ok('mid-year report submitted');
    },
    { projects: true },
  );

  registerCycleAct(
    s,
    m.compileBlocReport,
    c.CompileBlocReportSchema,
    (a) => {
      requirePhase(s, 'midYear');
      requireHead(s, a.actor);
      if (s.blocReport) reject('ALREADY_DONE', 'the bloc mid-year report is already compiled');
    },
    async (a) => {
      s.blocReport = a.summary;
      await write(s, 'recordSubmission', {
        cycleId: s.workflowId,
        unitId: s.actingHeadUnitId,
        kind: 'blocMidYearReport',
        payload: { summary: a.summary },
        status: 'submitted',
        requestId: a.requestId,
      });
      await auditAct(s, a, 'midYear.compile', s.workflowId);
      return ok('bloc report compiled');
    },
  );
}
