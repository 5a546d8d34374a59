/**
 * Any year under its own rules (issue 12): the shipped rule-set versions per demo province — version 2 for
 * 2024-01-01 – 2025-06-30 (Law 06/2022/QH15 + ND 98/2023), version 1 from 2025-07-01 (ND 152/2025 Art. 59) —
 * resolved on 1 January of a cycle's year (api/cycle-input.ts); nothing before 2024; the decree in force by date.
 */
import { DEFAULT_PROVINCIAL_RULESETS, decreeInForceOn, resolveRuleSet, type RuleSet } from '../../domain/ruleset';
import { domainErrorOf, errorCodeOf } from './helpers';

describe('shipped rule-set versions by year', () => {
  // Any year under its own rules: a cycle resolves its rule-set on 1 January of its year (api/cycle-input.ts).
  it.each([
    {
      rule: 'L2022 + ND 98/2023 in force from 2024-01-01',
      code: 'tay-ninh',
      date: '2024-01-01',
      v: 2,
      nd: 'Nghị định 98/2023/NĐ-CP',
    },
    {
      rule: 'ND 98/2023 for the 2025 cycle (1 January 2025)',
      code: 'tay-ninh',
      date: '2025-01-01',
      v: 2,
      nd: 'Nghị định 98/2023/NĐ-CP',
    },
    {
      rule: 'ND 98/2023 until 2025-06-30 (ND 152/2025 Art. 59)',
      code: 'can-tho',
      date: '2025-06-30',
      v: 2,
      nd: 'Nghị định 98/2023/NĐ-CP',
    },
    {
      rule: 'ND 152/2025 from 2025-07-01 (Art. 59(1))',
      code: 'can-tho',
      date: '2025-07-01',
      v: 1,
      nd: 'Nghị định 152/2025/NĐ-CP',
    },
    {
      rule: 'ND 152/2025 for the 2026 cycle',
      code: 'tay-ninh',
      date: '2026-01-01',
      v: 1,
      nd: 'Nghị định 152/2025/NĐ-CP',
    },
  ])('$rule: $code v$v', ({ code, date, v, nd }) => {
    const rs = resolveRuleSet(DEFAULT_PROVINCIAL_RULESETS, code, date);
    expect(rs.version).toBe(v);
    expect(rs.legalBasis).toContain(nd);
    expect(rs.legalBasis).toContain('Luật Thi đua, khen thưởng 06/2022/QH15');
  });

  it.each(['can-tho', 'tay-ninh'])('%s: no version before 2024 (Law 2003 + ND 91/2017 years are history)', (code) => {
    expect(errorCodeOf(() => resolveRuleSet(DEFAULT_PROVINCIAL_RULESETS, code, '2023-12-31'))).toBe('NO_RULESET');
  });

  it.each(['can-tho', 'tay-ninh'])('%s: the ND 98 version keeps the provincial values of the ND 152 one', (code) => {
    // Districts existed only before 2025-07-01: the ND 98 version may name their awards, the ND 152 one cannot.
    const strip = ({ version, name, effectiveFrom, effectiveTo, legalBasis, notes, ...rest }: RuleSet) => {
      void [version, name, effectiveFrom, effectiveTo, legalBasis, notes];
      return { ...rest, awardCatalogue: rest.awardCatalogue?.filter((e) => e.level !== 'district') };
    };
    expect(strip(resolveRuleSet(DEFAULT_PROVINCIAL_RULESETS, code, '2024-06-01'))).toEqual(
      strip(resolveRuleSet(DEFAULT_PROVINCIAL_RULESETS, code, '2026-06-01')),
    );
  });
});

describe('decreeInForceOn: the one home of "which decree governs this date"', () => {
  it.each([
    { rule: 'L2022 + ND 98/2023 from 2024-01-01', date: '2024-01-01', decree: 'ND98/2023' },
    { rule: 'ND 98/2023 on its last day (ND 152/2025 Art. 59(2))', date: '2025-06-30', decree: 'ND98/2023' },
    { rule: 'ND 152/2025 from 2025-07-01 (Art. 59(1))', date: '2025-07-01', decree: 'ND152/2025' },
    {
      rule: 'ND 152/2025 during the ND 98 fallback for delegated matters (Art. 60(2))',
      date: '2025-12-31',
      decree: 'ND152/2025',
    },
  ])('$rule', ({ date, decree }) => {
    expect(decreeInForceOn(date)).toBe(decree);
  });

  it('before 2024: NO_RULESET with the way forward (Law 2003 + ND 91/2017 years are imported history)', () => {
    const e = domainErrorOf(() => decreeInForceOn('2023-12-31'));
    expect(e.code).toBe('NO_RULESET');
    expect(e.message).toMatch(
      /Law on Emulation and Commendation 2003.*Decree 91\/2017.*import their results as history/,
    );
  });
});
