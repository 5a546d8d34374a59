import { checkMeetingDate, meetingWindow } from '../../domain/meeting';

const at = (iso: string) => Date.parse(iso);

test.each([
  ['yearEnd', 2026, '2026-09-30T16:59:59Z', false], // 23:59 30 Sep in Viet Nam
  ['yearEnd', 2026, '2026-09-30T17:00:00Z', true], // 00:00 1 Oct in Viet Nam
  ['yearEnd', 2026, '2027-01-04T01:00:00Z', true], // 4 January N+1: normal
  ['yearEnd', 2026, '2027-03-31T16:59:59Z', true],
  ['yearEnd', 2026, '2027-03-31T17:00:00Z', false], // 1 April N+1
  ['midYear', 2026, '2026-05-31T16:59:59Z', false],
  ['midYear', 2026, '2026-07-08T01:00:00Z', true],
  ['midYear', 2026, '2026-09-30T16:59:59Z', true],
  ['midYear', 2026, '2027-01-04T01:00:00Z', false],
] as const)('%s %i at %s: allowed %s', (kind, year, iso, allowed) => {
  const check = () => checkMeetingDate(kind, year, at(iso), ['at']);
  if (allowed) expect(check).not.toThrow();
  else expect(check).toThrow(expect.objectContaining({ code: 'VALIDATION', details: { path: ['at'] } }));
});

test('the windows', () => {
  expect(meetingWindow('yearEnd', 2024)).toEqual({ from: '2024-10-01', to: '2025-03-31' });
  expect(meetingWindow('midYear', 2024)).toEqual({ from: '2024-06-01', to: '2024-09-30' });
});
