/**
 * Corrections of a running bloc-year (issue 12): acts with a reason, an audit row and a row in README's
 * authorisation matrix. Also the hand-over of the elected head and deputy to a next year that already runs.
 */
import { z } from 'zod';
import { ActEnvelopeSchema, IdSchema, IsoDateTimeSchema, trimmedText } from './common';
import { MemberUnitSchema } from './cycle';

/** Why a correction is made: required on every correction (it goes to the audit row and the notices). */
const Reason = trimmedText(3, 2000);

/** The standing body or an admin cancels the year (before the year-end vote is over). */
export const CancelCycleSchema = ActEnvelopeSchema.extend({ reason: Reason });

/** The standing body or an admin corrects this year's head and deputy (the province's recognition). */
export const CorrectLeadershipSchema = ActEnvelopeSchema.extend({
  headUnitId: IdSchema,
  deputyUnitId: IdSchema,
  reason: Reason,
}).superRefine((v, ctx) => {
  if (v.headUnitId === v.deputyUnitId)
    ctx.addIssue({ code: 'custom', path: ['deputyUnitId'], message: 'the deputy must be another unit than the head' });
});

/**
 * Year N's handover hands its elected head and deputy to year N+1 when N+1 was started first
 * (workflows/cycle/phases/handover/run.ts → the adoptNextYear activity). Not an HTTP act.
 */
export const AdoptHandoverSchema = ActEnvelopeSchema.extend({
  fromWorkflowId: IdSchema,
  fromYear: z.number().int(),
  headUnitId: IdSchema,
  deputyUnitId: IdSchema,
  recentHeads: z.array(IdSchema).max(10),
});

/** The admin adds a unit to the bloc for this year. `member` is filled in by the API from the registry. */
export const JoinMembershipSchema = ActEnvelopeSchema.extend({
  unitId: IdSchema,
  reason: Reason,
  member: MemberUnitSchema.optional().describe('set by the server from the registry; a value sent is ignored'),
  officers: z
    .array(z.object({ personId: IdSchema, unitId: IdSchema }))
    .max(50)
    .optional()
    .describe('set by the server from the registry; a value sent is ignored'),
});

/**
 * The bloc head re-opens a task phase that is over (pledge, mid-year report, self-score) for the units that
 * missed it, until a new deadline: their late mark and late penalty for it are lifted meanwhile.
 */
export const ReopenDeadlineSchema = ActEnvelopeSchema.extend({
  phase: z.enum(['pledge', 'midYear', 'selfScoring']),
  newDeadline: IsoDateTimeSchema,
  /** The units it re-opens for; default every unit marked late for the phase. */
  unitIds: z.array(IdSchema).max(100).optional(),
  reason: Reason,
});
export type ReopenPhase = z.infer<typeof ReopenDeadlineSchema>['phase'];
