/**
 * The voting results of the year-end meeting as both its records print them (minutes §"Bình xét, bỏ phiếu",
 * ballot-count record): per contest its condition, each round's counts and candidates table, and the result.
 * Shares are computed here from the counts.
 */
import { bold, endWith, para } from '../blocks';
import { formatPercent, formatShare, joinVn } from '../format';
import type { Block, TableBlock } from '../layout';
import { meetsThreshold, thresholdBase } from '../../domain/threshold';
import type { PercentBase, Threshold } from '../model';
import { baseCount, decidingRound, type Contest, type Member, type Round } from './model';

export function memberName(members: readonly Member[], unitId: string): string {
  return members.find((m) => m.unitId === unitId)?.name ?? unitId;
}

export const BASE_LABEL: Record<PercentBase, string> = {
  allMembers: 'tổng số đơn vị thành viên',
  present: 'số đơn vị thành viên có mặt',
  validBallots: 'tổng số phiếu hợp lệ',
};

function thresholdText(t: Threshold, members: readonly Member[]): string {
  const pct = formatPercent(t.ratio);
  const cond = t.strict ? `trên ${pct}` : `từ ${pct} trở lên`;
  // The label names a count only for members or present units (valid ballots differ per round).
  const present = members.filter((m) => m.present).length;
  const count = thresholdBase(t.base, { members: members.length, present, validBallots: present });
  const base = t.base === 'validBallots' ? BASE_LABEL.validBallots : `${BASE_LABEL[t.base]} (${count} đơn vị)`;
  return `đạt ${cond} số phiếu đồng ý, tính trên ${base}`;
}

function contestTitle(c: Contest, year: number): string {
  if (c.title) return c.title;
  switch (c.contest) {
    case 'leader':
      return `Suy tôn đơn vị dẫn đầu phong trào thi đua, đề nghị tặng ${c.awardName ?? ''}`;
    case 'certificate':
      return `Đề nghị tặng ${c.awardName ?? ''}`;
    case 'nextHead':
      return `Bầu đơn vị Khối trưởng năm ${year + 1}`;
    case 'nextDeputy':
      return `Bầu đơn vị Khối phó năm ${year + 1}`;
  }
}

function roundCountsText(r: Round, rounds: number): string {
  const label = rounds > 1 ? `Vòng ${r.round}: s` : 'S';
  return (
    `${label}ố phiếu phát ra: ${r.ballotsIssued}; số phiếu thu vào: ${r.ballotsReceived}; ` +
    `số phiếu hợp lệ: ${r.validBallots}; số phiếu không hợp lệ: ${r.invalidBallots}.`
  );
}

/** Candidates table of one round: votes, share against the stated base, and whether the threshold is reached. */
function roundTable(c: Contest, r: Round, members: readonly Member[]): TableBlock {
  const base = baseCount(c.threshold.base, members, r);
  const rows = [...r.votes]
    .sort((a, b) => b.votes - a.votes)
    .map((v, i) => ({
      cells: [
        String(i + 1),
        memberName(members, v.unitId),
        String(v.votes),
        base > 0 ? formatShare(v.votes, base) : '—',
        meetsThreshold(v.votes, base, c.threshold) ? 'Đạt' : 'Không đạt',
      ],
    }));
  return {
    t: 'table',
    columns: [
      { title: 'STT', weight: 8, align: 'center' },
      { title: 'Tên đơn vị', weight: 52, align: 'left' },
      { title: 'Số phiếu đồng ý', weight: 16, align: 'center' },
      { title: `Tỷ lệ (%) trên ${BASE_LABEL[c.threshold.base]} (${base})`, weight: 26, align: 'center' },
      { title: 'Kết quả', weight: 16, align: 'center' },
    ],
    rows,
  };
}

/** Votes of a winner in the round that settled it, and the base of that round. */
export function winnerVotes(c: Contest, members: readonly Member[], unitId: string): { votes: number; base: number } {
  const at = decidingRound(c, unitId) ?? c.rounds[c.rounds.length - 1]!;
  return {
    votes: at.votes.find((x) => x.unitId === unitId)?.votes ?? 0,
    base: baseCount(c.threshold.base, members, at),
  };
}

function winnersText(c: Contest, members: readonly Member[], year: number): string {
  const describe = (id: string): string => {
    const { votes: v, base } = winnerVotes(c, members, id);
    return `${memberName(members, id)} (${v}/${base} phiếu, đạt ${formatShare(v, base)})`;
  };
  const what: Record<Contest['contest'], string> = {
    leader: `được suy tôn là đơn vị dẫn đầu phong trào thi đua năm ${year}, đề nghị tặng ${c.awardName ?? ''}`,
    certificate: `được đề nghị tặng ${c.awardName ?? ''}`,
    nextHead: `được bầu làm Khối trưởng năm ${year + 1}`,
    nextDeputy: `được bầu làm Khối phó năm ${year + 1}`,
  };
  if (c.winners.length === 0) {
    return `Kết quả: không có đơn vị nào đạt tỷ lệ phiếu theo quy định${c.decisionNote ? `. ${endWith(c.decisionNote, '.')}` : '.'}`;
  }
  const names = joinVn(c.winners.map(describe));
  const by =
    c.decidedBy === 'headAndDeputy'
      ? ' (do Khối trưởng và Khối phó quyết định theo Quy chế, sau khi các vòng bỏ phiếu không có kết quả)'
      : c.decidedBy === 'council'
        ? ' (theo ý kiến của Hội đồng Thi đua - Khen thưởng)'
        : '';
  return `Kết quả: ${names} ${what[c.contest]}${by}.${c.decisionNote ? ` ${endWith(c.decisionNote, '.')}` : ''}`;
}

/** Voting results of all contests, shared by the minutes and the ballot-count record. */
export function contestBlocks(
  contests: readonly Contest[],
  members: readonly Member[],
  year: number,
  numbering: (i: number) => string,
): Block[] {
  const out: Block[] = [];
  contests.forEach((c, i) => {
    out.push(para([bold(`${numbering(i)} ${contestTitle(c, year)}`)], { keepWithNext: true }));
    out.push(para(`Điều kiện: ${thresholdText(c.threshold, members)}.`, { keepWithNext: true }));
    for (const r of c.rounds) {
      out.push(para(roundCountsText(r, c.rounds.length), { keepWithNext: true }));
      out.push(roundTable(c, r, members));
      if (r.note) out.push(para(endWith(r.note, '.')));
    }
    out.push(para(winnersText(c, members, year)));
  });
  return out;
}

const LETTERS = ['a', 'b', 'c', 'd', 'đ', 'e', 'g', 'h', 'i', 'k'];

export const letter = (i: number): string => `${LETTERS[i] ?? String(i + 1)})`;
