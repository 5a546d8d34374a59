/**
 * The documents' acts: issuing a bloc year's award decision of one kind from its authority's register
 * (documents/kinds/decision/drafts.ts, numbering.ts issueFromRegister).
 */
import { z } from 'zod';
import { AwardTypeSchema } from '../domain/eligibility';

/** POST /api/cycles/{cycleId}/decisions/{awardType}/issue: the date the decision is signed (ND 30/2020 Điều 15). */
export const IssueDecisionSchema = z.strictObject({
  /** The date of signature; the number is of that calendar year's series. */
  decisionDate: z.iso.date(),
});
export type IssueDecision = z.infer<typeof IssueDecisionSchema>;

/** The award kinds a province decision lists (the Government flag is the Prime Minister's). */
export const ListedAwardTypeSchema = AwardTypeSchema.exclude(['government-flag']);

export const IssuedDecisionSchema = z.object({
  cycleId: z.string(),
  awardType: ListedAwardTypeSchema,
  /** Number and symbol from the register, e.g. `05/QĐ-UBND`. */
  number: z.string(),
  decisionDate: z.iso.date(),
  awardees: z.number().int(),
  requestId: z.string(),
});
