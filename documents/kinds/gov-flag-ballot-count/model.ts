/** The council's ballot-count record on the Government flag (Biên bản kiểm phiếu của Hội đồng): input data. */
import { meetsThreshold } from '../../../domain/threshold';
import { z } from 'zod';
import { GovFlagQuotaShape, GovFlagThresholdSchema } from '../../government-flag/model';
import {
  DateTimeSchema,
  Id,
  instantOf,
  MinutesHeaderSchema,
  PersonSchema,
  RecipientsSchema,
  text,
  YearSchema,
} from '../../model';

export const GOVFLAG_CANDIDATE_STATES = ['counted', 'onHold', 'disqualified'] as const;

export const GovFlagCandidateSchema = z.object({
  unitId: Id,
  /** Official name of the collective, normal case. */
  name: text(300),
  blocName: text(200),
  /** Final score of the unit's bloc year. */
  score: z.number().min(0).max(100_000).nullable().default(null),
  /** Ballots returned on this candidate, and the "yes" among them. */
  voted: z.number().int().min(0),
  yes: z.number().int().min(0),
  /** counted in the selection, or left out (on hold / disciplined, ND 152/2025 Art. 4(4)). */
  state: z.enum(GOVFLAG_CANDIDATE_STATES).default('counted'),
  /** Rank among the passing leaders; null when it did not pass or was not counted. */
  rank: z.number().int().min(1).nullable().default(null),
  selected: z.boolean(),
});

export type GovFlagCandidate = z.infer<typeof GovFlagCandidateSchema>;

export const GovFlagBallotCountSchema = z
  .object({
    header: MinutesHeaderSchema,
    /** The council, normal case: `Hội đồng Thi đua – Khen thưởng thành phố Cần Thơ`. */
    councilName: text(300),
    year: YearSchema,
    /** Summary line; defaults to `Bỏ phiếu đề nghị tặng Cờ thi đua của Chính phủ năm <year>`. */
    subject: text(300).optional(),
    openedAt: DateTimeSchema,
    closedAt: DateTimeSchema,
    chair: PersonSchema,
    secretary: PersonSchema,
    /** All members of the council: the base of every share. */
    councilMembers: z.number().int().min(1).max(200),
    threshold: GovFlagThresholdSchema,
    ...GovFlagQuotaShape,
    candidates: z.array(GovFlagCandidateSchema).min(1).max(200),
    recipients: RecipientsSchema.default([]),
  })
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    let selected = 0;
    b.candidates.forEach((c, i) => {
      const at = ['candidates', i];
      if (seen.has(c.unitId))
        ctx.addIssue({ code: 'custom', path: [...at, 'unitId'], message: 'candidate listed twice' });
      seen.add(c.unitId);
      if (c.yes > c.voted)
        ctx.addIssue({ code: 'custom', path: [...at, 'yes'], message: 'more "yes" than ballots returned' });
      if (c.voted > b.councilMembers)
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'voted'],
          message: `more ballots than council members (${b.councilMembers})`,
        });
      if (c.selected) {
        selected++;
        if (c.state !== 'counted')
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'selected'],
            message: 'a candidate left out of the count cannot be selected',
          });
        if (!meetsThreshold(c.yes, b.councilMembers, { ...b.threshold, base: 'allMembers' }))
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'selected'],
            message: 'a selected candidate must reach the threshold',
          });
      }
    });
    if (selected > b.quota)
      ctx.addIssue({ code: 'custom', path: ['candidates'], message: `more selected than the quota (${b.quota})` });
    if (b.leaders < b.candidates.length)
      ctx.addIssue({ code: 'custom', path: ['leaders'], message: 'fewer leaders than candidates' });
    if (instantOf(b.closedAt) < instantOf(b.openedAt))
      ctx.addIssue({ code: 'custom', path: ['closedAt'], message: 'the vote cannot close before it opens' });
  });

export type GovFlagBallotCountInput = z.input<typeof GovFlagBallotCountSchema>;

export type GovFlagBallotCount = z.infer<typeof GovFlagBallotCountSchema>;
