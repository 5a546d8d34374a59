import { z } from 'zod';
import { AwardTypeSchema } from '../domain/eligibility';
import { CouncilRulesSchema } from '../domain/ruleset';
import { ProvinceSessionRulesSchema, provinceSessionWorkflowId } from '../domain/province-session';
import { ActEnvelopeSchema, IdSchema, IsoDateTimeSchema, requiredWhen, trimmedText, uniqueStrings } from './common';

/**
 * The province award session (workflows/province-session.ts): one sitting of the provincial council for the
 * provincial-council proposals of every bloc of a province and year. Id `province-session:<provinceId>:<year>:<n>`.
 *
 * Phases: collecting (dossiers handed in by the bloc cycles until the submission deadline) → appraisal (the standing
 * body accepts or returns each dossier; a returned one is resubmitted by its bloc head) → voting (attendance recorded
 * with the quorum; one secret ballot per present member covering every accepted proposal) → decided (thresholds and
 * province quotas applied) → issued (one decision per award kind; each bloc cycle is told its proposals' outcome).
 */
export { provinceSessionWorkflowId };

export const SESSION_PHASES = ['collecting', 'appraisal', 'voting', 'decided', 'issued'] as const;
export const SessionPhaseSchema = z.enum(SESSION_PHASES);
export type SessionPhase = z.infer<typeof SessionPhaseSchema>;

export const DossierStatusSchema = z.enum(['submitted', 'accepted', 'returned']);
export type DossierStatus = z.infer<typeof DossierStatusSchema>;

/**
 * A proposal's outcome in the session: awarded (in a decision), belowThreshold, overQuota (a province quota cut it),
 * notConsidered (its dossier was still returned when the session opened).
 */
export const SessionOutcomeSchema = z.enum(['pending', 'awarded', 'belowThreshold', 'overQuota', 'notConsidered']);
export type SessionOutcome = z.infer<typeof SessionOutcomeSchema>;

export const SessionProposalSchema = z.object({
  proposalId: IdSchema,
  unitId: IdSchema,
  unitName: z.string(),
  awardType: AwardTypeSchema,
  achievement: z.string(),
});
export type SessionProposal = z.infer<typeof SessionProposalSchema>;

/** A bloc's dossier as its cycle hands it in (the activity handToProvinceSession). */
export const DossierSchema = z.object({
  cycleId: IdSchema,
  blocId: IdSchema,
  blocCode: z.string(),
  blocName: z.string(),
  headUnitId: IdSchema,
  /** The head unit's officers by the cycle's roster (who may resubmit a returned dossier); absent: any officer of it. */
  headOfficerIds: z.array(IdSchema).optional(),
  proposals: z.array(SessionProposalSchema).min(1).max(50),
});
export type Dossier = z.infer<typeof DossierSchema>;

/** The session's input (built by the hand-off activity from the first dossier's cycle and the province). */
export const ProvinceSessionInputSchema = z.object({
  provinceId: IdSchema,
  year: z.number().int().min(2024).max(2100),
  n: z.number().int().min(1),
  councilMemberIds: z.array(IdSchema).min(1),
  secretaryIds: z.array(IdSchema),
  adminIds: z.array(IdSchema),
  council: CouncilRulesSchema,
  rules: ProvinceSessionRulesSchema,
  submissionDeadline: IsoDateTimeSchema,
});
export type ProvinceSessionInput = z.input<typeof ProvinceSessionInputSchema>;

/** The hand-off Update (system → session): accepted only while collecting and before the deadline. */
export const HandInDossierSchema = z.object({ dossier: DossierSchema });
export type HandInDossier = z.infer<typeof HandInDossierSchema>;

// ---------------------------------------------------------------- acts (Update payloads)

/** The standing body (secretary or admin) accepts a dossier or returns it for completion with reasons. */
export const AppraiseDossierSchema = requiredWhen(
  ActEnvelopeSchema.extend({
    cycleId: IdSchema,
    decision: z.enum(['accept', 'return']),
    reason: trimmedText(3, 2000).optional(),
  }),
  [{ field: 'decision', values: ['return'], require: [{ path: 'reason', message: 'a returned dossier states why' }] }],
);

/** The bloc head's officer resubmits the completed dossier (achievements restated per proposal). */
export const ResubmitDossierSchema = ActEnvelopeSchema.extend({
  cycleId: IdSchema,
  note: trimmedText(3, 2000),
  achievements: z
    .array(z.object({ proposalId: IdSchema, achievement: trimmedText(10, 20_000) }))
    .max(50)
    .default([]),
});

/** The secretary records who is present; refused below the quorum (BN86 Art. 8(4)(b)). Opens the vote. */
export const RecordAttendanceSchema = ActEnvelopeSchema.extend({
  presentMemberIds: uniqueStrings(z.array(IdSchema).min(1).max(200), 'a member appears twice'),
});

/** One present member's secret ballot: yes / no for every accepted proposal, each once. */
export const SessionBallotSchema = ActEnvelopeSchema.extend({
  votes: z
    .array(z.object({ proposalId: IdSchema, approve: z.boolean() }))
    .min(1)
    .max(500)
    .refine((v) => new Set(v.map((x) => x.proposalId)).size === v.length, 'a proposal appears twice on the ballot'),
});

export const CloseSessionVoteSchema = ActEnvelopeSchema;

/**
 * The standing body closes the collection before the submission deadline (every bloc it expects has handed in):
 * appraisal starts at once; a dossier handed in later goes to the next sitting, as after the deadline.
 */
export const CloseCollectionSchema = ActEnvelopeSchema;

/** The decisions, one per award kind with awardees: their numbers and date. */
export const IssueDecisionsSchema = ActEnvelopeSchema.extend({
  decisionDate: z.iso.date(),
  numbers: z
    .array(z.object({ awardType: AwardTypeSchema, decisionNumber: trimmedText(3, 100) }))
    .max(10)
    .refine((v) => new Set(v.map((x) => x.awardType)).size === v.length, 'an award kind appears twice'),
});

/**
 * The issue act over HTTP: the date only. Each decision's number is the next of the provincial Chairman's register,
 * given by the act itself (documents/province-session/register.ts); a number cannot be typed.
 */
export const IssueSessionDecisionsActSchema = ActEnvelopeSchema.extend({ decisionDate: z.iso.date() }).strict();

// ---------------------------------------------------------------- views (projection, documents)

export interface SessionProposalView extends SessionProposal {
  blocId: string;
  cycleId: string;
  outcome: SessionOutcome;
  /** Counts only once the vote is closed (never while it is open). */
  yes: number | null;
  base: number | null;
  amountVnd?: number;
  decisionNumber?: string;
}

export interface DossierView {
  cycleId: string;
  blocId: string;
  blocCode: string;
  blocName: string;
  headUnitId: string;
  status: DossierStatus;
  attempts: number;
  reason?: string;
  handedInAt: string;
}

/** One decision (quyết định) per award kind, listing every awardee: the input of the decision document. */
export interface SessionDecision {
  awardType: z.infer<typeof AwardTypeSchema>;
  decisionNumber: string | null;
  decisionDate: string | null;
  awardees: {
    proposalId: string;
    unitId: string;
    unitName: string;
    blocId: string;
    blocName: string;
    amountVnd?: number;
  }[];
}

/** The session as the projection stores it and GET answers it (scoped: a bloc head sees only its own dossier). */
export interface ProvinceSessionView {
  workflowId: string;
  provinceId: string;
  year: number;
  n: number;
  phase: SessionPhase;
  submissionDeadline: string;
  members: number;
  quorum: { required: number; present: number | null; met: boolean | null };
  votedCount: number;
  /** The council's members (person ids), those recorded present (null before the attendance) and who has cast the
   * session ballot — never what: the UI's attendance list, its "you voted" and its "not present". Absent from a row
   * projected before they were added (the read answers them with their empty values). */
  memberIds?: string[];
  presentMemberIds?: string[] | null;
  voterIds?: string[];
  /** Added by the read (GET): the members' names for the attendance list (the admin and the council only). */
  council?: { personId: string; fullName: string }[];
  dossiers: DossierView[];
  proposals: SessionProposalView[];
  decisions: SessionDecision[];
}
