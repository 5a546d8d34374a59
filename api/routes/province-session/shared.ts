import { z } from 'zod';

/** A sitting is named by its province, year N and number n (carried dossiers go to n + 1). */
export const SessionParams = z.object({
  provinceId: z.string(),
  year: z.coerce.number().int().min(2024).max(2100),
  n: z.coerce.number().int().min(1).max(100),
});
export const YearParams = SessionParams.omit({ n: true });
