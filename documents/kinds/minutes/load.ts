/** The minutes' data from the bloc year's facts (see cycle-facts.ts and meeting/load.ts). */
import { PlanSchema } from '../../../contracts/cycle';
import { uniq, type Ctx } from '../../cycle-facts';
import { vnDateOf } from '../../../domain/vietnam-time';
import { formatNumber } from '../../format';
import { meetingRecipients, type MeetingDocs } from '../../meeting/load';
import { TYPE_ABBR } from '../../numbering';
import type { MinutesInput } from './model';

const QUORUM_SOURCE = 'Quy chế hoạt động của Khối';

function maxScoreOf(plan: unknown): number | undefined {
  const groups = (plan as { scoringTemplate?: { groups?: { criteria?: { maxPoints?: unknown }[] }[] } } | null)
    ?.scoringTemplate?.groups;
  if (!Array.isArray(groups)) return undefined;
  const total = groups.reduce(
    (s, g) => s + (g.criteria ?? []).reduce((t, c) => t + (typeof c.maxPoints === 'number' ? c.maxPoints : 0), 0),
    0,
  );
  return total > 0 ? Math.round(total * 100) / 100 : undefined;
}

/** The units' own movements launched with the plan (Plan.movements), as the minutes list them. */
function movementsOf(ctx: Ctx): { unit: string; name: string; theme: string; launchDate: string }[] {
  const parsed = PlanSchema.safeParse(ctx.cycle.plan);
  const list = parsed.success ? (parsed.data.movements ?? []) : [];
  return list.map((mv) => ({
    unit: ctx.unitName(mv.unitId),
    name: mv.name,
    theme: mv.theme,
    launchDate: mv.launchDate,
  }));
}

export async function discussion(ctx: Ctx, md: MeetingDocs): Promise<string[]> {
  const { cycle, prisma } = ctx;
  const scored = cycle.scoreSummaries.filter((s) => md.meeting.memberIds.includes(s.unitId));
  const out = [
    `Các đơn vị thành viên đã báo cáo kết quả thực hiện nhiệm vụ chính trị và phong trào thi đua năm ${cycle.year}; ` +
      `${ctx.unitName(md.meeting.actingHeadUnitId)} (đơn vị Khối trưởng) đã tổng hợp, thẩm định kết quả tự chấm điểm của ${scored.length} đơn vị ` +
      'theo Bảng chấm điểm thi đua của Khối và các minh chứng kèm theo.',
  ];
  const adjusted = await prisma.scoreEntry.findMany({
    where: { cycleId: cycle.id, reviewedScore: { not: null } },
    select: { unitId: true },
  });
  if (adjusted.length > 0) {
    const units = uniq(adjusted.map((a) => a.unitId));
    out.push(
      `Qua thẩm định, Khối thống nhất điều chỉnh điểm ${adjusted.length} tiêu chí của ${units.length} đơn vị (${units.map(ctx.unitName).join('; ')}).`,
    );
  }
  const penalised = scored.filter((s) => s.penalty > 0);
  if (penalised.length > 0)
    out.push(
      `Các đơn vị bị trừ điểm theo Quy chế: ${penalised.map((s) => `${ctx.unitName(s.unitId)} (trừ ${formatNumber(s.penalty)} điểm)`).join('; ')}.`,
    );
  const bonus = scored.filter((s) => s.bonus > 0);
  if (bonus.length > 0)
    out.push(
      `Các đơn vị được cộng điểm thưởng: ${bonus.map((s) => `${ctx.unitName(s.unitId)} (cộng ${formatNumber(s.bonus)} điểm)`).join('; ')}.`,
    );
  return out;
}

export function buildMinutes(
  ctx: Ctx,
  md: MeetingDocs,
  numbers: { minutes: number | null; ballotCount: number | null },
  extra: { discussion: string[]; councilName: string | null },
): MinutesInput {
  const { cycle, ruleSet } = ctx;
  const q = ruleSet.voting.quorum;
  const scores = cycle.scoreSummaries
    .filter((s) => md.meeting.memberIds.includes(s.unitId) && s.rank !== null && s.rank >= 1)
    .sort((a, b) => a.rank! - b.rank!)
    .map((s) => ({ unitId: s.unitId, selfScore: s.selfTotal, agreedScore: s.finalTotal, rank: s.rank! }));
  const maxScore = maxScoreOf(cycle.plan);
  return {
    header: { parentBody: ctx.parentBody, issuingBody: ctx.issuingBody, issuerAbbr: ctx.abbr, number: numbers.minutes },
    blocName: ctx.blocName,
    year: cycle.year,
    startedAt: md.meeting.startedAt.toISOString(),
    endedAt: md.meeting.endedAt.toISOString(),
    venue: md.meeting.venue,
    chair: md.chair,
    secretary: md.secretary,
    members: md.members,
    guests: md.guests,
    agenda: md.agenda,
    movements: movementsOf(ctx),
    quorumRule: {
      ratio: q.ratio,
      strict: q.strict,
      ...(Math.abs(q.ratio - 2 / 3) < 1e-6 ? { label: '2/3' } : {}),
      source: QUORUM_SOURCE,
    },
    discussion: extra.discussion,
    scores,
    ...(maxScore ? { maxScore } : {}),
    votingMethod: 'secretBallot',
    ballotCountRecord: {
      number: numbers.ballotCount,
      symbol: `${TYPE_ABBR.ballotCount}-${ctx.abbr}`,
      date: vnDateOf(md.meeting.startedAt),
    },
    contests: md.contests,
    recipients: meetingRecipients(ctx, extra.councilName),
  };
}
