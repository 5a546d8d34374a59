/**
 * Import files for the tests (api/import/): a province "HG" (Hậu Giang) as an XLSX workbook built with exceljs,
 * with its Vietnamese headers, one bad row on purpose (a share of women of 1.5 on row 5 of "Đơn vị"), and two past
 * years (2024, 2025) of results; and the upload as multipart.
 */
import ExcelJS from 'exceljs';
import { SHEETS, columnsOf, type SheetKey } from '../../api/import/sheets';

export const INITIAL_PASSWORD = 'hg-khoi-tao-2026';
type Row = Record<string, string | number | Date | undefined>;

export const HG: Record<SheetKey, Row[]> = {
  units: [
    { code: 'HG-CA', name: 'Công an tỉnh Hậu Giang', shortName: 'Công an tỉnh', womenRatio: 0.2 },
    { code: 'HG-VKSND', name: 'Viện kiểm sát nhân dân tỉnh Hậu Giang', shortName: 'VKSND tỉnh' },
    { code: 'HG-TAND', name: 'Tòa án nhân dân tỉnh Hậu Giang', shortName: 'TAND tỉnh', womenRatio: 0.72 },
    { code: 'HG-BAD', name: 'Đơn vị sai', shortName: 'Sai', womenRatio: 1.5 },
  ],
  blocs: [
    {
      code: 'HG-NOICHINH',
      name: 'Khối thi đua Nội chính tỉnh Hậu Giang',
      ruleSetCode: 'can-tho',
      headUnitCode: 'HG-CA',
      deputyUnitCode: 'HG-VKSND',
    },
  ],
  members: ['HG-CA', 'HG-VKSND', 'HG-TAND'].map((unitCode) => ({
    blocCode: 'HG-NOICHINH',
    unitCode,
    joinedOn: new Date(Date.UTC(2020, 0, 1)),
  })),
  people: [
    { username: 'hg.ca', fullName: 'Nguyễn Văn An', email: 'an@hg.test', unitCode: 'HG-CA', role: 'Cán bộ đơn vị' },
    { username: 'hg.vksnd', fullName: 'Lê Thị Bích', email: 'bich@hg.test', unitCode: 'HG-VKSND', role: 'unitOfficer' },
    {
      username: 'hg.tand',
      fullName: 'Phạm Văn Cường',
      email: 'cuong@hg.test',
      unitCode: 'HG-TAND',
      role: 'unitOfficer',
    },
    { username: 'hg.hd1', fullName: 'Trần Thị Dung', email: 'dung@hg.test' },
    { username: 'hg.hd2', fullName: 'Võ Văn Em', email: 'em@hg.test' },
    { username: 'hg.tk', fullName: 'Đặng Thị Giang', email: 'giang@hg.test' },
  ],
  council: [
    { username: 'hg.hd1', position: 'Chủ tịch' },
    { username: 'hg.hd2', position: 'member' },
    { username: 'hg.tk', position: 'Thư ký' },
  ],
  history: [
    { year: 2024, blocCode: 'HG-NOICHINH', unitCode: 'HG-TAND', role: 'Trưởng khối', rank: 2, score: 95 },
    { year: 2024, blocCode: 'HG-NOICHINH', unitCode: 'HG-CA', role: 'deputy', rank: 1, score: 97.5 },
    {
      year: 2024,
      blocCode: 'HG-NOICHINH',
      unitCode: 'HG-CA',
      awardType: 'Cờ thi đua của UBND tỉnh',
      decisionNumber: '45/QĐ-UBND',
      decisionDate: '15/01/2025',
      amountVnd: 18_720_000,
    },
    { year: 2024, blocCode: 'HG-NOICHINH', unitCode: 'HG-VKSND', rank: 3, score: 93 },
    { year: 2025, blocCode: 'HG-NOICHINH', unitCode: 'HG-VKSND', role: 'head', rank: 1, score: 98 },
    {
      year: 2025,
      blocCode: 'HG-NOICHINH',
      unitCode: 'HG-VKSND',
      awardType: 'emulation-flag',
      decisionNumber: '38/QĐ-UBND',
      decisionDate: '2026-01-12',
    },
    { year: 2025, blocCode: 'HG-NOICHINH', unitCode: 'HG-TAND', role: 'deputy', rank: 2, score: 96 },
    { year: 2025, blocCode: 'HG-NOICHINH', unitCode: 'HG-CA', rank: 3, score: 94 },
  ],
};

export async function workbook(data: Partial<Record<SheetKey, Row[]>> = HG): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [key, rows] of Object.entries(data) as [SheetKey, Row[]][]) {
    const sheet = SHEETS[key];
    const ws = wb.addWorksheet(sheet.title);
    const columns = columnsOf(sheet);
    ws.addRow(columns.map((c) => c.header));
    for (const r of rows) ws.addRow(columns.map((c) => r[c.key] ?? null));
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A sheet as CSV (";" separated, as Excel writes it in a Vietnamese locale). */
export function csv(key: SheetKey, rows: Row[]): Buffer {
  const columns = columnsOf(SHEETS[key]);
  const cell = (v: Row[string]) => {
    const s = v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
    return /[";\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [columns.map((c) => c.header), ...rows.map((r) => columns.map((c) => cell(r[c.key])))];
  return Buffer.from(`\uFEFF${lines.map((l) => l.join(';')).join('\r\n')}\r\n`);
}

/** POST the files as multipart (field → file) and answer status and JSON body. */
export async function upload(
  base: string,
  token: string,
  path: string,
  files: Record<string, { name: string; data: Buffer }>,
  fields: Record<string, string> = {},
  key?: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; body: any }> {
  const form = new FormData();
  for (const [field, f] of Object.entries(files)) form.append(field, new Blob([new Uint8Array(f.data)]), f.name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...(key ? { 'idempotency-key': key } : {}) },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
