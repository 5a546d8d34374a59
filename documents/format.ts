/**
 * Pure formatting helpers for Vietnamese administrative documents (ND 30/2020/NĐ-CP, Phụ lục I): dates in words,
 * numbers, percentages, money, names. No I/O, no clock, no locale dependence: every output is built by hand so it is
 * identical on every machine. Vietnam time is ../domain/vietnam-time.ts; document numbers and symbols are numbering.ts.
 */
import { parseVnDateTime, toCalendarDate, type CalendarDate } from '../domain/vietnam-time';

/** Unicode NFC: some Vietnamese keyboards produce decomposed tone marks, which break PDF text extraction. */
export function nfc(s: string): string {
  return s.normalize('NFC');
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
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
