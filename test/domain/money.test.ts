import { NATIONAL_BASE_SALARY, awardAmount, baseSalaryOn, type BaseSalaryEntry } from '../../domain/money';
import type { AwardType } from '../../domain/eligibility';
import { errorCodeOf } from './helpers';

describe('baseSalaryOn (versioned by date)', () => {
  it.each([
    { rule: 'ND 38/2019/NĐ-CP from 2019-07-01', date: '2019-07-01', vnd: 1_490_000 },
    { rule: 'ND 38/2019/NĐ-CP until 2023-06-30', date: '2023-06-30', vnd: 1_490_000 },
    { rule: 'ND 24/2023/NĐ-CP from 2023-07-01', date: '2023-07-01', vnd: 1_800_000 },
    { rule: 'ND 24/2023/NĐ-CP until 2024-06-30', date: '2024-06-30', vnd: 1_800_000 },
    { rule: 'ND 73/2024/NĐ-CP Art. 3(2) from 2024-07-01', date: '2024-07-01', vnd: 2_340_000 },
    { rule: 'ND 73/2024/NĐ-CP still in the table in 2026', date: '2026-03-11', vnd: 2_340_000 },
    { rule: 'Date object read in UTC', date: new Date('2024-07-01T00:00:00Z'), vnd: 2_340_000 },
  ])('$rule', ({ date, vnd }) => {
    expect(baseSalaryOn(date)).toBe(vnd);
  });

  it('has no value before the first entry (NO_RULESET)', () => {
    expect(errorCodeOf(() => baseSalaryOn('2019-06-30'))).toBe('NO_RULESET');
  });

  it('lets the caller extend the table with a later decree (hypothetical test value)', () => {
    const table: BaseSalaryEntry[] = [
      ...NATIONAL_BASE_SALARY,
      { from: '2026-07-01', vnd: 2_530_000, source: 'hypothetical' },
    ];
    expect(baseSalaryOn('2026-06-30', table)).toBe(2_340_000);
    expect(baseSalaryOn('2026-07-01', table)).toBe(2_530_000);
  });
});

describe('awardAmount (ND 152/2025 Art. 49(1)-(2): coefficient × base salary on the decision date, rounded up to 10,000 VND)', () => {
  it.each([
    {
      rule: 'ND 152/2025 Art. 50(2)(e): provincial flag 8.0',
      type: 'emulation-flag',
      subject: 'collective',
      date: '2025-12-20',
      coefficient: 8,
      amount: 18_720_000,
    },
    {
      rule: 'ND 152/2025 Art. 50(2)(đ): Government flag 12.0',
      type: 'government-flag',
      subject: 'collective',
      date: '2026-06-30',
      coefficient: 12,
      amount: 28_080_000,
    },
    {
      rule: 'ND 152/2025 Art. 50(2)(a): excellent labour collective 1.5',
      type: 'excellent-labour-collective',
      subject: 'collective',
      date: '2025-12-20',
      coefficient: 1.5,
      amount: 3_510_000,
    },
    {
      rule: 'ND 152/2025 Art. 54(2)(a): certificate of merit, collective 3.0',
      type: 'certificate-of-merit',
      subject: 'collective',
      date: '2025-12-20',
      coefficient: 3,
      amount: 7_020_000,
    },
    {
      rule: 'ND 152/2025 Art. 54(1)(b): certificate of merit, individual 1.5',
      type: 'certificate-of-merit',
      subject: 'individual',
      date: '2025-12-20',
      coefficient: 1.5,
      amount: 3_510_000,
    },
    {
      rule: 'ND 152/2025 Art. 54(2)(c) + Art. 49(2): Giấy khen collective 0.6 → 1,404,000 rounded up to 1,410,000',
      type: 'certificate-of-commendation',
      subject: 'collective',
      date: '2025-12-20',
      coefficient: 0.6,
      amount: 1_410_000,
    },
    {
      rule: 'ND 152/2025 Art. 54(1)(e) + Art. 49(2): Giấy khen individual 0.3 → 702,000 rounded up to 710,000',
      type: 'certificate-of-commendation',
      subject: 'individual',
      date: '2025-12-20',
      coefficient: 0.3,
      amount: 710_000,
    },
    {
      rule: 'ND 152/2025 Art. 49(2): an exact multiple is not bumped (0.6 × 1,800,000 = 1,080,000)',
      type: 'certificate-of-commendation',
      subject: 'collective',
      date: '2024-01-15',
      coefficient: 0.6,
      amount: 1_080_000,
    },
  ])('$rule', ({ type, subject, date, coefficient, amount }) => {
    const r = awardAmount(type as AwardType, subject as 'collective' | 'individual', date);
    expect(r.coefficient).toBe(coefficient);
    expect(r.amountVnd).toBe(amount);
  });

  // §8.13: the vote may fall before a base-salary change and the decision after it.
  it.each([
    {
      rule: 'ND 152/2025 Art. 49(1): decision on 2024-06-30 uses 1,800,000',
      date: '2024-06-30',
      base: 1_800_000,
      amount: 540_000,
    },
    {
      rule: 'ND 152/2025 Art. 49(1): decision on 2024-07-01 uses 2,340,000',
      date: '2024-07-01',
      base: 2_340_000,
      amount: 710_000,
    },
  ])('$rule', ({ date, base, amount }) => {
    const r = awardAmount('certificate-of-commendation', 'individual', date);
    expect(r.baseSalaryVnd).toBe(base);
    expect(r.amountVnd).toBe(amount);
  });

  it('names its legal basis', () => {
    expect(awardAmount('emulation-flag', 'collective', '2025-12-20').basis).toEqual([
      'ND 152/2025 Art. 50(2)(e)',
      'ND 152/2025 Art. 49(1)-(2)',
      'ND 73/2024/NĐ-CP Art. 3(2)',
    ]);
  });

  it.each([
    { rule: 'ND 152/2025 in force: no warning', type: 'emulation-flag', date: '2025-07-01', warnings: 0 },
    { rule: 'ND 98/2023 Art. 54(2)(e) checked: no warning', type: 'emulation-flag', date: '2025-06-30', warnings: 0 },
    {
      rule: 'ND 98/2023 certificate [NAT*]: the ND 152 value, to verify',
      type: 'certificate-of-merit',
      date: '2025-06-30',
      warnings: 1,
    },
  ])('$rule', ({ type, date, warnings }) => {
    expect(awardAmount(type as AwardType, 'collective', date).warnings).toHaveLength(warnings);
  });

  it.each([
    {
      rule: 'ND 152/2025 Art. 50(2): a flag is a collective title',
      type: 'emulation-flag',
      subject: 'individual',
      date: '2025-12-20',
      code: 'VALIDATION',
    },
    {
      rule: 'ND 152/2025 Art. 50(2)(đ): the Government flag is a collective title',
      type: 'government-flag',
      subject: 'individual',
      date: '2025-12-20',
      code: 'VALIDATION',
    },
    {
      rule: 'L2022 in force from 2024-01-01: no decree modelled for a decision of 2023 (Law 2003 + ND 91/2017)',
      type: 'emulation-flag',
      subject: 'collective',
      date: '2023-12-31',
      code: 'NO_RULESET',
    },
    {
      rule: 'no base salary before 2019-07-01',
      type: 'emulation-flag',
      subject: 'collective',
      date: '2019-01-01',
      code: 'NO_RULESET',
    },
    { rule: 'malformed date', type: 'emulation-flag', subject: 'collective', date: '2025-13-01', code: 'VALIDATION' },
  ])('$rule → $code', ({ type, subject, date, code }) => {
    expect(errorCodeOf(() => awardAmount(type as AwardType, subject as 'collective' | 'individual', date))).toBe(code);
  });
});

// Done-when (c): the coefficient is the one of the decree in force on the DECISION date.
describe('awardAmount: the decree in force on the decision date (ND 98/2023 until 2025-06-30, ND 152/2025 from 2025-07-01)', () => {
  it.each([
    {
      rule: 'ND 98/2023 Art. 54(2)(e): provincial flag 8.0 × 1,800,000 (ND 24/2023) in 2024-H1',
      type: 'emulation-flag',
      date: '2024-05-10',
      decree: 'ND98/2023',
      basis: 'ND 98/2023 Art. 54(2)(e)',
      amount: 14_400_000,
    },
    {
      rule: 'ND 98/2023 Art. 54(2)(e): a 2025-H1 decision (the Tây Ninh 2024 year, decided spring 2025)',
      type: 'emulation-flag',
      date: '2025-03-20',
      decree: 'ND98/2023',
      basis: 'ND 98/2023 Art. 54(2)(e)',
      amount: 18_720_000,
    },
    {
      rule: 'ND 98/2023 Art. 54(2)(đ): Government flag 12.0, last day of ND 98',
      type: 'government-flag',
      date: '2025-06-30',
      decree: 'ND98/2023',
      basis: 'ND 98/2023 Art. 54(2)(đ)',
      amount: 28_080_000,
    },
    {
      rule: 'ND 98/2023 Art. 54(2)(a): excellent labour collective 1.5',
      type: 'excellent-labour-collective',
      date: '2025-01-02',
      decree: 'ND98/2023',
      basis: 'ND 98/2023 Art. 54(2)(a)',
      amount: 3_510_000,
    },
    {
      rule: 'ND 152/2025 Art. 50(2)(e): first day of ND 152 (Art. 59(1))',
      type: 'emulation-flag',
      date: '2025-07-01',
      decree: 'ND152/2025',
      basis: 'ND 152/2025 Art. 50(2)(e)',
      amount: 18_720_000,
    },
  ])('$rule', ({ type, date, decree, basis, amount }) => {
    const r = awardAmount(type as AwardType, 'collective', date);
    expect(r.decree).toBe(decree);
    expect(r.basis[0]).toBe(basis);
    expect(r.amountVnd).toBe(amount);
  });

  it('ND 98/2023: the principle is cited as that decree, not ND 152', () => {
    expect(awardAmount('emulation-flag', 'collective', '2025-03-20').basis.join(' ')).not.toContain('152');
  });
});
