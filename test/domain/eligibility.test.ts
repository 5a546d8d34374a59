import {
  AWARD_LABELS_VI,
  AwardTypeSchema,
  awardContestSeats,
  awardsConflict,
  checkOneAchievementOneAward,
  governmentFlagQuota,
  holdResolved,
  mayStandForAward,
  proposalStatusFor,
  type AwardType,
} from '../../domain/eligibility';
import { errorCodeOf } from './helpers';

describe('AwardTypeSchema and Vietnamese labels', () => {
  it.each([
    { type: 'emulation-flag', label: 'Cờ thi đua của UBND tỉnh' },
    { type: 'government-flag', label: 'Cờ thi đua của Chính phủ' },
    { type: 'certificate-of-merit', label: 'Bằng khen của Chủ tịch UBND tỉnh' },
    { type: 'excellent-labour-collective', label: 'Tập thể lao động xuất sắc' },
    { type: 'certificate-of-commendation', label: 'Giấy khen' },
  ])('$type → $label', ({ type, label }) => {
    expect(AWARD_LABELS_VI[AwardTypeSchema.parse(type)]).toBe(label);
  });

  it('has a label for every award type and rejects unknown types', () => {
    expect(Object.keys(AWARD_LABELS_VI).sort()).toEqual([...AwardTypeSchema.options].sort());
    expect(AwardTypeSchema.safeParse('medal').success).toBe(false);
  });
});

describe('holds (ND 152/2025 Art. 4(4))', () => {
  it.each([
    {
      rule: 'ND 152/2025 Art. 4(4) no pending matter: may stand, proposal submitted',
      hold: 'none',
      may: true,
      status: 'submitted',
    },
    {
      rule: 'ND 152/2025 Art. 4(4) pending matter: held, never rejected',
      hold: 'onHold',
      may: false,
      status: 'onHold',
    },
    {
      rule: 'ND 152/2025 Art. 4(4) disciplined: not this year',
      hold: 'disqualified',
      may: false,
      status: 'disqualified',
    },
  ] as const)('$rule', ({ hold, may, status }) => {
    expect(mayStandForAward(hold)).toBe(may);
    expect(proposalStatusFor(hold)).toBe(status);
  });

  it.each([
    { outcome: 'cleared', expected: 'cleared' },
    { outcome: 'disciplined', expected: 'disqualified' },
  ] as const)('ND 152/2025 Art. 4(4) closed as $outcome → $expected', ({ outcome, expected }) => {
    expect(holdResolved(outcome)).toBe(expected);
  });
});

describe('checkOneAchievementOneAward (L2022 Art. 5)', () => {
  const p = (unitId: string, awardType: AwardType, achievementPeriod = '2025') => ({
    unitId,
    awardType,
    achievementPeriod,
  });
  it.each([
    {
      rule: 'L2022 Art. 5: flag + certificate for one achievement',
      proposals: [
        p('police', 'emulation-flag'),
        p('court', 'certificate-of-merit'),
        p('police', 'certificate-of-merit'),
      ],
      expected: [
        {
          unitId: 'police',
          achievementPeriod: '2025',
          awardTypes: ['emulation-flag', 'certificate-of-merit'],
          proposalIndexes: [0, 2],
          reason: 'severalForms',
        },
      ],
    },
    {
      rule: 'ND 152/2025 Art. 7(1), 4(1): a provincial flag then the Government flag for the same year is no conflict',
      proposals: [p('insp', 'emulation-flag'), p('insp', 'government-flag')],
      expected: [],
    },
    {
      rule: 'L2022 Art. 5: the Government flag twice for one year still conflicts',
      proposals: [p('insp', 'emulation-flag'), p('insp', 'government-flag'), p('insp', 'government-flag')],
      expected: [
        {
          unitId: 'insp',
          achievementPeriod: '2025',
          awardTypes: ['emulation-flag', 'government-flag'],
          proposalIndexes: [0, 1, 2],
          reason: 'sameAwardTwice',
        },
      ],
    },
    {
      rule: 'L2022 Art. 5: the same form proposed twice',
      proposals: [p('court', 'certificate-of-merit'), p('court', 'certificate-of-merit')],
      expected: [
        {
          unitId: 'court',
          achievementPeriod: '2025',
          awardTypes: ['certificate-of-merit'],
          proposalIndexes: [0, 1],
          reason: 'sameAwardTwice',
        },
      ],
    },
    {
      rule: 'L2022 Art. 5: a form may be given again for another achievement period',
      proposals: [p('court', 'certificate-of-merit', '2024'), p('court', 'certificate-of-merit', '2025')],
      expected: [],
    },
    {
      rule: 'L2022 Art. 5: different units do not conflict',
      proposals: [p('court', 'emulation-flag'), p('police', 'emulation-flag')],
      expected: [],
    },
  ])('$rule', ({ proposals, expected }) => {
    expect(checkOneAchievementOneAward(proposals)).toEqual(expected);
  });

  it.each([
    { a: 'emulation-flag', b: 'government-flag', conflict: false },
    { a: 'government-flag', b: 'emulation-flag', conflict: false },
    { a: 'emulation-flag', b: 'certificate-of-merit', conflict: true },
    { a: 'certificate-of-merit', b: 'excellent-labour-collective', conflict: true },
  ] as const)('awardsConflict($a, $b) = $conflict by default', ({ a, b, conflict }) => {
    expect(awardsConflict(a, b)).toBe(conflict);
  });

  it('an explicit list without the flag pair makes the provincial and Government flag conflict', () => {
    const proposals = [p('insp', 'emulation-flag'), p('insp', 'government-flag')];
    expect(checkOneAchievementOneAward(proposals, [])).toHaveLength(1);
  });

  it('[PROV] a province may declare a pair compatible', () => {
    const proposals = [p('court', 'excellent-labour-collective'), p('court', 'certificate-of-merit')];
    expect(checkOneAchievementOneAward(proposals)).toHaveLength(1);
    expect(checkOneAchievementOneAward(proposals, [['certificate-of-merit', 'excellent-labour-collective']])).toEqual(
      [],
    );
  });
});

describe('awardContestSeats ([PROV] quotas are the seats of the award contests)', () => {
  it.each([
    { rule: 'L2022 Art. 26(1) one leading collective; 3 certificates', flag: 1, cert: 3, leader: 1, certificate: 3 },
    { rule: '[PROV] quota 0: no flag contest, no flag proposal', flag: 0, cert: 2, leader: 0, certificate: 2 },
    { rule: '[PROV] no certificates this year', flag: 1, cert: 0, leader: 1, certificate: 0 },
  ])('$rule', ({ flag, cert, leader, certificate }) => {
    expect(awardContestSeats({ emulationFlag: flag, certificateOfMerit: cert })).toEqual({ leader, certificate });
  });

  it('rejects a negative or fractional quota', () => {
    expect(errorCodeOf(() => awardContestSeats({ emulationFlag: -1, certificateOfMerit: 1 }))).toBe('VALIDATION');
    expect(errorCodeOf(() => awardContestSeats({ emulationFlag: 1, certificateOfMerit: 1.5 }))).toBe('VALIDATION');
  });
});

describe('governmentFlagQuota (ND 152/2025 Art. 7(1): at most 20%, rounded down)', () => {
  it.each([
    { leaders: 0, share: 0.2, expected: 0 },
    { leaders: 4, share: 0.2, expected: 0 },
    { leaders: 5, share: 0.2, expected: 1 },
    { leaders: 9, share: 0.2, expected: 1 },
    { leaders: 10, share: 0.2, expected: 2 },
    { leaders: 14, share: 0.2, expected: 2 },
    { leaders: 15, share: 0.2, expected: 3 },
    { leaders: 10, share: 0.1, expected: 1 },
  ])('ND 152/2025 Art. 7(1): $leaders leaders × $share → $expected', ({ leaders, share, expected }) => {
    expect(governmentFlagQuota(leaders, share)).toBe(expected);
  });

  it('defaults to the national 20%', () => {
    expect(governmentFlagQuota(25)).toBe(5);
  });

  it.each([
    { leaders: -1, share: 0.2 },
    { leaders: 2.5, share: 0.2 },
    { leaders: 10, share: 1.2 },
  ])('rejects leaders=$leaders share=$share', ({ leaders, share }) => {
    expect(errorCodeOf(() => governmentFlagQuota(leaders, share))).toBe('VALIDATION');
  });
});
