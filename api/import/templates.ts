/**
 * The import templates: one XLSX workbook (a guide sheet, then one worksheet per sheet with its Vietnamese headers)
 * and one CSV per sheet (UTF-8 with BOM, so Excel opens the Vietnamese headers right). Data sheets hold headers
 * only — an example row left in would be imported; the examples are in the guide.
 */
import ExcelJS from 'exceljs';
import { SHEETS, SHEET_KEYS, columnsOf, type SheetKey } from './sheets';

const allowed = (aliases?: Record<string, string>) =>
  aliases
    ? [...new Set(Object.values(aliases))]
        .map(
          (v) =>
            `${v} (${Object.keys(aliases)
              .filter((k) => aliases[k] === v)
              .join(', ')})`,
        )
        .join('; ')
    : '';

export async function xlsxTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Thi Đua';
  const guide = wb.addWorksheet('Hướng dẫn');
  guide.columns = [
    { header: 'Trang', width: 22 },
    { header: 'Cột', width: 30 },
    { header: 'Khoá', width: 16 },
    { header: 'Ví dụ', width: 36 },
    { header: 'Giá trị được nhận', width: 60 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const key of SHEET_KEYS) {
    const sheet = SHEETS[key];
    for (const c of columnsOf(sheet)) guide.addRow([sheet.title, c.header, c.key, c.example, allowed(c.aliases)]);
    const ws = wb.addWorksheet(sheet.title);
    ws.columns = columnsOf(sheet).map((c) => ({
      header: c.header,
      key: c.key,
      width: Math.max(14, c.header.length + 4),
    }));
    ws.getRow(1).font = { bold: true };
    for (const [i, c] of columnsOf(sheet).entries()) if (c.kind !== 'number') ws.getColumn(i + 1).numFmt = '@'; // codes and dates stay as typed
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const csvField = (v: string) => (/[",;\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

export function csvTemplate(key: SheetKey): Buffer {
  const header = columnsOf(SHEETS[key])
    .map((c) => csvField(c.header))
    .join(',');
  return Buffer.from(`\uFEFF${header}\r\n`, 'utf8');
}
