/**
 * Message definitions (Updates, Signals, Queries) shared by the workflows and the API: the one import
 * point. Each is defined beside the phase or workflow that handles it (workflows/cycle/phases/<phase>/
 * messages.ts, workflows/cycle/messages.ts, …) and re-exported here. Payload types come from the Zod
 * contracts: one source for types, HTTP validation and OpenAPI.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type * as c from '../contracts/cycle';
import type * as gf from '../contracts/government-flag';
import type { Roster } from '../contracts/common';
import type { ActResult, In } from './act';
import type { CouncilView } from './view';

export type { ActResult } from './act';

// Cycle workflow — by phase
export * from './cycle/phases/launch/messages';
export * from './cycle/phases/pledge/messages';
export * from './cycle/phases/mid-year/messages';
export * from './cycle/phases/self-scoring/messages';
export * from './cycle/phases/review/messages';
export * from './cycle/phases/voting/messages';
export * from './cycle/phases/handover/messages';
// Cycle workflow — open in every phase, and its query
export * from './cycle/messages';

// Council workflow
export const castCouncilVote = defineUpdate<ActResult, [In<typeof c.CouncilVoteSchema>]>('castCouncilVote');
export const decideProposal = defineUpdate<ActResult, [In<typeof c.CouncilDecisionSchema>]>('decideProposal');
export const closeCouncilVote = defineUpdate<ActResult, [In<typeof c.CloseCouncilVoteSchema>]>('closeCouncilVote');
export const resubmitProposal = defineUpdate<ActResult, [In<typeof c.ResubmitProposalSchema>]>('resubmitProposal');
/** Parent → council child: a unit's hold state changed (ND 152/2025 Art. 4(4)). */
export const holdChanged =
  defineSignal<[{ unitId: string; state: 'onHold' | 'cleared' | 'disqualified'; reason: string }]>('holdChanged');

/**
 * API → cycle, council and Government-flag workflows: who holds which office now (contracts/common.ts
 * RosterSchema, recomputed by api/rosters.ts after an admin change). Replaces the workflow's roster;
 * a payload that does not parse is ignored (a signal cannot be refused).
 */
export const rosterChanged = defineSignal<[Roster]>('rosterChanged');

export const getCouncil = defineQuery<CouncilView>('getCouncil');

// Government-flag workflow (province-year): council members vote; the secretary closes, submits, records outcomes.
export const castGovernmentFlagVote = defineUpdate<ActResult, [In<typeof gf.GovernmentFlagVoteSchema>]>(
  'castGovernmentFlagVote',
);
export const closeGovernmentFlagVote = defineUpdate<ActResult, [In<typeof gf.CloseGovernmentFlagVoteSchema>]>(
  'closeGovernmentFlagVote',
);
export const submitGovernmentFlag = defineUpdate<ActResult, [In<typeof gf.GovernmentFlagSubmissionSchema>]>(
  'submitGovernmentFlag',
);
export const recordGovernmentFlagOutcome = defineUpdate<ActResult, [In<typeof gf.GovernmentFlagOutcomeSchema>]>(
  'recordGovernmentFlagOutcome',
);
export const holdGovernmentFlagCandidate = defineUpdate<ActResult, [In<typeof gf.GovernmentFlagHoldSchema>]>(
  'holdGovernmentFlagCandidate',
);
export const resolveGovernmentFlagHold = defineUpdate<ActResult, [In<typeof gf.ResolveGovernmentFlagHoldSchema>]>(
  'resolveGovernmentFlagHold',
);
export const getGovernmentFlag = defineQuery<gf.GovernmentFlagView>('getGovernmentFlag');
