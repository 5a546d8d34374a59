/**
 * Calendar-date helpers. Deterministic: no clock is read here; callers pass the date.
 * Dates are civil dates 'YYYY-MM-DD'; a Date object is read in UTC so the result does not
 * depend on the worker's time zone.
 */
import { z } from 'zod';
import { DomainError } from './errors';

export const IsoDateSchema = z.iso.date();
export type IsoDate = string;
export type DateInput = string | Date;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Normalises a date input to 'YYYY-MM-DD'; throws VALIDATION on a malformed or impossible date. */
export function toIsoDate(input: DateInput): IsoDate {
  if (input instanceof Date) {
    if (Number.isNaN(input.getTime())) throw new DomainError('VALIDATION', 'Invalid Date object');
    return input.toISOString().slice(0, 10);
  }
  const m = ISO_DATE.exec(input);
  if (!m) throw new DomainError('VALIDATION', `Not an ISO date (YYYY-MM-DD): ${input}`, { value: input });
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCFullYear() !== y || probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) {
    throw new DomainError('VALIDATION', `No such calendar date: ${input}`, { value: input });
  }
  return input;
}

/** ISO dates compare correctly as strings once normalised. */
export const isOnOrAfter = (a: IsoDate, b: IsoDate): boolean => a >= b;

/** True when `date` lies in the closed interval [from, to]; an absent `to` is open-ended. */
export function inClosedRange(date: IsoDate, from: IsoDate, to?: IsoDate): boolean {
  return date >= from && (to === undefined || date <= to);
}
