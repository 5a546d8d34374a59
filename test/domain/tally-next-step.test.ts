import { breakTie, nextStep, tallyRound } from '../../domain/tally';
import { ALL_HALF, round, tiedTwoSeats, votes } from '../support/tally';
import { errorCodeOf } from './helpers';

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
