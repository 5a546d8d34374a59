import { z } from 'zod';
import { RuleSetSchema } from '../domain/ruleset';
import { ScoringTemplateSchema } from '../domain/scoring';
import { AwardTypeSchema } from '../domain/eligibility';
import { AwardCatalogueEntrySchema, BlocLevelSchema } from '../domain/award-catalogue';
import { ActEnvelopeSchema, IdSchema, IsoDateTimeSchema, RosterSchema, requiredWhen, trimmedText } from './common';

/** The phases of a bloc-year, in order. */
export const PHASES = [
  'launch',
  'pledge',
  'midYear',
  'selfScoring',
  'review',
  'voting',
  'council',
  'handover',
  'closed',
] as const;
export const PhaseSchema = z.enum(PHASES);
export type Phase = z.infer<typeof PhaseSchema>;

/** Phases that end at a deadline (a durable timer with reminders and escalation). */
export const DEADLINE_PHASES = ['pledge', 'midYear', 'selfScoring', 'review', 'voting', 'council', 'handover'] as const;
export const DeadlinePhaseSchema = z.enum(DEADLINE_PHASES);
export type DeadlinePhase = z.infer<typeof DeadlinePhaseSchema>;

export const DeadlinesSchema = z
  .object(
    Object.fromEntries(DEADLINE_PHASES.map((p) => [p, IsoDateTimeSchema])) as Record<
      DeadlinePhase,
      typeof IsoDateTimeSchema
    >,
  )
  .superRefine((d, ctx) => {
    for (let i = 1; i < DEADLINE_PHASES.length; i++) {
      const prev = DEADLINE_PHASES[i - 1]!;
      const cur = DEADLINE_PHASES[i]!;
      if (Date.parse(d[cur]) < Date.parse(d[prev])) {
        ctx.addIssue({ code: 'custom', path: [cur], message: `must not be before the ${prev} deadline` });
      }
    }
  });
export type Deadlines = z.infer<typeof DeadlinesSchema>;

/** A member unit's own movement launched at the start of the year (phong trào thi đua của đơn vị): name, theme, date. */
export const UnitMovementSchema = z.object({
  unitId: IdSchema,
  name: trimmedText(3, 500),
  theme: trimmedText(3, 1000),
  launchDate: z.iso.date(),
});
export type UnitMovement = z.infer<typeof UnitMovementSchema>;

/** The year's plan the bloc head publishes at launch (phát động). */
export const PlanSchema = z.object({
  theme: trimmedText(3, 500),
  slogan: trimmedText(0, 500).optional(),
  targets: z.array(trimmedText(1, 1000)).max(50).default([]),
  scoringTemplate: ScoringTemplateSchema,
  deadlines: DeadlinesSchema,
  reminderOffsetsSeconds: z.array(z.number().int().positive()).max(10).optional(),
  /** Each unit's movement launched with the plan (optional: plans before issue 12 have none). */
  movements: z.array(UnitMovementSchema).max(200).optional(),
});
export type Plan = z.infer<typeof PlanSchema>;

export const MemberUnitSchema = z.object({
  unitId: IdSchema,
  code: z.string(),
  name: z.string(),
  womenRatio: z.number().min(0).max(1).optional(),
});
export type MemberUnit = z.infer<typeof MemberUnitSchema>;

/** Input of the bloc-year workflow: everything it needs as data, so the workflow stays deterministic. */
export const CycleInputSchema = z.object({
  blocId: IdSchema,
  blocCode: z.string(),
  blocName: z.string(),
  year: z.number().int().min(2024).max(2100),
  headUnitId: IdSchema,
  deputyUnitId: IdSchema,
  members: z.array(MemberUnitSchema).min(2),
  councilMemberIds: z.array(IdSchema).min(1),
  ruleSet: RuleSetSchema,
  recentHeads: z.array(IdSchema).default([]),
  plan: PlanSchema.optional(),
  startedBy: IdSchema.optional(),
  /** Who officially acts for which unit, the council's secretaries, the admins (optional: older histories). */
  roster: RosterSchema.optional(),
  /** The bloc's level and its resolved award catalogue (domain/award-catalogue.ts; absent: a province bloc). */
  blocLevel: BlocLevelSchema.optional(),
  /** Each contest's award as configured; its seats: the entry's own quota, else the rule-set's (contestQuota). */
  awardCatalogue: z.array(AwardCatalogueEntrySchema).max(2).optional(),
});
export type CycleInput = z.input<typeof CycleInputSchema>;
export type CycleInputParsed = z.infer<typeof CycleInputSchema>;

export const cycleWorkflowId = (blocCode: string, year: number): string => `cycle-${blocCode}-${year}`;

// ---------------------------------------------------------------- acts (Update payloads)

export const PublishPlanSchema = ActEnvelopeSchema.extend({ plan: PlanSchema });

export const SubmitPledgeSchema = ActEnvelopeSchema.extend({
  unitId: IdSchema,
  targets: z.array(trimmedText(1, 1000)).min(1).max(50),
  titlesAimed: z.array(AwardTypeSchema).max(5).default([]),
  signedBy: trimmedText(2, 200),
});

export const ReviewPledgeSchema = requiredWhen(
  ActEnvelopeSchema.extend({
    unitId: IdSchema,
    decision: z.enum(['accept', 'return']),
    reason: trimmedText(3, 2000).optional(),
  }),
  [
    {
      field: 'decision',
      values: ['return'],
      require: [{ path: 'reason', message: 'a reason is required to return a pledge' }],
    },
  ],
);

export const ExtendDeadlineSchema = ActEnvelopeSchema.extend({
  phase: DeadlinePhaseSchema,
  newDeadline: IsoDateTimeSchema,
  reason: trimmedText(3, 2000),
});

export const SubmitReportSchema = ActEnvelopeSchema.extend({
  unitId: IdSchema,
  summary: trimmedText(10, 20_000),
  achievements: z.array(trimmedText(1, 2000)).max(50).default([]),
  limitations: z.array(trimmedText(1, 2000)).max(50).default([]),
  nextHalfTasks: z.array(trimmedText(1, 2000)).max(50).default([]),
});

export const CompileBlocReportSchema = ActEnvelopeSchema.extend({
  summary: trimmedText(10, 50_000),
});

export const SelfScoreEntrySchema = z.object({
  criterionId: IdSchema,
  points: z.number().min(0).max(10_000),
  evidence: z.array(z.string().min(1).max(500)).max(20).default([]),
  note: z.string().max(2000).optional(),
});

export const SubmitSelfScoreSchema = ActEnvelopeSchema.extend({
  unitId: IdSchema,
  entries: z.array(SelfScoreEntrySchema).min(1).max(500),
  bonusClaimed: z.number().min(0).max(1000).default(0),
  bonusReason: z.string().max(2000).optional(),
});

export const ReviewScoreSchema = ActEnvelopeSchema.extend({
  unitId: IdSchema,
  adjustments: z
    .array(
      z.object({ criterionId: IdSchema, reviewedPoints: z.number().min(0).max(10_000), reason: trimmedText(3, 2000) }),
    )
    .max(500)
    .default([]),
  penalties: z
    .array(z.object({ ruleId: IdSchema, points: z.number().positive().max(1000), reason: trimmedText(3, 2000) }))
    .max(50)
    .default([]),
  bonus: z.number().min(0).max(1000).optional(),
});

export const CloseReviewSchema = ActEnvelopeSchema;

export const CONTESTS = ['leader', 'certificate', 'nextHead', 'nextDeputy'] as const;
export const ContestSchema = z.enum(CONTESTS);
export type Contest = z.infer<typeof ContestSchema>;

export const OpenMeetingSchema = ActEnvelopeSchema.extend({
  /** Optional once the year-end conference is recorded (/meetings/record): its attendance is then the list. */
  presentUnitIds: z.array(IdSchema).min(1).optional(),
});

export const CastBallotSchema = ActEnvelopeSchema.extend({
  unitId: IdSchema,
  contest: ContestSchema,
  round: z.number().int().min(1),
  choices: z.array(IdSchema).max(20),
});

export const CloseRoundSchema = ActEnvelopeSchema.extend({ contest: ContestSchema, round: z.number().int().min(1) });

export const DecideContestSchema = ActEnvelopeSchema.extend({
  contest: ContestSchema,
  /** Empty = "no winner this year". */
  unitIds: z.array(IdSchema).max(20),
});

export const RecordHandoverSchema = ActEnvelopeSchema.extend({
  appointed: z.object({ headUnitId: IdSchema, deputyUnitId: IdSchema }).optional(),
  note: z.string().max(2000).optional(),
});

export const ChangeMembershipSchema = ActEnvelopeSchema.extend({
  unitId: IdSchema,
  change: z.literal('leave').default('leave'),
  reason: trimmedText(3, 2000),
});

// ---------------------------------------------------------------- council

export const ProposalStatusSchema = z.enum(['submitted', 'approved', 'returned', 'rejected', 'onHold', 'disqualified']);
export type ProposalStatus = z.infer<typeof ProposalStatusSchema>;

export const CouncilVoteSchema = ActEnvelopeSchema.extend({
  proposalId: IdSchema,
  approve: z.boolean(),
});

export const CouncilDecisionSchema = requiredWhen(
  ActEnvelopeSchema.extend({
    proposalId: IdSchema,
    decision: z.enum(['approve', 'return', 'reject']),
    reason: trimmedText(3, 2000).optional(),
    decisionNumber: trimmedText(3, 100).optional(),
    decisionDate: z.iso.date().optional(),
  }),
  [
    {
      field: 'decision',
      values: ['return', 'reject'],
      require: [{ path: 'reason', message: 'a reason is required to return or reject' }],
    },
    {
      field: 'decision',
      values: ['approve'],
      require: [
        { path: 'decisionNumber', message: 'the decision number is required to approve' },
        { path: 'decisionDate', message: 'the decision date is required to approve' },
      ],
    },
  ],
);

/** The secretary closes the council's vote on one proposal: the result is fixed and published. */
export const CloseCouncilVoteSchema = ActEnvelopeSchema.extend({ proposalId: IdSchema });

export const ResubmitProposalSchema = ActEnvelopeSchema.extend({
  proposalId: IdSchema,
  achievement: trimmedText(10, 20_000),
});

export const HoldSchema = ActEnvelopeSchema.extend({
  unitId: IdSchema,
  kind: z.enum(['discipline', 'investigation', 'complaint', 'pressAllegation', 'inspection']),
  reason: trimmedText(3, 2000),
});

export const ResolveHoldSchema = ActEnvelopeSchema.extend({
  unitId: IdSchema,
  outcome: z.enum(['cleared', 'disciplined']),
  reason: trimmedText(3, 2000),
});

export const ProposalSchema = z.object({
  proposalId: IdSchema,
  unitId: IdSchema,
  awardType: AwardTypeSchema,
  achievement: z.string(),
  voteShare: z.number().nullable(),
  status: ProposalStatusSchema,
  attempts: z.number().int(),
  reason: z.string().optional(),
  decisionNumber: z.string().optional(),
  decisionDate: z.string().optional(),
  amountVnd: z.number().optional(),
});
export type Proposal = z.infer<typeof ProposalSchema>;

export const CouncilInputSchema = z.object({
  cycleWorkflowId: IdSchema,
  blocId: IdSchema,
  year: z.number().int(),
  headUnitId: IdSchema,
  councilMemberIds: z.array(IdSchema).min(1),
  ruleSet: RuleSetSchema,
  proposals: z.array(ProposalSchema),
  deadline: IsoDateTimeSchema,
  reminderOffsetsSeconds: z.array(z.number().int().positive()),
  /** The cycle's roster when the review starts (optional: older histories trust the payload's roles). */
  roster: RosterSchema.optional(),
});
export type CouncilInput = z.input<typeof CouncilInputSchema>;
