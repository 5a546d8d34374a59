/**
 * Government emulation flag (Cờ thi đua của Chính phủ) selected by the province among its bloc
 * leaders: the submission deadline, the 6-month staleness rule and the council's selection.
 * Pure: callers pass every date and count; nothing here reads a clock.
 */
import { DomainError } from './errors';
import { toIsoDate, type DateInput, type IsoDate } from './dates';
import { meetsThreshold, requiredCount } from './threshold';
import type { Threshold } from './ruleset';
import { endOfVnDayMs } from './vietnam-time';

// Vietnam time lives in ./vietnam-time; re-exported here for the callers that import it with the deadline rules.
export { endOfVnDayMs, VN_UTC_OFFSET_MS, vnDateOf } from './vietnam-time';

/** `date` + `months` calendar months; a day that does not exist is clamped to the month's end (31/12 + 6 → 30/6). */
export function addMonthsClamped(date: DateInput, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new DomainError('VALIDATION', 'months must be an integer', { path: ['months'] });
  const [y, m, d] = toIsoDate(date).split('-').map(Number) as [number, number, number];
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12; // 0..11
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** The achievement period of a yearly bloc award ends on 31 December of year N. */
export const achievementPeriodEnd = (year: number): IsoDate => `${year}-12-31`;

export interface GovernmentFlagDeadline {
  /** 30 June of N+1 (ND 152/2025 Art. 35(1)(b)). */
  date: IsoDate;
  /** The end of that day in Asia/Ho_Chi_Minh, as an ISO instant (UTC). */
  endsAt: string;
  basis: string;
}

/** The province submits the Government-flag dossier for year N to the Ministry of Home Affairs by 30 June N+1 (ND 152/2025 Art. 35(1)(b)). */
export function governmentFlagDeadline(year: number): GovernmentFlagDeadline {
  if (!Number.isInteger(year) || year < 2000 || year > 9998)
    throw new DomainError('VALIDATION', 'year must be an integer year', { path: ['year'] });
  const date = `${year + 1}-06-30`;
  return { date, endsAt: new Date(endOfVnDayMs(date)).toISOString(), basis: 'ND 152/2025 Art. 35(1)(b)' };
}

/** ND 152/2025 Art. 33(9): the achievements of a state-level dossier lie within 6 months before submission. */
export const STALENESS_MONTHS = 6;

/** The last day a dossier for achievements ending on `periodEnd` can still be submitted (ND 152/2025 Art. 33(9)). */
export const latestSubmissionDate = (periodEnd: DateInput, months = STALENESS_MONTHS): IsoDate =>
  addMonthsClamped(periodEnd, months);

/** True when achievements ending on `periodEnd` are older than `months` on `submittedOn` (the Ministry refuses the dossier). */
export function achievementsStale(periodEnd: DateInput, submittedOn: DateInput, months = STALENESS_MONTHS): boolean {
  return toIsoDate(submittedOn) > latestSubmissionDate(periodEnd, months);
}

/**
 * Checks the date of the province's submission letter for year N:
 * - not before the council's vote (the dossier carries the ballot result, ND 152/2025 Art. 37(2)(c)) → VALIDATION;
 * - achievements (period ending 31/12/N) no older than 6 months (Art. 33(9)) → RULE_VIOLATION.
 *   Since 31/12 + 6 months = 30/6, a letter dated after the Art. 35(1)(b) deadline is refused here too;
 * - not in the future (`today`, Viet Nam date) → VALIDATION.
 */
export function checkSubmissionDate(args: {
  year: number;
  letterDate: DateInput;
  today: DateInput;
  votedOn: DateInput;
}): IsoDate {
  const letter = toIsoDate(args.letterDate);
  const votedOn = toIsoDate(args.votedOn);
  if (letter < votedOn)
    throw new DomainError('VALIDATION', `the submission cannot be dated before the council vote (${votedOn})`, {
      path: ['letterDate'],
    });
  const periodEnd = achievementPeriodEnd(args.year);
  if (achievementsStale(periodEnd, letter)) {
    throw new DomainError(
      'RULE_VIOLATION',
      `achievements ending ${periodEnd} are older than ${STALENESS_MONTHS} months on ${letter}: the dossier had to be submitted by ${latestSubmissionDate(periodEnd)} (ND 152/2025 Art. 33(9), 35(1)(b))`,
      { path: ['letterDate'], latest: latestSubmissionDate(periodEnd) },
    );
  }
  if (letter > toIsoDate(args.today))
    throw new DomainError('VALIDATION', 'the submission letter cannot be dated in the future', {
      path: ['letterDate'],
    });
  return letter;
}

// ---------------------------------------------------------------------------------------------
// The council's selection
// ---------------------------------------------------------------------------------------------

export interface GovernmentFlagCandidateVotes {
  unitId: string;
  /** "Yes" ballots for this candidate. */
  yes: number;
  /** Final score of the bloc-year the unit led (tie-break); null when unknown. */
  finalScore: number | null;
}

export type SelectionReason = 'selected' | 'belowThreshold' | 'overQuota';

export interface GovernmentFlagSelectionRow {
  unitId: string;
  yes: number;
  /** Denominator: ALL council members (ND 152/2025 Art. 33(5)). */
  base: number;
  share: number;
  passes: boolean;
  /** 1-based rank among passing candidates; null below the threshold. */
  rank: number | null;
  selected: boolean;
  reason: SelectionReason;
}

export interface GovernmentFlagSelection {
  /** Every candidate: passing ones by rank, then the others in input order. */
  rows: GovernmentFlagSelectionRow[];
  /** Selected unit ids, by rank. */
  selected: string[];
  /** Votes needed to pass. */
  requiredVotes: number;
  /** The candidates at the quota cut could not be separated by share or score: input order decided. */
  tiedAtCut: boolean;
}

/**
 * Ranks the bloc leaders after the council's secret ballot and keeps at most `quota`:
 * - a candidate passes with "yes" from ≥ 80% of ALL council members, absent or silent members
 *   counting as not "yes" (ND 152/2025 Art. 33(5); the threshold comes from the national rules);
 * - passing candidates rank by yes-share, then by the final score of their bloc-year (2 decimals),
 *   then by input order (reported as `tiedAtCut` when it decides the last place);
 * - at most `quota` are selected: ≤ 20% of the bloc leaders (ND 152/2025 Art. 7(1), governmentFlagQuota).
 */
export function selectGovernmentFlagCandidates(args: {
  candidates: readonly GovernmentFlagCandidateVotes[];
  councilMembers: number;
  threshold: Threshold;
  quota: number;
}): GovernmentFlagSelection {
  const { candidates, councilMembers, threshold, quota } = args;
  if (!Number.isInteger(councilMembers) || councilMembers < 1)
    throw new DomainError('VALIDATION', 'councilMembers must be an integer ≥ 1', { path: ['councilMembers'] });
  if (!Number.isInteger(quota) || quota < 0)
    throw new DomainError('VALIDATION', 'quota must be an integer ≥ 0', { path: ['quota'] });
  if (new Set(candidates.map((c) => c.unitId)).size !== candidates.length)
    throw new DomainError('VALIDATION', 'duplicate candidates', { path: ['candidates'] });
  candidates.forEach((c, i) => {
    if (!Number.isInteger(c.yes) || c.yes < 0 || c.yes > councilMembers)
      throw new DomainError('VALIDATION', `yes votes must be within 0..${councilMembers}`, {
        path: ['candidates', i, 'yes'],
      });
  });
  const base = councilMembers;
  // Scores compare at 2 decimals; an unknown score ranks after any known one.
  const byScore = (a: number | null, b: number | null): number =>
    a === null || b === null ? (a === null ? 1 : 0) - (b === null ? 1 : 0) : Math.round(b * 100) - Math.round(a * 100);
  const cmp = (a: GovernmentFlagCandidateVotes, b: GovernmentFlagCandidateVotes) =>
    b.yes - a.yes || byScore(a.finalScore, b.finalScore);
  const order = new Map(candidates.map((c, i) => [c.unitId, i]));
  const passing = candidates
    .filter((c) => meetsThreshold(c.yes, base, threshold))
    .sort((a, b) => cmp(a, b) || order.get(a.unitId)! - order.get(b.unitId)!);
  const tiedAtCut = quota > 0 && passing.length > quota && cmp(passing[quota - 1]!, passing[quota]!) === 0;
  const rows: GovernmentFlagSelectionRow[] = passing.map((c, i) => ({
    unitId: c.unitId,
    yes: c.yes,
    base,
    share: c.yes / base,
    passes: true,
    rank: i + 1,
    selected: i < quota,
    reason: i < quota ? 'selected' : 'overQuota',
  }));
  for (const c of candidates)
    if (!passing.includes(c))
      rows.push({
        unitId: c.unitId,
        yes: c.yes,
        base,
        share: c.yes / base,
        passes: false,
        rank: null,
        selected: false,
        reason: 'belowThreshold',
      });
  return {
    rows,
    selected: rows.filter((r) => r.selected).map((r) => r.unitId),
    requiredVotes: requiredCount(base, threshold),
    tiedAtCut,
  };
}

// ---------------------------------------------------------------------------------------------
// Holds on a candidate (ND 152/2025 Art. 4(4))
// ---------------------------------------------------------------------------------------------

/** What happened to the matter: opened, cleared, or closed with discipline. */
export type GovernmentFlagHoldEvent = 'onHold' | 'cleared' | 'disqualified';
/** Where the province's selection stands: the vote is open, the vote closed (dossier not yet sent), the dossier sent. */
export type GovernmentFlagHoldStage = 'voting' | 'selection' | 'submitted';
/** A proposal can be put on hold only before the dossier leaves the province. */
export type GovernmentFlagHeldFrom = 'draft' | 'selected';

export interface GovernmentFlagHoldTransition {
  status: 'onHold' | GovernmentFlagHeldFrom | 'rejected';
  /** While on hold: the status it returns to when cleared. */
  heldFrom?: GovernmentFlagHeldFrom;
  /** Why: on hold, resumed, disqualified, or (cleared after the vote) the ballot's verdict, or cleared too late for the dossier. */
  reason: 'onHold' | 'resumed' | 'disqualified' | SelectionReason | 'notSubmitted';
}

/**
 * A Government-flag proposal whose unit is under investigation, inspection or discipline
 * (ND 152/2025 Art. 4(4)): it is put ON HOLD, never rejected for it, and while held it is neither
 * counted in the council's selection nor submitted.
 * - `onHold`: a draft or selected proposal goes on hold and remembers its status; a held one → ALREADY_DONE;
 *   any other (rejected, submitted, decided, returned) → WRONG_PHASE.
 * - `disqualified` (disciplined): → rejected.
 * - `cleared`: back to the status it had — a draft while the vote is open, a selected proposal until the
 *   dossier is sent. A draft cleared after the vote closed is judged on its own ballot: selected if it
 *   reached the threshold and a quota seat is still free (`ballot`), otherwise rejected (belowThreshold /
 *   overQuota, Art. 33(5), 7(1)). Once the dossier has been sent without it, it is rejected as not submitted.
 * - `cleared` / `disqualified` on a proposal that is not on hold → CONFLICT.
 */
export function governmentFlagHold(args: {
  status: string;
  heldFrom?: GovernmentFlagHeldFrom;
  event: GovernmentFlagHoldEvent;
  stage: GovernmentFlagHoldStage;
  /** Needed to clear a draft after the vote closed: its own ballot's verdict and the quota seats still free. */
  ballot?: { passes: boolean; freeSeats: number };
}): GovernmentFlagHoldTransition {
  const { status, heldFrom, event, stage, ballot } = args;
  if (event === 'onHold') {
    if (status === 'onHold') throw new DomainError('ALREADY_DONE', 'the proposal is already on hold');
    if (status !== 'draft' && status !== 'selected')
      throw new DomainError('WRONG_PHASE', `a ${status} proposal cannot be put on hold`);
    return { status: 'onHold', heldFrom: status, reason: 'onHold' };
  }
  if (status !== 'onHold' || !heldFrom) throw new DomainError('CONFLICT', 'the proposal is not on hold');
  if (event === 'disqualified') return { status: 'rejected', reason: 'disqualified' };
  if (stage === 'submitted') return { status: 'rejected', reason: 'notSubmitted' };
  if (heldFrom === 'selected' || stage === 'voting') return { status: heldFrom, reason: 'resumed' };
  if (!ballot || !Number.isInteger(ballot.freeSeats) || ballot.freeSeats < 0)
    throw new DomainError(
      'VALIDATION',
      'a draft cleared after the vote needs its ballot result and the free quota seats',
      { path: ['ballot'] },
    );
  if (!ballot.passes) return { status: 'rejected', reason: 'belowThreshold' };
  return ballot.freeSeats > 0
    ? { status: 'selected', reason: 'selected' }
    : { status: 'rejected', reason: 'overQuota' };
}
