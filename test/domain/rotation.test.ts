import {
  actingHead,
  nextHeadAndDeputy,
  nextHeadAndDeputyWithFallback,
  yearBlockingStart,
  type RotationInput,
} from '../../domain/rotation';
import { domainErrorOf, errorCodeOf } from './helpers';

// Police, Military, Border guard, Procuracy (VKS), Court (TA), Inspectorate, Justice.
const MEMBERS = ['police', 'military', 'border', 'vks', 'court', 'inspect', 'justice'];

const base = (over: Partial<RotationInput>): RotationInput => ({
  policy: 'deputySucceeds',
  members: MEMBERS,
  currentHead: 'police',
  currentDeputy: 'military',
  recentHeads: ['police', 'court'],
  noTwiceInARow: false,
  ...over,
});

describe('nextHeadAndDeputy', () => {
  it.each([
    {
      rule: '[PRAC] §6 deputy succeeds; next member becomes deputy',
      input: base({}),
      expected: { head: 'military', deputy: 'border' },
    },
    {
      rule: '[PRAC] §6 deputy succeeds; member order wraps around',
      input: base({ currentHead: 'inspect', currentDeputy: 'justice' }),
      expected: { head: 'justice', deputy: 'police' },
    },
    {
      rule: '[PRAC] §8.7 the head left the bloc; the deputy still succeeds',
      input: base({ members: MEMBERS.filter((m) => m !== 'police') }),
      expected: { head: 'military', deputy: 'border' },
    },
    {
      rule: '[PRAC] §6 fixed order: next after the current head',
      input: base({
        policy: 'fixedOrder',
        fixedOrder: ['inspect', 'justice', 'police', 'military'],
        currentHead: 'justice',
      }),
      expected: { head: 'police', deputy: 'military' },
    },
    {
      rule: '[PRAC] §6 fixed order: members missing from the order join at its end',
      input: base({
        policy: 'fixedOrder',
        fixedOrder: ['inspect', 'justice', 'police', 'military'],
        currentHead: 'military',
      }),
      expected: { head: 'border', deputy: 'vks' },
    },
    {
      rule: '[PRAC] §6 fixed order wraps around',
      input: base({ policy: 'fixedOrder', fixedOrder: MEMBERS, currentHead: 'justice' }),
      expected: { head: 'police', deputy: 'military' },
    },
    {
      rule: '[PRAC] §6 fixed order, first year: first in the order',
      input: base({ policy: 'fixedOrder', fixedOrder: MEMBERS, currentHead: null, recentHeads: [] }),
      expected: { head: 'police', deputy: 'military' },
    },
    {
      rule: '[PRAC] §8.6 fixed order: the head left; its successor in the order takes over',
      input: base({
        policy: 'fixedOrder',
        fixedOrder: ['inspect', 'thads', 'justice', 'police'],
        members: MEMBERS,
        currentHead: 'thads',
      }),
      expected: { head: 'justice', deputy: 'police' },
    },
    {
      rule: '[PRAC] §8.6 fixed order: units that left are skipped as deputy',
      input: base({
        policy: 'fixedOrder',
        fixedOrder: ['inspect', 'thads', 'justice'],
        members: ['inspect', 'justice'],
        currentHead: 'justice',
      }),
      expected: { head: 'inspect', deputy: 'justice' },
    },
    {
      rule: '[PRAC] §6 vote: the elected pair',
      input: base({ policy: 'vote', elected: { head: 'inspect', deputy: 'vks' } }),
      expected: { head: 'inspect', deputy: 'vks' },
    },
    {
      rule: '[PROV] vote: re-electing the head is allowed without noTwiceInARow',
      input: base({ policy: 'vote', elected: { head: 'police', deputy: 'vks' } }),
      expected: { head: 'police', deputy: 'vks' },
    },
    {
      rule: '[PROV] §6 appointed by the province',
      input: base({ policy: 'appointed', appointed: { head: 'court', deputy: 'vks' } }),
      expected: { head: 'court', deputy: 'vks' },
    },
    {
      rule: "[PROV] the province's appointment is not bound by the bloc's noTwiceInARow",
      input: base({ policy: 'appointed', noTwiceInARow: true, appointed: { head: 'police', deputy: 'vks' } }),
      expected: { head: 'police', deputy: 'vks' },
    },
  ])('$rule', ({ input, expected }) => {
    expect(nextHeadAndDeputy(input)).toEqual(expected);
  });

  it.each([
    {
      rule: '[PROV] §6 noTwiceInARow forbids re-electing the head',
      input: base({ policy: 'vote', noTwiceInARow: true, elected: { head: 'police', deputy: 'vks' } }),
      code: 'RULE_VIOLATION',
    },
    {
      rule: '[PROV] noTwiceInARow also checks the last recorded head',
      input: base({
        policy: 'vote',
        noTwiceInARow: true,
        currentHead: null,
        recentHeads: ['court'],
        elected: { head: 'court', deputy: 'vks' },
      }),
      code: 'RULE_VIOLATION',
    },
    {
      rule: '[PRAC] vote: no elected head',
      input: base({ policy: 'vote', elected: { deputy: 'vks' } }),
      code: 'VALIDATION',
    },
    {
      rule: '[PRAC] vote: no elected deputy',
      input: base({ policy: 'vote', elected: { head: 'vks' } }),
      code: 'VALIDATION',
    },
    { rule: '[PRAC] vote: nothing elected', input: base({ policy: 'vote' }), code: 'VALIDATION' },
    {
      rule: '[PRAC] vote: elected head is not a member',
      input: base({ policy: 'vote', elected: { head: 'ghost', deputy: 'vks' } }),
      code: 'VALIDATION',
    },
    {
      rule: '[PRAC] vote: head and deputy must differ',
      input: base({ policy: 'vote', elected: { head: 'vks', deputy: 'vks' } }),
      code: 'VALIDATION',
    },
    { rule: '[PROV] appointed: no decision given', input: base({ policy: 'appointed' }), code: 'VALIDATION' },
    {
      rule: '[PROV] appointed: deputy is not a member',
      input: base({ policy: 'appointed', appointed: { head: 'vks', deputy: 'ghost' } }),
      code: 'VALIDATION',
    },
    { rule: '[PRAC] fixed order: no order given', input: base({ policy: 'fixedOrder' }), code: 'VALIDATION' },
    {
      rule: '[PRAC] fixed order: current head unknown to order and bloc',
      input: base({ policy: 'fixedOrder', fixedOrder: MEMBERS, currentHead: 'ghost' }),
      code: 'VALIDATION',
    },
    { rule: '[PRAC] a bloc needs two members', input: base({ members: ['military'] }), code: 'VALIDATION' },
    { rule: 'duplicate members', input: base({ members: ['police', 'police', 'military'] }), code: 'VALIDATION' },
  ])('$rule → $code', ({ input, code }) => {
    expect(errorCodeOf(() => nextHeadAndDeputy(input))).toBe(code);
  });

  it('[PRAC] §8.7 deputySucceeds with the deputy gone asks for an appointment or a vote', () => {
    const err = domainErrorOf(() => nextHeadAndDeputy(base({ members: MEMBERS.filter((m) => m !== 'military') })));
    expect(err.code).toBe('RULE_VIOLATION');
    expect(err.details?.reason).toBe('deputyLeft');
  });
});

describe('actingHead', () => {
  it.each([
    {
      rule: '[PRAC] the head acts while it is a member',
      members: MEMBERS,
      head: 'police',
      deputy: 'military',
      expected: 'police',
    },
    {
      rule: '[PRAC] §8.7 head left: the deputy acts as head',
      members: MEMBERS.filter((m) => m !== 'police'),
      head: 'police',
      deputy: 'military',
      expected: 'military',
    },
    {
      rule: '[PRAC] §8.7 both left: nobody',
      members: ['vks', 'court'],
      head: 'police',
      deputy: 'military',
      expected: null,
    },
  ])('$rule', ({ members, head, deputy, expected }) => {
    expect(actingHead({ members, head, deputy })).toBe(expected);
  });
});

describe('nextHeadAndDeputyWithFallback (the handover never stalls)', () => {
  it.each([
    {
      rule: "[PROV] 'vote' with an elected pair: the election stands",
      input: { policy: 'vote', elected: { head: 'vks', deputy: 'court' } },
      expected: { head: 'vks', deputy: 'court', policy: 'vote' },
    },
    {
      rule: "[PRAC] §6 'vote' without a winner: the deputy succeeds",
      input: { policy: 'vote', elected: {} },
      expected: { head: 'military', deputy: 'border', policy: 'deputySucceeds' },
    },
    {
      rule: "[PRAC] §8.7 'deputySucceeds' with the deputy gone: the agreed order",
      input: {
        policy: 'deputySucceeds',
        members: MEMBERS.filter((m) => m !== 'military'),
        fixedOrder: ['police', 'military', 'vks', 'court'],
      },
      expected: { head: 'vks', deputy: 'court', policy: 'fixedOrder' },
    },
  ] as { rule: string; input: Partial<RotationInput>; expected: unknown }[])('$rule', ({ input, expected }) => {
    expect(nextHeadAndDeputyWithFallback(base(input))).toEqual(expected);
  });

  it('the last policy failing throws its own error', () => {
    const err = domainErrorOf(() =>
      nextHeadAndDeputyWithFallback(
        base({ policy: 'vote', elected: {}, members: MEMBERS.filter((m) => m !== 'military') }),
      ),
    );
    expect(err.code).toBe('VALIDATION');
  });
});

describe('yearBlockingStart: N+1 starts by hand only once N has elected its head and deputy (§3, §6)', () => {
  it.each([
    { rule: 'no earlier year running', running: [], expected: null },
    { rule: 'N in its council review: N+1 may start', running: [{ year: 2025, phase: 'council' }], expected: null },
    { rule: 'N handing over: N+1 may start', running: [{ year: 2025, phase: 'handover' }], expected: null },
    { rule: 'N closed: N+1 may start', running: [{ year: 2025, phase: 'closed' }], expected: null },
    {
      rule: 'N still voting: refused, N named',
      running: [{ year: 2025, phase: 'voting' }],
      expected: { year: 2025, phase: 'voting' },
    },
    {
      rule: 'N at launch: refused',
      running: [{ year: 2025, phase: 'launch' }],
      expected: { year: 2025, phase: 'launch' },
    },
    {
      rule: 'a later year running does not block an earlier one',
      running: [{ year: 2027, phase: 'pledge' }],
      expected: null,
    },
    {
      rule: 'the earliest open year is named',
      running: [
        { year: 2025, phase: 'review' },
        { year: 2024, phase: 'voting' },
      ],
      expected: { year: 2024, phase: 'voting' },
    },
  ])('$rule', ({ running, expected }) => {
    expect(yearBlockingStart(2026, running)).toEqual(expected);
  });
});
