/**
 * The laws the documents cite as their legal bases (ND30 PL I II.6.b: cited in full), chosen by the document's date:
 * from 1 July 2025 the Local Government Law of 2025 and Decree 152/2025 replace those of 2015 and Decree 98/2023.
 */

/** The day Decree 152/2025/NĐ-CP and the Local Government Law of 2025 took effect. */
export const ND152_IN_FORCE = '2025-07-01';

export const LAW_ON_EMULATION = 'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022';

export const DECREE_152 =
  'Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng';

const DECREE_98 =
  'Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng';

/** Whether Decree 152/2025 governs a document dated `isoDate` (`YYYY-MM-DD`). */
export const underDecree152 = (isoDate: string): boolean => isoDate >= ND152_IN_FORCE;

/** The bases of a People's Committee document (decision, letter) dated `isoDate`: its powers, the law, the decree. */
export function provincialLegalBases(isoDate: string): string[] {
  const nd152 = underDecree152(isoDate);
  return [
    nd152
      ? 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025'
      : 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015',
    LAW_ON_EMULATION,
    nd152 ? DECREE_152 : DECREE_98,
  ];
}
