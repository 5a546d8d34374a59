/** The year-end meeting's acts. Update names are part of the workflow's contract: never rename them. */
import { defineUpdate } from '@temporalio/workflow';
import type * as c from '../../../../contracts/cycle';
import type { ActResult, In } from '../../../act';

export const openMeeting = defineUpdate<ActResult, [In<typeof c.OpenMeetingSchema>]>('openMeeting');
export const castBallot = defineUpdate<ActResult, [In<typeof c.CastBallotSchema>]>('castBallot');
export const closeRound = defineUpdate<ActResult, [In<typeof c.CloseRoundSchema>]>('closeRound');
export const decideContest = defineUpdate<ActResult, [In<typeof c.DecideContestSchema>]>('decideContest');
