/** Ballot fixtures shared by the tally tests (test/domain/tally*.test.ts). */
import type { Threshold } from '../../domain/ruleset';
import type { TallyInput } from '../../domain/tally';

export const ALL80: Threshold = { ratio: 0.8, base: 'allMembers', strict: false };
export const PRESENT80: Threshold = { ratio: 0.8, base: 'present', strict: false };
export const VALID80: Threshold = { ratio: 0.8, base: 'validBallots', strict: false };
export const ALL_MAJORITY: Threshold = { ratio: 0.5, base: 'allMembers', strict: true };
export const ALL_HALF: Threshold = { ratio: 0.5, base: 'allMembers', strict: false };
export const TWO_THIRDS: Threshold = { ratio: 2 / 3, base: 'allMembers', strict: false };

/** `votes('A', 8, 'B', 1)` → 8 ballots for A, 1 for B (single-choice ballots). */
export function votes(...spec: (string | number)[]): { choices: string[] }[] {
  const out: { choices: string[] }[] = [];
  for (let i = 0; i < spec.length; i += 2) {
    const who = spec[i] as string;
    for (let k = 0; k < (spec[i + 1] as number); k++) out.push({ choices: who === '' ? [] : [who] });
  }
  return out;
}

export const round = (over: Partial<TallyInput>): TallyInput => ({
  candidates: ['A', 'B', 'C'],
  seats: 1,
  eligibleVoters: 10,
  present: 10,
  ballots: [],
  threshold: ALL80,
  quorum: TWO_THIRDS,
  ...over,
});

/** 12 members, 2 seats, > 50% needed (7): A 10, B 7, C 7 → A elected, B and C tied for the second seat. */
export const tiedTwoSeats = round({
  seats: 2,
  eligibleVoters: 12,
  present: 12,
  threshold: ALL_MAJORITY,
  ballots: [
    ...Array.from({ length: 5 }, () => ({ choices: ['A', 'B'] })),
    ...Array.from({ length: 5 }, () => ({ choices: ['A', 'C'] })),
    ...Array.from({ length: 2 }, () => ({ choices: ['B', 'C'] })),
  ],
});
