import * as c from '../../../../contracts/cycle';
import { registerCycleAct } from '../../projection';
import { validateSelfScores } from '../../../../domain/scoring';
import { ok, requireBeforeDeadline } from '../../../act';
import { write } from '../../../effects';
import { reject } from '../../../errors';
import { auditAct, requirePhase, requireUnit, unitOf } from '../../guards';
import { deadlineFor, reopenedFor } from '../../corrections/reopen';
import { type CycleState } from '../../state';
import * as m from './messages';

/** The self-scoring act: a unit scores itself against the plan's template. */
export function registerSelfScoringActs(s: CycleState): void {
  registerCycleAct(
    s,
    m.submitSelfScore,
    c.SubmitSelfScoreSchema,
    (a) => {
      if (!reopenedFor(s, 'selfScoring', a.unitId) || s.reviewClosed) requirePhase(s, 'selfScoring');
      requireUnit(s, a.actor, a.unitId);
      const u = unitOf(s, a.unitId);
      requireBeforeDeadline(deadlineFor(s, 'selfScoring', a.unitId), 'self-scoring');
      if (u.selfScore !== 'none') reject('ALREADY_DONE', `${u.name} has already submitted its self-score`);
      validateSelfScores(
        s.plan!.scoringTemplate,
        a.entries.map((e) => ({ criterionId: e.criterionId, points: e.points, evidence: e.evidence })),
      );
    },
    async (a) => {
      const u = s.units[a.unitId]!;
      u.selfScore = 'submitted';
      u.score = {
        entries: a.entries.map((e) => ({ criterionId: e.criterionId, self: e.points, reviewed: null })),
        bonusClaimed: a.bonusClaimed,
        bonusGranted: null,
      };
      const { requestId, actor: _actor, ...payload } = a;
      await write(s, 'recordSubmission', {
        cycleId: s.workflowId,
        unitId: a.unitId,
        kind: 'selfScore',
        payload,
        status: 'submitted',
        requestId,
      });
      await write(s, 'updateTasks', {
        cycleId: s.workflowId,
        kind: 'selfScoring',
        unitIds: [a.unitId],
        status: 'done',
      });
      await auditAct(s, a, 'selfScore.submit', a.unitId);
      return ok('self-score submitted');
    },
    { projects: true },
  );
}
