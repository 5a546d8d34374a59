/** The ballot-count record's data from the bloc year's facts (see meeting/load.ts). */
import type { Ctx } from '../../cycle-facts';
import { meetingRecipients, type MeetingDocs } from '../../meeting/load';
import type { BallotCountInput } from './model';

export function buildBallotCount(
  ctx: Ctx,
  md: MeetingDocs,
  number: number | null,
  councilName: string | null,
): BallotCountInput {
  return {
    header: { parentBody: ctx.parentBody, issuingBody: ctx.issuingBody, issuerAbbr: ctx.abbr, number },
    blocName: ctx.blocName,
    year: ctx.cycle.year,
    startedAt: md.meeting.firstCountAt.toISOString(),
    announcedAt: md.meeting.endedAt.toISOString(),
    venue: md.meeting.venue,
    committee: [
      { ...md.secretary, role: 'head' },
      { ...md.chair, role: 'member' },
    ],
    members: md.members,
    votingMethod: 'secretBallot',
    contests: md.contests,
    recipients: meetingRecipients(ctx, councilName),
  };
}
