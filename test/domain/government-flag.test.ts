import {
  achievementPeriodEnd,
  achievementsStale,
  addMonthsClamped,
  checkSubmissionDate,
  endOfVnDayMs,
  governmentFlagDeadline,
  governmentFlagHold,
  latestSubmissionDate,
  vnDateOf,
} from '../../domain/government-flag';
import { governmentFlagQuota } from '../../domain/eligibility';
import { awardAmount } from '../../domain/money';
import { nationalRulesFor } from '../../domain/ruleset';
import { domainErrorOf, errorCodeOf } from './helpers';

describe('Viet Nam civil dates (Asia/Ho_Chi_Minh, UTC+7)', () => {
  it.each([
    { instant: '2026-06-30T16:59:59.999Z', date: '2026-06-30' },
    { instant: '2026-06-30T17:00:00.000Z', date: '2026-07-01' },
    { instant: '2025-12-31T23:00:00.000Z', date: '2026-01-01' },
  ])('$instant is $date in Viet Nam', ({ instant, date }) => {
    expect(vnDateOf(Date.parse(instant))).toBe(date);
  });

  it('the end of a Viet Nam day is 16:59:59.999 UTC', () => {
    expect(new Date(endOfVnDayMs('2027-06-30')).toISOString()).toBe('2027-06-30T16:59:59.999Z');
  });
});

describe('addMonthsClamped', () => {
  it.each([
    { date: '2025-12-31', months: 6, out: '2026-06-30' },
    { date: '2025-08-31', months: 6, out: '2026-02-28' },
    { date: '2027-08-31', months: 6, out: '2028-02-29' },
    { date: '2025-01-15', months: 1, out: '2025-02-15' },
    { date: '2025-03-31', months: -1, out: '2025-02-28' },
  ])('$date + $months months = $out', ({ date, months, out }) => {
    expect(addMonthsClamped(date, months)).toBe(out);
  });
});

describe('submission deadline: 30 June N+1 (ND 152/2025 Art. 35(1)(b))', () => {
  it.each([
    { year: 2025, date: '2026-06-30', endsAt: '2026-06-30T16:59:59.999Z' },
    { year: 2040, date: '2041-06-30', endsAt: '2041-06-30T16:59:59.999Z' },
  ])('year $year → $date, end of day in Viet Nam', ({ year, date, endsAt }) => {
    expect(governmentFlagDeadline(year)).toEqual({ date, endsAt, basis: 'ND 152/2025 Art. 35(1)(b)' });
  });

  it('refuses a non-integer year', () => {
    expect(errorCodeOf(() => governmentFlagDeadline(2025.5))).toBe('VALIDATION');
  });
});

describe('staleness: achievements within 6 months before submission (ND 152/2025 Art. 33(9))', () => {
  it('a yearly achievement period ends on 31 December N; the last day to submit is 30 June N+1', () => {
    expect(achievementPeriodEnd(2025)).toBe('2025-12-31');
    expect(latestSubmissionDate('2025-12-31')).toBe('2026-06-30');
  });

  it.each([
    { submittedOn: '2026-01-15', stale: false },
    { submittedOn: '2026-06-30', stale: false },
    { submittedOn: '2026-07-01', stale: true },
    { submittedOn: '2027-01-01', stale: true },
  ])('achievements ending 2025-12-31, submitted $submittedOn → stale: $stale', ({ submittedOn, stale }) => {
    expect(achievementsStale('2025-12-31', submittedOn)).toBe(stale);
  });

  it.each([
    {
      rule: 'on time, voted the same day',
      letterDate: '2026-05-20',
      votedOn: '2026-05-20',
      today: '2026-05-21',
      code: null,
    },
    {
      rule: 'the last day (Art. 33(9), 35(1)(b))',
      letterDate: '2026-06-30',
      votedOn: '2026-05-20',
      today: '2026-06-30',
      code: null,
    },
    {
      rule: 'after 30 June N+1: achievements older than 6 months (Art. 33(9))',
      letterDate: '2026-07-01',
      votedOn: '2026-05-20',
      today: '2026-07-01',
      code: 'RULE_VIOLATION',
    },
    {
      rule: 'stale even when also in the future: the legal refusal comes first',
      letterDate: '2026-07-01',
      votedOn: '2026-05-20',
      today: '2026-05-21',
      code: 'RULE_VIOLATION',
    },
    {
      rule: 'before the council vote (the dossier carries the ballot result, Art. 37(2)(c))',
      letterDate: '2026-05-19',
      votedOn: '2026-05-20',
      today: '2026-05-21',
      code: 'VALIDATION',
    },
    {
      rule: 'dated in the future',
      letterDate: '2026-05-25',
      votedOn: '2026-05-20',
      today: '2026-05-21',
      code: 'VALIDATION',
    },
  ])('$rule → $code', ({ letterDate, votedOn, today, code }) => {
    expect(errorCodeOf(() => checkSubmissionDate({ year: 2025, letterDate, votedOn, today }))).toBe(code);
  });

  it('the staleness refusal names the field and the last day', () => {
    const e = domainErrorOf(() =>
      checkSubmissionDate({ year: 2025, letterDate: '2026-07-01', votedOn: '2026-05-20', today: '2026-07-02' }),
    );
    expect(e.details).toMatchObject({ path: ['letterDate'], latest: '2026-06-30' });
  });
});

describe('quota: at most 20% of the bloc leaders (ND 152/2025 Art. 7(1))', () => {
  it.each([
    { leaders: 4, quota: 0 },
    { leaders: 5, quota: 1 },
    { leaders: 9, quota: 1 },
    { leaders: 10, quota: 2 },
    { leaders: 14, quota: 2 },
  ])('$leaders leaders → $quota', ({ leaders, quota }) => {
    expect(governmentFlagQuota(leaders, nationalRulesFor('2026-03-01').decree.governmentFlag.quotaShare)).toBe(quota);
  });
});

describe('money: 12.0 × base salary on the decision date (ND 152/2025 Art. 50(2)(đ), Art. 49)', () => {
  it.each([
    { decisionDate: '2026-09-01', amountVnd: 28_080_000 },
    { decisionDate: '2024-03-01', amountVnd: 21_600_000 },
  ])('decided $decisionDate → $amountVnd VND', ({ decisionDate, amountVnd }) => {
    expect(awardAmount('government-flag', 'collective', decisionDate)).toMatchObject({ coefficient: 12, amountVnd });
  });
});

describe('holds on a candidate: on hold, never rejected for it; cleared → back, disciplined → out (ND 152/2025 Art. 4(4))', () => {
  it.each([
    {
      why: 'Art. 4(4): a draft under investigation is put on hold and remembers it was a draft',
      status: 'draft',
      event: 'onHold',
      stage: 'voting',
      out: { status: 'onHold', heldFrom: 'draft', reason: 'onHold' },
    },
    {
      why: 'Art. 4(4): a selected proposal goes on hold before the dossier is sent',
      status: 'selected',
      event: 'onHold',
      stage: 'selection',
      out: { status: 'onHold', heldFrom: 'selected', reason: 'onHold' },
    },
    {
      why: 'Art. 4(4): cleared while the vote is open → a draft again',
      status: 'onHold',
      heldFrom: 'draft',
      event: 'cleared',
      stage: 'voting',
      out: { status: 'draft', reason: 'resumed' },
    },
    {
      why: 'Art. 4(4): cleared before the dossier is sent → selected again',
      status: 'onHold',
      heldFrom: 'selected',
      event: 'cleared',
      stage: 'selection',
      out: { status: 'selected', reason: 'resumed' },
    },
    {
      why: 'Art. 4(4) + 33(5) + 7(1): cleared after the vote, its ballot passed and a seat is free → selected',
      status: 'onHold',
      heldFrom: 'draft',
      event: 'cleared',
      stage: 'selection',
      ballot: { passes: true, freeSeats: 1 },
      out: { status: 'selected', reason: 'selected' },
    },
    {
      why: 'Art. 7(1): cleared after the vote, passed but the quota is full → rejected over quota',
      status: 'onHold',
      heldFrom: 'draft',
      event: 'cleared',
      stage: 'selection',
      ballot: { passes: true, freeSeats: 0 },
      out: { status: 'rejected', reason: 'overQuota' },
    },
    {
      why: 'Art. 33(5): cleared after the vote below 80% of all members → rejected below threshold',
      status: 'onHold',
      heldFrom: 'draft',
      event: 'cleared',
      stage: 'selection',
      ballot: { passes: false, freeSeats: 1 },
      out: { status: 'rejected', reason: 'belowThreshold' },
    },
    {
      why: 'Art. 4(4): still on hold when the dossier was sent → not submitted, even once cleared',
      status: 'onHold',
      heldFrom: 'selected',
      event: 'cleared',
      stage: 'submitted',
      out: { status: 'rejected', reason: 'notSubmitted' },
    },
    {
      why: 'Art. 4(4): disciplined → out, whatever the stage',
      status: 'onHold',
      heldFrom: 'selected',
      event: 'disqualified',
      stage: 'selection',
      out: { status: 'rejected', reason: 'disqualified' },
    },
    {
      why: 'Art. 4(4): disciplined during the vote → out',
      status: 'onHold',
      heldFrom: 'draft',
      event: 'disqualified',
      stage: 'voting',
      out: { status: 'rejected', reason: 'disqualified' },
    },
  ] as const)('$why', ({ status, event, stage, out, ...rest }) => {
    expect(
      governmentFlagHold({
        status,
        event,
        stage,
        heldFrom: 'heldFrom' in rest ? rest.heldFrom : undefined,
        ballot: 'ballot' in rest ? rest.ballot : undefined,
      }),
    ).toEqual(out);
  });

  it.each([
    {
      why: 'a held proposal is not put on hold twice',
      status: 'onHold',
      heldFrom: 'draft',
      event: 'onHold',
      code: 'ALREADY_DONE',
    },
    {
      why: 'a submitted dossier is with the Ministry: no hold here',
      status: 'submitted',
      event: 'onHold',
      code: 'WRONG_PHASE',
    },
    {
      why: 'a rejected or decided proposal is not put on hold',
      status: 'approved',
      event: 'onHold',
      code: 'WRONG_PHASE',
    },
    { why: 'only a held proposal is cleared', status: 'draft', event: 'cleared', code: 'CONFLICT' },
    { why: 'only a held proposal is disqualified', status: 'selected', event: 'disqualified', code: 'CONFLICT' },
  ] as const)('refused: $why ($code)', ({ status, event, code, ...rest }) => {
    expect(
      errorCodeOf(() =>
        governmentFlagHold({
          status,
          event,
          stage: 'selection',
          heldFrom: 'heldFrom' in rest ? rest.heldFrom : undefined,
        }),
      ),
    ).toBe(code);
  });

  it('a draft cleared after the vote cannot be judged without its ballot', () => {
    expect(
      domainErrorOf(() =>
        governmentFlagHold({ status: 'onHold', heldFrom: 'draft', event: 'cleared', stage: 'selection' }),
      ),
    ).toMatchObject({ code: 'VALIDATION', details: { path: ['ballot'] } });
  });
});
