/**
 * Pure formatting helpers for Vietnamese administrative documents (ND 30/2020/NĐ-CP, Phụ lục I).
 * No I/O, no clock, no locale dependence: every output is built by hand so it is identical on every machine.
 */

/** A calendar date without time zone (the date printed on a document). */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** A wall-clock date and time in Vietnam (UTC+7, no daylight saving). */
export interface VnDateTime extends CalendarDate {
  hour: number;
  minute: number;
}

const VN_OFFSET_MINUTES = 7 * 60;

/** Unicode NFC: some Vietnamese keyboards produce decomposed tone marks, which break PDF text extraction. */
export function nfc(s: string): string {
  return s.normalize('NFC');
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function checkCalendarDate(d: CalendarDate): CalendarDate {
  const { year, month, day } = d;
  if (!Number.isInteger(year) || year < 1900 || year > 9999) throw new RangeError(`invalid year: ${year}`);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`invalid month: ${month}`);
  if (!Number.isInteger(day) || day < 1 || day > daysInMonth(year, month))
    throw new RangeError(`invalid day: ${year}-${month}-${day}`);
  return { year, month, day };
}

/**
 * Reads a date: `YYYY-MM-DD`, a `{year, month, day}` object, or a `Date` (taken as the instant, shown in Vietnam time).
 * An ISO date-time string is accepted too and read like `parseVnDateTime`.
 */
export function toCalendarDate(input: string | Date | CalendarDate): CalendarDate {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw new RangeError('invalid Date');
    const vn = new Date(input.getTime() + VN_OFFSET_MINUTES * 60_000);
    return { year: vn.getUTCFullYear(), month: vn.getUTCMonth() + 1, day: vn.getUTCDate() };
  }
  if (typeof input === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(input);
    if (m) return checkCalendarDate({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
    const dt = parseVnDateTime(input);
    return { year: dt.year, month: dt.month, day: dt.day };
  }
  return checkCalendarDate(input);
}

/**
 * Reads an ISO 8601 date-time. Without an offset (`2026-01-05T08:00`) it is taken as Vietnam wall-clock time;
 * with an offset or `Z` it is converted to Vietnam time (UTC+7).
 */
export function parseVnDateTime(iso: string): VnDateTime {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
  if (!m) throw new RangeError(`invalid ISO date-time: ${iso}`);
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  checkCalendarDate({ year, month, day });
  if (hour > 23 || minute > 59) throw new RangeError(`invalid time: ${iso}`);
  const zone = m[7];
  if (zone === undefined) return { year, month, day, hour, minute };
  let offset = 0;
  if (zone !== 'Z') {
    const z = /^([+-])(\d{2}):?(\d{2})$/.exec(zone)!;
    offset = (z[1] === '-' ? -1 : 1) * (Number(z[2]) * 60 + Number(z[3]));
  }
  const utc = Date.UTC(year, month - 1, day, hour, minute) - offset * 60_000;
  const vn = new Date(utc + VN_OFFSET_MINUTES * 60_000);
  return {
    year: vn.getUTCFullYear(),
    month: vn.getUTCMonth() + 1,
    day: vn.getUTCDate(),
    hour: vn.getUTCHours(),
    minute: vn.getUTCMinutes(),
  };
}

/**
 * `ngày 05 tháng 01 năm 2026`, `ngày 20 tháng 3 năm 2026`: days 1–9 and months 1–2 get a leading zero, months 3–12 do not
 * (ND30 PL I II.4.b).
 */
export function formatDateVn(date: string | Date | CalendarDate): string {
  const d = toCalendarDate(date);
  const month = d.month <= 2 ? pad2(d.month) : String(d.month);
  return `ngày ${pad2(d.day)} tháng ${month} năm ${d.year}`;
}

/** `08 giờ 30 phút`. */
export function formatTimeVn(t: { hour: number; minute: number }): string {
  return `${pad2(t.hour)} giờ ${pad2(t.minute)} phút`;
}

/** `08 giờ 30 phút, ngày 05 tháng 01 năm 2026` (time first, as in minutes). */
export function formatDateTimeVn(iso: string): string {
  const dt = parseVnDateTime(iso);
  return `${formatTimeVn(dt)}, ${formatDateVn(dt)}`;
}

/** The italic place/date line: `Cần Thơ, ngày 05 tháng 01 năm 2026` (ND30 PL I II.4). */
export function formatPlaceDate(place: string, date: string | Date | CalendarDate): string {
  const p = nfc(place).trim();
  if (!p) throw new RangeError('place must not be empty');
  return `${p}, ${formatDateVn(date)}`;
}

const SYMBOL_PART = /^[\p{L}\d]+(?:-[\p{L}\d]+)*$/u;

/**
 * The symbol of a document: `BB-KNC`, `QĐ-UBND`. An empty type abbreviation gives the công văn form (issuer only, which
 * may itself carry the drafting unit: `UBND-VX`).
 */
export function formatDocumentSymbol(typeAbbr: string, issuerAbbr: string): string {
  const type = nfc(typeAbbr).trim();
  const issuer = nfc(issuerAbbr).trim();
  if (!SYMBOL_PART.test(issuer)) throw new RangeError(`invalid issuer abbreviation: "${issuerAbbr}"`);
  if (type && !SYMBOL_PART.test(type)) throw new RangeError(`invalid type abbreviation: "${typeAbbr}"`);
  return type ? `${type}-${issuer}` : issuer;
}

/** Blank kept for the number when the văn thư numbers the paper after signature (ND30 Điều 15). */
export const BLANK_NUMBER = '\u00a0'.repeat(6);

/**
 * `Số: 05/BB-KNC`: numbers below 10 get a leading zero; no spaces around "/" or "-" (ND30 PL I II.3.c).
 * `null` leaves a blank for the number (`Số:      /BB-KNC`).
 */
export function formatDocumentNumber(n: number | null, typeAbbr: string, issuerAbbr: string): string {
  const symbol = formatDocumentSymbol(typeAbbr, issuerAbbr);
  if (n === null) return `Số:${BLANK_NUMBER}/${symbol}`;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`document number must be a positive integer, got ${n}`);
  return `Số: ${pad2(n)}/${symbol}`;
}

/** A reference to another document inside a text: `05/BB-KNC` (no "Số:"). */
export function formatNumberSymbol(n: number | null, symbol: string): string {
  return n === null ? `${BLANK_NUMBER}/${symbol}` : `${pad2(n)}/${symbol}`;
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** Vietnamese number style: `.` groups thousands, `,` is the decimal mark: `1.234,5`. Trailing zeros dropped. */
export function formatNumber(x: number, maxDecimals = 2): string {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  const scale = 10 ** maxDecimals;
  const scaled = Math.round(Number((Math.abs(x) * scale).toPrecision(15)));
  const int = Math.floor(scaled / scale);
  const frac = String(scaled - int * scale)
    .padStart(maxDecimals, '0')
    .replace(/0+$/, '');
  const sign = x < 0 && scaled !== 0 ? '-' : '';
  return `${sign}${groupThousands(String(int))}${frac ? `,${frac}` : ''}`;
}

/** `18.720.000 đồng`. Amounts are whole đồng. */
export function formatVnd(amount: number): string {
  if (!Number.isSafeInteger(amount)) throw new RangeError(`VND amount must be a whole number of đồng, got ${amount}`);
  const sign = amount < 0 ? '-' : '';
  return `${sign}${groupThousands(String(Math.abs(amount)))} đồng`;
}

/** The amount without the unit, for table cells: `18.720.000`. */
export function formatVndPlain(amount: number): string {
  return formatVnd(amount).replace(/ đồng$/, '');
}

/**
 * A ratio (0.857142…) as a Vietnamese percentage with two decimals and a decimal comma: `85,71%`.
 * Whole percentages drop the decimals: `100%`, `80%`. Rounds half up.
 */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) throw new RangeError(`not a finite ratio: ${ratio}`);
  const bp = Math.round(Number((Math.abs(ratio) * 10_000).toPrecision(12)));
  const int = Math.floor(bp / 100);
  const frac = bp % 100;
  const sign = ratio < 0 && bp !== 0 ? '-' : '';
  return `${sign}${groupThousands(String(int))}${frac === 0 ? '' : `,${pad2(frac)}`}%`;
}

/** `part / whole` as a percentage, computed from integers so ties round the same everywhere. */
export function formatShare(part: number, whole: number): string {
  if (!Number.isInteger(part) || !Number.isInteger(whole) || whole <= 0 || part < 0) {
    throw new RangeError(`invalid share ${part}/${whole}`);
  }
  return formatPercent(part / whole);
}

/** `01`, `02`: counts of units written with two digits, as in "cho 01 tập thể". */
export function formatCount(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`invalid count ${n}`);
  return pad2(n);
}

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;
const digit = (d: number): string => DIGITS[d]!;

function readTriple(n: number, full: boolean): string {
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const u = n % 10;
  const words: string[] = [];
  if (full || h > 0) words.push(digit(h), 'trăm');
  if (t === 0) {
    if (u > 0 && (full || h > 0)) words.push('lẻ');
  } else if (t === 1) {
    words.push('mười');
  } else {
    words.push(digit(t), 'mươi');
  }
  if (u > 0) {
    if (u === 1 && t >= 2) words.push('mốt');
    else if (u === 5 && t >= 1) words.push('lăm');
    else words.push(digit(u));
  }
  return words.join(' ');
}

/** A non-negative whole number in Vietnamese words: 25740000 → "hai mươi lăm triệu bảy trăm bốn mươi nghìn". */
export function numberToVietnameseWords(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`expected a non-negative whole number, got ${n}`);
  if (n === 0) return 'không';
  const units = ['', 'nghìn', 'triệu'];
  // Split into blocks of 9 digits ("tỷ" repeats: nghìn tỷ, triệu tỷ, tỷ tỷ).
  const readBelowBillion = (v: number, leading: boolean): string[] => {
    const groups = [v % 1000, Math.floor(v / 1000) % 1000, Math.floor(v / 1_000_000)];
    const words: string[] = [];
    let started = !leading;
    for (let i = 2; i >= 0; i--) {
      const g = groups[i]!;
      if (g === 0) continue;
      words.push(readTriple(g, started));
      if (units[i]) words.push(units[i]!);
      started = true;
    }
    return words;
  };
  const blocks: number[] = [];
  let rest = n;
  while (rest > 0) {
    blocks.push(rest % 1_000_000_000);
    rest = Math.floor(rest / 1_000_000_000);
  }
  const words: string[] = [];
  for (let i = blocks.length - 1; i >= 0; i--) {
    const b = blocks[i]!;
    if (b !== 0) words.push(...readBelowBillion(b, i === blocks.length - 1));
    if (i > 0 && (b !== 0 || i === blocks.length - 1)) words.push(...Array<string>(i).fill('tỷ'));
  }
  return words.join(' ');
}

/** `Hai mươi lăm triệu bảy trăm bốn mươi nghìn đồng` (for "Bằng chữ: …"). */
export function vndInWords(amount: number): string {
  const w = numberToVietnameseWords(amount);
  return `${w.charAt(0).toUpperCase()}${w.slice(1)} đồng`;
}

/** Upper case with Vietnamese letters (NFC): `Khối thi đua Nội chính` → `KHỐI THI ĐUA NỘI CHÍNH`. */
export function upperVn(s: string): string {
  return nfc(s).toLocaleUpperCase('vi-VN').normalize('NFC');
}

/** Joins names: "A", "A và B", "A, B và C". */
export function joinVn(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} và ${items[items.length - 1]!}`;
}

/**
 * Formats a list of recipients the ND30 way: each item starts with "- " and ends with ";", the last with ".".
 * Existing leading dashes and trailing punctuation are replaced.
 */
export function formatRecipientLines(items: readonly string[]): string[] {
  const clean = items
    .map((s) =>
      nfc(s)
        .trim()
        .replace(/^[-–•]\s*/, '')
        .replace(/[;.,]+\s*$/, ''),
    )
    .filter((s) => s.length > 0);
  return clean.map((s, i) => `- ${s}${i === clean.length - 1 ? '.' : ';'}`);
}
