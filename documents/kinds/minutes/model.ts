/** Minutes of the year-end voting meeting (Biên bản họp bình xét thi đua): input data. */
import { z } from 'zod';
import {
  checkElectorate,
  ContestSchema,
  MeetingRecordShape,
  MemberSchema,
  VotingMethodSchema,
} from '../../meeting/model';
import { DateTimeSchema, DocRefSchema, Id, instantOf, PersonSchema, RecipientsSchema, text } from '../../model';

export const QuorumRuleSchema = z.object({
  ratio: z.number().gt(0).lte(1),
  strict: z.boolean().default(false),
  /** How the rule reads in the bloc's rules, e.g. "2/3"; defaults to the percentage. */
  label: text(50).optional(),
  /** Where the rule comes from: "Quy chế hoạt động của Khối". */
  source: text(300).optional(),
});

export const ScoreRowSchema = z.object({
  unitId: Id,
  selfScore: z.number().min(0).max(100_000),
  agreedScore: z.number().min(0).max(100_000),
  rank: z.number().int().min(1),
});

export const MinutesSchema = z
  .object({
    // Summary line under BIÊN BẢN: defaults to `Họp bình xét thi đua năm <year> <blocName>`.
    ...MeetingRecordShape,
    startedAt: DateTimeSchema,
    endedAt: DateTimeSchema,
    venue: text(500),
    chair: PersonSchema,
    secretary: PersonSchema,
    members: z.array(MemberSchema).min(2).max(60),
    guests: z.array(PersonSchema).max(50).default([]),
    /** The units' own movements launched with the year's plan. */
    movements: z
      .array(z.object({ unit: text(300), name: text(500), theme: text(1000), launchDate: z.iso.date() }))
      .max(200)
      .default([]),
    quorumRule: QuorumRuleSchema,
    /** Agenda items; a standard agenda is printed when empty. */
    agenda: z.array(text(1000)).max(30).default([]),
    /** Free paragraphs summarising the discussion. */
    discussion: z.array(text(5000)).max(50).default([]),
    scores: z.array(ScoreRowSchema).max(60).default([]),
    /** Maximum of the scoring table, printed in the column header. */
    maxScore: z.number().positive().optional(),
    votingMethod: VotingMethodSchema.default('secretBallot'),
    /** The separate ballot-count record, cited in the voting section. */
    ballotCountRecord: DocRefSchema.optional(),
    contests: z.array(ContestSchema).max(10).default([]),
    /** Closing statement; defaults to the standard "read out and approved" sentence. */
    approval: text(1000).optional(),
    /** Lines above the chair's name; defaults to `CHỦ TỌA`. */
    chairTitle: z.array(text(200)).min(1).max(4).optional(),
    recipients: RecipientsSchema.default([]),
  })
  .superRefine((m, ctx) => {
    checkElectorate(m.members, m.contests, ctx);
    if (instantOf(m.endedAt) < instantOf(m.startedAt)) {
      ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'the meeting cannot end before it starts' });
    }
    const ids = new Set(m.members.map((x) => x.unitId));
    m.scores.forEach((s, i) => {
      if (!ids.has(s.unitId))
        ctx.addIssue({ code: 'custom', path: ['scores', i, 'unitId'], message: `unknown unit "${s.unitId}"` });
    });
  });

export type MinutesInput = z.input<typeof MinutesSchema>;

export type Minutes = z.infer<typeof MinutesSchema>;
