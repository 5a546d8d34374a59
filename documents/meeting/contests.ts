/**
 * The contests of the year-end meeting as the documents state them: each contest's rounds from the stored tallies,
 * and its winners and how they were decided (`contestWinners`, `buildContests`), and the base a share is taken on
 * (`meetingBase`). NOTE: `contestWinners` replays the workflow's rules when the cycle result does not say; it is to be
 * replaced by the outcome the workflow records.
 */
import type { TieBreakCriterion } from '../../domain/ruleset';
import { breakTie } from '../../domain/tally';
import type { CycleResult } from '../../workflows/cycle';
import {
  AWARD_OF_CONTEST,
  awardName,
  BLOC_CONTESTS,
  conflict,
  uniq,
  type BlocContest,
  type Ctx,
  type LoadedCycle,
} from '../cycle-facts';
import { joinVn } from '../format';
import type { Meeting, StoredTally } from './load';
import type { Contest, Member, Round } from './model';

const TIE_BREAK_LABELS: Record<TieBreakCriterion, string> = {
  tasksGroupScore: 'điểm nhóm tiêu chí thực hiện nhiệm vụ',
  totalScore: 'tổng điểm thi đua',
  womenRatio70: 'tập thể có từ 70% nữ trở lên',
};

function contestWinners(
  ctx: Ctx,
  contest: BlocContest,
  rounds: { row: LoadedCycle['votingRounds'][number]; tally: StoredTally }[],
  decisions: Map<string, string[]>,
  handover: { newHeadUnitId: string; newDeputyUnitId: string; policy: string } | null,
) {
  const closed = (ctx.cycle.result as CycleResult | null)?.contests?.find((c) => c.contest === contest);
  if (closed) return { winners: closed.winners, decidedBy: closed.decidedBy };

  // Not closed yet: replay the workflow's rules on the stored rounds (workflows/voting.ts runContest).
  const elected = uniq(rounds.flatMap((r) => r.tally.winners));
  const last = rounds.at(-1)!;
  let derived: { winners: string[]; decidedBy: string | null };
  if (last.tally.outcome === 'decided') {
    derived = { winners: elected, decidedBy: 'ballot' };
  } else if (decisions.has(contest)) {
    const picked = decisions.get(contest)!;
    derived = {
      winners: uniq([...elected, ...picked]),
      decidedBy: picked.length > 0 ? 'headAndDeputy' : elected.length > 0 ? 'ballot' : 'noWinner',
    };
  } else {
    const { voting } = ctx.ruleSet;
    const seatsLeft = last.row.seats - last.tally.winners.length;
    let ordered: string[] | null = null;
    if (
      last.tally.outcome === 'tie' &&
      seatsLeft > 0 &&
      rounds.length >= voting.maxRounds &&
      voting.afterFailedRounds === 'headAndDeputyDecide'
    ) {
      const tied = last.tally.tiedForLastSeat ?? [];
      const facts = Object.fromEntries(
        tied.map((id) => {
          const s = ctx.cycle.scoreSummaries.find((x) => x.unitId === id);
          const w = ctx.cycle.bloc.memberships.find((m) => m.unitId === id)?.unit.womenRatio;
          return [
            id,
            {
              tasksGroupScore: s?.tasksGroupScore ?? 0,
              totalScore: s?.finalTotal ?? 0,
              ...(w !== null && w !== undefined ? { womenRatio: w } : {}),
            },
          ];
        }),
      );
      ordered = tied.length > 0 ? breakTie(tied, voting.tieBreakOrder, facts, seatsLeft) : null;
    }
    derived = ordered
      ? { winners: uniq([...elected, ...ordered.slice(0, seatsLeft)]), decidedBy: 'tieBreak' }
      : { winners: elected, decidedBy: elected.length > 0 ? 'ballot' : 'noWinner' };
  }

  // Award contests: the proposals recorded from the vote are the winners (workflows/cycle.ts proposalsFromVote).
  const award = AWARD_OF_CONTEST[contest];
  if (award) {
    const proposed = ctx.cycle.proposals.filter((p) => p.awardType === award).map((p) => p.unitId);
    const same = proposed.length === derived.winners.length && proposed.every((id) => derived.winners.includes(id));
    if (!same)
      return {
        winners: proposed,
        decidedBy:
          proposed.length === 0
            ? 'noWinner'
            : proposed.every((id) => elected.includes(id))
              ? 'ballot'
              : 'headAndDeputy',
      };
  }
  // Next head and deputy: a handover under the 'vote' policy took exactly the election's winners.
  if (handover?.policy === 'vote' && (contest === 'nextHead' || contest === 'nextDeputy')) {
    return {
      winners: [contest === 'nextHead' ? handover.newHeadUnitId : handover.newDeputyUnitId],
      decidedBy: derived.decidedBy === 'noWinner' ? 'ballot' : derived.decidedBy,
    };
  }
  return derived;
}

export async function buildContests(ctx: Ctx, meeting: Meeting, members: Member[]): Promise<Contest[]> {
  const { prisma, cycle, ruleSet } = ctx;
  const decideRows = await prisma.auditLog.findMany({
    where: { workflowId: cycle.id, action: 'contest.decide' },
    orderBy: { id: 'asc' },
  });
  // Head and deputy must agree: the last recorded choice is the agreed one.
  const decisions = new Map<string, string[]>();
  for (const a of decideRows) {
    const ids = (a.after as { unitIds?: unknown } | null)?.unitIds;
    if (Array.isArray(ids))
      decisions.set(
        a.entityId,
        ids.filter((x): x is string => typeof x === 'string'),
      );
  }
  const handover = await prisma.handover.findUnique({
    where: { blocId_fromYear: { blocId: cycle.blocId, fromYear: cycle.year } },
  });
  const threshold = {
    ratio: ruleSet.voting.threshold.ratio,
    base: ruleSet.voting.threshold.base,
    strict: ruleSet.voting.threshold.strict,
  };
  const out: Contest[] = [];
  for (const contest of BLOC_CONTESTS) {
    const rounds = meeting.rounds.get(contest);
    if (!rounds) continue;
    const docRounds: Round[] = rounds.map(({ row, tally }, i) => {
      const candidates = Array.isArray(row.candidates)
        ? (row.candidates as unknown[]).filter((x): x is string => typeof x === 'string')
        : Object.keys(tally.counts);
      const received = tally.validBallots + tally.invalidBallots;
      if (received !== row._count.ballots)
        throw conflict(
          `round ${row.round} of ${contest}: the result counts ${received} ballots, the ballot box holds ${row._count.ballots}`,
        );
      const notes: string[] = [];
      const next = rounds[i + 1];
      if (next) {
        const names = (ids: readonly string[]) => joinVn(ids.map(ctx.unitName));
        if (tally.winners.length > 0)
          notes.push(`${names(tally.winners)} đạt tỷ lệ phiếu theo quy định ở vòng ${row.round}`);
        notes.push(
          tally.outcome === 'tie'
            ? `Các đơn vị ${names(tally.tiedForLastSeat ?? [])} có số phiếu bằng nhau, Khối tiến hành bỏ phiếu vòng ${next.row.round} giữa các đơn vị này`
            : `Không đơn vị nào đạt tỷ lệ phiếu theo quy định, Khối tiến hành bỏ phiếu vòng ${next.row.round}`,
        );
      }
      if ((tally.blankBallots ?? 0) > 0)
        notes.push(`Trong số phiếu hợp lệ có ${tally.blankBallots} phiếu trắng (không chọn đơn vị nào)`);
      const round: Round = {
        round: row.round,
        // Secret ballot: one ballot to each unit present at the round.
        ballotsIssued: row.present,
        ballotsReceived: received,
        validBallots: tally.validBallots,
        invalidBallots: tally.invalidBallots,
        votes: candidates.map((id) => ({ unitId: id, votes: tally.counts[id] ?? 0 })),
        ...(notes.length > 0 ? { note: notes.join('. ') } : {}),
      };
      // The percentages printed must be the ones the vote was decided on.
      const base =
        threshold.base === 'allMembers'
          ? members.length
          : threshold.base === 'present'
            ? members.filter((m) => m.present).length
            : round.validBallots;
      if (base !== tally.base)
        throw conflict(
          `round ${row.round} of ${contest} was counted against ${tally.base} (${threshold.base}), the records give ${base}: membership or attendance changed during the meeting`,
        );
      return round;
    });
    const { winners, decidedBy } = contestWinners(ctx, contest, rounds, decisions, handover);
    const award = AWARD_OF_CONTEST[contest];
    const last = rounds.at(-1)!.tally;
    const tieNote =
      decidedBy === 'tieBreak'
        ? `Các đơn vị ${joinVn((last.tiedForLastSeat ?? []).map(ctx.unitName))} có số phiếu bằng nhau; kết quả được xác định theo thứ tự ưu tiên tại Quy chế của Khối (${ruleSet.voting.tieBreakOrder.map((k) => TIE_BREAK_LABELS[k]).join('; ')})`
        : undefined;
    out.push({
      contest,
      ...(award ? { awardName: awardName(award, ctx.level) } : {}),
      seats: rounds[0]!.row.seats,
      threshold,
      rounds: docRounds,
      winners,
      decidedBy: decidedBy === 'headAndDeputy' ? 'headAndDeputy' : 'vote',
      ...(tieNote ? { decisionNote: tieNote } : {}),
    });
  }
  if (out.length === 0) throw conflict('no ballot was held at the year-end meeting of this cycle');
  return out;
}

export function meetingBase(base: Contest['threshold']['base'], members: readonly Member[], round: Round): number {
  return base === 'allMembers'
    ? members.length
    : base === 'present'
      ? members.filter((m) => m.present).length
      : round.validBallots;
}
