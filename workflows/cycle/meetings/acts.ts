/**
 * The conferences as records (issue 12): the head (or deputy, who often hosts the mid-year review) schedules a
 * meeting and records it once held; the head annuls one with a reason so that it can be held again.
 *
 * Annulling the year-end conference and the vote that hangs on it: the conference may be annulled in the voting
 * phase as long as no ballot has been cast. Its quorum record is then withdrawn (the open round waits, no ballot
 * is accepted and no round closes early) until the head opens the re-held conference with /meeting. Once a ballot
 * is cast the count is the conference's official result and annulling it is refused (409 CONFLICT); after the vote
 * the proposals are with the council, which returns or rejects them (its own acts).
 */
import * as c from '../../../contracts/meeting';
import { checkMeetingDate } from '../../../domain/meeting';
import { vnDateTimeOf } from '../../../domain/vietnam-time';
import { cycleNotices, meetingNames } from '../../../notifications/catalogue';
import { ok } from '../../act';
import { write } from '../../effects';
import { reject } from '../../errors';
import { auditAct, requireHead, unitOf } from '../guards';
import { registerCycleAct } from '../projection';
import { activeUnitIds, type CycleState } from '../state';
import * as m from './messages';
import { noMeetings } from './state';

const meetingsOf = (s: CycleState) => (s.meetings ??= noMeetings());

const notOver = (s: CycleState) => {
  if (s.phase === 'closed') reject('WRONG_PHASE', 'the year is closed');
};

/** The units present at the recorded year-end conference, when it is recorded. */
export function recordedPresent(s: CycleState): string[] | undefined {
  const y = s.meetings?.yearEnd;
  return y?.status === 'held' ? (y.attendance ?? []).map((a) => a.unitId) : undefined;
}

export const sameUnits = (a: readonly string[], b: readonly string[]) =>
  new Set(a).size === new Set(b).size && a.every((id) => b.includes(id));

export function registerMeetingActs(s: CycleState): void {
  registerCycleAct(
    s,
    m.scheduleMeeting,
    c.ScheduleMeetingSchema,
    (a) => {
      notOver(s);
      requireHead(s, a.actor, true);
      if (a.kind === 'midYear' && !['launch', 'pledge', 'midYear', 'selfScoring'].includes(s.phase))
        reject('WRONG_PHASE', `the mid-year review is past (phase ${s.phase})`);
      if (a.kind === 'yearEnd' && ['council', 'handover'].includes(s.phase))
        reject('WRONG_PHASE', `the year-end vote is over (phase ${s.phase})`);
      const current = s.meetings?.[a.kind];
      if (current?.status === 'held')
        reject('ALREADY_DONE', 'this meeting is recorded as held; annul it first (/meetings/annul) to hold it again');
      checkMeetingDate(a.kind, s.input.year, Date.parse(a.at), ['at']);
      unitOf(s, a.hostUnitId);
    },
    async (a) => {
      const all = meetingsOf(s);
      const before = all[a.kind];
      all[a.kind] = {
        kind: a.kind,
        status: 'scheduled',
        at: a.at,
        place: a.place,
        hostUnitId: a.hostUnitId,
        chair: a.chair,
        agenda: a.agenda,
        scheduledBy: a.actor.personId,
      };
      const units = activeUnitIds(s);
      await write(s, 'notify', {
        dedupeKey: `${s.workflowId}:meeting:${a.requestId}`,
        cycleId: s.workflowId,
        unitIds: units,
        kind: 'info',
        ...cycleNotices.meetingScheduled(
          meetingNames[a.kind],
          vnDateTimeOf(new Date(a.at)).replace('T', ' '),
          a.place,
          s.units[a.hostUnitId]!.name,
          a.agenda,
        ),
      });
      await auditAct(s, a, before ? 'meeting.reschedule' : 'meeting.schedule', `${s.workflowId}:${a.kind}`, {
        at: a.at,
        place: a.place,
        hostUnitId: a.hostUnitId,
        chair: a.chair,
      });
      return ok('meeting scheduled; the member units are notified', { kind: a.kind, notified: units.length });
    },
    { projects: true },
  );

  registerCycleAct(
    s,
    m.recordMeeting,
    c.RecordMeetingSchema,
    (a) => {
      notOver(s);
      requireHead(s, a.actor, true);
      const current = s.meetings?.[a.kind];
      if (!current) reject('WRONG_PHASE', 'schedule the meeting first (/meetings/schedule)');
      if (a.kind === 'yearEnd' && !['voting', 'council', 'handover'].includes(s.phase))
        reject('WRONG_PHASE', `the year-end conference is recorded from the voting phase on (phase ${s.phase})`);
      const startedAt = Date.parse(a.startedAt ?? current.at);
      checkMeetingDate(a.kind, s.input.year, startedAt, [a.startedAt ? 'startedAt' : 'at']);
      if (Date.parse(a.endedAt) <= startedAt)
        reject('VALIDATION', 'the meeting must end after it starts', { path: ['endedAt'] });
      const seen = new Set<string>();
      a.attendance.forEach((x, i) => {
        if (!s.units[x.unitId]?.active)
          reject('VALIDATION', `unit ${x.unitId} is not a member`, { path: ['attendance', i, 'unitId'] });
        if (seen.has(x.unitId)) reject('VALIDATION', 'unit listed twice', { path: ['attendance', i, 'unitId'] });
        seen.add(x.unitId);
      });
      // The vote's roll is the conference's: once the vote is open, the record must name the same units.
      if (a.kind === 'yearEnd' && s.meeting?.quorumMet && !sameUnits([...seen], s.meeting.presentUnitIds))
        reject('VALIDATION', 'the units present must be those the vote was opened with (/meeting)', {
          path: ['attendance'],
        });
    },
    async (a) => {
      const all = meetingsOf(s);
      const current = all[a.kind]!;
      all[a.kind] = {
        ...current,
        status: 'held',
        startedAt: a.startedAt ?? current.at,
        endedAt: a.endedAt,
        place: a.place ?? current.place,
        chair: a.chair ?? current.chair,
        ...(a.secretary ? { secretary: a.secretary } : {}),
        attendance: a.attendance,
        guests: a.guests,
      };
      await auditAct(
        s,
        a,
        current.status === 'held' ? 'meeting.correct' : 'meeting.record',
        `${s.workflowId}:${a.kind}`,
        {
          startedAt: a.startedAt ?? current.at,
          endedAt: a.endedAt,
          place: a.place ?? current.place,
          present: a.attendance.map((x) => x.unitId),
          guests: a.guests.length,
        },
      );
      return ok('meeting recorded', { kind: a.kind, present: a.attendance.length });
    },
    { projects: true },
  );

  registerCycleAct(
    s,
    m.annulMeeting,
    c.AnnulMeetingSchema,
    (a) => {
      notOver(s);
      requireHead(s, a.actor);
      if (!s.meetings?.[a.kind]) reject('NOT_FOUND', 'there is no such meeting to annul');
      if (a.kind === 'yearEnd') {
        if (['council', 'handover'].includes(s.phase))
          reject('WRONG_PHASE', "the conference's vote is counted and its proposals are with the council");
        if (s.contests.some((x) => x.rounds.length > 0 || x.voted.length > 0))
          reject('CONFLICT', 'ballots have been cast at this conference: its vote stands and it cannot be annulled');
      }
    },
    async (a) => {
      const all = meetingsOf(s);
      const was = all[a.kind]!.status;
      const annulled = { ...all[a.kind]!, status: 'annulled' as const, annulReason: a.reason };
      all.annulled.push(annulled);
      all[a.kind] = null;
      // The vote waits for the re-held conference: its quorum record is withdrawn (phases/voting/acts.ts).
      if (a.kind === 'yearEnd' && s.meeting) s.meeting.quorumMet = false;
      await write(s, 'notify', {
        dedupeKey: `${s.workflowId}:meeting-annul:${a.requestId}`,
        cycleId: s.workflowId,
        unitIds: activeUnitIds(s),
        kind: 'info',
        ...cycleNotices.meetingAnnulled(meetingNames[a.kind], a.reason),
      });
      await auditAct(s, a, 'meeting.annul', `${s.workflowId}:${a.kind}`, { reason: a.reason, was });
      return ok('meeting annulled; it may be scheduled again', { kind: a.kind });
    },
    { projects: true },
  );
}
