import { reminderTimes, validateExtension } from '../../domain/calendar';
import { errorCodeOf } from './helpers';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DEADLINE = Date.UTC(2025, 11, 10, 17, 0, 0); // 10/12/2025 17:00 UTC (BN86 Art. 6(2) dossier date, as an example)

describe('reminderTimes ([PRAC] §8.1 reminders before a deadline)', () => {
  it.each([
    {
      rule: '[PRAC] all in the future, ascending whatever the offset order',
      offsets: [86_400, 604_800, 3_600],
      now: DEADLINE - 10 * DAY,
      expected: [DEADLINE - 7 * DAY, DEADLINE - DAY, DEADLINE - HOUR],
    },
    {
      rule: '[PRAC] past reminders are dropped',
      offsets: [604_800, 86_400, 3_600],
      now: DEADLINE - 2 * DAY,
      expected: [DEADLINE - DAY, DEADLINE - HOUR],
    },
    {
      rule: '[PRAC] a reminder due exactly now is not in the future',
      offsets: [86_400],
      now: DEADLINE - DAY,
      expected: [],
    },
    {
      rule: '[PRAC] duplicate offsets give one reminder',
      offsets: [86_400, 86_400],
      now: DEADLINE - 2 * DAY,
      expected: [DEADLINE - DAY],
    },
    { rule: '[PRAC] deadline passed: none', offsets: [86_400], now: DEADLINE + 1, expected: [] },
    { rule: '[PRAC] no offsets: none', offsets: [], now: DEADLINE - DAY, expected: [] },
  ])('$rule', ({ offsets, now, expected }) => {
    expect(reminderTimes(DEADLINE, offsets, now)).toEqual(expected);
  });

  it.each([
    { rule: 'offset 0 is the deadline itself, not a reminder', offsets: [0] },
    { rule: 'negative offset', offsets: [-60] },
    { rule: 'NaN offset', offsets: [Number.NaN] },
  ])('$rule → VALIDATION', ({ offsets }) => {
    expect(errorCodeOf(() => reminderTimes(DEADLINE, offsets, DEADLINE - DAY))).toBe('VALIDATION');
  });

  it('rejects an unparsable deadline (NaN)', () => {
    expect(errorCodeOf(() => reminderTimes(Number.NaN, [60], 0))).toBe('VALIDATION');
  });
});

describe('validateExtension ([PRAC] §8.1 extending a deadline)', () => {
  it.each([
    {
      rule: '[PRAC] later than the old deadline and than now',
      oldD: DEADLINE,
      newD: DEADLINE + 5 * DAY,
      now: DEADLINE - DAY,
      ok: true,
    },
    {
      rule: '[PRAC] extending an already passed deadline into the future',
      oldD: DEADLINE,
      newD: DEADLINE + 5 * DAY,
      now: DEADLINE + DAY,
      ok: true,
    },
    {
      rule: '[PRAC] same deadline is not an extension',
      oldD: DEADLINE,
      newD: DEADLINE,
      now: DEADLINE - DAY,
      ok: false,
    },
    {
      rule: '[PRAC] earlier deadline is not an extension',
      oldD: DEADLINE,
      newD: DEADLINE - HOUR,
      now: DEADLINE - DAY,
      ok: false,
    },
    {
      rule: '[PRAC] later than the old one but already past',
      oldD: DEADLINE,
      newD: DEADLINE + HOUR,
      now: DEADLINE + DAY,
      ok: false,
    },
    {
      rule: '[PRAC] exactly now is not in the future',
      oldD: DEADLINE,
      newD: DEADLINE + DAY,
      now: DEADLINE + DAY,
      ok: false,
    },
    { rule: 'unparsable new deadline', oldD: DEADLINE, newD: Number.NaN, now: DEADLINE, ok: false },
  ])('$rule', ({ oldD, newD, now, ok }) => {
    if (ok) expect(validateExtension(oldD, newD, now)).toBe(newD);
    else expect(errorCodeOf(() => validateExtension(oldD, newD, now))).toBe('VALIDATION');
  });
});
