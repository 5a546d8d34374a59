/**
 * When a bloc's two conferences of emulation year N may be held (pure; Vietnam civil dates).
 *
 * - Mid-year review (sơ kết 6 tháng): from 1 June to 30 September of year N. [PRAC] domain §4 row 4: 8 Jul
 *   (Bà Rịa–Vũng Tàu 2022), 28 and 31 Jul (Bình Phước 2017), 5 Aug (central internal-affairs bloc 2022).
 * - Year-end conference (hội nghị tổng kết, bình xét, suy tôn): from 1 October of year N to 31 March of year N+1.
 *   [PRAC] domain §4 row 6: 25 Nov (Bắc Ninh 2022), 20 Dec (Ninh Thuận 2019), 21 Jan N+1 (Quảng Nam), 11 Mar N+1
 *   (Tây Ninh, for 2024). A conference in January–March of N+1 that closes year N is normal practice.
 * No national text fixes these dates; the windows only catch a wrong year or a typing slip, with a message.
 */
import { DomainError } from './errors';
import { vnDateOf } from './vietnam-time';

export const MEETING_KINDS = ['midYear', 'yearEnd'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** The first and last civil day (YYYY-MM-DD, Vietnam time) a meeting of `kind` for emulation year `year` may be held. */
export function meetingWindow(kind: MeetingKind, year: number): { from: string; to: string } {
  return kind === 'midYear'
    ? { from: `${year}-06-01`, to: `${year}-09-30` }
    : { from: `${year}-10-01`, to: `${year + 1}-03-31` };
}

/** Throws VALIDATION (at `path`) unless the instant `at` falls, in Vietnam time, inside the kind's window for `year`. */
export function checkMeetingDate(
  kind: MeetingKind,
  year: number,
  at: number | Date,
  path: (string | number)[] = ['at'],
): void {
  const day = vnDateOf(at);
  const { from, to } = meetingWindow(kind, year);
  if (day < from || day > to) {
    const what = kind === 'midYear' ? 'the mid-year review' : 'the year-end conference';
    throw new DomainError('VALIDATION', `${what} of ${year} is held between ${from} and ${to} (got ${day})`, { path });
  }
}
