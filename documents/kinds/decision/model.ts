/** The province's award decision (Quyết định khen thưởng): input data. */
import { z } from 'zod';
import { refineLegalBases, HeaderSchema, RecipientsSchema, SignerSchema, text, YearSchema } from '../../model';

export const DecisionAwardSchema = z.object({
  recipient: text(500),
  award: text(300),
  achievement: text(3000),
  amountVnd: z.number().int().min(0).max(10_000_000_000),
  /** Multiple of the base salary (ND152 Điều 50–54), printed when given. */
  coefficient: z.number().positive().max(100).optional(),
});

export const DecisionSchema = z
  .object({
    header: HeaderSchema,
    year: YearSchema,
    /** Summary; defaults to `Về việc tặng <awards> năm <year>`. */
    summary: text(500).optional(),
    /** Authority line in capitals: `CHỦ TỊCH ỦY BAN NHÂN DÂN THÀNH PHỐ CẦN THƠ`. */
    authority: text(300),
    legalBases: z.array(text(1000)).min(1).max(20),
    /** `Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số …` */
    proposedBy: text(1000),
    /** Context of Điều 1, e.g. `trong phong trào thi đua năm 2025 của Khối thi đua Nội chính`. */
    awardContext: text(500).optional(),
    awards: z.array(DecisionAwardSchema).min(1).max(200),
    /** Base salary in force on the decision date; with coefficients, amounts are checked (rounded up to 10.000 đồng). */
    baseSalaryVnd: z.number().int().positive().optional(),
    fundSource: text(300).default('Quỹ thi đua, khen thưởng của thành phố'),
    effective: text(500).default('Quyết định này có hiệu lực kể từ ngày ký.'),
    /** Who carries it out (Điều 3), in normal case. */
    executors: z.array(text(300)).min(1).max(20),
    signer: SignerSchema,
    /** Nơi nhận; "Như Điều 3" is added first when missing. */
    recipients: RecipientsSchema.default([]),
  })
  .superRefine((d, ctx) => {
    refineLegalBases(d.legalBases, d.header.date, ctx);
    if (d.baseSalaryVnd === undefined) return;
    d.awards.forEach((a, i) => {
      if (a.coefficient === undefined) return;
      const expected = Math.ceil(Math.round(a.coefficient * d.baseSalaryVnd! * 100) / 100 / 10_000) * 10_000;
      if (a.amountVnd !== expected) {
        ctx.addIssue({
          code: 'custom',
          path: ['awards', i, 'amountVnd'],
          message: `expected ${expected} (${a.coefficient} × base salary, rounded up to 10.000)`,
        });
      }
    });
  });

export type DecisionInput = z.input<typeof DecisionSchema>;

export type Decision = z.infer<typeof DecisionSchema>;
