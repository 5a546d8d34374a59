/** The ballot-count record of the year-end meeting (Biên bản kiểm phiếu): input data. */
import { z } from 'zod';
import { checkElectorate, ContestSchema, MemberSchema, VotingMethodSchema } from '../../meeting/model';
import { DateTimeSchema, MinutesHeaderSchema, PersonSchema, RecipientsSchema, text } from '../../model';

export const CounterSchema = PersonSchema.extend({ role: z.enum(['head', 'member']) });

export const BallotCountSchema = z
  .object({
    header: MinutesHeaderSchema,
    blocName: text(200),
    year: z.number().int().min(2000).max(2100),
    /** Summary line; defaults to `Kiểm phiếu bình xét thi đua năm <year> <blocName>`. */
    subject: text(300).optional(),
    startedAt: DateTimeSchema,
    announcedAt: DateTimeSchema,
    venue: text(500),
    committee: z.array(CounterSchema).min(1).max(9),
    members: z.array(MemberSchema).min(2).max(60),
    votingMethod: VotingMethodSchema.default('secretBallot'),
    contests: z.array(ContestSchema).min(1).max(10),
    recipients: RecipientsSchema.default([]),
  })
  .superRefine((b, ctx) => {
    checkElectorate(b.members, b.contests, ctx);
    const heads = b.committee.filter((c) => c.role === 'head').length;
    if (heads !== 1)
      ctx.addIssue({
        code: 'custom',
        path: ['committee'],
        message: `the counting committee needs exactly one head (Trưởng ban), got ${heads}`,
      });
  });

export type BallotCountInput = z.input<typeof BallotCountSchema>;

export type BallotCount = z.infer<typeof BallotCountSchema>;
