import { ballotProblem, tallyRound } from '../../domain/tally';
import { ALL_HALF, ALL_MAJORITY, PRESENT80, VALID80, round, tiedTwoSeats, votes } from '../support/tally';
import { errorCodeOf } from './helpers';

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
