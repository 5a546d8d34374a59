/** The review phase's acts (head and deputy). Update names are part of the workflow's contract: never rename them. */
import { defineUpdate } from '@temporalio/workflow';
import type * as c from '../../../../contracts/cycle';
import type { ActResult, In } from '../../../act';

export const reviewScore = defineUpdate<ActResult, [In<typeof c.ReviewScoreSchema>]>('reviewScore');
export const closeReview = defineUpdate<ActResult, [In<typeof c.CloseReviewSchema>]>('closeReview');
