/**
 * The province session's papers (the lead wires them to the session later; built from plain inputs here):
 * - the standing body's appraisal report (báo cáo thẩm định, ND 152/2025 Art. 33(11): the appraisal opinion on the
 *   subject, conditions, dossier and procedure) on the blocs' proposals, to the council;
 * - the council session's minutes and its ballot-count record (ND 152/2025 Art. 37(2)(c): minutes and ballot
 *   result), both from ONE input (`SessionMinutesInput`) so the two records can never disagree.
 * Shares and outcomes are derived by the layouts from the counts (domain/threshold.ts), never input.
 */
import { z } from 'zod';
import {
  DateTimeSchema,
  DocRefSchema,
  HeaderSchema,
  instantOf,
  MinutesHeaderSchema,
  PersonSchema,
  RecipientsSchema,
  refineLegalBases,
  SignerSchema,
  text,
  YearSchema,
} from '../../model';
import { GovFlagThresholdSchema } from '../../government-flag/model';

/** One bloc proposal the standing body appraised. */
export const AppraisedDossierSchema = z.object({
  unitName: text(300),
  blocName: text(200),
  /** The award proposed: `Bằng khen của Chủ tịch Ủy ban nhân dân thành phố`. */
  award: text(300),
  /** The bloc's letter: `Tờ trình số 01/TTr-KNC ngày 09 tháng 01 năm 2026`. */
  proposalRef: text(300),
  /** The bloc vote: yes out of the stated base. */
  blocVotes: z.object({ yes: z.number().int().min(0), of: z.number().int().min(1) }),
  /** eligible: right subject, conditions, dossier and procedure; supplement: a missing paper; notEligible. */
  finding: z.enum(['eligible', 'supplement', 'notEligible']),
  /** Why not eligible, or what to supplement; required then. */
  reason: text(1000).optional(),
});

export const AppraisalReportSchema = z
  .object({
    header: HeaderSchema,
    year: YearSchema,
    /** Who appraises, normal case: `Sở Nội vụ thành phố Cần Thơ`. */
    standingBody: text(300),
    councilName: text(300),
    addressees: z.array(text(300)).min(1).max(10),
    legalBases: z.array(text(1000)).max(20).default([]),
    dossiers: z.array(AppraisedDossierSchema).min(1).max(500),
    signer: SignerSchema,
    recipients: RecipientsSchema.default([]),
  })
  .superRefine((r, ctx) => {
    refineLegalBases(r.legalBases, r.header.date, ctx);
    r.dossiers.forEach((d, i) => {
      if (d.finding !== 'eligible' && !d.reason)
        ctx.addIssue({ code: 'custom', path: ['dossiers', i, 'reason'], message: 'say why, or what is missing' });
      if (d.blocVotes.yes > d.blocVotes.of)
        ctx.addIssue({
          code: 'custom',
          path: ['dossiers', i, 'blocVotes', 'yes'],
          message: 'more votes than the base',
        });
    });
  });

export type AppraisalReportInput = z.input<typeof AppraisalReportSchema>;
export type AppraisalReport = z.infer<typeof AppraisalReportSchema>;

/** A council member at the session. */
export const CouncilMemberSchema = z.object({
  name: text(200),
  /** In the council: `Chủ tịch Hội đồng`, `Ủy viên`. */
  position: text(300),
  unit: text(300).optional(),
  present: z.boolean(),
  absenceReason: text(500).optional(),
});

/** One proposal the council voted on, secret ballot: "yes" counted against ALL members. */
export const SessionItemSchema = z.object({
  unitName: text(300),
  blocName: text(200),
  award: text(300),
  yes: z.number().int().min(0),
});

export const SessionMinutesSchema = z
  .object({
    header: MinutesHeaderSchema,
    year: YearSchema,
    councilName: text(300),
    subject: text(300).optional(),
    startedAt: DateTimeSchema,
    endedAt: DateTimeSchema,
    venue: text(500),
    chair: PersonSchema,
    secretary: PersonSchema,
    members: z.array(CouncilMemberSchema).min(2).max(100),
    guests: z.array(PersonSchema).max(50).default([]),
    /** The standing body's appraisal report the session examined. */
    appraisal: DocRefSchema.extend({ of: text(300) }).optional(),
    threshold: GovFlagThresholdSchema,
    ballots: z.object({
      issued: z.number().int().min(0),
      received: z.number().int().min(0),
      valid: z.number().int().min(0),
      invalid: z.number().int().min(0),
    }),
    items: z.array(SessionItemSchema).min(1).max(500),
    /** The ballot-count committee (its head first); defaults to the secretary. */
    counters: z.array(PersonSchema).max(10).default([]),
    recipients: RecipientsSchema.default([]),
  })
  .superRefine((m, ctx) => {
    if (instantOf(m.endedAt) < instantOf(m.startedAt))
      ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'the session cannot end before it starts' });
    const present = m.members.filter((x) => x.present).length;
    const b = m.ballots;
    if (b.issued > present)
      ctx.addIssue({
        code: 'custom',
        path: ['ballots', 'issued'],
        message: `more ballots than members present (${present})`,
      });
    if (b.received > b.issued)
      ctx.addIssue({ code: 'custom', path: ['ballots', 'received'], message: 'more ballots received than issued' });
    if (b.valid + b.invalid !== b.received)
      ctx.addIssue({ code: 'custom', path: ['ballots', 'valid'], message: 'valid + invalid must equal received' });
    m.items.forEach((it, i) => {
      if (it.yes > b.valid)
        ctx.addIssue({
          code: 'custom',
          path: ['items', i, 'yes'],
          message: `more "yes" than valid ballots (${b.valid})`,
        });
    });
  });

export type SessionMinutesInput = z.input<typeof SessionMinutesSchema>;
export type SessionMinutes = z.infer<typeof SessionMinutesSchema>;
