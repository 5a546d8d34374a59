/**
 * Award money (tiền thưởng): coefficient × base salary (mức lương cơ sở) in force on the DECISION
 * date (ND 152/2025 Art. 49(1)), rounded UP to the nearest 10,000 VND (Art. 49(2)); the same principle
 * under ND 98/2023. The coefficient table is that of the decree in force on the decision date.
 *
 * Integer arithmetic throughout: coefficients are held in hundredths, so 0.6 × 1,800,000 is exactly
 * 1,080,000 and is not pushed up a step by binary rounding.
 */
import { DomainError } from './errors';
import { toIsoDate, type DateInput, type IsoDate } from './dates';
import type { AwardType } from './eligibility';
import { decreeInForceOn, type NationalDecreeCode } from './ruleset';

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
  /** Set when the value is not checked against the decree's own text [NAT*]. */
  readonly verify?: string;
}

type CoefficientTable = Readonly<Record<AwardType, Partial<Record<AwardSubject, CoefficientRule>>>>;

/** ND 152/2025 coefficients (decisions from 2025-07-01); undefined = not given to that kind of subject. */
export const AWARD_COEFFICIENTS: CoefficientTable = Object.freeze({
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

const ND98_CERTIFICATE =
  'ND 98/2023: the certificate article was not at hand; the ND 152/2025 Art. 54 value is used — verify it against ND 98/2023';

/**
 * ND 98/2023 coefficients (decisions 2024-01-01 – 2025-06-30). Titles: ND 98/2023 Art. 54(2) — Government flag
 * 12.0, provincial flag 8.0, excellent labour collective 1.5 (the same letters and values ND 152/2025 Art. 50(2)
 * kept; the Art. 54 text as published by thuvienphapluat.vn, 05/01/2024). Certificates: [NAT*], see ND98_CERTIFICATE.
 */
export const AWARD_COEFFICIENTS_ND98: CoefficientTable = Object.freeze({
  'emulation-flag': { collective: { hundredths: 800, basis: 'ND 98/2023 Art. 54(2)(e)' } },
  'government-flag': { collective: { hundredths: 1200, basis: 'ND 98/2023 Art. 54(2)(đ)' } },
  'excellent-labour-collective': { collective: { hundredths: 150, basis: 'ND 98/2023 Art. 54(2)(a)' } },
  'certificate-of-merit': {
    collective: {
      hundredths: 300,
      basis: 'ND 98/2023 [NAT*] certificate of merit, collective',
      verify: ND98_CERTIFICATE,
    },
    individual: {
      hundredths: 150,
      basis: 'ND 98/2023 [NAT*] certificate of merit, individual',
      verify: ND98_CERTIFICATE,
    },
  },
  'certificate-of-commendation': {
    collective: { hundredths: 60, basis: 'ND 98/2023 [NAT*] Giấy khen, collective', verify: ND98_CERTIFICATE },
    individual: { hundredths: 30, basis: 'ND 98/2023 [NAT*] Giấy khen, individual', verify: ND98_CERTIFICATE },
  },
});

/** Each decree's coefficient table and money principle (base salary on the decision date, rounded up to 10,000). */
const MONEY_BY_DECREE: Readonly<Record<NationalDecreeCode, { table: CoefficientTable; principle: string }>> = {
  'ND98/2023': { table: AWARD_COEFFICIENTS_ND98, principle: 'ND 98/2023 money principle (decision date, round up)' },
  'ND152/2025': { table: AWARD_COEFFICIENTS, principle: 'ND 152/2025 Art. 49(1)-(2)' },
};

/**
 * The coefficient of `awardType` for `subject` under the decree in force on the decision date
 * (domain/ruleset.ts decreeInForceOn); NO_RULESET before 2024 (the 2003 Law and ND 91/2017 are not modelled).
 */
export function coefficientOn(
  awardType: AwardType,
  subject: AwardSubject,
  decisionDate: DateInput,
): CoefficientRule & { decree: NationalDecreeCode; principle: string } {
  const decree = decreeInForceOn(decisionDate);
  const { table, principle } = MONEY_BY_DECREE[decree];
  const rule = table[awardType]?.[subject];
  if (!rule) {
    throw new DomainError('VALIDATION', `${awardType} is not awarded to an ${subject} subject`, { awardType, subject });
  }
  return { ...rule, decree, principle };
}

export const ROUNDING_STEP_VND = 10_000;

export interface AwardAmount {
  coefficient: number;
  baseSalaryVnd: number;
  amountVnd: number;
  /** Articles the coefficient and base salary come from. */
  /** The decree whose coefficient table applied (in force on the decision date). */
  decree: NationalDecreeCode;
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
  const day = toIsoDate(decisionDate);
  const rule = coefficientOn(awardType, subject, day);
  const salary = baseSalaryEntryOn(day, table);
  const rawTimes100 = rule.hundredths * salary.vnd; // amount × 100, exact integer
  const amountVnd = ceilDiv(rawTimes100, 100 * ROUNDING_STEP_VND) * ROUNDING_STEP_VND;
  return {
    coefficient: rule.hundredths / 100,
    baseSalaryVnd: salary.vnd,
    amountVnd,
    decree: rule.decree,
    basis: [rule.basis, rule.principle, salary.source],
    warnings: rule.verify ? [`Decision dated ${day}: ${rule.verify}.`] : [],
  };
}

// ---------------------------------------------------------------------------------------------
// Several titles for one period: the highest only (ND 152/2025 Art. 49(5))
// ---------------------------------------------------------------------------------------------

/** Emulation titles (danh hiệu thi đua, L2022 Art. 8 [NAT*]); the other kinds are forms of commendation. */
export const EMULATION_TITLES: readonly AwardType[] = Object.freeze([
  'government-flag',
  'emulation-flag',
  'excellent-labour-collective',
]);

export interface EarnedAward {
  unitId: string;
  awardType: AwardType;
  /** The counted period, e.g. '2025'. */
  achievementPeriod: string;
  decisionDate: DateInput;
}

export interface PaidAward extends EarnedAward {
  paid: boolean;
  /** The money paid for this award: its amount, or 0 when a higher title of the same period is paid instead. */
  amountVnd: number;
  /** The award whose money is paid instead (when not paid). */
  paidInsteadOf?: AwardType;
  basis: string;
}

const ND152_49_5 = 'ND 152/2025 Art. 49(5)';
/** [NAT*] ND 98/2023 had the same principle (as ND 91/2017 before it); its article was not at hand — verify. */
const ND152_49_7 = 'ND 152/2025 Art. 49(6)-(7)';
const ND98_49_5 = 'ND 98/2023 money principle (same rule as ND 152/2025 Art. 49(5)) [NAT*]';

/**
 * Which awards of one collective are paid. Several emulation TITLES for the same counted period: only the money of
 * the highest (ND 152/2025 Art. 49(5), second sentence; higher title = higher money, Art. 49(3), so the highest
 * coefficient); titles for different periods: each (Art. 49(5), first sentence). A title and a form of commendation
 * at the same time are both paid (Art. 49(7)); forms for different achievements, each (Art. 49(6)).
 * Under ND 98/2023 the same rule is applied [NAT*] (ND98_49_5). Order of `awards` is kept.
 */
export function highestTitleOnly(awards: readonly EarnedAward[]): PaidAward[] {
  const amounts = awards.map((a) => awardAmount(a.awardType, 'collective', a.decisionDate));
  const winner = new Map<string, number>();
  awards.forEach((a, i) => {
    if (!EMULATION_TITLES.includes(a.awardType)) return;
    const key = JSON.stringify([a.unitId, a.achievementPeriod]);
    const best = winner.get(key);
    if (best === undefined || amounts[i]!.coefficient > amounts[best]!.coefficient) winner.set(key, i);
  });
  return awards.map((a, i) => {
    const basis = decreeInForceOn(a.decisionDate) === 'ND152/2025' ? ND152_49_5 : ND98_49_5;
    if (!EMULATION_TITLES.includes(a.awardType))
      return {
        ...a,
        paid: true,
        amountVnd: amounts[i]!.amountVnd,
        basis: basis === ND152_49_5 ? ND152_49_7 : ND98_49_5,
      };
    const best = winner.get(JSON.stringify([a.unitId, a.achievementPeriod]))!;
    return best === i
      ? { ...a, paid: true, amountVnd: amounts[i]!.amountVnd, basis }
      : { ...a, paid: false, amountVnd: 0, paidInsteadOf: awards[best]!.awardType, basis };
  });
}
