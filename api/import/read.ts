/**
 * Reading an import file into rows: an XLSX workbook (exceljs; one worksheet per sheet, named as in the template or
 * by its key) or CSV files (one per sheet, RFC 4180, "," or ";" separated, UTF-8 with or without BOM). Row numbers
 * are the spreadsheet's own (the header is row 1), so an error points at the row the user sees.
 */
import ExcelJS from 'exceljs';
import { HttpError } from '../errors';
import { SHEETS, SHEET_KEYS, columnsOf, type Column, type SheetKey } from './sheets';

export type Cell = string | number | Date | undefined;
export interface RawRow {
  sheet: SheetKey;
  row: number;
  cells: Record<string, Cell>;
}
/** At most this many data rows per sheet: an onboarding, not a bulk load. */
export const MAX_ROWS = 2000;

const norm = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase();

function sheetKeyOf(name: string): SheetKey | undefined {
  const n = norm(name);
  return SHEET_KEYS.find((k) => k === n || norm(SHEETS[k].title) === n);
}

/** Which column each header names (by its Vietnamese header or its key); unknown headers are a file error. */
function headerMap(sheet: SheetKey, headers: string[]): (Column | undefined)[] {
  const columns = columnsOf(SHEETS[sheet]);
  return headers.map((h, i) => {
    if (!h.trim()) return undefined;
    const c = columns.find((x) => norm(x.header) === norm(h) || norm(x.key) === norm(h));
    if (!c)
      throw new HttpError(422, 'VALIDATION', `sheet ${SHEETS[sheet].title}: unknown column "${h}"`, [
        { path: [sheet, 'header', i + 1], message: `unknown column "${h}"` },
      ]);
    return c;
  });
}

function cellValue(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return undefined;
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v;
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellValue(v.result as ExcelJS.CellValue);
  }
  return undefined;
}

const blank = (cells: Record<string, Cell>) =>
  Object.values(cells).every((v) => v === undefined || (typeof v === 'string' && !v.trim()));

function tooMany(sheet: SheetKey): never {
  throw new HttpError(413, 'TOO_LARGE', `sheet ${SHEETS[sheet].title}: more than ${MAX_ROWS} rows`);
}

export async function readXlsx(buffer: Buffer): Promise<RawRow[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw new HttpError(422, 'VALIDATION', 'not a readable XLSX workbook', [{ path: ['file'], message: 'not XLSX' }]);
  }
  const rows: RawRow[] = [];
  for (const ws of wb.worksheets) {
    const sheet = sheetKeyOf(ws.name);
    if (!sheet) continue; // the template's guide sheet and any sheet of the user's own
    const header = ws.getRow(1);
    const headers: string[] = [];
    for (let c = 1; c <= header.cellCount; c++) headers.push(String(cellValue(header.getCell(c).value) ?? ''));
    const map = headerMap(sheet, headers);
    if (ws.rowCount - 1 > MAX_ROWS) tooMany(sheet);
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: Record<string, Cell> = {};
      map.forEach((c, i) => {
        if (c) cells[c.key] = cellValue(row.getCell(i + 1).value);
      });
      if (!blank(cells)) rows.push({ sheet, row: r, cells });
    }
  }
  return rows;
}

/** RFC 4180 records: quoted fields may hold the separator, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, '');
  const firstLine = src.split(/\r?\n/, 1)[0] ?? '';
  const sep = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      endRecord();
    } else field += ch;
  }
  if (field || record.length > 0) endRecord();
  return records;
}

export function readCsv(sheet: SheetKey, buffer: Buffer): RawRow[] {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(buffer);
  const [headers = [], ...records] = parseCsv(text);
  const map = headerMap(sheet, headers);
  if (records.length > MAX_ROWS) tooMany(sheet);
  const rows: RawRow[] = [];
  records.forEach((rec, i) => {
    const cells: Record<string, Cell> = {};
    map.forEach((c, j) => {
      if (c) cells[c.key] = rec[j];
    });
    if (!blank(cells)) rows.push({ sheet, row: i + 2, cells });
  });
  return rows;
}

/** A cell as its column's type: numbers from text ("0,35" too), dates from Excel dates, "dd/mm/yyyy" or ISO. */
export function typed(c: Column, v: Cell): unknown {
  if (v === undefined) return undefined;
  if (typeof v === 'string') {
    const t = v.trim();
    if (!t) return undefined;
    if (c.kind === 'number') {
      const n = Number(t.replace(/\s/g, '').replace(/^(-?\d+),(\d+)$/, '$1.$2'));
      return Number.isFinite(n) ? n : t;
    }
    if (c.kind === 'date') {
      const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
      return dmy ? `${dmy[3]}-${dmy[2]!.padStart(2, '0')}-${dmy[1]!.padStart(2, '0')}` : t;
    }
    return c.aliases?.[norm(t)] ?? t;
  }
  if (v instanceof Date) return c.kind === 'date' ? v.toISOString().slice(0, 10) : v.toISOString();
  // A number: a code or username typed as digits stays text; a date column never holds one (Excel serials are Dates).
  return c.kind === 'number' ? v : String(v);
}
