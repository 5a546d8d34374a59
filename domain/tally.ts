/**
 * Secret-ballot counting (bỏ phiếu kín). No voter identity ever enters this module: ballots are
 * anonymous lists of chosen candidates. Who voted is tracked elsewhere, before the ballot goes into
 * the box; `ballotProblem` is the check the box applies at cast time.
 *
 * There is no national rule for how a bloc votes (domain §5.2): quorum, threshold and rounds are
 * [PROV] configuration. The round / run-off model follows TT 01/2024/TT-TANDTC Art. 29.
 */
import { DomainError } from './errors';
import type { AfterFailedRounds, Threshold, TieBreakCriterion } from './ruleset';
import { EPS, meetsThreshold, quorumMet, requiredCount, thresholdBase } from './threshold';

export interface Ballot {
  choices: string[];
}

export interface TallyInput {
  candidates: string[];
  /** How many may be chosen: 1 leader, or up to N certificates. */
  seats: number;
  /** Member units holding a vote now (membership changes move this, domain §8.6). */
  eligibleVoters: number;
  /** Units present (written opinions from absentees, where the bloc allows them, count as present). */
  present: number;
  ballots: Ballot[];
  threshold: Threshold;
  quorum: Threshold;
}

export type TallyOutcome = 'decided' | 'tie' | 'noWinner' | 'noQuorum';

export interface TallyResult {
  quorumMet: boolean;
  /** Denominator of the threshold (threshold.base resolved to a number). */
  base: number;
  validBallots: number;
  invalidBallots: number;
  /** Valid ballots with no choice at all (phiếu trắng); included in validBallots. */
  blankBallots: number;
  counts: Record<string, number>;
  /** counts / base, unrounded; 0 when base is 0. */
  shares: Record<string, number>;
  /** Votes needed to pass, for the minutes. */
  requiredVotes: number;
  /** Candidates reaching the threshold, by votes descending (ties: candidate-list order). */
  passing: string[];
  /** Clearly elected. */
  winners: string[];
  /** Passing candidates with equal votes contesting the last seat(s). */
  tiedForLastSeat: string[];
  outcome: TallyOutcome;
}

export type BallotProblem = 'tooManyChoices' | 'duplicateChoice' | 'unknownCandidate' | 'selfVote';

/**
 * Why a ballot would be invalid, or null if it is valid. An empty ballot is a valid blank vote.
 * `selfVote` is only reported when the voter is given and self-voting is not allowed [PRAC].
 */
export function ballotProblem(
  choices: readonly string[],
  ctx: { candidates: readonly string[]; seats: number; voterUnitId?: string; selfVoteAllowed?: boolean },
): BallotProblem | null {
  if (choices.length > ctx.seats) return 'tooManyChoices';
  if (new Set(choices).size !== choices.length) return 'duplicateChoice';
  if (choices.some((c) => !ctx.candidates.includes(c))) return 'unknownCandidate';
  if (ctx.selfVoteAllowed === false && ctx.voterUnitId !== undefined && choices.includes(ctx.voterUnitId))
    return 'selfVote';
  return null;
}

function checkInput(input: TallyInput): void {
  const bad = (message: string, path: string) => {
    throw new DomainError('VALIDATION', message, { path: [path] });
  };
  const isCount = (n: number) => Number.isInteger(n) && n >= 0;
  if (new Set(input.candidates).size !== input.candidates.length) bad('duplicate candidates', 'candidates');
  if (!Number.isInteger(input.seats) || input.seats < 1) bad('seats must be an integer ≥ 1', 'seats');
  if (!isCount(input.eligibleVoters)) bad('eligibleVoters must be an integer ≥ 0', 'eligibleVoters');
  if (!isCount(input.present) || input.present > input.eligibleVoters)
    bad('present must be within 0..eligibleVoters', 'present');
  if (input.ballots.length > input.present)
    bad(`${input.ballots.length} ballots but only ${input.present} voters present`, 'ballots');
}

/** Counts one ballot round. */
export function tallyRound(input: TallyInput): TallyResult {
  checkInput(input);
  const counts: Record<string, number> = Object.fromEntries(input.candidates.map((c) => [c, 0]));
  let valid = 0;
  let blank = 0;
  for (const b of input.ballots) {
    if (ballotProblem(b.choices, input) !== null) continue;
    valid++;
    if (b.choices.length === 0) blank++;
    for (const c of b.choices) counts[c] = (counts[c] ?? 0) + 1;
  }
  const invalid = input.ballots.length - valid;

  const base = thresholdBase(input.threshold.base, {
    members: input.eligibleVoters,
    present: input.present,
    validBallots: valid,
  });
  const shares: Record<string, number> = Object.fromEntries(
    input.candidates.map((c) => [c, base > 0 ? (counts[c] ?? 0) / base : 0]),
  );
  const common = {
    quorumMet: quorumMet(input.present, input.eligibleVoters, input.quorum),
    base,
    validBallots: valid,
    invalidBallots: invalid,
    blankBallots: blank,
    counts,
    shares,
    requiredVotes: requiredCount(base, input.threshold),
  };
  if (!common.quorumMet) return { ...common, passing: [], winners: [], tiedForLastSeat: [], outcome: 'noQuorum' };

  const order = new Map(input.candidates.map((c, i) => [c, i]));
  const votes = (c: string) => counts[c] ?? 0;
  const passing = input.candidates
    .filter((c) => meetsThreshold(votes(c), base, input.threshold))
    .sort((a, b) => votes(b) - votes(a) || (order.get(a) ?? 0) - (order.get(b) ?? 0));

  if (passing.length === 0) return { ...common, passing, winners: [], tiedForLastSeat: [], outcome: 'noWinner' };
  if (passing.length <= input.seats)
    return { ...common, passing, winners: passing, tiedForLastSeat: [], outcome: 'decided' };

  // More passing than seats: the last seat goes by votes unless the candidates around the cut are level.
  const cut = votes(passing[input.seats - 1]!);
  const firstOut = votes(passing[input.seats]!);
  if (cut > firstOut) {
    return { ...common, passing, winners: passing.slice(0, input.seats), tiedForLastSeat: [], outcome: 'decided' };
  }
  return {
    ...common,
    passing,
    winners: passing.filter((c) => votes(c) > cut),
    tiedForLastSeat: passing.filter((c) => votes(c) === cut),
    outcome: 'tie',
  };
}

export type NextStep =
  | { kind: 'done'; winners: string[] }
  | { kind: 'runoff'; candidates: string[] }
  | { kind: 'headAndDeputyDecide'; candidates: string[] }
  | { kind: 'noWinner' };

/**
 * What follows a round (TT 01/2024/TT-TANDTC Art. 29: at most `maxRounds` ballots per choice, then
 * the bloc head and deputy decide, the candidate with more outstanding achievements first).
 *
 * - decided → done.
 * - no quorum → noWinner: the vote cannot happen; "no leader this year" is a valid result (§5.3).
 *   (Postponing the meeting is the workflow's decision, not a ballot outcome.)
 * - tie for the last seat(s) → a run-off among the tied candidates only, while rounds remain;
 *   after the last round → head and deputy decide among them, or, under 'noWinner', the clearly
 *   elected stand and the contested seat stays empty.
 * - nobody passed → a new ballot among ALL candidates of the round while rounds remain (Art. 29
 *   counts every ballot, not only run-offs); after the last round → head and deputy decide
 *   (Art. 29: "not yet chosen after 2 ballots"), candidates by votes descending, or noWinner.
 *
 * Winners already elected in a tied round are NOT repeated in the runoff/headAndDeputyDecide
 * steps: the caller keeps `result.winners` and fills the remaining seats.
 */
export function nextStep(args: {
  roundNumber: number;
  maxRounds: number;
  result: TallyResult;
  afterFailedRounds: AfterFailedRounds;
}): NextStep {
  const { roundNumber, maxRounds, result, afterFailedRounds } = args;
  if (!Number.isInteger(roundNumber) || roundNumber < 1) {
    throw new DomainError('VALIDATION', 'roundNumber must be an integer ≥ 1', { path: ['roundNumber'] });
  }
  const lastRound = roundNumber >= maxRounds;
  switch (result.outcome) {
    case 'decided':
      return { kind: 'done', winners: [...result.winners] };
    case 'noQuorum':
      return { kind: 'noWinner' };
    case 'tie':
      if (!lastRound) return { kind: 'runoff', candidates: [...result.tiedForLastSeat] };
      if (afterFailedRounds === 'headAndDeputyDecide')
        return { kind: 'headAndDeputyDecide', candidates: [...result.tiedForLastSeat] };
      return result.winners.length > 0 ? { kind: 'done', winners: [...result.winners] } : { kind: 'noWinner' };
    case 'noWinner': {
      const all = Object.keys(result.counts);
      if (!lastRound) return { kind: 'runoff', candidates: all };
      if (afterFailedRounds === 'headAndDeputyDecide') {
        const pos = new Map(all.map((c, i) => [c, i]));
        const byVotes = [...all].sort(
          (a, b) => (result.counts[b] ?? 0) - (result.counts[a] ?? 0) || (pos.get(a) ?? 0) - (pos.get(b) ?? 0),
        );
        return { kind: 'headAndDeputyDecide', candidates: byVotes };
      }
      return { kind: 'noWinner' };
    }
  }
}

export interface TieBreakFacts {
  tasksGroupScore: number;
  totalScore: number;
  /** Share of women among the collective's members, 0..1. */
  womenRatio?: number;
}

/** ND 152/2025 Art. 4(6): among equally qualified collectives, prefer one with ≥ 70% women. */
export const WOMEN_PREFERENCE_RATIO = 0.7;

/**
 * Orders tied candidates by the configured criteria, each descending, and returns the ordered list,
 * or null if still tied. Without `seats` every candidate must be separated from the next; with
 * `seats` only the cut matters (the candidate in place `seats` must differ from the one after it),
 * e.g. 3 tied for 1 seat are settled once the first is ahead of the other two.
 * 'womenRatio70' is a yes/no preference (≥ 70% women, ND 152/2025 Art. 4(6)), not a comparison of
 * ratios. Scores compare at 2-decimal precision.
 */
export function breakTie(
  candidates: readonly string[],
  order: readonly TieBreakCriterion[],
  facts: Readonly<Record<string, TieBreakFacts>>,
  seats?: number,
): string[] | null {
  if (seats !== undefined && (!Number.isInteger(seats) || seats < 1)) {
    throw new DomainError('VALIDATION', 'seats must be an integer ≥ 1', { path: ['seats'] });
  }
  const keyOf = (c: string): number[] => {
    const f = facts[c];
    if (!f) throw new DomainError('VALIDATION', `no tie-break facts for '${c}'`, { path: ['facts', c] });
    return order.map((k) => {
      if (k === 'womenRatio70') return (f.womenRatio ?? 0) >= WOMEN_PREFERENCE_RATIO - EPS ? 1 : 0;
      return Math.round((k === 'tasksGroupScore' ? f.tasksGroupScore : f.totalScore) * 100);
    });
  };
  const keys = new Map(candidates.map((c) => [c, keyOf(c)]));
  const cmp = (a: string, b: string): number => {
    const ka = keys.get(a) ?? [];
    const kb = keys.get(b) ?? [];
    for (let i = 0; i < ka.length; i++) {
      const d = (kb[i] ?? 0) - (ka[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  };
  const pos = new Map(candidates.map((c, i) => [c, i]));
  const sorted = [...candidates].sort((a, b) => cmp(a, b) || (pos.get(a) ?? 0) - (pos.get(b) ?? 0));
  if (seats === undefined) {
    for (let i = 0; i + 1 < sorted.length; i++) if (cmp(sorted[i]!, sorted[i + 1]!) === 0) return null;
  } else if (seats < sorted.length && seats >= 1 && cmp(sorted[seats - 1]!, sorted[seats]!) === 0) {
    return null;
  }
  return sorted;
}
