/**
 * A collective's achievement report (báo cáo thành tích của tập thể, ND 152/2025 Art. 37(2)(b); the collective-merit
 * form, document-format.md §10.4): input data. One report per proposed unit, from its year's data.
 */
import { z } from 'zod';
import { DateSchema, text, YearSchema } from '../../model';

const AwardRowSchema = z.object({
  year: YearSchema,
  /** `Cờ thi đua của Ủy ban nhân dân thành phố`. */
  name: text(300),
  /** `Quyết định số 12/QĐ-UBND ngày 15 tháng 01 năm 2026 của Chủ tịch Ủy ban nhân dân thành phố`. */
  decision: text(500),
});

export const AchievementReportSchema = z
  .object({
    /** The superior body (left header, normal weight): `UBND THÀNH PHỐ CẦN THƠ`. */
    superiorBody: text(200),
    /** The collective's full name, not abbreviated. */
    unitName: text(300),
    /** Place/date line (the form has no Số line). */
    place: text(100),
    date: DateSchema,
    /** The award requested: `Bằng khen của Chủ tịch Ủy ban nhân dân thành phố`. */
    award: text(300),
    year: YearSchema,
    /** The bloc the unit is scored in. */
    blocName: text(200),
    /** I.1 and I.2: paragraphs the unit writes; absent, the form's dotted lines are printed to fill in. */
    situation: z.array(text(5000)).max(20).default([]),
    functions: z.array(text(5000)).max(20).default([]),
    /** II.1: the achievement put forward (the proposal's text). */
    achievement: text(20_000),
    /** The targets the unit pledged for the year (bản giao ước thi đua). */
    pledgeTargets: z.array(text(1000)).max(50).default([]),
    /** The year's score: self-assessed, agreed by the bloc, the maximum, the rank among `rankedUnits`. */
    score: z
      .object({
        selfTotal: z.number().min(0),
        finalTotal: z.number().min(0),
        maxTotal: z.number().positive().optional(),
        rank: z.number().int().min(1).nullable(),
        rankedUnits: z.number().int().min(1),
      })
      .optional(),
    /** Per criterion of the bloc's scoring table. */
    criteria: z
      .array(z.object({ name: text(500), maxPoints: z.number().positive(), score: z.number().min(0).nullable() }))
      .max(200)
      .default([]),
    /** The evidence the unit filed for the year: criterion (if any) and file name. */
    evidence: z
      .array(z.object({ criterion: text(500).optional(), filename: text(300) }))
      .max(500)
      .default([]),
    /** III: earlier emulation titles and forms of commendation, with their decisions. */
    titles: z.array(AwardRowSchema).max(100).default([]),
    commendations: z.array(AwardRowSchema).max(100).default([]),
    /** The head of the unit (right signer); the endorsing level signs on the left. */
    headPosition: text(200).default('Thủ trưởng đơn vị'),
    headName: text(200).optional(),
    endorser: text(300).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.score && r.score.rank !== null && r.score.rank > r.score.rankedUnits)
      ctx.addIssue({ code: 'custom', path: ['score', 'rank'], message: 'rank beyond the number of ranked units' });
    if (r.score?.maxTotal !== undefined && r.score.finalTotal > r.score.maxTotal)
      ctx.addIssue({ code: 'custom', path: ['score', 'finalTotal'], message: 'more than the maximum' });
  });

export type AchievementReportInput = z.input<typeof AchievementReportSchema>;

export type AchievementReport = z.infer<typeof AchievementReportSchema>;
