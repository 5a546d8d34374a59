/** The conferences' acts (schedule, record, annul). Update names are part of the workflow's contract: never rename them. */
import { defineUpdate } from '@temporalio/workflow';
import type * as c from '../../../contracts/meeting';
import type { ActResult, In } from '../../act';

export const scheduleMeeting = defineUpdate<ActResult, [In<typeof c.ScheduleMeetingSchema>]>('scheduleMeeting');
export const recordMeeting = defineUpdate<ActResult, [In<typeof c.RecordMeetingSchema>]>('recordMeeting');
export const annulMeeting = defineUpdate<ActResult, [In<typeof c.AnnulMeetingSchema>]>('annulMeeting');
