import type { Threshold } from '../../domain/ruleset';
import { ballotProblem, breakTie, nextStep, tallyRound, type TallyInput } from '../../domain/tally';
import { errorCodeOf } from './helpers';

const ALL80: Threshold = { ratio: 0.8, base: 'allMembers', strict: false };
const PRESENT80: Threshold = { ratio: 0.8, base: 'present', strict: false };
const VALID80: Threshold = { ratio: 0.8, base: 'validBallots', strict: false };
const ALL_MAJORITY: Threshold = { ratio: 0.5, base: 'allMembers', strict: true };
const ALL_HALF: Threshold = { ratio: 0.5, base: 'allMembers', strict: false };
const TWO_THIRDS: Threshold = { ratio: 2 / 3, base: 'allMembers', strict: false };

/** `votes('A', 8, 'B', 1)` → 8 ballots for A, 1 for B (single-choice ballots). */
function votes(...spec: (string | number)[]): { choices: string[] }[] {
  const out: { choices: string[] }[] = [];
  for (let i = 0; i < spec.length; i += 2) {
    const who = spec[i] as string;
    for (let k = 0; k < (spec[i + 1] as number); k++) out.push({ choices: who === '' ? [] : [who] });
  }
  return out;
}

const round = (over: Partial<TallyInput>): TallyInput => ({
  candidates: ['A', 'B', 'C'],
  seats: 1,
  eligibleVoters: 10,
  present: 10,
  ballots: [],
  threshold: ALL80,
  quorum: TWO_THIRDS,
  ...over,
});

/** 12 members, 2 seats, > 50% needed (7): A 10, B 7, C 7 → A elected, B and C tied for the second seat. */
const tiedTwoSeats = round({
  seats: 2,
  eligibleVoters: 12,
  present: 12,
  threshold: ALL_MAJORITY,
  ballots: [
    ...Array.from({ length: 5 }, () => ({ choices: ['A', 'B'] })),
    ...Array.from({ length: 5 }, () => ({ choices: ['A', 'C'] })),
    ...Array.from({ length: 2 }, () => ({ choices: ['B', 'C'] })),
  ],
});

describe('tallyRound: outcomes', () => {
  it.each([
    {
      rule: 'TT 01/2024/TT-TANDTC Art. 29: 8/10 of all members → decided',
      input: round({ ballots: votes('A', 8, 'B', 2) }),
      outcome: 'decided',
      winners: ['A'],
      tied: [] as string[],
    },
    {
      rule: 'TT 01/2024/TT-TANDTC Art. 29: 7/10 → nobody passes',
      input: round({ ballots: votes('A', 7, 'B', 3) }),
      outcome: 'noWinner',
      winners: [],
      tied: [],
    },
    {
      rule: '[PROV] base allMembers: absentees count against (7 of 10, 8 present)',
      input: round({ present: 8, ballots: votes('A', 7, 'B', 1) }),
      outcome: 'noWinner',
      winners: [],
      tied: [],
    },
    {
      rule: '[PROV] base present: 7 of 8 present passes',
      input: round({ present: 8, threshold: PRESENT80, ballots: votes('A', 7, 'B', 1) }),
      outcome: 'decided',
      winners: ['A'],
      tied: [],
    },
    {
      rule: '[PROV] base validBallots: invalid ballots leave the base (7 of 8 valid)',
      input: round({
        threshold: VALID80,
        ballots: [...votes('A', 7, 'B', 1), { choices: ['Z'] }, { choices: ['A', 'B'] }],
      }),
      outcome: 'decided',
      winners: ['A'],
      tied: [],
    },
    {
      rule: '[PROV] base validBallots: blank ballots stay in the base (7 of 9 valid)',
      input: round({ threshold: VALID80, ballots: [...votes('A', 7, 'B', 1, '', 1), { choices: ['Z'] }] }),
      outcome: 'noWinner',
      winners: [],
      tied: [],
    },
    {
      rule: '[PROV] "more than 50%": 5 of 10 is not enough',
      input: round({ threshold: ALL_MAJORITY, ballots: votes('A', 5, 'B', 5) }),
      outcome: 'noWinner',
      winners: [],
      tied: [],
    },
    {
      rule: '[PROV] "from 50%": two candidates at 5 of 10 tie for one seat (§5.3)',
      input: round({ threshold: ALL_HALF, ballots: votes('A', 5, 'B', 5) }),
      outcome: 'tie',
      winners: [],
      tied: ['A', 'B'],
    },
    {
      rule: 'TT 01/2024/TT-TANDTC Art. 29 quorum 2/3: 5 of 9 present → noQuorum',
      input: round({ eligibleVoters: 9, present: 5, ballots: votes('A', 5) }),
      outcome: 'noQuorum',
      winners: [],
      tied: [],
    },
    {
      rule: 'TT 01/2024/TT-TANDTC Art. 29 quorum 2/3: 6 of 9 present is enough',
      input: round({ eligibleVoters: 9, present: 6, threshold: PRESENT80, ballots: votes('A', 6) }),
      outcome: 'decided',
      winners: ['A'],
      tied: [],
    },
    {
      rule: '[PRAC] §5.5 three certificates: 4 pass, the 4th is clearly out',
      input: round({
        candidates: ['A', 'B', 'C', 'D'],
        seats: 3,
        threshold: ALL_MAJORITY,
        ballots: [
          ...Array(6).fill({ choices: ['A', 'B', 'C'] }),
          { choices: ['A', 'B', 'D'] },
          { choices: ['A', 'B', 'D'] },
          { choices: ['A', 'C', 'D'] },
          { choices: ['D'] },
        ],
      }),
      outcome: 'decided',
      winners: ['A', 'B', 'C'],
      tied: [],
    },
    {
      rule: '[PRAC] §5.3 two seats, last seat tied: A in, B and C tied',
      input: tiedTwoSeats,
      outcome: 'tie',
      winners: ['A'],
      tied: ['B', 'C'],
    },
    {
      rule: '[PROV] fewer pass than seats: the others stay empty',
      input: round({
        seats: 3,
        threshold: ALL_MAJORITY,
        ballots: [...Array(9).fill({ choices: ['B', 'A'] }), { choices: [] }] as { choices: string[] }[],
      }),
      outcome: 'decided',
      winners: ['A', 'B'],
      tied: [],
    },
    {
      rule: '[PROV] winners ordered by votes',
      input: round({
        seats: 2,
        threshold: ALL_MAJORITY,
        ballots: [...Array(6).fill({ choices: ['A', 'B'] }), ...Array(3).fill({ choices: ['B'] })] as {
          choices: string[];
        }[],
      }),
      outcome: 'decided',
      winners: ['B', 'A'],
      tied: [],
    },
    {
      rule: '§5.3 nobody votes: no winner',
      input: round({ ballots: votes('', 10) }),
      outcome: 'noWinner',
      winners: [],
      tied: [],
    },
  ])('$rule', ({ input, outcome, winners, tied }) => {
    const r = tallyRound(input);
    expect(r.outcome).toBe(outcome);
    expect(r.winners).toEqual(winners);
    expect(r.tiedForLastSeat).toEqual(tied);
  });
});

describe('tallyRound: counting', () => {
  const r = tallyRound(
    round({
      seats: 2,
      ballots: [
        { choices: ['A'] },
        { choices: ['A', 'B'] },
        { choices: [] }, // blank: valid
        { choices: ['A', 'A'] }, // duplicate: invalid
        { choices: ['A', 'B', 'C'] }, // more choices than seats: invalid
        { choices: ['Z'] }, // unknown candidate: invalid
      ],
      present: 9,
    }),
  );
  it.each([
    { rule: '[PRAC] valid ballots include blanks', actual: r.validBallots, expected: 3 },
    { rule: '[PRAC] duplicate / too many / unknown are invalid', actual: r.invalidBallots, expected: 3 },
    { rule: '[PRAC] blank ballots counted', actual: r.blankBallots, expected: 1 },
    {
      rule: '[PRAC] counts from valid ballots only, every candidate listed',
      actual: r.counts,
      expected: { A: 2, B: 1, C: 0 },
    },
    { rule: '[PROV] base = all members', actual: r.base, expected: 10 },
    { rule: '[PROV] shares against the base', actual: r.shares, expected: { A: 0.2, B: 0.1, C: 0 } },
    { rule: 'TT 01/2024/TT-TANDTC Art. 29: 8 votes needed of 10', actual: r.requiredVotes, expected: 8 },
    { rule: 'quorum: 9 of 10 present ≥ 2/3', actual: r.quorumMet, expected: true },
  ])('$rule', ({ actual, expected }) => {
    expect(actual).toEqual(expected);
  });

  it.each([
    { rule: 'more ballots than voters present', input: round({ present: 2, ballots: votes('A', 3) }) },
    { rule: 'more present than members', input: round({ present: 11 }) },
    { rule: 'seats must be ≥ 1', input: round({ seats: 0 }) },
    { rule: 'duplicate candidates', input: round({ candidates: ['A', 'A'] }) },
    { rule: 'non-integer voters', input: round({ eligibleVoters: 9.5 }) },
  ])('$rule → VALIDATION', ({ input }) => {
    expect(errorCodeOf(() => tallyRound(input))).toBe('VALIDATION');
  });
});

describe('ballotProblem (cast-time check)', () => {
  const ctx = { candidates: ['A', 'B'], seats: 1 };
  it.each([
    { rule: '[PRAC] valid single choice', choices: ['A'], extra: {}, expected: null },
    { rule: '[PRAC] empty ballot is a valid blank', choices: [], extra: {}, expected: null },
    { rule: '[PRAC] too many choices', choices: ['A', 'B'], extra: {}, expected: 'tooManyChoices' },
    { rule: '[PRAC] duplicate choice', choices: ['A', 'A'], extra: { seats: 2 }, expected: 'duplicateChoice' },
    { rule: '[PRAC] unknown candidate', choices: ['Z'], extra: {}, expected: 'unknownCandidate' },
    {
      rule: '[PRAC] §5.2 self-vote forbidden by the bloc',
      choices: ['A'],
      extra: { voterUnitId: 'A', selfVoteAllowed: false },
      expected: 'selfVote',
    },
    {
      rule: '[PRAC] §5.2 self-vote allowed by the bloc',
      choices: ['A'],
      extra: { voterUnitId: 'A', selfVoteAllowed: true },
      expected: null,
    },
  ])('$rule', ({ choices, extra, expected }) => {
    expect(ballotProblem(choices, { ...ctx, ...extra })).toBe(expected);
  });
});

describe('nextStep (TT 01/2024/TT-TANDTC Art. 29: at most maxRounds ballots, then head + deputy)', () => {
  const decided = tallyRound(round({ ballots: votes('A', 9) }));
  const noQuorum = tallyRound(round({ present: 6, ballots: votes('A', 6) }));
  const tieOne = tallyRound(round({ threshold: ALL_HALF, ballots: votes('A', 5, 'B', 5) }));
  const tieAfterOne = tallyRound(tiedTwoSeats);
  const nobody = tallyRound(round({ ballots: votes('A', 3, 'B', 6, 'C', 1) }));

  it.each([
    {
      rule: 'decided → done',
      result: decided,
      roundNumber: 1,
      maxRounds: 2,
      after: 'headAndDeputyDecide' as const,
      expected: { kind: 'done', winners: ['A'] },
    },
    {
      rule: '§5.3 no quorum → no winner this year',
      result: noQuorum,
      roundNumber: 1,
      maxRounds: 2,
      after: 'headAndDeputyDecide' as const,
      expected: { kind: 'noWinner' },
    },
    {
      rule: 'TANDTC Art. 29: tie in ballot 1 of 2 → run-off among the tied',
      result: tieOne,
      roundNumber: 1,
      maxRounds: 2,
      after: 'headAndDeputyDecide' as const,
      expected: { kind: 'runoff', candidates: ['A', 'B'] },
    },
    {
      rule: 'TANDTC Art. 29: tie after ballot 2 of 2 → head and deputy decide',
      result: tieOne,
      roundNumber: 2,
      maxRounds: 2,
      after: 'headAndDeputyDecide' as const,
      expected: { kind: 'headAndDeputyDecide', candidates: ['A', 'B'] },
    },
    {
      rule: '[PROV] maxRounds 1: tie → head and deputy at once',
      result: tieOne,
      roundNumber: 1,
      maxRounds: 1,
      after: 'headAndDeputyDecide' as const,
      expected: { kind: 'headAndDeputyDecide', candidates: ['A', 'B'] },
    },
    {
      rule: '[PROV] noWinner policy: tie after the last ballot → no winner',
      result: tieOne,
      roundNumber: 2,
      maxRounds: 2,
      after: 'noWinner' as const,
      expected: { kind: 'noWinner' },
    },
    {
      rule: '[PROV] noWinner policy: the clearly elected stand, the contested seat stays empty',
      result: tieAfterOne,
      roundNumber: 2,
      maxRounds: 2,
      after: 'noWinner' as const,
      expected: { kind: 'done', winners: ['A'] },
    },
    {
      rule: 'TANDTC Art. 29: run-off only among the tied; the elected are not repeated',
      result: tieAfterOne,
      roundNumber: 1,
      maxRounds: 2,
      after: 'headAndDeputyDecide' as const,
      expected: { kind: 'runoff', candidates: ['B', 'C'] },
    },
    {
      rule: 'TANDTC Art. 29 (every ballot counts): nobody passed in ballot 1 → new ballot among all',
      result: nobody,
      roundNumber: 1,
      maxRounds: 2,
      after: 'headAndDeputyDecide' as const,
      expected: { kind: 'runoff', candidates: ['A', 'B', 'C'] },
    },
    {
      rule: 'TANDTC Art. 29 "chưa lựa chọn được": nobody passed after ballot 2 → head and deputy, by votes',
      result: nobody,
      roundNumber: 2,
      maxRounds: 2,
      after: 'headAndDeputyDecide' as const,
      expected: { kind: 'headAndDeputyDecide', candidates: ['B', 'A', 'C'] },
    },
    {
      rule: '§5.3 [PROV] nobody passed after the last ballot → no flag this year',
      result: nobody,
      roundNumber: 2,
      maxRounds: 2,
      after: 'noWinner' as const,
      expected: { kind: 'noWinner' },
    },
  ])('$rule', ({ result, roundNumber, maxRounds, after, expected }) => {
    expect(nextStep({ roundNumber, maxRounds, result, afterFailedRounds: after })).toEqual(expected);
  });

  it('rejects round 0', () => {
    expect(
      errorCodeOf(() => nextStep({ roundNumber: 0, maxRounds: 2, result: decided, afterFailedRounds: 'noWinner' })),
    ).toBe('VALIDATION');
  });
});

describe('breakTie', () => {
  const TASKS_TOTAL_WOMEN = ['tasksGroupScore', 'totalScore', 'womenRatio70'] as const;
  it.each([
    {
      rule: '[PRAC] §4.4 higher tasks-group score first',
      order: TASKS_TOTAL_WOMEN,
      facts: { A: { tasksGroupScore: 44, totalScore: 95 }, B: { tasksGroupScore: 45, totalScore: 90 } },
      seats: undefined,
      expected: ['B', 'A'],
    },
    {
      rule: '[PROV] then total score',
      order: TASKS_TOTAL_WOMEN,
      facts: { A: { tasksGroupScore: 45, totalScore: 90 }, B: { tasksGroupScore: 45, totalScore: 90.5 } },
      seats: undefined,
      expected: ['B', 'A'],
    },
    {
      rule: 'ND 152/2025 Art. 4(6): equally qualified → collective with ≥ 70% women',
      order: TASKS_TOTAL_WOMEN,
      facts: {
        A: { tasksGroupScore: 45, totalScore: 90, womenRatio: 0.6 },
        B: { tasksGroupScore: 45, totalScore: 90, womenRatio: 0.75 },
      },
      seats: undefined,
      expected: ['B', 'A'],
    },
    {
      rule: 'ND 152/2025 Art. 4(6): exactly 70% qualifies',
      order: ['womenRatio70'] as const,
      facts: { A: { tasksGroupScore: 0, totalScore: 0 }, B: { tasksGroupScore: 0, totalScore: 0, womenRatio: 0.7 } },
      seats: undefined,
      expected: ['B', 'A'],
    },
    {
      rule: 'ND 152/2025 Art. 4(6) is a yes/no preference: 80% vs 72% stays tied',
      order: TASKS_TOTAL_WOMEN,
      facts: {
        A: { tasksGroupScore: 45, totalScore: 90, womenRatio: 0.8 },
        B: { tasksGroupScore: 45, totalScore: 90, womenRatio: 0.72 },
      },
      seats: undefined,
      expected: null,
    },
    {
      rule: '[PRAC] all equal → still tied',
      order: TASKS_TOTAL_WOMEN,
      facts: { A: { tasksGroupScore: 45, totalScore: 90 }, B: { tasksGroupScore: 45, totalScore: 90 } },
      seats: undefined,
      expected: null,
    },
    {
      rule: '[PRAC] scores compare at 2 decimals',
      order: TASKS_TOTAL_WOMEN,
      facts: { A: { tasksGroupScore: 45.001, totalScore: 90 }, B: { tasksGroupScore: 45, totalScore: 90 } },
      seats: undefined,
      expected: null,
    },
    {
      rule: '[PRAC] only the configured criteria are used',
      order: ['totalScore'] as const,
      facts: { A: { tasksGroupScore: 50, totalScore: 90 }, B: { tasksGroupScore: 10, totalScore: 91 } },
      seats: undefined,
      expected: ['B', 'A'],
    },
  ])('$rule', ({ order, facts, seats, expected }) => {
    expect(breakTie(Object.keys(facts), order, facts, seats)).toEqual(expected);
  });

  const three = {
    A: { tasksGroupScore: 46, totalScore: 90 },
    B: { tasksGroupScore: 45, totalScore: 90 },
    C: { tasksGroupScore: 45, totalScore: 90 },
  };
  const twoLevel = {
    A: { tasksGroupScore: 46, totalScore: 90 },
    B: { tasksGroupScore: 46, totalScore: 90 },
    C: { tasksGroupScore: 45, totalScore: 90 },
  };
  it.each([
    {
      rule: '[PRAC] 3 tied for 1 seat: A ahead settles it although B = C',
      facts: three,
      seats: 1,
      expected: ['A', 'B', 'C'],
    },
    { rule: '[PRAC] without seats every place must be separated', facts: three, seats: undefined, expected: null },
    {
      rule: '[PRAC] 3 tied for 2 seats: A = B ahead of C settles it',
      facts: twoLevel,
      seats: 2,
      expected: ['A', 'B', 'C'],
    },
    { rule: '[PRAC] 3 tied for 1 seat: A = B at the cut stays tied', facts: twoLevel, seats: 1, expected: null },
  ])('$rule', ({ facts, seats, expected }) => {
    expect(breakTie(['A', 'B', 'C'], TASKS_TOTAL_WOMEN, facts, seats)).toEqual(expected);
  });

  it('needs facts for every candidate', () => {
    expect(errorCodeOf(() => breakTie(['A', 'B'], ['totalScore'], { A: { tasksGroupScore: 1, totalScore: 1 } }))).toBe(
      'VALIDATION',
    );
  });
});
