import type { Meetings } from '../../../contracts/meeting';

/** The conferences' slice of the cycle state (optional: histories from before issue 12 have none). */
export interface MeetingsState {
  meetings?: Meetings;
}

export const noMeetings = (): Meetings => ({ midYear: null, yearEnd: null, annulled: [] });
