import * as c from '../../../../contracts/cycle';
import { registerCycleAct } from '../../projection';
import { ok } from '../../../act';
import { reject } from '../../../errors';
import { auditAct, requireHead, requirePhase, unitOf } from '../../guards';
import { type CycleState } from '../../state';
import * as m from './messages';

/** The review acts: the head (or deputy) adjusts scores, then closes the review. */
export function registerReviewActs(s: CycleState): void {
  registerCycleAct(
    s,
    m.reviewScore,
    c.ReviewScoreSchema,
    (a) => {
      requirePhase(s, 'review');
      requireHead(s, a.actor, true);
      const u = unitOf(s, a.unitId);
      const criteria = new Set(s.plan!.scoringTemplate.groups.flatMap((g) => g.criteria.map((cr) => cr.id)));
      a.adjustments.forEach((adj, i) => {
        if (!criteria.has(adj.criterionId))
          reject('VALIDATION', `unknown criterion ${adj.criterionId}`, { path: ['adjustments', i, 'criterionId'] });
      });
      const rules = new Set(s.plan!.scoringTemplate.penaltyRules.map((r) => r.id));
      a.penalties.forEach((pen, i) => {
        if (!rules.has(pen.ruleId))
          reject('VALIDATION', `unknown penalty rule ${pen.ruleId}`, { path: ['penalties', i, 'ruleId'] });
      });
      if (s.reviewClosed) reject('WRONG_PHASE', 'the review is closed');
      void u;
    },
    async (a) => {
      const u = s.units[a.unitId]!;
      const draft = u.score ?? { entries: [], bonusClaimed: 0, bonusGranted: null };
      for (const adj of a.adjustments) {
        const entry = draft.entries.find((e) => e.criterionId === adj.criterionId);
        if (entry) Object.assign(entry, { reviewed: adj.reviewedPoints, reason: adj.reason });
        else
          draft.entries.push({
            criterionId: adj.criterionId,
            self: 0,
            reviewed: adj.reviewedPoints,
            reason: adj.reason,
          });
      }
      if (a.bonus !== undefined) draft.bonusGranted = a.bonus;
      u.score = draft;
      u.penalties.push(...a.penalties);
      u.penaltyPoints = u.penalties.reduce((t, x) => t + x.points, 0);
      await auditAct(s, a, 'score.review', a.unitId, {
        adjustments: a.adjustments,
        penalties: a.penalties,
        bonus: a.bonus,
      });
      return ok('score reviewed');
    },
  );

  registerCycleAct(
    s,
    m.closeReview,
    c.CloseReviewSchema,
    (a) => {
      requirePhase(s, 'review');
      requireHead(s, a.actor);
      if (s.reviewClosed) reject('ALREADY_DONE', 'the review is already closed');
    },
    async (a) => {
      s.reviewClosed = true;
      await auditAct(s, a, 'review.close', s.workflowId);
      return ok('review closed');
    },
  );
}
