/** The pledge phase's acts. Update names are part of the workflow's contract: never rename them. */
import { defineUpdate } from '@temporalio/workflow';
import type * as c from '../../../../contracts/cycle';
import type { ActResult, In } from '../../../act';

export const submitPledge = defineUpdate<ActResult, [In<typeof c.SubmitPledgeSchema>]>('submitPledge');
export const reviewPledge = defineUpdate<ActResult, [In<typeof c.ReviewPledgeSchema>]>('reviewPledge');
