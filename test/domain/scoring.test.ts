import {
  ScoringTemplateSchema,
  defaultScoringTemplate,
  validateSelfScores,
  type SelfScoreEntry,
} from '../../domain/scoring';
import { small, template } from '../support/scoring';
import { domainErrorOf, errorCodeOf } from './helpers';

describe('defaultScoringTemplate (§4.2 [PRAC] 4 groups, 100 points)', () => {
  const groupMax = Object.fromEntries(
    template.groups.map((g) => [g.kind, g.criteria.reduce((s, c) => s + c.maxPoints, 0)]),
  );
  it.each([
    { rule: '[PRAC] scale 100', actual: template.scale, expected: 100 },
    { rule: '[PRAC] bonus capped at 5 (≤ 5-10% of the scale)', actual: template.bonusCap, expected: 5 },
    { rule: '[PRAC] tasks group 40-60% → 50', actual: groupMax.tasks, expected: 50 },
    { rule: '[PRAC] emulation work 15-20% → 20', actual: groupMax.emulation, expected: 20 },
    { rule: '[PRAC] Party building etc. 15-25% → 20', actual: groupMax.partyBuilding, expected: 20 },
    { rule: '[PRAC] bloc activities 5-10% → 10', actual: groupMax.blocActivities, expected: 10 },
    {
      rule: '[PRAC] penalties: late pledge/report/self-score, absence, discipline',
      actual: template.penaltyRules.map((p) => p.id),
      expected: ['late-pledge', 'late-report', 'late-self-score', 'absence', 'discipline'],
    },
  ])('$rule', ({ actual, expected }) => {
    expect(actual).toEqual(expected);
  });

  it('returns a fresh copy each call', () => {
    const a = defaultScoringTemplate();
    a.groups.pop();
    expect(defaultScoringTemplate().groups).toHaveLength(4);
  });
});

describe('ScoringTemplateSchema', () => {
  it.each([
    { rule: '[PRAC] small valid template', input: small(), ok: true },
    {
      rule: '[PRAC] 1,000-point scale',
      input: small({
        scale: 1000,
        groups: [
          {
            id: 'g',
            name: 'g',
            kind: 'tasks',
            criteria: [
              { id: 'a', name: 'a', maxPoints: 600 },
              { id: 'b', name: 'b', maxPoints: 400 },
            ],
          },
        ],
      }),
      ok: true,
    },
    {
      rule: 'decimal maxima sum exactly (33.33 + 33.33 + 33.34 = 100)',
      input: small({
        scale: 100,
        bonusCap: 0,
        groups: [
          {
            id: 'g',
            name: 'g',
            kind: 'tasks',
            criteria: [
              { id: 'a', name: 'a', maxPoints: 33.33 },
              { id: 'b', name: 'b', maxPoints: 33.33 },
              { id: 'c', name: 'c', maxPoints: 33.34 },
            ],
          },
        ],
      }),
      ok: true,
    },
    { rule: 'criteria maxima must sum to the scale', input: small({ scale: 11 }), ok: false },
    {
      rule: 'criterion ids unique across groups',
      input: small({
        groups: [
          { id: 'g1', name: 'a', kind: 'tasks', criteria: [{ id: 'c', name: 'c', maxPoints: 6 }] },
          { id: 'g2', name: 'b', kind: 'other', criteria: [{ id: 'c', name: 'c', maxPoints: 4 }] },
        ],
      }),
      ok: false,
    },
    {
      rule: 'group ids unique',
      input: small({
        groups: [
          { id: 'g', name: 'a', kind: 'tasks', criteria: [{ id: 'c1', name: 'c', maxPoints: 6 }] },
          { id: 'g', name: 'b', kind: 'other', criteria: [{ id: 'c2', name: 'c', maxPoints: 4 }] },
        ],
      }),
      ok: false,
    },
    {
      rule: 'penalty ids unique',
      input: small({
        penaltyRules: [
          { id: 'p', name: 'p', points: 1 },
          { id: 'p', name: 'q', points: 2 },
        ],
      }),
      ok: false,
    },
    {
      rule: 'maxPoints must be > 0',
      input: small({
        groups: [
          {
            id: 'g1',
            name: 'a',
            kind: 'tasks',
            criteria: [
              { id: 'c1', name: 'c', maxPoints: 10 },
              { id: 'c2', name: 'c', maxPoints: 0 },
            ],
          },
        ],
      }),
      ok: false,
    },
    { rule: 'bonus cap ≥ 0', input: small({ bonusCap: -1 }), ok: false },
    { rule: 'bonus cap not above the scale', input: small({ bonusCap: 11 }), ok: false },
    {
      rule: 'a group needs criteria',
      input: small({
        scale: 4,
        groups: [
          { id: 'g1', name: 'a', kind: 'tasks', criteria: [] },
          { id: 'g2', name: 'b', kind: 'other', criteria: [{ id: 'c2', name: 'c', maxPoints: 4 }] },
        ],
      }),
      ok: false,
    },
  ])('$rule', ({ input, ok }) => {
    expect(ScoringTemplateSchema.safeParse(input).success).toBe(ok);
  });
});

describe('validateSelfScores ([PRAC] §4.3 self-score with evidence)', () => {
  const good: SelfScoreEntry[] = [
    { criterionId: 'tasks.targets', points: 28, evidence: ['bao-cao-2025.pdf'] },
    { criterionId: 'bloc.attendance', points: 5 },
  ];
  it('accepts a valid partial sheet and returns it', () => {
    expect(validateSelfScores(template, good)).toBe(good);
  });

  it.each([
    {
      rule: '[PRAC] unknown criterion',
      entries: [{ criterionId: 'nope', points: 1 }],
      path: ['entries', 0, 'criterionId'],
    },
    {
      rule: '[PRAC] points below 0',
      entries: [{ criterionId: 'bloc.attendance', points: -0.5 }],
      path: ['entries', 0, 'points'],
    },
    {
      rule: '[PRAC] points above the criterion maximum',
      entries: [{ criterionId: 'tasks.targets', points: 30.01, evidence: ['x'] }],
      path: ['entries', 0, 'points'],
    },
    {
      rule: '[PRAC] NaN points',
      entries: [{ criterionId: 'bloc.attendance', points: Number.NaN }],
      path: ['entries', 0, 'points'],
    },
    {
      rule: '[PRAC] criterion scored twice',
      entries: [
        { criterionId: 'bloc.events', points: 1 },
        { criterionId: 'bloc.events', points: 2 },
      ],
      path: ['entries', 1, 'criterionId'],
    },
    {
      rule: '[PRAC] evidence (minh chứng) required',
      entries: [{ criterionId: 'tasks.quality', points: 10 }],
      path: ['entries', 0, 'evidence'],
    },
    {
      rule: '[PRAC] blank evidence does not count',
      entries: [{ criterionId: 'tasks.quality', points: 10, evidence: ['  '] }],
      path: ['entries', 0, 'evidence'],
    },
  ])('$rule → VALIDATION at $path', ({ entries, path }) => {
    const err = domainErrorOf(() => validateSelfScores(template, entries));
    expect(err.code).toBe('VALIDATION');
    expect(err.details?.path).toEqual(path);
  });

  it.each([
    { rule: '[PRAC] claiming 0 needs no evidence', entries: [{ criterionId: 'tasks.quality', points: 0 }] },
    {
      rule: '[PRAC] maximum itself is allowed',
      entries: [{ criterionId: 'tasks.targets', points: 30, evidence: ['x'] }],
    },
    {
      rule: '[PRAC] criterion without evidence requirement',
      entries: [{ criterionId: 'emulation.reports', points: 5 }],
    },
  ])('$rule', ({ entries }) => {
    expect(errorCodeOf(() => validateSelfScores(template, entries))).toBeNull();
  });

  it('[PRAC] requireAll rejects a sheet with a criterion missing', () => {
    expect(errorCodeOf(() => validateSelfScores(template, good, { requireAll: true }))).toBe('VALIDATION');
  });
});
