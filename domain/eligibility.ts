/**
 * Eligibility: holds on pending matters, "one achievement, one award", and quotas.
 */
import { z } from 'zod';
import { DomainError } from './errors';
import { EPS } from './threshold';

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

/**
 * A unit's standing in the year, as the workflow records it from the hold acts (putOnHold /
 * resolveHold): no pending matter, a pending one (discipline considered, investigation, inspection,
 * complaint, press allegation), or disciplined.
 */
export type HoldState = 'none' | 'onHold' | 'disqualified';

/**
 * May the unit stand for an award this year? Not while a matter is pending, not once disciplined
 * (ND 152/2025 Art. 4(4): no award and no proposal upward while pending; achievements count only
 * from the end of the discipline period, which for a bloc year means: not this year).
 */
export function mayStandForAward(hold: HoldState): boolean {
  return hold === 'none';
}

/** A pending matter holds a proposal, it never rejects it; discipline disqualifies (ND 152/2025 Art. 4(4)). */
export function proposalStatusFor(hold: HoldState): 'submitted' | 'onHold' | 'disqualified' {
  return hold === 'none' ? 'submitted' : hold;
}

/** Where a held unit or proposal stands once the matter is closed: cleared → resumes, disciplined → out. */
export function holdResolved(outcome: 'cleared' | 'disciplined'): 'cleared' | 'disqualified' {
  return outcome === 'cleared' ? 'cleared' : 'disqualified';
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
 * Award pairs that are not "several forms for one achievement": a provincial flag and the Government
 * flag. The Government flag is chosen among the bloc leaders that meet the provincial-flag standard
 * (ND 152/2025 Art. 7(1)) and a higher form does not need the lower one first (ND 152/2025 Art. 4(1)):
 * it is the next step of the same ladder, not a second reward in another form.
 */
export const COMPATIBLE_AWARDS: readonly (readonly [AwardType, AwardType])[] = Object.freeze([
  ['emulation-flag', 'government-flag'] as const,
]);

/** Do two award forms for the same unit and achievement period conflict (L2022 Art. 5)? */
export function awardsConflict(
  a: AwardType,
  b: AwardType,
  allowedPairs: readonly (readonly [AwardType, AwardType])[] = COMPATIBLE_AWARDS,
): boolean {
  return !allowedPairs.some(([x, y]) => (x === a && y === b) || (x === b && y === a));
}

/**
 * One achievement may not be rewarded several times or in several forms (L2022 Art. 5). Proposals for
 * the same unit and achievement period conflict, e.g. a provincial flag and a certificate of merit,
 * unless the pair is allowed: by default a provincial flag and a Government flag (COMPATIBLE_AWARDS);
 * a province may allow more pairs [PROV].
 */
export function checkOneAchievementOneAward(
  proposals: readonly AwardProposalRef[],
  allowedPairs: readonly (readonly [AwardType, AwardType])[] = COMPATIBLE_AWARDS,
): AwardConflict[] {
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
    const clashing = distinct.some((a, i) => distinct.slice(i + 1).some((b) => awardsConflict(a, b, allowedPairs)));
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

/**
 * Seats of the year-end award contests: the bloc's quotas [PROV]. One leading collective by default
 * (L2022 Art. 26(1) "the leading collective" of a bloc), 1–3 certificates of merit (domain §5.5). A
 * quota of 0 means no contest, so no proposal of that award. The ballot can elect no more than the
 * seats (tally.ballotProblem 'tooManyChoices', tallyRound), which is how a quota is enforced.
 */
export function awardContestSeats(quotas: { emulationFlag: number; certificateOfMerit: number }): {
  leader: number;
  certificate: number;
} {
  for (const [key, cap] of [
    ['emulationFlag', quotas.emulationFlag],
    ['certificateOfMerit', quotas.certificateOfMerit],
  ] as const) {
    if (!Number.isInteger(cap) || cap < 0)
      throw new DomainError('VALIDATION', `quota ${key} must be an integer ≥ 0`, { path: ['quotas', key] });
  }
  return { leader: quotas.emulationFlag, certificate: quotas.certificateOfMerit };
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
  return Math.floor(leadersMeetingStandard * share + EPS);
}
