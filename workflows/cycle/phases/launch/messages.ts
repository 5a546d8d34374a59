/** The launch phase's act: the head publishes the year's plan. Update names are part of the workflow's contract: never rename them. */
import { defineUpdate } from '@temporalio/workflow';
import type * as c from '../../../../contracts/cycle';
import type { ActResult, In } from '../../../act';

export const publishPlan = defineUpdate<ActResult, [In<typeof c.PublishPlanSchema>]>('publishPlan');
