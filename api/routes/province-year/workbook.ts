/**
 * The province's year as an Excel workbook (exceljs), what an emulation office sends upward and files: the
 * rankings of every bloc, the award list (kind, awardee, bloc, decision number and date, signer, money) and the
 * money totals per award kind with the grand total. Each sheet opens with a title row (province, year, and when it
 * was generated, in Vietnam time); money cells are numbers in a VND format, so the office can sum and file them.
 * The province award session: each bloc's sitting, appraisal, outcomes and decision numbers, and the session's
 * decisions (one per award kind) with their money and total (session.ts).
 * Everything comes from the overview (load.ts): the workbook recomputes nothing.
 */
import ExcelJS from 'exceljs';
import { AWARD_LABELS_VI, type AwardType } from '../../../domain/eligibility';
import { vnDateTimeOf } from '../../../domain/vietnam-time';
import type { ProvinceYear } from './load';

export const SHEET_RANKING = 'Xếp hạng';
export const SHEET_AWARDS = 'Danh sách khen thưởng';
export const SHEET_MONEY = 'Tổng hợp kinh phí';
export const SHEET_SESSION = 'Phiên xét khen thưởng tỉnh';
export const SHEET_SESSION_DECISIONS = 'Quyết định của phiên họp';
const APPRAISAL_VI = { submitted: 'Chờ thẩm định', accepted: 'Đạt', returned: 'Trả lại để hoàn thiện' } as const;
const OUTCOME_VI = {
  pending: 'chờ xét',
  awarded: 'được khen thưởng',
  belowThreshold: 'không đạt tỷ lệ phiếu',
  overQuota: 'vượt chỉ tiêu',
  notConsidered: 'không được xem xét',
} as const;
/** Whole đồng with thousands separators, then the currency sign. */
export const VND_FORMAT = '#,##0" ₫"';
const SCORE_FORMAT = '0.00';
/** The header row of each sheet (row 1 is its title). */
export const HEADER_ROW = 2;

export const awardLabel = (kind: string) => AWARD_LABELS_VI[kind as AwardType] ?? kind;
const dmy = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');

/** "Tỉnh …, năm N — lập lúc dd/mm/yyyy hh:mm (giờ Việt Nam)". */
export function titleOf(data: ProvinceYear, what: string, now: Date): string {
  const at = vnDateTimeOf(now);
  return `${what} — ${data.province.name} (${data.province.code}), năm ${data.year} — lập lúc ${dmy(at.slice(0, 10))} ${at.slice(11, 16)} (giờ Việt Nam)`;
}

function sheet(wb: ExcelJS.Workbook, name: string, title: string, columns: { header: string; width: number }[]) {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  ws.columns = columns.map((c) => ({ width: c.width }));
  ws.getCell(1, 1).value = title;
  ws.getRow(1).font = { bold: true, size: 13 };
  ws.mergeCells(1, 1, 1, columns.length);
  const header = ws.getRow(HEADER_ROW);
  header.values = columns.map((c) => c.header);
  header.font = { bold: true };
  return ws;
}

export async function provinceYearWorkbook(data: ProvinceYear, now: Date = new Date()): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Thi Đua';
  wb.created = now;

  const ranking = sheet(wb, SHEET_RANKING, titleOf(data, 'Bảng xếp hạng các khối thi đua', now), [
    { header: 'Khối thi đua', width: 40 },
    { header: 'Hạng', width: 8 },
    { header: 'Mã đơn vị', width: 14 },
    { header: 'Đơn vị', width: 40 },
    { header: 'Điểm tự chấm', width: 14 },
    { header: 'Điểm cuối cùng', width: 14 },
  ]);
  for (const b of data.blocs)
    for (const r of b.ranking)
      ranking.addRow([b.bloc.name, r.rank, r.unit.code, r.unit.name, r.selfTotal, r.finalTotal]);
  ranking.getColumn(5).numFmt = SCORE_FORMAT;
  ranking.getColumn(6).numFmt = SCORE_FORMAT;

  const awards = sheet(wb, SHEET_AWARDS, titleOf(data, 'Danh sách khen thưởng', now), [
    { header: 'Hình thức khen thưởng', width: 34 },
    { header: 'Mã đơn vị', width: 14 },
    { header: 'Đơn vị được khen thưởng', width: 40 },
    { header: 'Khối thi đua', width: 40 },
    { header: 'Số quyết định', width: 18 },
    { header: 'Ngày quyết định', width: 14 },
    { header: 'Người ký', width: 28 },
    { header: 'Tiền thưởng (đồng)', width: 18 },
    { header: 'Ghi chú', width: 40 },
  ]);
  for (const b of data.blocs)
    for (const a of b.awards)
      awards.addRow([
        awardLabel(a.awardType),
        a.unit.code,
        a.unit.name,
        b.bloc.name,
        a.decisionNumber,
        dmy(a.decisionDate),
        a.signer,
        // A revoked award pays nothing (it is recovered, L2022 Art. 93(2)): no money, and the note says why.
        a.revoked ? null : a.amountVnd,
        a.revoked ? `Đã hủy bỏ theo quyết định số ${a.revoked.number ?? ''} ngày ${dmy(a.revoked.on)}` : null,
      ]);
  awards.getColumn(8).numFmt = VND_FORMAT;

  const money = sheet(wb, SHEET_MONEY, titleOf(data, 'Tổng hợp kinh phí khen thưởng', now), [
    { header: 'Hình thức khen thưởng', width: 40 },
    { header: 'Số lượng', width: 12 },
    { header: 'Tiền thưởng (đồng)', width: 20 },
  ]);
  for (const [kind, k] of Object.entries(data.totals.awardsByKind))
    money.addRow([awardLabel(kind), k.count, k.amountVnd]);
  const total = money.addRow(['Tổng cộng', data.totals.awards, data.totals.amountVnd]);
  total.font = { bold: true };
  money.getColumn(3).numFmt = VND_FORMAT;

  sessionSheets(wb, data, now);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function sessionSheets(wb: ExcelJS.Workbook, data: ProvinceYear, now: Date): void {
  const blocs = sheet(wb, SHEET_SESSION, titleOf(data, 'Kết quả phiên xét khen thưởng của tỉnh theo khối', now), [
    { header: 'Khối thi đua', width: 40 },
    { header: 'Phiên họp', width: 10 },
    { header: 'Thẩm định hồ sơ', width: 22 },
    { header: 'Kết quả', width: 48 },
    { header: 'Số quyết định', width: 30 },
  ]);
  for (const b of data.blocs) {
    const s = b.session;
    if (!s) continue;
    const outcomes = Object.entries(s.outcomes).map(([o, n]) => `${n} ${OUTCOME_VI[o as keyof typeof OUTCOME_VI]}`);
    blocs.addRow([b.bloc.name, s.n, APPRAISAL_VI[s.appraisal], outcomes.join('; '), s.decisionNumbers.join(', ')]);
  }
  const decisions = sheet(wb, SHEET_SESSION_DECISIONS, titleOf(data, 'Quyết định khen thưởng của phiên họp', now), [
    { header: 'Phiên họp', width: 10 },
    { header: 'Hình thức khen thưởng', width: 34 },
    { header: 'Số quyết định', width: 18 },
    { header: 'Ngày quyết định', width: 14 },
    { header: 'Số tập thể', width: 12 },
    { header: 'Tiền thưởng (đồng)', width: 20 },
  ]);
  for (const st of data.sessions.sittings)
    for (const d of st.decisions)
      if (d.decisionNumber)
        decisions.addRow([
          d.n,
          awardLabel(d.awardType),
          d.decisionNumber,
          dmy(d.decisionDate),
          d.awardees,
          d.amountVnd,
        ]);
  const t = data.sessions.totals;
  decisions.addRow(['Tổng cộng', null, null, null, t.awards, t.amountVnd]).font = { bold: true };
  decisions.getColumn(6).numFmt = VND_FORMAT;
}
