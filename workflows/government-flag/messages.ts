/** The Government-flag workflow's acts and query. Names are part of the workflow's contract: never rename them. */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type * as gf from '../../contracts/government-flag';
import type { ActResult, In } from '../act';

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
