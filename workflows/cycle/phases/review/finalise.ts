import { computeUnitScore, rankUnits } from '../../../../domain/scoring';
import { write } from '../../../effects';
import { phaseUpdated } from '../../projection';
import { activeUnits, type CycleState } from '../../state';
import { cycleNotices } from '../../../../notifications/catalogue';

/** At review's end: each unit's final score (template, review, bonus, penalties), the ranking, both stored and published. */
export async function finaliseScores(s: CycleState): Promise<void> {
  const template = s.plan!.scoringTemplate;
  const computed = activeUnits(s).map((u) => {
    const draft = u.score ?? { entries: [], bonusClaimed: 0, bonusGranted: null };
    const score = computeUnitScore(template, {
      entries: draft.entries.map((e) => ({ criterionId: e.criterionId, self: e.self, reviewed: e.reviewed })),
      bonus: draft.bonusGranted ?? draft.bonusClaimed,
      penalties: u.penalties.map((x) => ({ ruleId: x.ruleId, points: x.points })),
    });
    u.finalTotal = score.finalTotal;
    u.tasksGroupScore = score.tasksGroupScore;
    return { u, draft, score };
  });
  const ranking = rankUnits(
    computed.map(({ u, score }) => ({
      unitId: u.unitId,
      finalTotal: score.finalTotal,
      tasksGroupScore: score.tasksGroupScore,
      womenRatio: u.womenRatio,
    })),
  );
  for (const r of ranking) s.units[r.unitId]!.rank = r.rank;
  for (const { u, draft, score } of computed) {
    await write(s, 'recordScores', {
      cycleId: s.workflowId,
      unitId: u.unitId,
      entries: draft.entries.map((e) => ({
        criterionId: e.criterionId,
        selfScore: e.self,
        reviewedScore: e.reviewed,
        finalScore: e.reviewed ?? e.self,
        adjustReason: e.reason,
      })),
      summary: {
        selfTotal: score.selfTotal,
        reviewedTotal: score.reviewedTotal,
        finalTotal: score.finalTotal,
        tasksGroupScore: score.tasksGroupScore,
        bonus: score.bonusApplied,
        penalty: score.penaltyTotal,
        rank: u.rank ?? undefined,
      },
    });
  }
  await write(s, 'notify', {
    dedupeKey: `${s.workflowId}:scores-published`,
    cycleId: s.workflowId,
    unitIds: activeUnits(s).map((u) => u.unitId),
    kind: 'result',
    ...cycleNotices.scoresPublished(
      ranking.map((r) => ({ rank: r.rank, name: s.units[r.unitId]!.name, finalTotal: r.finalTotal })),
    ),
  });
  await phaseUpdated(s);
}
