import { selectGovernmentFlagCandidates } from '../../domain/government-flag';
import { nationalRulesFor, type Threshold } from '../../domain/ruleset';
import { errorCodeOf } from './helpers';

const EIGHTY_OF_ALL: Threshold = nationalRulesFor('2026-03-01').decree.governmentFlag.councilThreshold;

describe('selection after the council ballot (ND 152/2025 Art. 33(5): ≥ 80% of ALL members; Art. 7(1): quota)', () => {
  const select = (votes: [string, number, number | null][], quota: number, councilMembers = 5) =>
    selectGovernmentFlagCandidates({
      candidates: votes.map(([unitId, yes, finalScore]) => ({ unitId, yes, finalScore })),
      councilMembers,
      threshold: EIGHTY_OF_ALL,
      quota,
    });

  it.each([
    { rule: 'Art. 33(5): 4 of 5 members = 80% passes', votes: [['A', 4, 90]], quota: 1, selected: ['A'], required: 4 },
    { rule: 'Art. 33(5): 3 of 5 = 60% fails', votes: [['A', 3, 90]], quota: 1, selected: [], required: 4 },
    {
      rule: 'Art. 33(5): counted against ALL 9 members, 7 yes = 77.8% fails',
      votes: [['A', 7, 90]],
      quota: 1,
      selected: [],
      members: 9,
      required: 8,
    },
    {
      rule: 'Art. 33(5): 8 of 9 = 88.9% passes',
      votes: [['A', 8, 90]],
      quota: 1,
      selected: ['A'],
      members: 9,
      required: 8,
    },
    {
      rule: 'Art. 7(1): higher yes-share first, quota 1',
      votes: [
        ['A', 4, 99],
        ['B', 5, 80],
      ],
      quota: 1,
      selected: ['B'],
      required: 4,
    },
    {
      rule: 'equal share: the higher bloc-year score first',
      votes: [
        ['A', 4, 90],
        ['B', 4, 95.5],
      ],
      quota: 1,
      selected: ['B'],
      required: 4,
    },
    {
      rule: 'quota 2 of three passing',
      votes: [
        ['A', 5, 80],
        ['B', 4, 90],
        ['C', 4, 95],
      ],
      quota: 2,
      selected: ['A', 'C'],
      required: 4,
    },
    { rule: 'quota 0: nobody, even unanimous', votes: [['A', 5, 80]], quota: 0, selected: [], required: 4 },
    {
      rule: 'nobody passes: an empty result is valid',
      votes: [
        ['A', 2, 80],
        ['B', 0, null],
      ],
      quota: 2,
      selected: [],
      required: 4,
    },
  ] as {
    rule: string;
    votes: [string, number, number | null][];
    quota: number;
    selected: string[];
    members?: number;
    required: number;
  }[])('$rule', ({ votes, quota, selected, members, required }) => {
    const s = select(votes, quota, members);
    expect(s.selected).toEqual(selected);
    expect(s.requiredVotes).toBe(required);
  });

  it('every candidate gets a row: rank for passing ones, reason for the others', () => {
    const s = select(
      [
        ['A', 3, 99],
        ['B', 4, 90],
        ['C', 5, 80],
        ['D', 4, 85],
      ],
      1,
    );
    expect(s.rows.map((r) => [r.unitId, r.rank, r.reason])).toEqual([
      ['C', 1, 'selected'],
      ['B', 2, 'overQuota'],
      ['D', 3, 'overQuota'],
      ['A', null, 'belowThreshold'],
    ]);
    expect(s.rows.find((r) => r.unitId === 'B')).toMatchObject({
      yes: 4,
      base: 5,
      share: 0.8,
      passes: true,
      selected: false,
    });
    expect(s.tiedAtCut).toBe(false);
  });

  it.each([
    {
      rule: 'a known score ranks before an unknown one',
      votes: [
        ['A', 4, null],
        ['B', 4, 70],
      ],
      selected: ['B'],
      tiedAtCut: false,
    },
    {
      rule: 'two unknown scores are tied',
      votes: [
        ['A', 4, null],
        ['B', 4, null],
      ],
      selected: ['A'],
      tiedAtCut: true,
    },
    {
      rule: 'scores equal at 2 decimals are tied',
      votes: [
        ['A', 4, 90.001],
        ['B', 4, 90.004],
      ],
      selected: ['A'],
      tiedAtCut: true,
    },
  ] as { rule: string; votes: [string, number, number | null][]; selected: string[]; tiedAtCut: boolean }[])(
    '$rule',
    ({ votes, selected, tiedAtCut }) => {
      expect(select(votes, 1)).toMatchObject({ selected, tiedAtCut });
    },
  );

  it('a tie at the cut on share and score is reported, input order decides', () => {
    const s = select(
      [
        ['A', 4, 90],
        ['B', 4, 90],
      ],
      1,
    );
    expect(s.selected).toEqual(['A']);
    expect(s.tiedAtCut).toBe(true);
  });

  it.each([
    {
      rule: 'more yes than members',
      args: {
        candidates: [{ unitId: 'A', yes: 6, finalScore: 1 }],
        councilMembers: 5,
        threshold: EIGHTY_OF_ALL,
        quota: 1,
      },
    },
    {
      rule: 'duplicate candidate',
      args: {
        candidates: [
          { unitId: 'A', yes: 1, finalScore: 1 },
          { unitId: 'A', yes: 1, finalScore: 1 },
        ],
        councilMembers: 5,
        threshold: EIGHTY_OF_ALL,
        quota: 1,
      },
    },
    { rule: 'no council', args: { candidates: [], councilMembers: 0, threshold: EIGHTY_OF_ALL, quota: 1 } },
    { rule: 'negative quota', args: { candidates: [], councilMembers: 5, threshold: EIGHTY_OF_ALL, quota: -1 } },
  ])('refuses $rule', ({ args }) => {
    expect(errorCodeOf(() => selectGovernmentFlagCandidates(args))).toBe('VALIDATION');
  });
});
