/** The mid-year phase's acts. Update names are part of the workflow's contract: never rename them. */
import { defineUpdate } from '@temporalio/workflow';
import type * as c from '../../../../contracts/cycle';
import type { ActResult, In } from '../../../act';

export const submitMidYearReport = defineUpdate<ActResult, [In<typeof c.SubmitReportSchema>]>('submitMidYearReport');
export const compileBlocReport = defineUpdate<ActResult, [In<typeof c.CompileBlocReportSchema>]>('compileBlocReport');
