/** The bloc's proposal letter with its list (Tờ trình đề nghị khen thưởng): input data. */
import { z } from 'zod';
import {
  DocRefSchema,
  HeaderSchema,
  PercentBaseSchema,
  refineLegalBases,
  RecipientsSchema,
  SignerSchema,
  text,
  YearSchema,
} from '../../model';

export const ProposalEntrySchema = z
  .object({
    /** Collective or person, normal case: `Bộ Chỉ huy Quân sự thành phố`. */
    nominee: text(500),
    /** Award form proposed: `Cờ thi đua của Ủy ban nhân dân thành phố`. */
    award: text(300),
    achievement: text(3000),
    votes: z.number().int().min(0),
    /** Size of the stated base (7 members, 6 present, 6 valid ballots). */
    baseCount: z.number().int().min(1),
    base: PercentBaseSchema,
    note: text(500).optional(),
  })
  .refine((e) => e.votes <= e.baseCount, { path: ['votes'], message: 'more votes than the base' });

export const ProposalSchema = z
  .object({
    header: HeaderSchema,
    blocName: text(200),
    year: YearSchema,
    /** Summary; defaults to `Về việc đề nghị tặng <awards> năm <year>`. */
    summary: text(500).optional(),
    /** Kính gửi: one or more addressees. */
    addressees: z.array(text(300)).min(1).max(10),
    /** Legal bases, each printed on its own italic line. The minutes and ballot record below are added after them. */
    legalBases: z.array(text(1000)).max(20).default([]),
    minutes: DocRefSchema.optional(),
    ballotCount: DocRefSchema.optional(),
    /** Paragraphs before the request (results of the year, the meeting). */
    intro: z.array(text(5000)).max(20).default([]),
    entries: z.array(ProposalEntrySchema).min(1).max(100),
    /** Closing request; a standard sentence is printed when omitted. */
    closing: text(1000).optional(),
    signer: SignerSchema,
    /** Nơi nhận; "Như trên" is added first when missing. */
    recipients: RecipientsSchema.default([]),
    appendix: z
      .object({
        orientation: z.enum(['landscape', 'portrait']).default('landscape'),
        title: text(300).optional(),
      })
      .default({ orientation: 'landscape' }),
  })
  .superRefine((p, ctx) => refineLegalBases(p.legalBases, p.header.date, ctx));

export type ProposalInput = z.input<typeof ProposalSchema>;

export type Proposal = z.infer<typeof ProposalSchema>;
