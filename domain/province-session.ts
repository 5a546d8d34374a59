/**
 * The province award session: one sitting of the provincial emulation council (Hội đồng Thi đua – Khen thưởng tỉnh)
 * that considers the provincial-council proposals of every bloc of the province (domain §1, §3 rows 7–8, §5.1).
 *
 * - The blocs' dossiers go to the standing body (Sở Nội vụ, Phòng TĐKT) before 10 December of year N [PROV] BN86
 *   Art. 6(2)–(3), 10(2); the standing body appraises them (thẩm định) and may return one for completion [PROV] BN86
 *   Art. 5(2), 6, 8(5). A dossier arriving after the deadline is carried to the next session.
 * - The session needs ≥ 80% of all members present [PROV] BN86 Art. 8(4)(b) (`council.quorum`, domain/threshold.ts
 *   `quorumMet`); flags need ≥ 80% of ALL members by secret ballot (ND 98/2023 Art. 30(7), kept by the province after
 *   ND 152/2025 Art. 6(2)(b)); Bằng khen and titles a majority (BN86 Art. 8(4)) — `councilThresholdOf`.
 * - Province quotas [PROV]: at most one provincial flag per bloc (L2022 Art. 26(1): "the leading collective" of a
 *   bloc), optionally a Bằng khen ceiling per bloc and/or in total. A proposal over a quota is cut, the lowest yes
 *   count first (ties: the order the dossiers arrived in). Pure: `applyProvinceQuotas`.
 */
import { z } from 'zod';
import type { AwardType } from './eligibility';
import type { CouncilRules, Threshold } from './ruleset';
import { meetsThreshold, thresholdBase, type Electorate } from './threshold';
import { endOfVnDayMs } from './vietnam-time';

/** Day and month of a deadline, in year N (`yearOffset` 0) or N+1 (1). */
export const MonthDaySchema = z.object({
  month: z.number().int().min(1).max(12),
  day: z.number().int().min(1).max(31),
  yearOffset: z.union([z.literal(0), z.literal(1)]).default(0),
});

/** [PROV] The province session block of a rule-set; absent: each bloc's own council review (today's path). */
export const ProvinceSessionRulesSchema = z.object({
  // [PROV] BN86 Art. 6(2)–(3), 10(2): dossiers to Sở Nội vụ before 10 December of year N.
  submissionDeadline: MonthDaySchema.prefault({ month: 12, day: 10 }),
  // [PROV/PRAC] the next session's submission window for dossiers carried over (days after hand-in).
  carryOverDays: z.number().int().min(1).max(365).default(30),
  // [PROV] L2022 Art. 26(1): one provincial flag per bloc.
  flagsPerBloc: z.number().int().min(0).max(10).default(1),
  // [PROV] optional Bằng khen ceilings.
  certificatesPerBloc: z.number().int().min(0).max(100).optional(),
  certificatesTotal: z.number().int().min(0).max(1000).optional(),
});
export type ProvinceSessionRules = z.infer<typeof ProvinceSessionRulesSchema>;

/** The end (Vietnam time) of the submission deadline for the bloc-year `year`, as an ISO instant. */
export function submissionDeadlineOf(rules: ProvinceSessionRules, year: number): string {
  const d = rules.submissionDeadline;
  const y = year + d.yearOffset;
  const last = new Date(Date.UTC(y, d.month, 0)).getUTCDate();
  const iso = `${y}-${String(d.month).padStart(2, '0')}-${String(Math.min(d.day, last)).padStart(2, '0')}`;
  return new Date(endOfVnDayMs(iso)).toISOString();
}

/** Flag kinds: ≥ 80% of all members (ND 98/2023 Art. 30(7); ND 152/2025 Art. 33(5)); the rest by majority. */
export const FLAG_AWARDS: readonly AwardType[] = Object.freeze(['emulation-flag', 'government-flag']);

/** The council threshold an award kind is voted against (shared by the bloc review and the province session). */
export function councilThresholdOf(awardType: AwardType, council: CouncilRules): Threshold {
  return FLAG_AWARDS.includes(awardType) ? council.flagThreshold : council.certificateThreshold;
}

/** One proposal's secret-ballot result against its threshold. */
export function councilVotePasses(
  awardType: AwardType,
  yes: number,
  e: Electorate,
  council: CouncilRules,
): { base: number; passes: boolean } {
  const t = councilThresholdOf(awardType, council);
  const base = thresholdBase(t.base, e);
  return { base, passes: meetsThreshold(yes, base, t) };
}

export interface QuotaCandidate {
  proposalId: string;
  blocId: string;
  awardType: AwardType;
  yes: number;
  passes: boolean;
}

export type QuotaOutcome = 'awarded' | 'belowThreshold' | 'overQuota';

/**
 * The session's outcome per proposal: below the threshold → belowThreshold; of the passing ones, the quotas cut the
 * lowest yes counts (ties: input order) → overQuota; the rest awarded. Flags (`emulation-flag`) count against
 * `flagsPerBloc`; Bằng khen (`certificate-of-merit`) against `certificatesPerBloc` and `certificatesTotal`.
 */
export function applyProvinceQuotas(
  candidates: readonly QuotaCandidate[],
  rules: Pick<ProvinceSessionRules, 'flagsPerBloc' | 'certificatesPerBloc' | 'certificatesTotal'>,
): Record<string, QuotaOutcome> {
  const out: Record<string, QuotaOutcome> = {};
  const ranked = candidates
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => c.passes)
    .sort((a, b) => b.c.yes - a.c.yes || a.i - b.i);
  for (const c of candidates) if (!c.passes) out[c.proposalId] = 'belowThreshold';
  const perBloc: Record<string, number> = {};
  let certificates = 0;
  for (const { c } of ranked) {
    const key = `${c.awardType}:${c.blocId}`;
    const mine = perBloc[key] ?? 0;
    let fits = true;
    if (c.awardType === 'emulation-flag') fits = mine < rules.flagsPerBloc;
    if (c.awardType === 'certificate-of-merit')
      fits =
        (rules.certificatesPerBloc === undefined || mine < rules.certificatesPerBloc) &&
        (rules.certificatesTotal === undefined || certificates < rules.certificatesTotal);
    if (!fits) {
      out[c.proposalId] = 'overQuota';
      continue;
    }
    perBloc[key] = mine + 1;
    if (c.awardType === 'certificate-of-merit') certificates += 1;
    out[c.proposalId] = 'awarded';
  }
  return out;
}

/** The session id: one workflow per province, year and sitting (n = 1, 2, … — carried dossiers go to n + 1). */
export const provinceSessionWorkflowId = (provinceId: string, year: number, n: number): string =>
  `province-session:${provinceId}:${year}:${n}`;
