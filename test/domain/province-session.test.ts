/**
 * The province award session's rules (domain/province-session.ts), at their boundaries: the submission deadline
 * (BN86 Art. 6(2)–(3), 10(2): before 10 December of N), the council thresholds per award kind (ND 98/2023 Art. 30(7);
 * BN86 Art. 8(4)) and the province quotas (L2022 Art. 26(1): one flag per bloc; [PROV] Bằng khen ceilings).
 */
import { RuleSetSchema, CouncilRulesSchema } from '../../domain/ruleset';
import {
  applyProvinceQuotas,
  councilVotePasses,
  ProvinceSessionRulesSchema,
  submissionDeadlineOf,
  type QuotaCandidate,
} from '../../domain/province-session';
import { quorumMet } from '../../domain/threshold';

const council = CouncilRulesSchema.parse({});
const rules = ProvinceSessionRulesSchema.parse({});

describe('submissionDeadlineOf', () => {
  it.each([
    { what: 'default: end of 10 December N, Vietnam time', r: {}, year: 2025, at: '2025-12-10T16:59:59.999Z' },
    {
      what: '[PROV] 15 January N+1',
      r: { submissionDeadline: { month: 1, day: 15, yearOffset: 1 } },
      year: 2025,
      at: '2026-01-15T16:59:59.999Z',
    },
    {
      what: '31 February is clamped to the month end',
      r: { submissionDeadline: { month: 2, day: 31, yearOffset: 1 } },
      year: 2027,
      at: '2028-02-29T16:59:59.999Z',
    },
  ])('$what', ({ r, year, at }) => {
    expect(submissionDeadlineOf(ProvinceSessionRulesSchema.parse(r), year)).toBe(at);
  });
});

describe('councilVotePasses (thresholds of the session)', () => {
  it.each([
    // ND 98/2023 Art. 30(7): flags need ≥ 80% of ALL members, however many attend.
    { awardType: 'emulation-flag', yes: 8, members: 10, present: 8, pass: true, base: 10 },
    { awardType: 'emulation-flag', yes: 7, members: 10, present: 7, pass: false, base: 10 },
    { awardType: 'emulation-flag', yes: 8, members: 11, present: 9, pass: false, base: 11 },
    // BN86 Art. 8(4): Bằng khen by more than half of those present.
    { awardType: 'certificate-of-merit', yes: 5, members: 11, present: 9, pass: true, base: 9 },
    { awardType: 'certificate-of-merit', yes: 4, members: 10, present: 8, pass: false, base: 8 },
    { awardType: 'excellent-labour-collective', yes: 5, members: 10, present: 9, pass: true, base: 9 },
  ] as const)('$awardType: $yes yes of $members members, $present present → $pass', (t) => {
    const r = councilVotePasses(
      t.awardType,
      t.yes,
      { members: t.members, present: t.present, validBallots: t.present },
      council,
    );
    expect(r).toEqual({ base: t.base, passes: t.pass });
  });

  it.each([
    { present: 8, members: 10, met: true },
    { present: 7, members: 10, met: false },
    { present: 4, members: 5, met: true },
    { present: 3, members: 4, met: false },
  ])('session quorum (BN86 Art. 8(4)(b), ≥ 80% of all): $present of $members → $met', ({ present, members, met }) => {
    expect(quorumMet(present, members, council.quorum)).toBe(met);
  });
});

const cand = (
  proposalId: string,
  blocId: string,
  awardType: QuotaCandidate['awardType'],
  yes: number,
  passes = true,
) => ({
  proposalId,
  blocId,
  awardType,
  yes,
  passes,
});

describe('applyProvinceQuotas', () => {
  it.each([
    {
      what: 'one flag per bloc: the lower yes count is cut',
      q: {},
      c: [
        cand('a1', 'A', 'emulation-flag', 8),
        cand('a2', 'A', 'emulation-flag', 9),
        cand('b1', 'B', 'emulation-flag', 8),
      ],
      out: { a1: 'overQuota', a2: 'awarded', b1: 'awarded' },
    },
    {
      what: 'a tie keeps the order the dossiers arrived in',
      q: {},
      c: [cand('a1', 'A', 'emulation-flag', 9), cand('a2', 'A', 'emulation-flag', 9)],
      out: { a1: 'awarded', a2: 'overQuota' },
    },
    {
      what: 'below the threshold never counts against a quota',
      q: {},
      c: [cand('a1', 'A', 'emulation-flag', 10, false), cand('a2', 'A', 'emulation-flag', 8)],
      out: { a1: 'belowThreshold', a2: 'awarded' },
    },
    {
      what: 'Bằng khen: no ceiling by default',
      q: {},
      c: [
        cand('a1', 'A', 'certificate-of-merit', 3),
        cand('a2', 'A', 'certificate-of-merit', 4),
        cand('a3', 'A', 'certificate-of-merit', 5),
      ],
      out: { a1: 'awarded', a2: 'awarded', a3: 'awarded' },
    },
    {
      what: 'Bằng khen: per bloc and in total',
      q: { certificatesPerBloc: 2, certificatesTotal: 3 },
      c: [
        cand('a1', 'A', 'certificate-of-merit', 6),
        cand('a2', 'A', 'certificate-of-merit', 7),
        cand('a3', 'A', 'certificate-of-merit', 8),
        cand('b1', 'B', 'certificate-of-merit', 5),
        cand('c1', 'C', 'certificate-of-merit', 4),
      ],
      out: { a1: 'overQuota', a2: 'awarded', a3: 'awarded', b1: 'awarded', c1: 'overQuota' },
    },
    {
      what: 'flagsPerBloc 0 awards no flag; titles have no province quota',
      q: { flagsPerBloc: 0 },
      c: [
        cand('a1', 'A', 'emulation-flag', 9),
        cand('d1', 'D', 'excellent-labour-collective', 5),
        cand('d2', 'D', 'excellent-labour-collective', 5),
      ],
      out: { a1: 'overQuota', d1: 'awarded', d2: 'awarded' },
    },
  ])('$what', ({ q, c, out }) => {
    expect(applyProvinceQuotas(c, { ...rules, ...q })).toEqual(out);
  });
});

describe('the rule-set block', () => {
  it('is optional (absent: each bloc keeps its own council review) and defaults to 10 December, one flag per bloc', () => {
    const base = { code: 'X', version: 1, name: 'X', scope: 'provincial', effectiveFrom: '2025-07-01' } as const;
    expect(RuleSetSchema.parse(base).provinceSession).toBeUndefined();
    expect(RuleSetSchema.parse({ ...base, provinceSession: {} }).provinceSession).toEqual({
      submissionDeadline: { month: 12, day: 10, yearOffset: 0 },
      carryOverDays: 30,
      flagsPerBloc: 1,
    });
  });

  it('refuses a negative quota with its path', () => {
    const r = ProvinceSessionRulesSchema.safeParse({ flagsPerBloc: -1 });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['flagsPerBloc']);
  });
});
