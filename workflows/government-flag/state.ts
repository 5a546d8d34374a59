import type { z } from 'zod';
import type { Actor } from '../../contracts/common';
import * as gf from '../../contracts/government-flag';
import type { GovernmentFlagHeldFrom } from '../../domain/government-flag';
import { meetsThreshold } from '../../domain/threshold';
import { requireRole, type ActResult } from '../act';
import { write, type EffectQueue } from '../effects';
import { reject } from '../errors';
import { shuffled } from '../shuffle';

export interface CandidateState extends gf.GovernmentFlagCandidate {
  status: gf.GovernmentFlagStatus;
  reason?: string;
  /** While on hold (ND 152/2025 Art. 4(4)): the status it returns to when cleared. */
  heldFrom?: GovernmentFlagHeldFrom;
  voteShare: number | null;
  rank: number | null;
  decisionNumber?: string;
  amountVnd?: number;
}

export interface GovernmentFlagResult {
  workflowId: string;
  year: number;
  quota: number;
  submission: { letterNumber: string; letterDate: string } | null;
  candidates: {
    unitId: string;
    status: gf.GovernmentFlagStatus;
    rank: number | null;
    voteShare: number | null;
    reason?: string;
    decisionNumber?: string;
    amountVnd?: number;
  }[];
}

/** The Government-flag workflow's state (one province, one year). */
export interface GovFlagState {
  workflowId: string;
  input: z.output<typeof gf.GovernmentFlagInputSchema>;
  members: string[];
  /** The council's secretaries and the admins: from the input, replaced by rosterChanged while the selection runs. */
  secretaryIds: string[];
  adminIds: string[] | undefined;
  processed: Record<string, ActResult>;
  candidates: CandidateState[];
  tallies: Record<string, { voters: string[]; box: { choices: string[] }[] }>;
  phase: gf.GovernmentFlagPhase;
  votedOn: string | null;
  submission: { letterNumber: string; letterDate: string } | null;
  /** Writes run one after another: a handler's writes never interleave with another's or the deadline's (effects.inOrder). */
  writing: Promise<unknown>;
  /** Queued effects (runs started with the batched-effects patch; see workflows/effects.ts). */
  fx?: EffectQueue;
}

export const SIGNER = 'Thủ tướng Chính phủ';

export const find = (s: GovFlagState, unitId: string) => s.candidates.find((c) => c.unitId === unitId);

export const roundOf = (s: GovFlagState, c: CandidateState) => ({
  cycleId: c.cycleId,
  contest: gf.governmentFlagContest(c.proposalId),
  round: 1,
  candidates: ['yes'],
  seats: 1,
  eligibleVoters: s.members.length,
  present: s.members.length,
});
export const persist = (s: GovFlagState, list: CandidateState[]) =>
  write(s, 'recordGovernmentFlagProposals', {
    proposals: list.map((c) => ({
      proposalId: c.proposalId,
      cycleId: c.cycleId,
      unitId: c.unitId,
      achievementPeriod: String(s.input.year),
      achievement: c.achievement,
      status: c.status,
      reason: c.reason ?? null,
      voteShare: c.voteShare,
    })),
  });
export const closeRounds = async (s: GovFlagState, rows: Record<string, unknown>) => {
  for (const c of s.candidates) {
    const t = s.tallies[c.unitId]!;
    await write(s, 'closeRound', {
      ...roundOf(s, c),
      present: t.voters.length,
      ballots: shuffled(t.box),
      result: rows[c.unitId] ?? null,
    });
  }
};
// By the workflow's own records: its secretaries, and its admins where the input names them (older histories: the claimed role).
export const requireSecretary = (s: GovFlagState, actor: Actor) => {
  requireRole(actor, 'councilSecretary', 'admin');
  const admin = actor.roles.includes('admin') && (!s.adminIds || s.adminIds.includes(actor.personId));
  if (!admin && !s.secretaryIds.includes(actor.personId))
    reject('FORBIDDEN', 'only the secretary of this council does this');
};

export const yesOf = (s: GovFlagState, c: CandidateState) =>
  s.tallies[c.unitId]!.box.filter((b) => b.choices.includes('yes')).length;
export const ballotOf = (s: GovFlagState, c: CandidateState) => ({
  yes: yesOf(s, c),
  base: s.members.length,
  share: yesOf(s, c) / s.members.length,
  passes: meetsThreshold(yesOf(s, c), s.members.length, s.input.threshold),
});
/** The selection ends once nothing is left to submit or to decide, held candidates included. */
export const settle = (s: GovFlagState) => {
  const waiting: gf.GovernmentFlagStatus[] =
    s.phase === 'submission' ? ['selected', 'onHold'] : s.phase === 'outcome' ? ['submitted', 'onHold'] : [];
  if (waiting.length > 0 && !s.candidates.some((c) => waiting.includes(c.status))) s.phase = 'closed';
};
export const holdStage = (s: GovFlagState) =>
  s.phase === 'opening' || s.phase === 'voting' ? 'voting' : s.phase === 'submission' ? 'selection' : 'submitted';
