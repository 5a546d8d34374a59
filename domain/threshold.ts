/**
 * Vote thresholds and quorum: the one place that turns a configured `Threshold` into a yes/no.
 *
 * There is no national rule for how a bloc votes (domain §5.2): the base, the ratio and strictness
 * are [PROV] configuration (domain/ruleset.ts). The national figures are ≥ 80% of ALL members for
 * flags (ND 98/2023 Art. 30(7); ND 152/2025 Art. 33(5) for the Government flag) and the quorum of an
 * award session (BN86 Art. 8(4)(b)); the 2/3 quorum and the 80% bloc threshold follow
 * TT 01/2024/TT-TANDTC Art. 29.
 */
import type { Threshold, ThresholdBase } from './ruleset';

/** Tolerance for ratio × base, so that 0.7 × 10 (= 7.000000000000001 in binary) still means 7. */
export const EPS = 1e-9;

/** The counts a threshold can be measured against, at one round of one vote. */
export interface Electorate {
  /** Members holding a vote now (all member units; all council members). */
  members: number;
  /** Members present (written opinions from absentees, where allowed, count as present). */
  present: number;
  /** Valid ballots of the round (blank ballots included). */
  validBallots: number;
}

/** The denominator of a threshold: all members, those present, or the valid ballots (domain §5.2). */
export function thresholdBase(base: ThresholdBase, e: Electorate): number {
  switch (base) {
    case 'allMembers':
      return e.members;
    case 'present':
      return e.present;
    case 'validBallots':
      return e.validBallots;
  }
}

/**
 * Does `count` reach the threshold against `base`? A zero base never passes. Compared in counts
 * (count against ratio × base), so "from 80%" passes at exactly 8 of 10 and "more than 50%" fails at
 * exactly 5 of 10.
 */
export function meetsThreshold(count: number, base: number, t: Threshold): boolean {
  if (base <= 0) return false;
  const need = t.ratio * base;
  return t.strict ? count > need + EPS : count >= need - EPS;
}

/** The smallest whole count that passes (for the minutes: "cần ít nhất N phiếu"). */
export function requiredCount(base: number, t: Threshold): number {
  const need = t.ratio * base;
  return t.strict ? Math.floor(need + EPS) + 1 : Math.max(0, Math.ceil(need - EPS));
}

/**
 * Is the meeting quorate? Units present against ALL member units, whatever base the rule names
 * (present against present would always pass): ≥ 2/3 by default (TT 01/2024/TT-TANDTC Art. 29);
 * a council award session ≥ 80% (BN86 Art. 8(4)(b)). Membership changes move the base (domain §8.6).
 */
export function quorumMet(present: number, members: number, q: Threshold): boolean {
  return meetsThreshold(present, members, q);
}
