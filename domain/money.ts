/**
 * Award money (tiền thưởng): coefficient × base salary (mức lương cơ sở) in force on the DECISION
 * date (ND 152/2025 Art. 49(1)), rounded UP to the nearest 10,000 VND (Art. 49(2)).
 *
 * Integer arithmetic throughout: coefficients are held in hundredths, so 0.6 × 1,800,000 is exactly
 * 1,080,000 and is not pushed up a step by binary rounding.
 */
import { DomainError } from './errors';
import { toIsoDate, type DateInput, type IsoDate } from './dates';
import type { AwardType } from './eligibility';

export type AwardSubject = 'collective' | 'individual';

export interface BaseSalaryEntry {
  /** First day in force. */
  readonly from: IsoDate;
  readonly vnd: number;
  readonly source: string;
}

/** National base salary by effective date. Extend by passing a longer table (a later decree). */
export const NATIONAL_BASE_SALARY: readonly BaseSalaryEntry[] = Object.freeze([
  Object.freeze({ from: '2019-07-01', vnd: 1_490_000, source: 'ND 38/2019/NĐ-CP' }),
  Object.freeze({ from: '2023-07-01', vnd: 1_800_000, source: 'ND 24/2023/NĐ-CP' }),
  Object.freeze({ from: '2024-07-01', vnd: 2_340_000, source: 'ND 73/2024/NĐ-CP Art. 3(2)' }),
]);

/** The table entry in force on `date` (latest `from` ≤ date); NO_RULESET before the first entry. */
export function baseSalaryEntryOn(
  date: DateInput,
  table: readonly BaseSalaryEntry[] = NATIONAL_BASE_SALARY,
): BaseSalaryEntry {
  const day = toIsoDate(date);
  let best: BaseSalaryEntry | undefined;
  for (const e of table) if (e.from <= day && (!best || e.from > best.from)) best = e;
  if (!best) throw new DomainError('NO_RULESET', `No base salary known on ${day}`, { date: day });
  return best;
}

/** Base salary (VND / month) in force on `date`. */
export function baseSalaryOn(date: DateInput, table: readonly BaseSalaryEntry[] = NATIONAL_BASE_SALARY): number {
  return baseSalaryEntryOn(date, table).vnd;
}

interface CoefficientRule {
  /** Coefficient in hundredths of the base salary. */
  readonly hundredths: number;
  readonly basis: string;
}

/** ND 152/2025 coefficients; undefined = the award is not given to that kind of subject. */
export const AWARD_COEFFICIENTS: Readonly<Record<AwardType, Partial<Record<AwardSubject, CoefficientRule>>>> =
  Object.freeze({
    'emulation-flag': { collective: { hundredths: 800, basis: 'ND 152/2025 Art. 50(2)(e)' } },
    'government-flag': { collective: { hundredths: 1200, basis: 'ND 152/2025 Art. 50(2)(đ)' } },
    'excellent-labour-collective': { collective: { hundredths: 150, basis: 'ND 152/2025 Art. 50(2)(a)' } },
    'certificate-of-merit': {
      collective: { hundredths: 300, basis: 'ND 152/2025 Art. 54(2)(a) (2 × Art. 54(1)(b))' },
      individual: { hundredths: 150, basis: 'ND 152/2025 Art. 54(1)(b)' },
    },
    'certificate-of-commendation': {
      collective: { hundredths: 60, basis: 'ND 152/2025 Art. 54(2)(c) (2 × Art. 54(1)(e))' },
      individual: { hundredths: 30, basis: 'ND 152/2025 Art. 54(1)(e)' },
    },
  });

/** ND 152/2025 took effect on this date (Art. 59(1)); its coefficient table is the one modelled. */
const ND152_FROM: IsoDate = '2025-07-01';

export const ROUNDING_STEP_VND = 10_000;

export interface AwardAmount {
  coefficient: number;
  baseSalaryVnd: number;
  amountVnd: number;
  /** Articles the coefficient and base salary come from. */
  basis: string[];
  warnings: string[];
}

/** ceil(a / b) for non-negative safe integers. */
const ceilDiv = (a: number, b: number): number => Math.floor((a + b - 1) / b);

/**
 * The award money for `awardType` given to a collective or an individual, by a decision dated
 * `decisionDate`. Flags and the excellent-labour-collective title are collective only.
 */
export function awardAmount(
  awardType: AwardType,
  subject: AwardSubject,
  decisionDate: DateInput,
  table: readonly BaseSalaryEntry[] = NATIONAL_BASE_SALARY,
): AwardAmount {
  const rule = AWARD_COEFFICIENTS[awardType]?.[subject];
  if (!rule) {
    throw new DomainError('VALIDATION', `${awardType} is not awarded to an ${subject} subject`, { awardType, subject });
  }
  const day = toIsoDate(decisionDate);
  const salary = baseSalaryEntryOn(day, table);
  const rawTimes100 = rule.hundredths * salary.vnd; // amount × 100, exact integer
  const amountVnd = ceilDiv(rawTimes100, 100 * ROUNDING_STEP_VND) * ROUNDING_STEP_VND;
  const warnings: string[] = [];
  if (day < ND152_FROM) {
    warnings.push(
      `Decision dated ${day} predates ND 152/2025; the ND 152 coefficient was used. Verify it against ND 98/2023 (in force 2024-01-01..2025-06-30).`,
    );
  }
  return {
    coefficient: rule.hundredths / 100,
    baseSalaryVnd: salary.vnd,
    amountVnd,
    basis: [rule.basis, 'ND 152/2025 Art. 49(1)-(2)', salary.source],
    warnings,
  };
}
