import {
  AWARD_LABELS_VI,
  AwardTypeSchema,
  HoldSchema,
  applyQuotas,
  assessEligibility,
  checkOneAchievementOneAward,
  eligibilityOf,
  governmentFlagQuota,
  type AwardType,
  type Hold,
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

describe('HoldSchema', () => {
  it.each([
    {
      rule: 'ND 152/2025 Art. 4(4) open investigation',
      hold: { kind: 'investigation', openedOn: '2025-11-01' },
      ok: true,
    },
    {
      rule: 'ND 152/2025 Art. 4(4) cleared complaint',
      hold: { kind: 'complaint', openedOn: '2025-11-01', closedOn: '2025-11-20', outcome: 'cleared' },
      ok: true,
    },
    {
      rule: 'ND 152/2025 Art. 4(4) discipline with its end date',
      hold: {
        kind: 'discipline',
        openedOn: '2025-03-01',
        closedOn: '2025-04-01',
        outcome: 'disciplined',
        disciplineEndsOn: '2026-04-01',
      },
      ok: true,
    },
    {
      rule: 'closed without outcome',
      hold: { kind: 'complaint', openedOn: '2025-11-01', closedOn: '2025-11-20' },
      ok: false,
    },
    {
      rule: 'outcome while still open',
      hold: { kind: 'complaint', openedOn: '2025-11-01', outcome: 'cleared' },
      ok: false,
    },
    {
      rule: 'closed before opened',
      hold: { kind: 'inspection', openedOn: '2025-11-01', closedOn: '2025-10-01', outcome: 'cleared' },
      ok: false,
    },
    {
      rule: 'discipline end on a cleared matter',
      hold: {
        kind: 'complaint',
        openedOn: '2025-11-01',
        closedOn: '2025-11-20',
        outcome: 'cleared',
        disciplineEndsOn: '2026-01-01',
      },
      ok: false,
    },
    {
      rule: 'discipline ending before the decision',
      hold: {
        kind: 'discipline',
        openedOn: '2025-03-01',
        closedOn: '2025-04-01',
        outcome: 'disciplined',
        disciplineEndsOn: '2025-03-15',
      },
      ok: false,
    },
    { rule: 'unknown kind', hold: { kind: 'rumour', openedOn: '2025-11-01' }, ok: false },
  ])('$rule', ({ hold, ok }) => {
    expect(HoldSchema.safeParse(hold).success).toBe(ok);
  });
});

describe('eligibilityOf (ND 152/2025 Art. 4(4))', () => {
  const h = (x: Partial<Hold> & Pick<Hold, 'kind' | 'openedOn'>): Hold => HoldSchema.parse(x);
  const ON = '2025-12-05';
  it.each([
    {
      rule: 'ND 152/2025 Art. 4(4): no holds → eligible',
      holds: [] as Hold[],
      periodStart: undefined,
      expected: 'eligible',
    },
    {
      rule: 'ND 152/2025 Art. 4(4): pending investigation → on hold, not rejected',
      holds: [h({ kind: 'investigation', openedOn: '2025-11-01' })],
      periodStart: undefined,
      expected: 'onHold',
    },
    {
      rule: 'ND 152/2025 Art. 4(4): press-raised corruption issue being verified → on hold',
      holds: [h({ kind: 'pressAllegation', openedOn: '2025-12-05' })],
      periodStart: undefined,
      expected: 'onHold',
    },
    {
      rule: 'ND 152/2025 Art. 4(4): a hold opened after the date is not yet known',
      holds: [h({ kind: 'complaint', openedOn: '2025-12-10' })],
      periodStart: undefined,
      expected: 'eligible',
    },
    {
      rule: 'ND 152/2025 Art. 4(4) para 3: cleared → the award proceeds',
      holds: [h({ kind: 'complaint', openedOn: '2025-11-01', closedOn: '2025-12-01', outcome: 'cleared' })],
      periodStart: undefined,
      expected: 'eligible',
    },
    {
      rule: 'ND 152/2025 Art. 4(4): cleared only after the date → still on hold on the date',
      holds: [h({ kind: 'inspection', openedOn: '2025-11-01', closedOn: '2025-12-20', outcome: 'cleared' })],
      periodStart: undefined,
      expected: 'onHold',
    },
    {
      rule: 'ND 152/2025 Art. 4(4) para 2: discipline still running → disqualified',
      holds: [
        h({
          kind: 'discipline',
          openedOn: '2025-09-01',
          closedOn: '2025-10-01',
          outcome: 'disciplined',
          disciplineEndsOn: '2026-10-01',
        }),
      ],
      periodStart: undefined,
      expected: 'disqualified',
    },
    {
      rule: 'ND 152/2025 Art. 4(4) para 2: discipline over, no period given → eligible',
      holds: [
        h({
          kind: 'discipline',
          openedOn: '2025-01-10',
          closedOn: '2025-02-01',
          outcome: 'disciplined',
          disciplineEndsOn: '2025-11-30',
        }),
      ],
      periodStart: undefined,
      expected: 'eligible',
    },
    {
      rule: 'ND 152/2025 Art. 4(4) para 2: discipline ended inside the 2025 period → 2025 achievements do not count',
      holds: [
        h({
          kind: 'discipline',
          openedOn: '2025-01-10',
          closedOn: '2025-02-01',
          outcome: 'disciplined',
          disciplineEndsOn: '2025-11-30',
        }),
      ],
      periodStart: '2025-01-01',
      expected: 'disqualified',
    },
    {
      rule: 'ND 152/2025 Art. 4(4) para 2: discipline ended before the period → eligible',
      holds: [
        h({
          kind: 'discipline',
          openedOn: '2024-01-10',
          closedOn: '2024-02-01',
          outcome: 'disciplined',
          disciplineEndsOn: '2024-12-31',
        }),
      ],
      periodStart: '2025-01-01',
      expected: 'eligible',
    },
    {
      rule: 'ND 152/2025 Art. 4(4) para 2: counting restarts on the end day itself',
      holds: [
        h({
          kind: 'discipline',
          openedOn: '2024-01-10',
          closedOn: '2024-02-01',
          outcome: 'disciplined',
          disciplineEndsOn: '2025-01-01',
        }),
      ],
      periodStart: '2025-01-01',
      expected: 'eligible',
    },
    {
      rule: 'ND 152/2025 Art. 4(4): disciplined with no known end → disqualified',
      holds: [h({ kind: 'investigation', openedOn: '2025-01-10', closedOn: '2025-06-01', outcome: 'disciplined' })],
      periodStart: undefined,
      expected: 'disqualified',
    },
    {
      rule: 'ND 152/2025 Art. 4(4): disqualified outranks on hold',
      holds: [
        h({ kind: 'complaint', openedOn: '2025-11-01' }),
        h({
          kind: 'discipline',
          openedOn: '2025-09-01',
          closedOn: '2025-10-01',
          outcome: 'disciplined',
          disciplineEndsOn: '2026-10-01',
        }),
      ],
      periodStart: undefined,
      expected: 'disqualified',
    },
  ])('$rule', ({ holds, periodStart, expected }) => {
    expect(eligibilityOf(holds, ON, { periodStart })).toBe(expected);
  });

  it('assessEligibility names the blocking holds', () => {
    const open = HoldSchema.parse({ kind: 'complaint', openedOn: '2025-11-01' });
    const cleared = HoldSchema.parse({
      kind: 'inspection',
      openedOn: '2025-10-01',
      closedOn: '2025-10-15',
      outcome: 'cleared',
    });
    expect(assessEligibility([cleared, open], ON)).toEqual({ status: 'onHold', reasons: [open] });
  });

  it('rejects a malformed date', () => {
    expect(errorCodeOf(() => eligibilityOf([], '05/12/2025'))).toBe('VALIDATION');
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
      rule: 'L2022 Art. 5 + ND 152/2025 Art. 7(1): provincial and Government flag for the same year',
      proposals: [p('insp', 'emulation-flag'), p('insp', 'government-flag')],
      expected: [
        {
          unitId: 'insp',
          achievementPeriod: '2025',
          awardTypes: ['emulation-flag', 'government-flag'],
          proposalIndexes: [0, 1],
          reason: 'severalForms',
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

  it('[PROV] a province may declare a pair compatible', () => {
    const proposals = [p('court', 'excellent-labour-collective'), p('court', 'certificate-of-merit')];
    expect(checkOneAchievementOneAward(proposals)).toHaveLength(1);
    expect(checkOneAchievementOneAward(proposals, [['certificate-of-merit', 'excellent-labour-collective']])).toEqual(
      [],
    );
  });
});

describe('applyQuotas ([PROV] caps, proposals in vote order)', () => {
  const list = [
    { id: 1, awardType: 'emulation-flag' as const },
    { id: 2, awardType: 'emulation-flag' as const },
    { id: 3, awardType: 'certificate-of-merit' as const },
    { id: 4, awardType: 'certificate-of-merit' as const },
    { id: 5, awardType: 'certificate-of-merit' as const },
    { id: 6, awardType: 'government-flag' as const },
  ];
  it.each([
    {
      rule: '[PROV] 1 flag, 2 certificates, Government flag uncapped here',
      quotas: { 'emulation-flag': 1, 'certificate-of-merit': 2 },
      accepted: [1, 3, 4, 6],
      over: [2, 5],
    },
    {
      rule: '[PROV] quota 0 refuses every proposal of that type',
      quotas: { 'certificate-of-merit': 0 },
      accepted: [1, 2, 6],
      over: [3, 4, 5],
    },
    { rule: '[PROV] no quotas → all accepted', quotas: {}, accepted: [1, 2, 3, 4, 5, 6], over: [] },
  ])('$rule', ({ quotas, accepted, over }) => {
    const r = applyQuotas(list, quotas);
    expect(r.accepted.map((x) => x.id)).toEqual(accepted);
    expect(r.overQuota.map((x) => x.id)).toEqual(over);
  });

  it('rejects a negative quota', () => {
    expect(errorCodeOf(() => applyQuotas(list, { 'emulation-flag': -1 }))).toBe('VALIDATION');
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
