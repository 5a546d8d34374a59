/**
 * The one threshold rule (domain/threshold.ts), table-tested at the boundaries: "từ 80% trở lên"
 * passes at exactly 80%, "trên 50%" fails at exactly 50%, and binary rounding of ratio × base never
 * moves a count across the line. Every other place (tally, council, documents, the round's early
 * close, the meeting quorum) calls these functions.
 */
import type { Threshold } from '../../domain/ruleset';
import { meetsThreshold, quorumMet, requiredCount, thresholdBase } from '../../domain/threshold';

const ALL80: Threshold = { ratio: 0.8, base: 'allMembers', strict: false };
const ALL_MAJORITY: Threshold = { ratio: 0.5, base: 'allMembers', strict: true };
const TWO_THIRDS: Threshold = { ratio: 2 / 3, base: 'allMembers', strict: false };

describe('meetsThreshold / requiredCount', () => {
  it.each([
    {
      rule: 'TT 01/2024/TT-TANDTC Art. 29 "từ 80% trở lên": 8 of 10 passes',
      count: 8,
      base: 10,
      t: ALL80,
      pass: true,
      need: 8,
    },
    {
      rule: 'TT 01/2024/TT-TANDTC Art. 29: 7 of 9 (77.8%) fails, 8 needed',
      count: 7,
      base: 9,
      t: ALL80,
      pass: false,
      need: 8,
    },
    {
      rule: '[PROV] ≥ 70%: 7 of 10 passes despite 0.7 × 10 = 7.000000000000001',
      count: 7,
      base: 10,
      t: { ratio: 0.7, base: 'allMembers', strict: false } as Threshold,
      pass: true,
      need: 7,
    },
    { rule: '[PROV] "more than 50%": 5 of 10 fails', count: 5, base: 10, t: ALL_MAJORITY, pass: false, need: 6 },
    { rule: '[PROV] "more than 50%": 5 of 9 passes', count: 5, base: 9, t: ALL_MAJORITY, pass: true, need: 5 },
    {
      rule: 'TT 01/2024/TT-TANDTC Art. 29 quorum 2/3: 6 of 9 present',
      count: 6,
      base: 9,
      t: TWO_THIRDS,
      pass: true,
      need: 6,
    },
    { rule: 'a zero base never passes', count: 0, base: 0, t: ALL80, pass: false, need: 0 },
  ])('$rule', ({ count, base, t, pass, need }) => {
    expect(meetsThreshold(count, base, t)).toBe(pass);
    expect(requiredCount(base, t)).toBe(need);
  });
});

describe('meetsThreshold at the boundary, strict and not', () => {
  it.each([
    { rule: 'ND 98/2023 Art. 30(7) "từ 80%": exactly 80% (4 of 5) passes', count: 4, base: 5, t: ALL80, pass: true },
    {
      rule: 'strict 80% ("trên 80%"): exactly 80% (8 of 10) fails',
      count: 8,
      base: 10,
      t: { ...ALL80, strict: true },
      pass: false,
    },
    { rule: 'strict 80%: 9 of 10 passes', count: 9, base: 10, t: { ...ALL80, strict: true }, pass: true },
    {
      rule: 'BN86 Art. 8(4) "quá bán" (> 50%): exactly 50% (3 of 6) fails',
      count: 3,
      base: 6,
      t: ALL_MAJORITY,
      pass: false,
    },
    {
      rule: 'non-strict 50% ("từ 50%"): exactly 50% (3 of 6) passes',
      count: 3,
      base: 6,
      t: { ...ALL_MAJORITY, strict: false },
      pass: true,
    },
    { rule: 'TT 01/2024/TT-TANDTC Art. 29 2/3: exactly 2 of 3 passes', count: 2, base: 3, t: TWO_THIRDS, pass: true },
    { rule: 'strict 2/3: exactly 4 of 6 fails', count: 4, base: 6, t: { ...TWO_THIRDS, strict: true }, pass: false },
    {
      rule: '[PROV] 0.7 from JSON: 7 of 10 passes (0.7 × 10 = 7.000000000000001)',
      count: 7,
      base: 10,
      t: { ratio: 0.7, base: 'allMembers', strict: false } as Threshold,
      pass: true,
    },
    {
      rule: 'strict 29%: exactly 29 of 100 fails (0.29 × 100 = 28.999999999999996)',
      count: 29,
      base: 100,
      t: { ratio: 0.29, base: 'allMembers', strict: true } as Threshold,
      pass: false,
    },
  ])('$rule', ({ count, base, t, pass }) => {
    expect(meetsThreshold(count, base, t)).toBe(pass);
  });

  it('agrees with exact rational arithmetic for every count ≤ base ≤ 120 and ratio k/10, k/100, k/3, k/6, k/9', () => {
    const wrong: string[] = [];
    for (const den of [10, 100, 3, 6, 9])
      for (let num = 1; num <= den; num++)
        for (let base = 1; base <= 120; base++)
          for (let count = 0; count <= base; count++)
            for (const strict of [true, false]) {
              const exact = strict ? count * den > num * base : count * den >= num * base;
              if (meetsThreshold(count, base, { ratio: num / den, base: 'allMembers', strict }) !== exact)
                wrong.push(`${count}/${base} vs ${num}/${den} strict=${strict}`);
            }
    expect(wrong).toEqual([]);
  });
});

describe('thresholdBase: the denominator named by the rule', () => {
  const e = { members: 9, present: 7, validBallots: 6 };
  it.each([
    { base: 'allMembers', expected: 9 },
    { base: 'present', expected: 7 },
    { base: 'validBallots', expected: 6 },
  ] as const)('$base → $expected', ({ base, expected }) => {
    expect(thresholdBase(base, e)).toBe(expected);
  });
});

describe('quorumMet: units present against all members', () => {
  it.each([
    { rule: 'TT 01/2024/TT-TANDTC Art. 29 2/3: 6 of 9 present', present: 6, members: 9, q: TWO_THIRDS, met: true },
    { rule: 'TT 01/2024/TT-TANDTC Art. 29 2/3: 5 of 9 present', present: 5, members: 9, q: TWO_THIRDS, met: false },
    { rule: 'BN86 Art. 8(4)(b) 80%: 8 of 10 present', present: 8, members: 10, q: ALL80, met: true },
    { rule: 'BN86 Art. 8(4)(b) 80%: 7 of 9 present', present: 7, members: 9, q: ALL80, met: false },
    {
      rule: 'a base other than allMembers still counts present against members (present/present would always pass)',
      present: 3,
      members: 7,
      q: { ratio: 2 / 3, base: 'present', strict: false } as Threshold,
      met: false,
    },
    { rule: 'no members: never quorate', present: 0, members: 0, q: TWO_THIRDS, met: false },
  ])('$rule', ({ present, members, q, met }) => {
    expect(quorumMet(present, members, q)).toBe(met);
  });
});
