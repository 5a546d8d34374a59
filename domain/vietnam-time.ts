/**
 * Vietnam time, in one place: Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving). Turns instants into Vietnamese
 * civil dates and wall-clock times, and reads ISO date-times as Vietnam time. Pure: no clock is read, no locale, no
 * Node built-ins, so workflows, domain rules, the API and the documents can all use it.
 */
import { DomainError } from './errors';
import { toIsoDate, type DateInput, type IsoDate } from './dates';

/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving). */
export const VN_UTC_OFFSET_MS = 7 * 3_600_000;

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

/** The instant `ms` (epoch milliseconds) shifted to Vietnam wall-clock time, as a UTC Date (read with getUTC…). */
function shifted(ms: number): Date {
  return new Date(ms + VN_UTC_OFFSET_MS);
}

/** The civil date `YYYY-MM-DD` in Viet Nam at an instant (epoch milliseconds or a Date). */
export function vnDateOf(instant: number | Date): IsoDate {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  if (!Number.isFinite(ms)) throw new DomainError('VALIDATION', 'instant must be a finite number', { path: ['ms'] });
  return shifted(ms).toISOString().slice(0, 10);
}

/** The calendar year in Viet Nam at an instant. */
export function vnYearOf(instant: number | Date): number {
  return Number(vnDateOf(instant).slice(0, 4));
}

/** `YYYY-MM-DDTHH:mm`, the Vietnam wall-clock time of an instant (an ISO date-time without offset). */
export function vnDateTimeOf(instant: Date): string {
  return shifted(instant.getTime()).toISOString().slice(0, 16);
}

/** The last millisecond of the civil day `date` in Viet Nam, as epoch milliseconds. */
export function endOfVnDayMs(date: DateInput): number {
  return Date.parse(`${toIsoDate(date)}T23:59:59.999Z`) - VN_UTC_OFFSET_MS;
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
    const vn = shifted(input.getTime());
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
  const vn = shifted(Date.UTC(year, month - 1, day, hour, minute) - offset * 60_000);
  return {
    year: vn.getUTCFullYear(),
    month: vn.getUTCMonth() + 1,
    day: vn.getUTCDate(),
    hour: vn.getUTCHours(),
    minute: vn.getUTCMinutes(),
  };
}

/** The instant (epoch milliseconds) of an ISO date-time read as Vietnam time (`parseVnDateTime`), to the minute. */
export function vnDateTimeMs(iso: string): number {
  const dt = parseVnDateTime(iso);
  return Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute) - VN_UTC_OFFSET_MS;
}
