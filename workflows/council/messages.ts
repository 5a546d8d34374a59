/** The council review's acts, signal and query. Names are part of the workflow's contract: never rename them. */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type * as c from '../../contracts/cycle';
import type { ActResult, In } from '../act';
import type { CouncilView } from '../view';

export const castCouncilVote = defineUpdate<ActResult, [In<typeof c.CouncilVoteSchema>]>('castCouncilVote');
export const decideProposal = defineUpdate<ActResult, [In<typeof c.CouncilDecisionSchema>]>('decideProposal');
export const closeCouncilVote = defineUpdate<ActResult, [In<typeof c.CloseCouncilVoteSchema>]>('closeCouncilVote');
export const resubmitProposal = defineUpdate<ActResult, [In<typeof c.ResubmitProposalSchema>]>('resubmitProposal');
/** Parent → council child: a unit's hold state changed (ND 152/2025 Art. 4(4)). */
export const holdChanged =
  defineSignal<[{ unitId: string; state: 'onHold' | 'cleared' | 'disqualified'; reason: string }]>('holdChanged');

export const getCouncil = defineQuery<CouncilView>('getCouncil');
