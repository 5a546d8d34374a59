/**
 * Head and deputy rotation (Trưởng khối / Phó Trưởng khối). No national rule exists: the policy is
 * bloc configuration [PROV/PRAC] (domain §6). The province confirms the result by decision.
 */
import { DomainError, isDomainError } from './errors';
import type { RotationPolicy } from './ruleset';

export interface RotationInput {
  policy: RotationPolicy;
  /** Current member units, in the bloc's order. Units that left the bloc are simply absent. */
  members: readonly string[];
  currentHead?: string | null;
  currentDeputy?: string | null;
  /** Previous heads, most recent first (normally starting with currentHead). */
  recentHeads: readonly string[];
  /** Result of the year-end election (policy 'vote'). */
  elected?: { head?: string; deputy?: string };
  /** Decision of the province (policy 'appointed'). */
  appointed?: { head: string; deputy: string };
  /** Agreed order (policy 'fixedOrder'); may still list units that left the bloc. */
  fixedOrder?: readonly string[];
  noTwiceInARow: boolean;
}

export interface HeadAndDeputy {
  head: string;
  deputy: string;
}

const invalid = (message: string, details: Record<string, unknown> = {}): never => {
  throw new DomainError('VALIDATION', message, details);
};

/** The unit after `unit` in a cyclic list, skipping `skip`. */
function nextAfter(list: readonly string[], unit: string, skip: string): string {
  const i = list.indexOf(unit);
  for (let k = 1; k <= list.length; k++) {
    const candidate = list[(i + k) % list.length]!;
    if (candidate !== skip) return candidate;
  }
  return invalid('no other member to take the role', { unit });
}

function lastHeadOf(input: RotationInput): string | undefined {
  return input.currentHead ?? input.recentHeads[0] ?? undefined;
}

function checkNotTwice(input: RotationInput, head: string): void {
  const recent = new Set([input.currentHead, input.recentHeads[0]].filter((x): x is string => !!x));
  if (input.noTwiceInARow && recent.has(head)) {
    throw new DomainError('RULE_VIOLATION', `${head} was head last year and may not be head twice in a row`, {
      reason: 'twiceInARow',
      unit: head,
    });
  }
}

function checkPair(
  members: ReadonlySet<string>,
  pair: { head?: string; deputy?: string },
  what: string,
): HeadAndDeputy {
  const { head, deputy } = pair;
  if (!head) return invalid(`${what}: no head`, { path: [what, 'head'] });
  if (!deputy) return invalid(`${what}: no deputy`, { path: [what, 'deputy'] });
  if (!members.has(head)) return invalid(`${what}: head ${head} is not a member of the bloc`, { path: [what, 'head'] });
  if (!members.has(deputy))
    return invalid(`${what}: deputy ${deputy} is not a member of the bloc`, { path: [what, 'deputy'] });
  if (head === deputy) return invalid(`${what}: head and deputy must be different units`, { path: [what, 'deputy'] });
  return { head, deputy };
}

/** The rotation list for 'fixedOrder': the agreed order restricted to members, then new members in member order. */
function rotationList(fixedOrder: readonly string[], members: readonly string[]): string[] {
  const set = new Set(members);
  const listed = fixedOrder.filter((u) => set.has(u));
  return [...listed, ...members.filter((u) => !fixedOrder.includes(u))];
}

/**
 * Next year's head and deputy.
 * - deputySucceeds: the deputy becomes head; the next member after it (member order, cyclic) becomes
 *   deputy. If the deputy has left the bloc there is no one to succeed: RULE_VIOLATION
 *   { reason: 'deputyLeft' }, so that the province appoints (or the bloc votes).
 * - fixedOrder: the next member after the current head in the agreed order; a head that left the bloc
 *   is located in the agreed order and the next remaining member takes over; members missing from the
 *   order join at its end. No current head → the first of the order.
 * - vote: the elected pair, validated (members, distinct, not head twice in a row if configured).
 * - appointed: the province's decision, validated (members, distinct). noTwiceInARow is a bloc rule and
 *   does not bind the province's appointment.
 */
export function nextHeadAndDeputy(input: RotationInput): HeadAndDeputy {
  const { members } = input;
  const memberSet = new Set(members);
  if (memberSet.size !== members.length) invalid('duplicate members', { path: ['members'] });
  if (members.length < 2)
    invalid('a bloc needs at least two members to have a head and a deputy', { path: ['members'] });

  switch (input.policy) {
    case 'deputySucceeds': {
      const head = input.currentDeputy;
      if (!head || !memberSet.has(head)) {
        throw new DomainError(
          'RULE_VIOLATION',
          'the deputy has left the bloc (or there is none): the head must be appointed or elected',
          {
            reason: 'deputyLeft',
            deputy: head ?? null,
          },
        );
      }
      checkNotTwice(input, head);
      return { head, deputy: nextAfter(members, head, head) };
    }
    case 'fixedOrder': {
      const order = input.fixedOrder;
      if (!order || order.length === 0)
        return invalid("policy 'fixedOrder' needs fixedOrder", { path: ['fixedOrder'] });
      const list = rotationList(order, members);
      const last = lastHeadOf(input);
      let head: string;
      if (last === undefined) {
        head = list[0]!;
      } else if (list.includes(last)) {
        head = nextAfter(list, last, last);
      } else if (order.includes(last)) {
        // The head left the bloc: continue from its place in the agreed order.
        const i = order.indexOf(last);
        const following = [...order.slice(i + 1), ...order.slice(0, i)].find((u) => memberSet.has(u));
        head = following ?? list[0]!;
      } else {
        return invalid(`current head ${last} is neither a member nor in the agreed order`, { path: ['currentHead'] });
      }
      checkNotTwice(input, head);
      return { head, deputy: nextAfter(list, head, head) };
    }
    case 'vote': {
      const pair = checkPair(memberSet, input.elected ?? {}, 'elected');
      checkNotTwice(input, pair.head);
      return pair;
    }
    case 'appointed':
      return checkPair(memberSet, input.appointed ?? {}, 'appointed');
  }
}

/**
 * Next year's head and deputy, falling back when the configured policy cannot name them (no election
 * winner, the deputy has left the bloc): the deputy succeeds, then the agreed order — a year never
 * stalls on its handover [PRAC, domain §6 and §8.7: the deputy stands in for the head]. The policy
 * that answered is returned for the handover record. The last policy's error is thrown as is.
 */
export function nextHeadAndDeputyWithFallback(input: RotationInput): HeadAndDeputy & { policy: RotationPolicy } {
  const policies = [...new Set<RotationPolicy>([input.policy, 'deputySucceeds', 'fixedOrder'])];
  for (const policy of policies) {
    try {
      return { ...nextHeadAndDeputy({ ...input, policy }), policy };
    } catch (e) {
      if (!isDomainError(e) || policy === policies.at(-1)) throw e;
    }
  }
  throw new Error('unreachable: the last rotation policy either answers or throws');
}

/**
 * Who acts as head now (domain §8.7): the head while it is a member; if it left, the deputy acts as
 * head until the province confirms a new one; null if neither remains.
 */
export function actingHead(args: {
  members: readonly string[];
  head?: string | null;
  deputy?: string | null;
}): string | null {
  if (args.head && args.members.includes(args.head)) return args.head;
  if (args.deputy && args.members.includes(args.deputy)) return args.deputy;
  return null;
}

/** A year of the bloc that is still running, as the projection shows it. */
export interface RunningYear {
  year: number;
  /** Its phase (contracts/cycle.ts PHASES). */
  phase: string;
}

/** Phases in which a year's election of next year's head and deputy is still to come or under way. */
const ELECTION_OPEN = ['launch', 'pledge', 'midYear', 'selfScoring', 'review', 'voting'];

/**
 * May year `year` start by hand while earlier years run? The year-end conference of N both closes N
 * and launches N+1, often in January–March of N+1 ("tổng kết năm N, triển khai nhiệm vụ năm N+1")
 * [PRAC] domain §3 rows 6 and 12, §6: so N+1 may start while N's council review and handover go on.
 * But N+1's head is the one N elects: while N's year-end vote (nextHead/nextDeputy) is still to come,
 * starting N+1 is refused, and the answer names the open year. Answers that year, or null.
 */
export function yearBlockingStart(year: number, running: readonly RunningYear[]): RunningYear | null {
  return (
    [...running].filter((r) => r.year < year && ELECTION_OPEN.includes(r.phase)).sort((a, b) => a.year - b.year)[0] ??
    null
  );
}
