/** The proposal letter's data from the bloc year's facts: the proposals recorded from the vote, with their votes. */
import { DomainError } from '../../../domain/errors';
import { AUTHORITY_TITLES_VI } from '../../../domain/award-catalogue';
import { vnDateOf } from '../../../domain/vietnam-time';
import {
  awardNameIn,
  blocLevelOf,
  catalogueEntry,
  contestAward,
  conflict,
  peoplesCommittee,
  phaseAtLeast,
  type BlocContest,
  type Ctx,
} from '../../cycle-facts';
import { formatDateVn, formatNumber } from '../../format';
import type { MeetingDocs } from '../../meeting/load';
import { baseCount } from '../../meeting/model';
import { meetsThreshold } from '../../../domain/threshold';
import { TYPE_ABBR, type NumberedKind } from '../../numbering';
import { legalBasesFor } from '../../legal-bases';
import type { ProposalInput } from './model';

/**
 * The proposal letter's date: when the workflow wrote the proposals, and never before the recorded conference
 * ended (a conference entered afterwards, e.g. held on 4 January N+1, dates the letter from its own end), and
 * never after the earliest award decision recorded on the proposals.
 */
export function proposalDate(ctx: Ctx, md?: MeetingDocs): Date {
  if (ctx.cycle.proposals.length === 0) {
    throw new DomainError(
      'WRONG_PHASE',
      phaseAtLeast(ctx.cycle.phase, 'council')
        ? 'the year-end vote proposed no unit for an award: there is no proposal letter'
        : `the vote is not closed yet: the cycle is in phase "${ctx.cycle.phase}"`,
    );
  }
  const written = Math.min(...ctx.cycle.proposals.map((p) => p.createdAt.getTime()));
  const at = md?.meeting.record ? Math.max(written, md.meeting.endedAt.getTime()) : written;
  // The letter precedes the decision it led to: a past year entered now (its decision recorded on 20/3/2025) dates
  // its letter no later than that decision, so the letter cites the decree in force then, not today's.
  const decided = ctx.cycle.proposals.flatMap((p) => (p.decision ? [p.decision.decisionDate.getTime()] : []));
  const capped = decided.length > 0 ? Math.min(at, ...decided) : at;
  return new Date(md?.meeting.record ? Math.max(capped, md.meeting.endedAt.getTime()) : capped);
}

/**
 * To whom the letter goes: the provincial Chairman and council; below the province, also the head of the body that
 * signs the bloc's Giấy khen (domain/award-catalogue.ts), first.
 */
function proposalAddressees(ctx: Ctx, ubnd: string, councilName: string | null): string[] {
  const province = [`Chủ tịch ${ubnd}`, ...(councilName ? [councilName] : [])];
  const { level, authorityName } = blocLevelOf(ctx);
  const own = catalogueEntry(ctx, 'certificate-of-commendation');
  if (level === 'province' || !authorityName || !own || own.authority === 'provinceChairman') return province;
  const head = `${AUTHORITY_TITLES_VI[own.authority].position} ${authorityName}`;
  return ctx.cycle.proposals.some((p) => catalogueEntry(ctx, p.awardType)?.authority === 'provinceChairman')
    ? [head, ...province]
    : [head];
}

export function buildProposal(
  ctx: Ctx,
  md: MeetingDocs,
  numbers: Record<NumberedKind, number | null>,
  councilName: string | null,
): ProposalInput {
  const { cycle } = ctx;
  const date = proposalDate(ctx, md);
  const entries: ProposalInput['entries'] = [];
  const order: BlocContest[] = ['leader', 'certificate'];
  for (const contest of order) {
    const c = md.contests.find((x) => x.contest === contest);
    const award = contestAward(ctx, contest)!;
    const proposals = cycle.proposals.filter((p) => p.awardType === award);
    if (proposals.length === 0) continue;
    if (!c) throw conflict(`proposals for ${awardNameIn(ctx, award)} exist but no ballot was held for it`);
    const rows = proposals.map((p) => {
      const round = [...c.rounds].reverse().find((r) => r.votes.some((v) => v.unitId === p.unitId));
      if (!round)
        throw conflict(
          `${ctx.unitName(p.unitId)} is proposed for ${awardNameIn(ctx, award)} but was not a candidate of the vote`,
        );
      const votes = round.votes.find((v) => v.unitId === p.unitId)!.votes;
      const base = baseCount(c.threshold.base, md.members, round);
      const s = cycle.scoreSummaries.find((x) => x.unitId === p.unitId);
      const achievement =
        p.achievement.trim() ||
        `Hoàn thành xuất sắc nhiệm vụ năm ${cycle.year}${s ? `; đạt ${formatNumber(s.finalTotal)} điểm, xếp hạng ${s.rank ?? '—'} trong Khối` : ''}.`;
      return {
        votes,
        entry: {
          nominee: p.unit.name,
          award: awardNameIn(ctx, award),
          achievement,
          votes,
          baseCount: base,
          base: c.threshold.base,
          // Chosen by the head and deputy after the rounds failed (not by reaching the threshold).
          ...(c.decidedBy === 'headAndDeputy' && !meetsThreshold(votes, base, c.threshold)
            ? { note: 'Khối trưởng và Khối phó quyết định theo Quy chế' }
            : {}),
        },
      };
    });
    rows.sort((a, b) => b.votes - a.votes);
    entries.push(...rows.map((r) => r.entry));
  }
  if (entries.length === 0)
    throw conflict('the proposals of this cycle do not come from the bloc vote (no Cờ thi đua or Bằng khen proposal)');
  const total = md.members.length;
  const present = md.members.filter((m) => m.present).length;
  const ubnd = peoplesCommittee(ctx.level, ctx.place);
  return {
    header: {
      parentBody: ctx.parentBody,
      issuingBody: ctx.issuingBody,
      issuerAbbr: ctx.abbr,
      number: numbers.proposal,
      place: ctx.place,
      date: vnDateOf(date),
    },
    blocName: ctx.blocName,
    year: cycle.year,
    addressees: proposalAddressees(ctx, ubnd, councilName),
    // The Law and the decree in force on the letter's date (ND 98/2023 before 1 July 2025, ND 152/2025 from then).
    legalBases: legalBasesFor(vnDateOf(date), { by: 'bloc', blocName: ctx.blocName }),
    minutes: {
      number: numbers.minutes,
      symbol: `${TYPE_ABBR.minutes}-${ctx.abbr}`,
      date: vnDateOf(md.meeting.startedAt),
    },
    ballotCount: {
      number: numbers.ballotCount,
      symbol: `${TYPE_ABBR.ballotCount}-${ctx.abbr}`,
      date: vnDateOf(md.meeting.startedAt),
    },
    intro: [
      `Năm ${cycle.year}, các đơn vị thành viên ${ctx.blocName} đã triển khai thực hiện nhiệm vụ chính trị được giao và hưởng ứng các phong trào thi đua do ${ubnd} phát động. ` +
        `Tại cuộc họp bình xét ${formatDateVn(md.meeting.startedAt)}, có ${present}/${total} đơn vị thành viên tham dự, Khối đã thống nhất kết quả chấm điểm, xếp hạng và bỏ phiếu kín suy tôn, đề nghị khen thưởng.`,
    ],
    entries,
    // The signer's post in their own agency is not recorded, so no secondary position is printed.
    signer: { onBehalfOf: ctx.blocName, position: 'Khối trưởng', name: md.chair.name },
    recipients: ['Các đơn vị thành viên Khối', 'Lưu: VT, Hồ sơ'],
  };
}
