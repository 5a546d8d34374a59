import type { z } from 'zod';
import type * as c from '../../contracts/cycle';
import type { Proposal } from '../../contracts/cycle';
import type { Roster } from '../../contracts/common';
import type { ActResult } from '../act';
import type { CouncilView } from '../view';
import type { EffectQueue } from '../effects';

export interface VoteTally {
  voters: string[];
  box: { choices: string[] }[];
  /** Set once the vote is closed (every member voted, the council's deadline, or the secretary): the fixed result. */
  closed?: VoteResult;
}

export interface VoteResult {
  yes: number;
  no: number;
  voted: number;
  base: number;
  share: number;
  passes: boolean;
  closedBy: 'allVoted' | 'deadline' | 'secretary';
}

/** The council review's state. */
export interface CouncilState {
  workflowId: string;
  input: z.output<typeof c.CouncilInputSchema>;
  /** Votes close before a decision (patch council-vote-close); older reviews decide on the open tally. */
  closesVotes: boolean;
  /** Who holds which office: the cycle's roster when the review started, replaced by rosterChanged. */
  roster?: Roster;
  proposals: Proposal[];
  tallies: Record<string, VoteTally>;
  /**
   * Between a dossier's (re)submission and its round row being stored the vote is "opening": a member
   * who votes then is not refused — the handler waits the moment until the tally is open.
   */
  opening: Set<string>;
  processed: Record<string, ActResult>;
  /** Queued effects (runs started with the batched-effects patch; see workflows/effects.ts). */
  fx?: EffectQueue;
}

export const TERMINAL: Proposal['status'][] = ['approved', 'rejected', 'disqualified'];

export const find = (s: CouncilState, id: string) => s.proposals.find((p) => p.proposalId === id);

export const allDone = (s: CouncilState) => s.proposals.every((p) => TERMINAL.includes(p.status));

export function toCouncilView(s: CouncilState): CouncilView {
  const statusCounts: CouncilView['statusCounts'] = {};
  for (const p of s.proposals) statusCounts[p.status] = (statusCounts[p.status] ?? 0) + 1;
  return {
    workflowId: s.workflowId,
    done: allDone(s),
    statusCounts,
    proposals: s.proposals.map((p) => {
      const t = s.tallies[p.proposalId];
      // Counts only once the vote is closed (or, in reviews from before closing, never from this query).
      const r = t?.closed;
      return {
        ...p,
        voted: t?.voters.length ?? 0,
        voteClosed: r !== undefined,
        votesFor: r ? r.yes : null,
        votesAgainst: r ? r.no : null,
      };
    }),
  };
}
