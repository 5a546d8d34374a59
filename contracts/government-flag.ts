import { z } from 'zod';
import { ThresholdSchema } from '../domain/ruleset';
import { ActEnvelopeSchema, IdSchema, IsoDateSchema, IsoDateTimeSchema, requiredWhen, trimmedText } from './common';
import { HoldSchema, ResolveHoldSchema } from './cycle';

/**
 * Government emulation flag (Cờ thi đua của Chính phủ): one workflow per province and year N,
 * id govflag-<PROVINCE_CODE>-<N>. Its proposals are Proposal rows (awardType 'government-flag') on
 * each candidate's own bloc cycle, with these statuses:
 *   draft     the provincial council is voting on it
 *   selected  passed ≥ 80% of all council members and within the ≤ 20% quota; to be submitted
 *   rejected  not selected (below the threshold or over the quota) or the 30 June deadline passed (reason says which)
 *   submitted sent to the Ministry of Home Affairs with the province's letter
 *   approved  the Prime Minister decided (AwardDecision with the money)
 *   returned  the Ministry returned the dossier with written legal grounds (reason)
 *   onHold    the unit is under investigation or discipline (ND 152/2025 Art. 4(4)): neither counted in the
 *             selection nor submitted; cleared → back to its status, disciplined → rejected (domain governmentFlagHold)
 */
export const GOVERNMENT_FLAG_STATUSES = [
  'draft',
  'selected',
  'rejected',
  'submitted',
  'approved',
  'returned',
  'onHold',
] as const;
export const GovernmentFlagStatusSchema = z.enum(GOVERNMENT_FLAG_STATUSES);
export type GovernmentFlagStatus = z.infer<typeof GovernmentFlagStatusSchema>;

export const GOVERNMENT_FLAG_PHASES = ['opening', 'voting', 'submission', 'outcome', 'closed'] as const;
export const GovernmentFlagPhaseSchema = z.enum(GOVERNMENT_FLAG_PHASES);
export type GovernmentFlagPhase = z.infer<typeof GovernmentFlagPhaseSchema>;

export const governmentFlagWorkflowId = (provinceCode: string, year: number): string =>
  `govflag-${provinceCode}-${year}`;
export const governmentFlagProposalId = (workflowId: string, unitId: string): string => `${workflowId}:${unitId}`;
export const governmentFlagContest = (proposalId: string): string => `govflag:${proposalId}`;

/** A bloc leader: a unit holding an approved provincial emulation flag for year N. */
export const GovernmentFlagCandidateSchema = z.object({
  proposalId: IdSchema,
  unitId: IdSchema,
  unitCode: z.string(),
  unitName: z.string(),
  blocId: IdSchema,
  blocName: z.string(),
  /** The unit's own bloc cycle (cycle-<BLOC>-<N>): the proposal and its ballot are stored there. */
  cycleId: IdSchema,
  /** Final score of that bloc-year (tie-break after the yes-share). */
  finalScore: z.number().nullable(),
  achievement: z.string(),
});
export type GovernmentFlagCandidate = z.infer<typeof GovernmentFlagCandidateSchema>;

/** Everything the workflow needs, as data (built from the database by api/government-flag-input.ts). */
export const GovernmentFlagInputSchema = z.object({
  provinceId: IdSchema,
  provinceCode: z.string().min(1),
  year: z.number().int().min(2024).max(2100),
  councilId: IdSchema,
  councilMemberIds: z.array(IdSchema).min(1),
  secretaryIds: z.array(IdSchema),
  candidates: z.array(GovernmentFlagCandidateSchema).min(1),
  /** ≤ 20% of the bloc leaders (ND 152/2025 Art. 7(1)). */
  quota: z.number().int().min(0),
  quotaShare: z.number().min(0).max(1),
  /** ≥ 80% of ALL council members (ND 152/2025 Art. 33(5)). */
  threshold: ThresholdSchema,
  /** 30 June N+1, end of day in Asia/Ho_Chi_Minh (ND 152/2025 Art. 35(1)(b)). */
  deadlineDate: IsoDateSchema,
  deadlineAt: IsoDateTimeSchema,
  reminderOffsetsSeconds: z.array(z.number().int().positive()).max(10),
  startedBy: IdSchema.optional(),
  /** Administrators when the selection starts (optional: older histories trust the payload's admin role). */
  adminIds: z.array(IdSchema).optional(),
});
export type GovernmentFlagInput = z.input<typeof GovernmentFlagInputSchema>;

// ---------------------------------------------------------------- acts (Update payloads)

/** One council member's secret ballot: yes / no for one or more candidates (each once). */
export const GovernmentFlagVoteSchema = ActEnvelopeSchema.extend({
  votes: z
    .array(z.object({ unitId: IdSchema, approve: z.boolean() }))
    .min(1)
    .max(100)
    .refine((v) => new Set(v.map((x) => x.unitId)).size === v.length, 'a candidate appears twice on the ballot'),
});

export const CloseGovernmentFlagVoteSchema = ActEnvelopeSchema;

/** The province's letter (tờ trình) to the Ministry of Home Affairs. */
export const GovernmentFlagSubmissionSchema = ActEnvelopeSchema.extend({
  letterNumber: trimmedText(3, 100),
  letterDate: z.iso.date(),
});

/** A candidate put on hold / its hold resolved (ND 152/2025 Art. 4(4)): the same acts as on a bloc cycle. */
export const GovernmentFlagHoldSchema = HoldSchema;
export const ResolveGovernmentFlagHoldSchema = ResolveHoldSchema;

/** What came back for one unit: the Prime Minister's decision, or the Ministry's return with legal grounds. */
export const GovernmentFlagOutcomeSchema = requiredWhen(
  ActEnvelopeSchema.extend({
    unitId: IdSchema,
    outcome: z.enum(['decided', 'returned']),
    decisionNumber: trimmedText(3, 100).optional(),
    decisionDate: z.iso.date().optional(),
    legalGrounds: trimmedText(10, 4000).optional(),
  }),
  [
    {
      field: 'outcome',
      values: ['decided'],
      require: [
        { path: 'decisionNumber', message: "the Prime Minister's decision number is required" },
        { path: 'decisionDate', message: 'the decision date is required' },
      ],
    },
    {
      field: 'outcome',
      values: ['returned'],
      require: [
        {
          path: 'legalGrounds',
          message: 'a returned dossier states its written legal grounds (ND 152/2025 Art. 35(4))',
        },
      ],
    },
  ],
);

/** The workflow's live state (query): never ballot contents or who voted for what. */
export interface GovernmentFlagView {
  workflowId: string;
  provinceId: string;
  year: number;
  phase: GovernmentFlagPhase;
  quota: number;
  deadlineDate: string;
  votedCount: number;
  submission: { letterNumber: string; letterDate: string } | null;
  candidates: {
    proposalId: string;
    unitId: string;
    status: GovernmentFlagStatus;
    reason?: string;
    voteShare: number | null;
    rank: number | null;
    amountVnd?: number;
  }[];
}
