/**
 * A proposed collective's achievement report from its year's data: the proposal (award, achievement), the pledge's
 * targets, the score summary and per-criterion scores against the plan's scoring table, the evidence filed, and the
 * awards of earlier years recorded in the system (AwardDecision, not revoked).
 */
import { PlanSchema } from '../../../contracts/cycle';
import { DomainError } from '../../../domain/errors';
import { EMULATION_TITLES } from '../../../domain/money';
import type { AwardType } from '../../../domain/eligibility';
import { vnDateOf } from '../../../domain/vietnam-time';
import { awardName, awardNameIn, type Ctx } from '../../cycle-facts';
import { formatDateVn } from '../../format';
import type { AchievementReportInput } from './model';

/** The award kinds in the order a unit's report is chosen by (the higher award first). */
const RANK = ['emulation-flag', 'certificate-of-merit', 'excellent-labour-collective', 'certificate-of-commendation'];

/** The units the year proposed (each gets a report), with the award each is proposed for (the higher first). */
export function proposedUnits(ctx: Ctx): { unitId: string; awardType: string }[] {
  const byUnit = new Map<string, string>();
  for (const p of ctx.cycle.proposals) {
    if (p.awardType === 'government-flag' || p.status === 'revoked') continue;
    const had = byUnit.get(p.unitId);
    if (!had || RANK.indexOf(p.awardType) < RANK.indexOf(had)) byUnit.set(p.unitId, p.awardType);
  }
  return [...byUnit].map(([unitId, awardType]) => ({ unitId, awardType }));
}

export async function buildAchievementReport(ctx: Ctx, unitId: string, date: Date): Promise<AchievementReportInput> {
  const { cycle, prisma } = ctx;
  const chosen = proposedUnits(ctx).find((u) => u.unitId === unitId);
  if (!chosen)
    throw new DomainError(
      'NOT_FOUND',
      `unit ${unitId} is not proposed for an award in this cycle (no achievement report)`,
    );
  const proposal = cycle.proposals.find((p) => p.unitId === unitId && p.awardType === chosen.awardType)!;
  const plan = PlanSchema.safeParse(cycle.plan);
  const criteria = plan.success ? plan.data.scoringTemplate.groups.flatMap((g) => g.criteria) : [];
  const [pledge, entries, evidence, earlier] = await Promise.all([
    prisma.submission.findUnique({ where: { cycleId_unitId_kind: { cycleId: cycle.id, unitId, kind: 'pledge' } } }),
    prisma.scoreEntry.findMany({ where: { cycleId: cycle.id, unitId } }),
    prisma.evidenceFile.findMany({
      where: { cycleId: cycle.id, unitId },
      select: { filename: true, criterionId: true },
      orderBy: [{ uploadedAt: 'asc' }, { filename: 'asc' }],
    }),
    prisma.awardDecision.findMany({
      where: { revokedOn: null, proposal: { unitId, cycleId: { not: cycle.id } } },
      include: { proposal: { include: { cycle: { select: { year: true } } } } },
      orderBy: { decisionDate: 'asc' },
    }),
  ]);
  const criterionName = (id: string | null) => criteria.find((c) => c.id === id)?.name;
  const summary = cycle.scoreSummaries.find((s) => s.unitId === unitId);
  const maxTotal = criteria.reduce((s, c) => s + c.maxPoints, 0);
  const targets = (pledge?.payload as { targets?: unknown } | null)?.targets;
  const rows = earlier.map((d) => ({
    year: d.proposal.cycle.year,
    awardType: d.proposal.awardType,
    name: awardName(d.proposal.awardType, ctx.level),
    decision: `Quyết định số ${d.decisionNumber} ${formatDateVn(d.decisionDate)}${d.signer ? ` của ${d.signer}` : ''}`,
  }));
  const strip = ({ awardType: _a, ...r }: (typeof rows)[number]) => r;
  return {
    superiorBody: ctx.parentBody,
    unitName: proposal.unit.name,
    place: ctx.place,
    date: vnDateOf(date),
    award: awardNameIn(ctx, chosen.awardType),
    year: cycle.year,
    blocName: ctx.blocName,
    achievement:
      proposal.achievement.trim() ||
      `Hoàn thành xuất sắc nhiệm vụ năm ${cycle.year}${summary ? `; đạt ${summary.finalTotal} điểm, xếp hạng ${summary.rank ?? '—'} trong Khối` : ''}.`,
    pledgeTargets: Array.isArray(targets) ? targets.filter((t): t is string => typeof t === 'string') : [],
    ...(summary
      ? {
          score: {
            selfTotal: summary.selfTotal,
            finalTotal: summary.finalTotal,
            ...(maxTotal > 0 ? { maxTotal } : {}),
            rank: summary.rank,
            rankedUnits: Math.max(cycle.scoreSummaries.length, summary.rank ?? 1),
          },
        }
      : {}),
    criteria: criteria.map((c) => {
      const e = entries.find((x) => x.criterionId === c.id);
      return { name: c.name, maxPoints: c.maxPoints, score: e?.finalScore ?? e?.reviewedScore ?? e?.selfScore ?? null };
    }),
    evidence: evidence.map((e) => ({
      ...(criterionName(e.criterionId) ? { criterion: criterionName(e.criterionId)! } : {}),
      filename: e.filename,
    })),
    titles: rows.filter((r) => EMULATION_TITLES.includes(r.awardType as AwardType)).map(strip),
    commendations: rows.filter((r) => !EMULATION_TITLES.includes(r.awardType as AwardType)).map(strip),
    endorser: `TM. ${ctx.blocName}`,
  };
}
