import {
  DEFAULT_PROVINCIAL_RULESETS,
  NATIONAL_DECREES,
  RuleSetSchema,
  ThresholdSchema,
  effectiveGovernmentFlagShare,
  nationalRulesFor,
  resolveRuleSet,
  type RuleSet,
  type RuleSetInput,
} from '../../domain/ruleset';
import { errorCodeOf } from './helpers';

const minimal: RuleSetInput = { code: 'x', version: 1, name: 'X', scope: 'provincial', effectiveFrom: '2025-07-01' };

describe('ThresholdSchema', () => {
  it.each([
    { rule: '[PROV] 80% of all members', value: { ratio: 0.8, base: 'allMembers', strict: false }, ok: true },
    { rule: '[PROV] more than half of those present', value: { ratio: 0.5, base: 'present', strict: true }, ok: true },
    { rule: '[PROV] unanimity is a ratio of 1', value: { ratio: 1, base: 'validBallots', strict: false }, ok: true },
    { rule: 'ratio must be > 0', value: { ratio: 0, base: 'allMembers', strict: false }, ok: false },
    { rule: 'ratio must be ≤ 1', value: { ratio: 1.01, base: 'allMembers', strict: false }, ok: false },
    { rule: 'base must be a known denominator', value: { ratio: 0.5, base: 'everyone', strict: false }, ok: false },
    { rule: 'strict is required', value: { ratio: 0.5, base: 'present' }, ok: false },
  ])('$rule', ({ value, ok }) => {
    expect(ThresholdSchema.safeParse(value).success).toBe(ok);
  });
});

describe('RuleSetSchema defaults', () => {
  const rs = RuleSetSchema.parse(minimal);
  it.each([
    {
      rule: '[PROV] quorum ≥ 2/3 of members (TT 01/2024/TT-TANDTC Art. 29)',
      actual: rs.voting.quorum,
      expected: { ratio: 2 / 3, base: 'allMembers', strict: false },
    },
    {
      rule: '[PROV] bloc threshold ≥ 80% of all members (TT 01/2024/TT-TANDTC Art. 29)',
      actual: rs.voting.threshold,
      expected: { ratio: 0.8, base: 'allMembers', strict: false },
    },
    { rule: '[PROV] at most 2 ballots (TT 01/2024/TT-TANDTC Art. 29)', actual: rs.voting.maxRounds, expected: 2 },
    {
      rule: '[PROV] then head and deputy decide (TT 01/2024/TT-TANDTC Art. 29)',
      actual: rs.voting.afterFailedRounds,
      expected: 'headAndDeputyDecide',
    },
    {
      rule: '[PROV] tie-breaks: tasks group (§4.4), total, ≥70% women last (ND 152/2025 Art. 4(6))',
      actual: rs.voting.tieBreakOrder,
      expected: ['tasksGroupScore', 'totalScore', 'womenRatio70'],
    },
    { rule: '[PRAC] self-vote allowed unless the bloc forbids it', actual: rs.voting.selfVoteAllowed, expected: true },
    {
      rule: 'ND 98/2023 Art. 30(7) kept as default after ND 152/2025 Art. 6(2)(b): flag ≥ 80% of all council members',
      actual: rs.council.flagThreshold,
      expected: { ratio: 0.8, base: 'allMembers', strict: false },
    },
    {
      rule: '[PROV] BN86 Art. 8(4): council decides other matters by majority of those present',
      actual: rs.council.certificateThreshold,
      expected: { ratio: 0.5, base: 'present', strict: true },
    },
    {
      rule: '[PROV] BN86 Art. 8(4)(b): award session needs ≥ 80% present',
      actual: rs.council.quorum,
      expected: { ratio: 0.8, base: 'allMembers', strict: false },
    },
    { rule: 'ND 152/2025 Art. 7(1): Government-flag share 20%', actual: rs.quotas.governmentFlagShare, expected: 0.2 },
    {
      rule: '[PROV] one leading collective per bloc (L2022 Art. 26(1) wording)',
      actual: rs.quotas.emulationFlag,
      expected: 1,
    },
    { rule: '[PROV] certificates of merit per bloc', actual: rs.quotas.certificateOfMerit, expected: 3 },
    {
      rule: '[PROV] rotation by vote, no restriction',
      actual: rs.rotation,
      expected: { policy: 'vote', noTwiceInARow: false },
    },
    {
      rule: '[PRAC] reminders 7 d, 3 d, 1 d before',
      actual: rs.reminders.offsetsSeconds,
      expected: [604800, 259200, 86400],
    },
    {
      rule: '[PROV] late penalties',
      actual: rs.penalties,
      expected: { latePledge: 1, lateMidYearReport: 1, lateSelfScore: 2 },
    },
    { rule: 'legal basis defaults to empty', actual: rs.legalBasis, expected: [] },
  ])('$rule', ({ actual, expected }) => {
    expect(actual).toEqual(expected);
  });

  it('gives each parse its own default objects (no shared mutable state)', () => {
    const a = RuleSetSchema.parse(minimal);
    const b = RuleSetSchema.parse(minimal);
    a.voting.tieBreakOrder.pop();
    a.voting.quorum.ratio = 1;
    expect(b.voting.tieBreakOrder).toHaveLength(3);
    expect(b.voting.quorum.ratio).toBeCloseTo(2 / 3, 12);
  });

  it('keeps a partial nested object and fills the rest', () => {
    const rs2 = RuleSetSchema.parse({ ...minimal, voting: { maxRounds: 3 } });
    expect(rs2.voting.maxRounds).toBe(3);
    expect(rs2.voting.threshold).toEqual({ ratio: 0.8, base: 'allMembers', strict: false });
  });
});

describe('RuleSetSchema rejects', () => {
  it.each([
    { rule: 'effectiveTo before effectiveFrom', input: { ...minimal, effectiveTo: '2025-06-30' } },
    { rule: 'impossible date', input: { ...minimal, effectiveFrom: '2025-02-30' } },
    { rule: 'version must be ≥ 1', input: { ...minimal, version: 0 } },
    { rule: "policy 'fixedOrder' without an order", input: { ...minimal, rotation: { policy: 'fixedOrder' } } },
    {
      rule: 'duplicate units in fixedOrder',
      input: { ...minimal, rotation: { policy: 'fixedOrder', fixedOrder: ['A', 'A'] } },
    },
    {
      rule: 'duplicate tie-break criteria',
      input: { ...minimal, voting: { tieBreakOrder: ['totalScore', 'totalScore'] } },
    },
    { rule: 'share above 1', input: { ...minimal, quotas: { governmentFlagShare: 1.5 } } },
    { rule: 'reminder offset 0', input: { ...minimal, reminders: { offsetsSeconds: [0] } } },
    { rule: 'maxRounds 0', input: { ...minimal, voting: { maxRounds: 0 } } },
  ])('$rule', ({ input }) => {
    expect(RuleSetSchema.safeParse(input).success).toBe(false);
  });
});

describe('resolveRuleSet: highest version in force on the date', () => {
  const sets: RuleSet[] = [
    RuleSetSchema.parse({
      ...minimal,
      code: 'bloc',
      version: 1,
      effectiveFrom: '2024-01-01',
      effectiveTo: '2025-06-30',
    }),
    RuleSetSchema.parse({ ...minimal, code: 'bloc', version: 2, effectiveFrom: '2025-07-01' }),
    RuleSetSchema.parse({ ...minimal, code: 'bloc', version: 3, effectiveFrom: '2025-12-15' }),
    RuleSetSchema.parse({ ...minimal, code: 'other', version: 9, effectiveFrom: '2020-01-01' }),
  ];
  it.each([
    { rule: '[PROV] first version', date: '2024-06-01', version: 1 },
    { rule: '[PROV] last day of v1 is inclusive', date: '2025-06-30', version: 1 },
    { rule: '[PROV] v2 from its first day', date: '2025-07-01', version: 2 },
    {
      rule: '[PROV] amendment v3 overrides v2 without closing it (BN86 effective 15/12/2025, §8.12)',
      date: '2025-12-15',
      version: 3,
    },
    { rule: '[PROV] Date object read in UTC', date: new Date('2025-12-14T23:30:00Z'), version: 2 },
  ])('$rule', ({ date, version }) => {
    expect(resolveRuleSet(sets, 'bloc', date).version).toBe(version);
  });

  it.each([
    { rule: 'before any version → NO_RULESET', code: 'bloc', date: '2023-12-31', error: 'NO_RULESET' },
    { rule: 'unknown code → NO_RULESET', code: 'missing', date: '2025-07-01', error: 'NO_RULESET' },
    { rule: 'malformed date → VALIDATION', code: 'bloc', date: '2025/07/01', error: 'VALIDATION' },
  ])('$rule', ({ code, date, error }) => {
    expect(errorCodeOf(() => resolveRuleSet(sets, code, date))).toBe(error);
  });
});

describe('DEFAULT_PROVINCIAL_RULESETS (example data [PROV])', () => {
  it.each([
    {
      rule: '[PROV] Cần Thơ elects its head by vote',
      code: 'can-tho',
      pick: (r: RuleSet) => r.rotation,
      expected: { policy: 'vote', noTwiceInARow: true },
    },
    {
      rule: '[PROV] Cần Thơ forbids voting for oneself',
      code: 'can-tho',
      pick: (r: RuleSet) => r.voting.selfVoteAllowed,
      expected: false,
    },
    {
      rule: '[PROV] Cần Thơ 2 certificates',
      code: 'can-tho',
      pick: (r: RuleSet) => r.quotas.certificateOfMerit,
      expected: 2,
    },
    {
      rule: '[PROV] Tây Ninh: the deputy succeeds',
      code: 'tay-ninh',
      pick: (r: RuleSet) => r.rotation.policy,
      expected: 'deputySucceeds',
    },
    {
      rule: '[PROV] Tây Ninh: more than half of all members',
      code: 'tay-ninh',
      pick: (r: RuleSet) => r.voting.threshold,
      expected: { ratio: 0.5, base: 'allMembers', strict: true },
    },
    {
      rule: '[PROV] Tây Ninh: no winner after the last round',
      code: 'tay-ninh',
      pick: (r: RuleSet) => r.voting.afterFailedRounds,
      expected: 'noWinner',
    },
    {
      rule: '[PROV] Tây Ninh: unset quorum takes the 2/3 default',
      code: 'tay-ninh',
      pick: (r: RuleSet) => r.voting.quorum.ratio,
      expected: 2 / 3,
    },
  ])('$rule', ({ code, pick, expected }) => {
    expect(pick(resolveRuleSet(DEFAULT_PROVINCIAL_RULESETS, code, '2026-03-11'))).toEqual(expected);
  });

  it('holds exactly the two example provinces, two versions each', () => {
    expect(DEFAULT_PROVINCIAL_RULESETS.map((r) => `${r.code} v${r.version}`)).toEqual([
      'can-tho v1',
      'can-tho v2',
      'tay-ninh v1',
      'tay-ninh v2',
    ]);
  });
});

describe('nationalRulesFor: decree in force, with warnings', () => {
  it.each([
    {
      rule: 'L2022 in force from 2024-01-01; ND 98/2023 from the same day',
      date: '2024-01-01',
      decree: 'ND98/2023',
      warnings: [] as string[],
    },
    {
      rule: 'ND 98/2023 until 2025-06-30 (ND 152/2025 Art. 59(2))',
      date: '2025-06-30',
      decree: 'ND98/2023',
      warnings: [],
    },
    {
      rule: 'ND 152/2025 from 2025-07-01 (Art. 59(1)); ND 98 fallback noted (Art. 60(2))',
      date: '2025-07-01',
      decree: 'ND152/2025',
      warnings: ['Art. 60(2)'],
    },
    {
      rule: 'ND 98 fallback ends 2025-12-31 (ND 152/2025 Art. 60(2))',
      date: '2025-12-31',
      decree: 'ND152/2025',
      warnings: ['Art. 60(2)'],
    },
    {
      rule: 'no fallback warning from 2026-01-01 (ND 152/2025 Art. 60(2))',
      date: '2026-01-01',
      decree: 'ND152/2025',
      warnings: [],
    },
    {
      rule: 'last day before the sunset (ND 152/2025 Art. 60(1))',
      date: '2027-02-28',
      decree: 'ND152/2025',
      warnings: [],
    },
    {
      rule: 'sunset passed: still ND 152, with a warning (ND 152/2025 Art. 60(1))',
      date: '2027-03-01',
      decree: 'ND152/2025',
      warnings: ['Art. 60(1)'],
    },
    {
      rule: 'far future never throws (ND 152/2025 Art. 60(1))',
      date: '2031-05-05',
      decree: 'ND152/2025',
      warnings: ['Art. 60(1)'],
    },
  ])('$rule', ({ date, decree, warnings }) => {
    const r = nationalRulesFor(date);
    expect(r.decree.code).toBe(decree);
    expect(r.warnings).toHaveLength(warnings.length);
    warnings.forEach((w, i) => expect(r.warnings[i]).toContain(w));
  });

  it('throws NO_RULESET before 2024-01-01 (L2022 not yet in force)', () => {
    expect(errorCodeOf(() => nationalRulesFor('2023-12-31'))).toBe('NO_RULESET');
  });

  it.each([
    {
      rule: 'ND 152/2025 Art. 60(3): a dossier filed before 2025-07-01 stays under ND 98',
      filed: '2025-06-20',
      decree: 'ND98/2023',
    },
    {
      rule: 'ND 152/2025 Art. 60(3): a dossier filed on 2025-07-01 is under ND 152',
      filed: '2025-07-01',
      decree: 'ND152/2025',
    },
  ])('$rule', ({ filed, decree }) => {
    expect(nationalRulesFor('2025-08-01', { dossierFiledOn: filed }).decree.code).toBe(decree);
  });

  const nd152 = nationalRulesFor('2026-01-01').decree;
  const nd98 = nationalRulesFor('2024-06-01').decree;
  it.each([
    {
      rule: 'ND 152/2025 Art. 33(5): Government flag ≥ 80% of ALL council members',
      actual: nd152.governmentFlag.councilThreshold,
      expected: { ratio: 0.8, base: 'allMembers', strict: false },
    },
    {
      rule: 'ND 152/2025 Art. 7(1): Government flag at most 20% of bloc leaders',
      actual: nd152.governmentFlag.quotaShare,
      expected: 0.2,
    },
    {
      rule: 'ND 152/2025 Art. 6(2)(b): provincial flag procedure delegated',
      actual: nd152.provincialFlag.delegatedToProvince,
      expected: true,
    },
    {
      rule: 'ND 98/2023 Art. 30(7) kept as provincial default',
      actual: nd152.provincialFlag.councilThreshold,
      expected: { ratio: 0.8, base: 'allMembers', strict: false },
    },
    {
      rule: 'ND 98/2023 Art. 30(7): provincial flag ≥ 80% of all council members, national',
      actual: [nd98.provincialFlag.councilThreshold.ratio, nd98.provincialFlag.delegatedToProvince],
      expected: [0.8, false],
    },
    { rule: 'ND 152/2025 Art. 60(1): sunset 2027-03-01', actual: nd152.sunsetOn, expected: '2027-03-01' },
    {
      rule: 'ND 152/2025 Art. 60(2): ND 98 fallback to 2025-12-31',
      actual: nd98.transitionFallbackTo,
      expected: '2025-12-31',
    },
  ])('$rule', ({ actual, expected }) => {
    expect(actual).toEqual(expected);
  });

  it('national decrees are frozen code, not data', () => {
    expect(Object.isFrozen(NATIONAL_DECREES)).toBe(true);
    expect(Object.isFrozen(NATIONAL_DECREES[1]!.governmentFlag.councilThreshold)).toBe(true);
  });
});

describe('effectiveGovernmentFlagShare: a province may be stricter, never looser (ND 152/2025 Art. 7(1))', () => {
  it.each([
    { rule: '[PROV] stricter 10% kept', share: 0.1, expected: 0.1 },
    { rule: 'ND 152/2025 Art. 7(1): 50% capped to 20%', share: 0.5, expected: 0.2 },
  ])('$rule', ({ share, expected }) => {
    const rs = RuleSetSchema.parse({ ...minimal, quotas: { governmentFlagShare: share } });
    expect(effectiveGovernmentFlagShare(rs, '2026-06-01')).toBe(expected);
  });
});
