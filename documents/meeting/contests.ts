/**
 * The contests of the year-end meeting as the documents state them: each contest's rounds from the stored tallies,
 * and its winners and how they were decided as the workflow recorded them (Cycle.contests, projected by
 * workflows/effects.ts contestOutcomes). Nothing here replays the voting rules or reads the audit log.
 */
import type { ContestOutcome } from '../../activities/types';
import type { TieBreakCriterion } from '../../domain/ruleset';
import type { CycleResult } from '../../workflows/cycle';
import { awardNameIn, BLOC_CONTESTS, contestAward, conflict, type Ctx, type LoadedCycle } from '../cycle-facts';
import { joinVn } from '../format';
import type { Meeting } from './load';
import { baseCount, type Contest, type Member, type Round } from './model';

const TIE_BREAK_LABELS: Record<TieBreakCriterion, string> = {
  tasksGroupScore: 'điểm nhóm tiêu chí thực hiện nhiệm vụ',
  totalScore: 'tổng điểm thi đua',
  womenRatio70: 'tập thể có từ 70% nữ trở lên',
};

/** An outcome as read back: Cycle.contests (workflows/effects.ts contestOutcomes), or the result of a cycle closed before it. */
type Recorded = Pick<ContestOutcome, 'contest' | 'winners' | 'decidedBy'> & Partial<ContestOutcome>;

/** Each contest's outcome as the workflow recorded it: never recomputed here from the rounds or the audit log. */
function recordedOutcomes(cycle: LoadedCycle): Map<string, Recorded> {
  const projected = cycle.contests as Recorded[] | null;
  const closed = (cycle.result as CycleResult | null)?.contests as Recorded[] | undefined;
  return new Map((projected ?? closed ?? []).map((c) => [c.contest, c]));
}

export async function buildContests(ctx: Ctx, meeting: Meeting, members: Member[]): Promise<Contest[]> {
  const { cycle, ruleSet } = ctx;
  const outcomes = recordedOutcomes(cycle);
  const out: Contest[] = [];
  for (const contest of BLOC_CONTESTS) {
    const rounds = meeting.rounds.get(contest);
    if (!rounds) continue;
    const outcome = outcomes.get(contest);
    if (!outcome || (outcome.status !== undefined && outcome.status !== 'decided'))
      throw conflict(`the outcome of ${contest} is not recorded yet: the workflow has not projected it`);
    const { winners, decidedBy } = outcome;
    // The threshold the workflow counted against (older records: the cycle's rule-set).
    const t = outcome.threshold ?? ruleSet.voting.threshold;
    const threshold = { ratio: t.ratio, base: t.base, strict: t.strict };
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
      const base = baseCount(threshold.base, members, round);
      if (base !== tally.base)
        throw conflict(
          `round ${row.round} of ${contest} was counted against ${tally.base} (${threshold.base}), the records give ${base}: membership or attendance changed during the meeting`,
        );
      return round;
    });
    const award = contestAward(ctx, contest);
    const last = rounds.at(-1)!.tally;
    const tieNote =
      decidedBy === 'tieBreak'
        ? `Các đơn vị ${joinVn((last.tiedForLastSeat ?? []).map(ctx.unitName))} có số phiếu bằng nhau; kết quả được xác định theo thứ tự ưu tiên tại Quy chế của Khối (${ruleSet.voting.tieBreakOrder.map((k) => TIE_BREAK_LABELS[k]).join('; ')})`
        : undefined;
    out.push({
      contest,
      ...(award ? { awardName: awardNameIn(ctx, award) } : {}),
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
