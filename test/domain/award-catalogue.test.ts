import {
  authorityOf,
  awardCatalogueFor,
  awardCatalogueOf,
  awardOfContest,
  AwardCatalogueSchema,
  checkBlocLevelOn,
} from '../../domain/award-catalogue';
import { awardAmount, highestTitleOnly } from '../../domain/money';
import type { AwardType } from '../../domain/eligibility';
import { DEFAULT_PROVINCIAL_RULESETS, RuleSetSchema } from '../../domain/ruleset';

const tayNinh = DEFAULT_PROVINCIAL_RULESETS.find((r) => r.code === 'tay-ninh' && r.version === 1)!;
const tayNinh98 = DEFAULT_PROVINCIAL_RULESETS.find((r) => r.code === 'tay-ninh' && r.version === 2)!;

describe('award catalogue by level', () => {
  test.each([
    ['province', 'leader', 'emulation-flag', 1],
    ['province', 'certificate', 'certificate-of-merit', 3],
    ['department', 'leader', 'excellent-labour-collective', 1],
    ['department', 'certificate', 'certificate-of-commendation', 3],
    ['commune', 'certificate', 'certificate-of-commendation', 3],
    ['commune', 'leader', 'excellent-labour-collective', 1],
  ] as const)('%s bloc, %s contest → %s, quota %d', (level, contest, award, quota) => {
    const e = awardCatalogueFor(tayNinh, level, '2025-12-31').find((x) => x.contest === contest)!;
    expect(e.awardType).toBe(award);
    expect(e.quota).toBe(quota);
  });

  test('a rule-set without a catalogue takes the defaults and its quotas', () => {
    const rs = RuleSetSchema.parse({ ...tayNinh, awardCatalogue: undefined, quotas: { emulationFlag: 2 } });
    expect(awardCatalogueOf(rs, 'province').map((e) => [e.awardType, e.quota])).toEqual([
      ['emulation-flag', 2],
      ['certificate-of-merit', 3],
    ]);
  });

  test('an input without a catalogue proposes the province kinds', () => {
    expect(awardOfContest(undefined, 'leader')).toBe('emulation-flag');
    expect(awardOfContest(undefined, 'certificate')).toBe('certificate-of-merit');
  });

  test('two awards for one contest of one level are refused', () => {
    const e = { awardType: 'certificate-of-commendation', level: 'department', contest: 'certificate' } as const;
    const r = AwardCatalogueSchema.safeParse([
      { ...e, authority: 'departmentDirector', council: 'departmentCouncil' },
      { ...e, awardType: 'certificate-of-merit', authority: 'provinceChairman', council: 'provincialCouncil' },
    ]);
    expect(r.success).toBe(false);
  });
});

describe('authority by level and date', () => {
  test.each([
    ['emulation-flag', 'province', '2025-09-01', 'provinceChairman'],
    ['certificate-of-commendation', 'department', '2025-09-01', 'departmentDirector'],
    ['excellent-labour-collective', 'department', '2025-09-01', 'provinceChairman'],
    ['certificate-of-commendation', 'commune', '2025-09-01', 'communeChairman'],
    ['certificate-of-commendation', 'district', '2025-06-30', 'districtChairman'],
  ] as const)('%s of a %s bloc on %s: %s', (award, level, date, who) => {
    expect(authorityOf(award, level, date, tayNinh98).authority).toBe(who);
  });

  test.each([
    ['2025-06-30', true],
    ['2025-07-01', false],
    ['2026-03-01', false],
  ])('a district bloc on %s exists: %s', (date, ok) => {
    const run = () => checkBlocLevelOn('district', date);
    if (ok) expect(run).not.toThrow();
    else expect(run).toThrow(expect.objectContaining({ code: 'VALIDATION' }));
  });

  test('a Bằng khen is not in a department bloc catalogue', () => {
    expect(() => authorityOf('certificate-of-merit', 'department', '2025-09-01')).toThrow(
      expect.objectContaining({ code: 'VALIDATION' }),
    );
  });
});

describe('money: coefficients by decree, highest title only (ND 152/2025 Art. 49(5))', () => {
  test.each([
    ['certificate-of-commendation', '2026-01-15', 0.6, 1_410_000], // 0.6 × 2,340,000 = 1,404,000 → up to 1,410,000
    ['excellent-labour-collective', '2026-01-15', 1.5, 3_510_000],
    ['emulation-flag', '2025-03-01', 8, 18_720_000], // ND 98/2023 Art. 54(2)(e)
  ] as const)('%s on %s: %d × base = %d', (award, date, coef, vnd) => {
    const m = awardAmount(award, 'collective', date);
    expect([m.coefficient, m.amountVnd]).toEqual([coef, vnd]);
  });

  const at = (awardType: AwardType, unitId = 'u1', achievementPeriod = '2025') =>
    ({ unitId, awardType, achievementPeriod, decisionDate: '2026-01-15' }) as const;
  test.each([
    [
      'flag + Government flag, same year: only the Government flag',
      [at('emulation-flag'), at('government-flag')],
      [0, 28_080_000],
    ],
    [
      'excellent collective + flag: the flag',
      [at('excellent-labour-collective'), at('emulation-flag')],
      [0, 18_720_000],
    ],
    [
      'titles of different years: each',
      [at('emulation-flag'), at('excellent-labour-collective', 'u1', '2024')],
      [18_720_000, 3_510_000],
    ],
    [
      'title + Giấy khen (a form, Art. 49(7)): both',
      [at('excellent-labour-collective'), at('certificate-of-commendation')],
      [3_510_000, 1_410_000],
    ],
    ['two units: each', [at('emulation-flag'), at('excellent-labour-collective', 'u2')], [18_720_000, 3_510_000]],
  ] as const)('%s', (_n, awards, paid) => {
    expect(highestTitleOnly(awards as never).map((a) => a.amountVnd)).toEqual(paid);
  });

  test('the unpaid title names the one paid instead and cites ND 98 before 1 July 2025', () => {
    const [lower] = highestTitleOnly([
      { ...at('excellent-labour-collective'), decisionDate: '2025-03-01' },
      { ...at('emulation-flag'), decisionDate: '2025-03-01' },
    ]);
    expect(lower).toMatchObject({ paid: false, paidInsteadOf: 'emulation-flag' });
    expect(lower!.basis).toMatch(/ND 98\/2023/);
  });
});
