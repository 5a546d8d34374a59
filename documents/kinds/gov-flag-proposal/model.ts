/** The province's proposal letter for the Government flag (Tờ trình), with its list: input data. */
import { meetsThreshold } from '../../../domain/threshold';
import { z } from 'zod';
import { GovFlagQuotaShape, GovFlagThresholdSchema } from '../../government-flag/model';
import {
  refineLegalBases,
  DateSchema,
  DocRefSchema,
  HeaderSchema,
  RecipientsSchema,
  SignerSchema,
  text,
  YearSchema,
} from '../../model';

export const GovFlagEntrySchema = z.object({
  nominee: text(500),
  blocName: text(200),
  score: z.number().min(0).max(100_000).nullable().default(null),
  achievement: text(3000),
  /** "Yes" of the council; the share is taken on all council members. */
  yes: z.number().int().min(0),
});

/** The province's proposal letter (Tờ trình) for the Government flag, with its list as an appendix. */
export const GovFlagProposalSchema = z
  .object({
    header: HeaderSchema,
    /** Who proposes, normal case, used in the body: `Ủy ban nhân dân thành phố Cần Thơ`. */
    proposer: text(300),
    year: YearSchema,
    /** Summary; defaults to `Về việc đề nghị tặng Cờ thi đua của Chính phủ năm <year>`. */
    summary: text(500).optional(),
    addressees: z.array(text(300)).min(1).max(10),
    legalBases: z.array(text(1000)).max(20).default([]),
    councilName: text(300),
    /** The council's ballot-count record, cited after the legal bases. */
    ballotCount: DocRefSchema.optional(),
    /** Day the council's vote closed. */
    votedOn: DateSchema,
    councilMembers: z.number().int().min(1).max(200),
    threshold: GovFlagThresholdSchema,
    ...GovFlagQuotaShape,
    entries: z.array(GovFlagEntrySchema).min(1).max(100),
    closing: text(1000).optional(),
    signer: SignerSchema,
    recipients: RecipientsSchema.default([]),
    appendix: z
      .object({ orientation: z.enum(['landscape', 'portrait']).default('landscape'), title: text(300).optional() })
      .default({ orientation: 'landscape' }),
  })
  .superRefine((p, ctx) => {
    refineLegalBases(p.legalBases, p.header.date, ctx);
    p.entries.forEach((e, i) => {
      if (e.yes > p.councilMembers)
        ctx.addIssue({
          code: 'custom',
          path: ['entries', i, 'yes'],
          message: `more "yes" than council members (${p.councilMembers})`,
        });
      else if (!meetsThreshold(e.yes, p.councilMembers, { ...p.threshold, base: 'allMembers' }))
        ctx.addIssue({
          code: 'custom',
          path: ['entries', i, 'yes'],
          message: 'a proposed collective must reach the threshold',
        });
    });
    if (p.entries.length > p.quota)
      ctx.addIssue({ code: 'custom', path: ['entries'], message: `more collectives than the quota (${p.quota})` });
  });

export type GovFlagProposalInput = z.input<typeof GovFlagProposalSchema>;

export type GovFlagProposal = z.infer<typeof GovFlagProposalSchema>;
