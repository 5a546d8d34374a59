/**
 * The laws a document cites as its legal bases ("Căn cứ …", ND 30/2020 PL I II.6.b: cited in full), chosen by
 * the DOCUMENT'S DATE through the decree in force on it (domain/ruleset.ts decreeInForceOn):
 * - Law on Emulation and Commendation 06/2022/QH15 (15/6/2022), in force from 01/01/2024: every date.
 * - Decree 98/2023/NĐ-CP (31/12/2023): documents dated 01/01/2024 – 30/06/2025.
 * - Decree 152/2025/NĐ-CP (14/6/2025): documents dated from 01/07/2025 (ND 152/2025 Art. 59(1)).
 * - Law on Organisation of Local Government: of 19/6/2015 until 30/06/2025, of 16/6/2025 from 01/07/2025
 *   (the two-tier local government, domain-rules §0.2).
 * Dates before 2024 have no bases here (NO_RULESET: the 2003 Law and ND 91/2017 are not modelled).
 */
import { decreeInForceOn, type NationalDecreeCode } from './ruleset';
import type { DateInput } from './dates';

/** The day Decree 152/2025/NĐ-CP and the Local Government Law of 2025 took effect. */
export const ND152_IN_FORCE = '2025-07-01';

/** L2022: Law 06/2022/QH15, passed 15/6/2022, in force 01/01/2024. */
export const LAW_ON_EMULATION = 'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022';

/** ND 98/2023/NĐ-CP of 31/12/2023, in force 01/01/2024 – 30/06/2025 (replaced by ND 152/2025, Art. 59(2)). */
export const DECREE_98 =
  'Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng';

/** ND 152/2025/NĐ-CP of 14/6/2025, in force from 01/07/2025 (Art. 59(1)). */
export const DECREE_152 =
  'Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng';

export const DECREE_CITATION: Readonly<Record<NationalDecreeCode, string>> = Object.freeze({
  'ND98/2023': DECREE_98,
  'ND152/2025': DECREE_152,
});

const LOCAL_GOVERNMENT_2015 = 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015';
const LOCAL_GOVERNMENT_2025 = 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025';

/** Whether Decree 152/2025 governs a document dated `date`; NO_RULESET before 2024. */
export const underDecree152 = (date: DateInput): boolean => decreeInForceOn(date) === 'ND152/2025';

/** The Law and the decree in force on `date`: the bases every emulation document cites. */
export function emulationLegalBases(date: DateInput): [law: string, decree: string] {
  return [LAW_ON_EMULATION, DECREE_CITATION[decreeInForceOn(date)]];
}

/** Who issues a document: its issuer decides which bases it cites besides the Law and the decree. */
export type LegalIssuer =
  /** A People's Committee or its Chairman (decision, letter): its powers, the law, the decree. */
  | { by: 'peoplesCommittee' }
  /** A department's director (a department bloc's Giấy khen): the law, the decree, the department's own powers. */
  | { by: 'department'; authorityName: string }
  /** A bloc (proposal letter): the law, the decree, the bloc's rules. */
  | { by: 'bloc'; blocName: string }
  /** A document that cites only the Law and the decree (report, record). */
  | { by: 'emulation' };

/**
 * THE legal bases of a document dated `date` issued by `issuer`: every document kind (the proposal letter, the
 * decisions, the Government-flag letter, the reports) takes its bases from here, so each cites the decree in force
 * on its OWN date (ND 98/2023 before 01/07/2025, ND 152/2025 from then). NO_RULESET before 2024.
 */
export function legalBasesFor(date: DateInput, issuer: LegalIssuer): string[] {
  const [law, decree] = emulationLegalBases(date);
  switch (issuer.by) {
    case 'peoplesCommittee':
      return [underDecree152(date) ? LOCAL_GOVERNMENT_2025 : LOCAL_GOVERNMENT_2015, law, decree];
    case 'department':
      return [law, decree, `Căn cứ chức năng, nhiệm vụ, quyền hạn của ${issuer.authorityName}`];
    case 'bloc':
      return [law, decree, `Căn cứ Quy chế hoạt động của ${issuer.blocName}`];
    case 'emulation':
      return [law, decree];
  }
}

/** `Nghị định số 98/2023/NĐ-CP` / `Nghị định số 152/2025/NĐ-CP`: the decree in force on `date`, as cited in a text. */
export function decreeNameOn(date: DateInput): string {
  return decreeInForceOn(date) === 'ND152/2025' ? 'Nghị định số 152/2025/NĐ-CP' : 'Nghị định số 98/2023/NĐ-CP';
}

const DECREE_PATTERNS: Readonly<Record<NationalDecreeCode, RegExp>> = {
  'ND98/2023': /98\/2023\/NĐ-CP/u,
  'ND152/2025': /152\/2025\/NĐ-CP/u,
};

/**
 * The indexes of the bases that cite an emulation decree NOT in force on `date` (a document of 20/3/2025 citing
 * ND 152/2025, one of 2026 citing ND 98/2023): the documents' models refuse them. Empty before 2024 (not modelled).
 */
export function basesOutOfForce(bases: readonly string[], date: DateInput): number[] {
  let inForce: NationalDecreeCode;
  try {
    inForce = decreeInForceOn(date);
  } catch {
    return [];
  }
  const others = (Object.keys(DECREE_PATTERNS) as NationalDecreeCode[]).filter((c) => c !== inForce);
  return bases.flatMap((b, i) => (others.some((c) => DECREE_PATTERNS[c].test(b.normalize('NFC'))) ? [i] : []));
}
