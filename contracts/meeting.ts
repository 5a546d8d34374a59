/**
 * The bloc's two conferences as records (issue 12): the mid-year review (sơ kết) and the year-end conference
 * (hội nghị tổng kết, bình xét). The head schedules one (date and time, place, host unit, chair, agenda: the units
 * are notified), records it once held (people present per unit, guests), or annuls it with a reason so that it can
 * be held again. The minutes and every document of the meeting take date and place from this record.
 */
import { z } from 'zod';
import { MEETING_KINDS } from '../domain/meeting';
import { ActEnvelopeSchema, IdSchema, IsoDateTimeSchema, trimmedText } from './common';

export const MeetingKindSchema = z.enum(MEETING_KINDS);
export type MeetingKind = z.infer<typeof MeetingKindSchema>;

/** A person at the meeting: full name and post (`Nguyễn Văn A`, `Phó Giám đốc`). */
export const MeetingPersonSchema = z.object({
  name: trimmedText(2, 200),
  title: trimmedText(2, 300),
});
export type MeetingPerson = z.infer<typeof MeetingPersonSchema>;

/** Who came from one member unit. */
export const UnitAttendanceSchema = z.object({
  unitId: IdSchema,
  people: z.array(MeetingPersonSchema).min(1).max(20),
});

/** A guest: a delegate of the province's council, of the trade union, or anyone else invited. */
export const GuestSchema = MeetingPersonSchema.extend({
  organisation: trimmedText(2, 300),
  group: z.enum(['councilDelegate', 'tradeUnion', 'other']).default('other'),
});
export type Guest = z.infer<typeof GuestSchema>;

const agenda = z.array(trimmedText(3, 1000)).min(1).max(30);

export const ScheduleMeetingSchema = ActEnvelopeSchema.extend({
  kind: MeetingKindSchema,
  /** Date and time it opens (a year-end conference in January–March of N+1 is normal). */
  at: IsoDateTimeSchema,
  place: trimmedText(3, 500),
  hostUnitId: IdSchema,
  chair: MeetingPersonSchema,
  agenda,
});

export const RecordMeetingSchema = ActEnvelopeSchema.extend({
  kind: MeetingKindSchema,
  /** When it actually opened and closed; the opening defaults to the scheduled time. */
  startedAt: IsoDateTimeSchema.optional(),
  endedAt: IsoDateTimeSchema,
  /** Where it was actually held, who chaired it: default to the schedule. */
  place: trimmedText(3, 500).optional(),
  chair: MeetingPersonSchema.optional(),
  /** Who kept the minutes (default: the deputy unit's officer). */
  secretary: MeetingPersonSchema.optional(),
  attendance: z.array(UnitAttendanceSchema).min(1).max(60),
  guests: z.array(GuestSchema).max(50).default([]),
});

export const AnnulMeetingSchema = ActEnvelopeSchema.extend({
  kind: MeetingKindSchema,
  reason: trimmedText(3, 2000),
});

/** One meeting as the workflow keeps it and projects it (Cycle.meetings). */
export const MeetingRecordSchema = z.object({
  kind: MeetingKindSchema,
  status: z.enum(['scheduled', 'held', 'annulled']),
  at: z.string(),
  place: z.string(),
  hostUnitId: z.string(),
  chair: MeetingPersonSchema,
  agenda: z.array(z.string()),
  scheduledBy: z.string(),
  startedAt: z.string().optional(),
  endedAt: z.string().optional(),
  secretary: MeetingPersonSchema.optional(),
  attendance: z.array(UnitAttendanceSchema).optional(),
  guests: z.array(GuestSchema).optional(),
  annulReason: z.string().optional(),
});
export type MeetingRecord = z.infer<typeof MeetingRecordSchema>;

/** Both meetings of the year and those annulled before them (the audit log holds who did what). */
export const MeetingsSchema = z.object({
  midYear: MeetingRecordSchema.nullable(),
  yearEnd: MeetingRecordSchema.nullable(),
  annulled: z.array(MeetingRecordSchema),
});
export type Meetings = z.infer<typeof MeetingsSchema>;
