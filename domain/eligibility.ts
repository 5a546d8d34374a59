/**
 * Eligibility: holds on pending investigations, "one achievement, one award", and quotas.
 */
import { z } from 'zod';
import { DomainError } from './errors';
import { IsoDateSchema, toIsoDate, type DateInput, type IsoDate } from './dates';

export const AwardTypeSchema = z.enum([
  'emulation-flag',
  'government-flag',
  'certificate-of-merit',
  'excellent-labour-collective',
  'certificate-of-commendation',
]);
export type AwardType = z.infer<typeof AwardTypeSchema>;

export const AWARD_LABELS_VI: Readonly<Record<AwardType, string>> = Object.freeze({
  'emulation-flag': 'Cờ thi đua của UBND tỉnh',
  'government-flag': 'Cờ thi đua của Chính phủ',
  'certificate-of-merit': 'Bằng khen của Chủ tịch UBND tỉnh',
  'excellent-labour-collective': 'Tập thể lao động xuất sắc',
  'certificate-of-commendation': 'Giấy khen',
});

// ---------------------------------------------------------------------------------------------
// Holds (ND 152/2025 Art. 4(4))
// ---------------------------------------------------------------------------------------------

export const HoldKindSchema = z.enum(['discipline', 'investigation', 'complaint', 'pressAllegation', 'inspection']);
export type HoldKind = z.infer<typeof HoldKindSchema>;

/**
 * A pending matter that stops an award or a proposal upward while it is open (ND 152/2025 Art. 4(4)).
 * A closed hold records its outcome; `disciplineEndsOn` is the day the discipline period ends, from
 * which achievements count again.
 */
export const HoldSchema = z
  .object({
    kind: HoldKindSchema,
    openedOn: IsoDateSchema,
    closedOn: IsoDateSchema.optional(),
    outcome: z.enum(['cleared', 'disciplined']).optional(),
    disciplineEndsOn: IsoDateSchema.optional(),
  })
  .refine((h) => h.closedOn === undefined || h.closedOn >= h.openedOn, {
    message: 'closedOn is before openedOn',
    path: ['closedOn'],
  })
  .refine((h) => (h.closedOn === undefined) === (h.outcome === undefined), {
    message: 'a closed hold needs an outcome, and an outcome needs closedOn',
    path: ['outcome'],
  })
  .refine((h) => h.disciplineEndsOn === undefined || h.outcome === 'disciplined', {
    message: 'disciplineEndsOn only applies to a disciplined outcome',
    path: ['disciplineEndsOn'],
  })
  .refine((h) => h.disciplineEndsOn === undefined || h.closedOn === undefined || h.disciplineEndsOn >= h.closedOn, {
    message: 'disciplineEndsOn is before closedOn',
    path: ['disciplineEndsOn'],
  });
export type Hold = z.infer<typeof HoldSchema>;

export type Eligibility = 'eligible' | 'onHold' | 'disqualified';

export interface EligibilityAssessment {
  status: Eligibility;
  /** The holds that caused the status (empty when eligible). */
  reasons: Hold[];
}

/**
 * Eligibility of a unit on `onDate`, given everything known about it (ND 152/2025 Art. 4(4)):
 * - a hold opened on or before `onDate` and not closed by then → 'onHold' (never "rejected": it resumes
 *   when cleared);
 * - a disciplined outcome → 'disqualified' while achievements do not yet count. Achievements count
 *   only from the end of the discipline period, so with `periodStart` (start of the achievement period,
 *   e.g. '2025-01-01') the unit stays disqualified for any period that began before the discipline
 *   ended; without it, until `disciplineEndsOn`. No known end date → disqualified.
 * - cleared → no effect. Holds opened after `onDate` are ignored (not yet known on that date).
 * 'disqualified' outranks 'onHold'.
 */
export function assessEligibility(
  unitHolds: readonly Hold[],
  onDate: DateInput,
  opts: { periodStart?: DateInput } = {},
): EligibilityAssessment {
  const day = toIsoDate(onDate);
  const periodStart: IsoDate | undefined = opts.periodStart === undefined ? undefined : toIsoDate(opts.periodStart);
  const disqualifying: Hold[] = [];
  const pending: Hold[] = [];
  for (const hold of unitHolds) {
    if (hold.openedOn > day) continue;
    if (hold.closedOn === undefined || hold.closedOn > day) {
      pending.push(hold);
      continue;
    }
    if (hold.outcome !== 'disciplined') continue;
    const countsFrom = hold.disciplineEndsOn;
    const stillBarred =
      countsFrom === undefined || countsFrom > day || (periodStart !== undefined && countsFrom > periodStart);
    if (stillBarred) disqualifying.push(hold);
  }
  if (disqualifying.length > 0) return { status: 'disqualified', reasons: disqualifying };
  if (pending.length > 0) return { status: 'onHold', reasons: pending };
  return { status: 'eligible', reasons: [] };
}

/** Status only; see assessEligibility. */
export function eligibilityOf(
  unitHolds: readonly Hold[],
  onDate: DateInput,
  opts: { periodStart?: DateInput } = {},
): Eligibility {
  return assessEligibility(unitHolds, onDate, opts).status;
}

// ---------------------------------------------------------------------------------------------
// One achievement, one award (L2022 Art. 5)
// ---------------------------------------------------------------------------------------------

export interface AwardProposalRef {
  unitId: string;
  awardType: AwardType;
  /** Identifies the achievement period, e.g. '2025' or '2021-2025'. */
  achievementPeriod: string;
}

export interface AwardConflict {
  unitId: string;
  achievementPeriod: string;
  /** Distinct award types proposed for that unit and period. */
  awardTypes: AwardType[];
  /** Indexes into the proposals list. */
  proposalIndexes: number[];
  /** 'sameAwardTwice': one form proposed twice; 'severalForms': several forms for one achievement. */
  reason: 'sameAwardTwice' | 'severalForms';
}

/**
 * One achievement may not be rewarded several times or in several forms (L2022 Art. 5). Proposals for
 * the same unit and achievement period conflict, e.g. a provincial flag and a certificate of merit, or
 * a provincial flag and a Government flag (the latter is chosen among bloc leaders meeting the
 * provincial-flag standard, ND 152/2025 Art. 7(1), and rewards the same achievement).
 * `allowedPairs` lists pairs a province treats as compatible [PROV]; none by default.
 */
export function checkOneAchievementOneAward(
  proposals: readonly AwardProposalRef[],
  allowedPairs: readonly (readonly [AwardType, AwardType])[] = [],
): AwardConflict[] {
  const allowed = new Set(allowedPairs.flatMap(([a, b]) => [`${a}|${b}`, `${b}|${a}`]));
  const groups = new Map<string, number[]>();
  proposals.forEach((p, i) => {
    const key = JSON.stringify([p.unitId, p.achievementPeriod]);
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const conflicts: AwardConflict[] = [];
  for (const indexes of groups.values()) {
    if (indexes.length < 2) continue;
    const types = indexes.map((i) => proposals[i]!.awardType);
    const distinct = [...new Set(types)];
    const twice = distinct.length < types.length;
    const clashing = distinct.some((a, i) => distinct.slice(i + 1).some((b) => !allowed.has(`${a}|${b}`)));
    if (!twice && !clashing) continue;
    const first = proposals[indexes[0]!]!;
    conflicts.push({
      unitId: first.unitId,
      achievementPeriod: first.achievementPeriod,
      awardTypes: distinct,
      proposalIndexes: indexes,
      reason: clashing ? 'severalForms' : 'sameAwardTwice',
    });
  }
  return conflicts;
}

// ---------------------------------------------------------------------------------------------
// Quotas
// ---------------------------------------------------------------------------------------------

/** Per-award caps [PROV]; an award type without a cap is unlimited. */
export type AwardQuotas = Partial<Record<AwardType, number>>;

/**
 * Accepts proposals in the given order (the caller orders them by vote) until each award type's quota
 * is used; the rest are over quota. Order is preserved in both lists.
 */
export function applyQuotas<T extends { awardType: AwardType }>(
  proposals: readonly T[],
  quotas: AwardQuotas,
): { accepted: T[]; overQuota: T[] } {
  for (const [type, cap] of Object.entries(quotas)) {
    if (cap !== undefined && (!Number.isInteger(cap) || cap < 0)) {
      throw new DomainError('VALIDATION', `quota for ${type} must be an integer ≥ 0`, { path: ['quotas', type] });
    }
  }
  const used: Partial<Record<AwardType, number>> = {};
  const accepted: T[] = [];
  const overQuota: T[] = [];
  for (const p of proposals) {
    const cap = quotas[p.awardType];
    const n = used[p.awardType] ?? 0;
    if (cap !== undefined && n >= cap) {
      overQuota.push(p);
    } else {
      used[p.awardType] = n + 1;
      accepted.push(p);
    }
  }
  return { accepted, overQuota };
}

/**
 * Government-flag proposals allowed: at most `share` (20%) of the collectives that lead their bloc
 * and meet the provincial-flag standard, rounded down (ND 152/2025 Art. 7(1) "không quá 20%").
 */
export function governmentFlagQuota(leadersMeetingStandard: number, share = 0.2): number {
  if (!Number.isInteger(leadersMeetingStandard) || leadersMeetingStandard < 0) {
    throw new DomainError('VALIDATION', 'leadersMeetingStandard must be an integer ≥ 0', {
      path: ['leadersMeetingStandard'],
    });
  }
  if (!(share >= 0 && share <= 1))
    throw new DomainError('VALIDATION', 'share must be within 0..1', { path: ['share'] });
  return Math.floor(leadersMeetingStandard * share + 1e-9);
}
