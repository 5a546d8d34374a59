import { ScoringTemplateSchema, computeUnitScore, rankUnits, round2 } from '../../domain/scoring';
import { small, template } from '../support/scoring';
import { errorCodeOf } from './helpers';

describe('computeUnitScore', () => {
  // A full sheet: self scores, some reviewed (chấm chéo) adjustments, bonus over the cap, two penalties.
  const full = computeUnitScore(template, {
    entries: [
      { criterionId: 'tasks.targets', self: 28, reviewed: 26 },
      { criterionId: 'tasks.quality', self: 18 },
      { criterionId: 'emulation.plan', self: 5 },
      { criterionId: 'emulation.thematic', self: 4.5 },
      { criterionId: 'emulation.models', self: 4, reviewed: 3.5 },
      { criterionId: 'emulation.reports', self: 5, reviewed: null },
      { criterionId: 'party.organisations', self: 8 },
      { criterionId: 'party.integrity', self: 5.5 },
      { criterionId: 'party.reform', self: 6, reviewed: 5 },
      { criterionId: 'bloc.attendance', self: 5 },
      { criterionId: 'bloc.events', self: 3 },
    ],
    bonus: 7,
    penalties: [{ ruleId: 'late-pledge' }, { ruleId: 'absence', points: 2 }],
  });
  it.each([
    { rule: '[PRAC] self total', actual: full.selfTotal, expected: 92 },
    { rule: '[PRAC] §4.4 final per criterion = reviewed ?? self', actual: full.reviewedTotal, expected: 88.5 },
    { rule: '[PRAC] bonus capped at bonusCap 5', actual: full.bonusApplied, expected: 5 },
    { rule: '[PRAC] penalties: rule default 1 + explicit 2', actual: full.penaltyTotal, expected: 3 },
    { rule: '[PRAC] final = 88.5 + 5 − 3', actual: full.finalTotal, expected: 90.5 },
    {
      rule: '[PRAC] group totals',
      actual: full.groupTotals,
      expected: { tasks: 44, emulation: 18, party: 18.5, bloc: 8 },
    },
    { rule: '[PRAC] §4.4 tasks-group score', actual: full.tasksGroupScore, expected: 44 },
    {
      rule: '[PRAC] per-criterion final',
      actual: [full.finalByCriterion['tasks.targets'], full.finalByCriterion['emulation.reports']],
      expected: [26, 5],
    },
  ])('$rule', ({ actual, expected }) => {
    expect(actual).toEqual(expected);
  });

  it.each([
    {
      rule: 'exact decimals: 0.1 + 0.2 = 0.3',
      entries: [
        { criterionId: 'c1', self: 0.1 },
        { criterionId: 'c2', self: 0.2 },
      ],
      bonus: 0,
      penalties: [],
      field: 'finalTotal',
      expected: 0.3,
    },
    {
      rule: '[PRAC] penalties cannot push the total below 0',
      entries: [{ criterionId: 'c1', self: 1 }],
      bonus: 0,
      penalties: [{ ruleId: 'p', points: 5 }],
      field: 'finalTotal',
      expected: 0,
    },
    {
      rule: '[PRAC] bonus below the cap is kept',
      entries: [],
      bonus: 0.75,
      penalties: [],
      field: 'bonusApplied',
      expected: 0.75,
    },
    {
      rule: '[PRAC] unscored criteria count 0',
      entries: [{ criterionId: 'c2', self: 3 }],
      bonus: 0,
      penalties: [],
      field: 'tasksGroupScore',
      expected: 0,
    },
  ])('$rule', ({ entries, bonus, penalties, field, expected }) => {
    const tpl = ScoringTemplateSchema.parse(small({ penaltyRules: [{ id: 'p', name: 'p', points: 1 }] }));
    const r = computeUnitScore(tpl, { entries, bonus, penalties });
    expect(r[field as 'finalTotal']).toBe(expected);
  });

  it.each([
    { rule: 'unknown criterion', input: { entries: [{ criterionId: 'x', self: 1 }], bonus: 0, penalties: [] } },
    {
      rule: 'duplicate criterion',
      input: {
        entries: [
          { criterionId: 'bloc.events', self: 1 },
          { criterionId: 'bloc.events', self: 1 },
        ],
        bonus: 0,
        penalties: [],
      },
    },
    {
      rule: 'self above maximum',
      input: { entries: [{ criterionId: 'bloc.events', self: 6 }], bonus: 0, penalties: [] },
    },
    {
      rule: 'reviewed above maximum',
      input: { entries: [{ criterionId: 'bloc.events', self: 5, reviewed: 5.5 }], bonus: 0, penalties: [] },
    },
    {
      rule: 'reviewed below 0',
      input: { entries: [{ criterionId: 'bloc.events', self: 5, reviewed: -1 }], bonus: 0, penalties: [] },
    },
    { rule: 'negative bonus', input: { entries: [], bonus: -1, penalties: [] } },
    { rule: 'unknown penalty rule', input: { entries: [], bonus: 0, penalties: [{ ruleId: 'nope' }] } },
    { rule: 'negative penalty', input: { entries: [], bonus: 0, penalties: [{ ruleId: 'absence', points: -2 }] } },
  ])('$rule → VALIDATION', ({ input }) => {
    expect(errorCodeOf(() => computeUnitScore(template, input))).toBe('VALIDATION');
  });
});

describe('round2: 2 decimals, half away from zero, deterministic', () => {
  it.each([
    { value: 1.005, expected: 1.01 },
    { value: 2.675, expected: 2.68 },
    { value: -1.005, expected: -1.01 },
    { value: 0.1 + 0.2, expected: 0.3 },
    { value: 89.994, expected: 89.99 },
    { value: 10, expected: 10 },
  ])('$value → $expected', ({ value, expected }) => {
    expect(round2(value)).toBe(expected);
  });
});

describe('rankUnits ([PRAC] §4.4: total desc, tie broken by tasks-group score)', () => {
  const ranked = rankUnits([
    { unitId: 'A', finalTotal: 90, tasksGroupScore: 40 },
    { unitId: 'B', finalTotal: 92, tasksGroupScore: 35 },
    { unitId: 'D', finalTotal: 90, tasksGroupScore: 45, womenRatio: 0.8 },
    { unitId: 'C', finalTotal: 90, tasksGroupScore: 45 },
    { unitId: 'E', finalTotal: 80.5, tasksGroupScore: 50 },
  ]);
  const byId = Object.fromEntries(ranked.map((r) => [r.unitId, r]));
  it.each([
    { rule: '[PRAC] highest total first', unit: 'B', rank: 1, tiedOnTotal: false, sharedRank: false },
    {
      rule: '[PRAC] §4.4 equal total, higher tasks group ahead; still equal → shared rank',
      unit: 'C',
      rank: 2,
      tiedOnTotal: true,
      sharedRank: true,
    },
    { rule: '[PRAC] shared rank (competition ranking)', unit: 'D', rank: 2, tiedOnTotal: true, sharedRank: true },
    { rule: '[PRAC] §4.4 lower tasks group ranks after', unit: 'A', rank: 4, tiedOnTotal: true, sharedRank: false },
    { rule: '[PRAC] last', unit: 'E', rank: 5, tiedOnTotal: false, sharedRank: false },
  ])('$rule: $unit', ({ unit, rank, tiedOnTotal, sharedRank }) => {
    expect(byId[unit]).toMatchObject({ rank, tiedOnTotal, sharedRank });
  });

  it('orders the list, shared ranks by unitId, and keeps extra fields', () => {
    expect(ranked.map((r) => r.unitId)).toEqual(['B', 'C', 'D', 'A', 'E']);
    expect(byId.D?.womenRatio).toBe(0.8);
  });

  it('rejects a unit listed twice', () => {
    expect(
      errorCodeOf(() =>
        rankUnits([
          { unitId: 'A', finalTotal: 1, tasksGroupScore: 1 },
          { unitId: 'A', finalTotal: 2, tasksGroupScore: 1 },
        ]),
      ),
    ).toBe('VALIDATION');
  });
});
