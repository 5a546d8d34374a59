/**
 * Message definitions (Updates, Signals, Queries) shared by the workflows and the API.
 * Payload types come from the Zod contracts: one source for types, HTTP validation and OpenAPI.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { z } from 'zod';
import type * as c from '../contracts/cycle';
import type * as gf from '../contracts/government-flag';
import type { Roster } from '../contracts/common';
import type { CycleView, CouncilView } from './view';

type In<S extends z.ZodType> = z.input<S>;

export interface ActResult {
  ok: true;
  message: string;
  data?: Record<string, unknown>;
}

// Cycle workflow — bloc head acts
export const publishPlan = defineUpdate<ActResult, [In<typeof c.PublishPlanSchema>]>('publishPlan');
export const reviewPledge = defineUpdate<ActResult, [In<typeof c.ReviewPledgeSchema>]>('reviewPledge');
export const extendDeadline = defineUpdate<ActResult, [In<typeof c.ExtendDeadlineSchema>]>('extendDeadline');
export const compileBlocReport = defineUpdate<ActResult, [In<typeof c.CompileBlocReportSchema>]>('compileBlocReport');
export const reviewScore = defineUpdate<ActResult, [In<typeof c.ReviewScoreSchema>]>('reviewScore');
export const closeReview = defineUpdate<ActResult, [In<typeof c.CloseReviewSchema>]>('closeReview');
export const openMeeting = defineUpdate<ActResult, [In<typeof c.OpenMeetingSchema>]>('openMeeting');
export const closeRound = defineUpdate<ActResult, [In<typeof c.CloseRoundSchema>]>('closeRound');
export const decideContest = defineUpdate<ActResult, [In<typeof c.DecideContestSchema>]>('decideContest');
export const recordHandover = defineUpdate<ActResult, [In<typeof c.RecordHandoverSchema>]>('recordHandover');
// Cycle workflow — unit acts
export const submitPledge = defineUpdate<ActResult, [In<typeof c.SubmitPledgeSchema>]>('submitPledge');
export const submitMidYearReport = defineUpdate<ActResult, [In<typeof c.SubmitReportSchema>]>('submitMidYearReport');
export const submitSelfScore = defineUpdate<ActResult, [In<typeof c.SubmitSelfScoreSchema>]>('submitSelfScore');
export const castBallot = defineUpdate<ActResult, [In<typeof c.CastBallotSchema>]>('castBallot');
// Cycle workflow — admin / standing body acts
export const changeMembership = defineUpdate<ActResult, [In<typeof c.ChangeMembershipSchema>]>('changeMembership');
export const putOnHold = defineUpdate<ActResult, [In<typeof c.HoldSchema>]>('putOnHold');
export const resolveHold = defineUpdate<ActResult, [In<typeof c.ResolveHoldSchema>]>('resolveHold');

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

export const getCycle = defineQuery<CycleView>('getCycle');
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
