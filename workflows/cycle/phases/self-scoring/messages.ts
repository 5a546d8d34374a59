/** The self-scoring phase's act. Update names are part of the workflow's contract: never rename them. */
import { defineUpdate } from '@temporalio/workflow';
import type * as c from '../../../../contracts/cycle';
import type { ActResult, In } from '../../../act';

export const submitSelfScore = defineUpdate<ActResult, [In<typeof c.SubmitSelfScoreSchema>]>('submitSelfScore');
