/**
 * The documents' legal bases by the document's date (domain/legal-bases.ts): Law 06/2022/QH15 always;
 * ND 98/2023 for documents dated 2024-01-01 – 2025-06-30, ND 152/2025 from 2025-07-01 (ND 152/2025 Art. 59);
 * the Local Government Law of 2015 / 2025 switching the same day; nothing before 2024 (the 2003 Law and
 * ND 91/2017 are not modelled: those years are imported history).
 */
import {
  DECREE_152,
  DECREE_98,
  LAW_ON_EMULATION,
  basesOutOfForce,
  decreeNameOn,
  emulationLegalBases,
  legalBasesFor,
  underDecree152,
} from '../../domain/legal-bases';
import { errorCodeOf, domainErrorOf } from './helpers';

const LG2015 = 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015';
const LG2025 = 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025';

describe('legalBasesFor: by the document date, for every issuer', () => {
  it.each([
    { rule: 'L2022 + ND 98/2023 in force from 2024-01-01', date: '2024-01-01', decree: DECREE_98, lg: LG2015 },
    {
      rule: 'a 2024 year-end conference held on 11/3/2025 (Tây Ninh)',
      date: '2025-03-11',
      decree: DECREE_98,
      lg: LG2015,
    },
    { rule: 'ND 98/2023 until 2025-06-30 (ND 152/2025 Art. 59(2))', date: '2025-06-30', decree: DECREE_98, lg: LG2015 },
    { rule: 'ND 152/2025 from 2025-07-01 (Art. 59(1))', date: '2025-07-01', decree: DECREE_152, lg: LG2025 },
    { rule: 'ND 152/2025 in 2026', date: '2026-01-15', decree: DECREE_152, lg: LG2025 },
    { rule: 'a Date object read in UTC', date: new Date('2025-06-30T12:00:00Z'), decree: DECREE_98, lg: LG2015 },
  ])('$rule', ({ date, decree, lg }) => {
    expect(emulationLegalBases(date)).toEqual([LAW_ON_EMULATION, decree]);
    expect(legalBasesFor(date, { by: 'peoplesCommittee' })).toEqual([lg, LAW_ON_EMULATION, decree]);
    expect(legalBasesFor(date, { by: 'emulation' })).toEqual([LAW_ON_EMULATION, decree]);
    expect(legalBasesFor(date, { by: 'bloc', blocName: 'Khối X' })).toEqual([
      LAW_ON_EMULATION,
      decree,
      'Căn cứ Quy chế hoạt động của Khối X',
    ]);
    expect(legalBasesFor(date, { by: 'department', authorityName: 'Sở Y tế' })).toEqual([
      LAW_ON_EMULATION,
      decree,
      'Căn cứ chức năng, nhiệm vụ, quyền hạn của Sở Y tế',
    ]);
    expect(underDecree152(date)).toBe(decree === DECREE_152);
    expect(decreeNameOn(date)).toBe(
      decree === DECREE_152 ? 'Nghị định số 152/2025/NĐ-CP' : 'Nghị định số 98/2023/NĐ-CP',
    );
    // The other decree cited on this date is out of force; the one in force is not.
    const other = decree === DECREE_152 ? DECREE_98 : DECREE_152;
    expect(basesOutOfForce([LAW_ON_EMULATION, decree, other], date)).toEqual([2]);
  });

  it('the citations name the Law of 15/6/2022 and each decree with its number and date', () => {
    expect(LAW_ON_EMULATION).toBe('Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022');
    expect(DECREE_98).toContain('Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023');
    expect(DECREE_152).toContain('Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025');
  });

  it('the bloc proposal letter: the law, the decree of its date, the bloc rules', () => {
    expect(legalBasesFor('2025-03-11', { by: 'bloc', blocName: 'Khối thi đua Nội chính tỉnh Tây Ninh' })).toEqual([
      LAW_ON_EMULATION,
      DECREE_98,
      'Căn cứ Quy chế hoạt động của Khối thi đua Nội chính tỉnh Tây Ninh',
    ]);
    expect(legalBasesFor('2025-12-01', { by: 'bloc', blocName: 'Khối X' })[1]).toBe(DECREE_152);
  });

  it('before 2024: NO_RULESET, pointing at history import', () => {
    expect(errorCodeOf(() => emulationLegalBases('2023-12-31'))).toBe('NO_RULESET');
    expect(domainErrorOf(() => legalBasesFor('2023-06-01', { by: 'peoplesCommittee' })).message).toMatch(
      /Decree 91\/2017.*history/,
    );
    // Not modelled before 2024: no basis is refused for its decree.
    expect(basesOutOfForce([DECREE_152, DECREE_98], '2023-06-01')).toEqual([]);
  });
});
