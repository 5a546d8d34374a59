/**
 * What both documents of the province's Government-flag dossier state (ND 152/2025): the council's threshold on ALL
 * its members and the quota of collectives.
 */
import { z } from 'zod';

/**
 * The council's secret ballot on the bloc leaders proposed for the Government emulation flag (ND 152/2025):
 * a leader passes with "yes" from the threshold share (≥ 80%) of ALL council members (Art. 33(5)); the passing
 * leaders, ranked, are selected within the quota (≤ 20% of the leaders, Art. 7(1)). Shares are computed from
 * the counts by the content builder.
 */
export const GovFlagThresholdSchema = z.object({
  ratio: z.number().gt(0).lte(1),
  /** true: strictly more than `ratio`; false: at least. The base is always all council members. */
  strict: z.boolean().default(false),
});

/** How many collectives the quota allows: `quota` = floor(`leaders` × `quotaShare`). */
export const GovFlagQuotaShape = {
  quotaShare: z.number().gt(0).lte(1),
  quota: z.number().int().min(0),
  /** Number of bloc leaders (the candidates). */
  leaders: z.number().int().min(1),
};
