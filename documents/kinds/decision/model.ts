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
  /** The awardee's bloc: a list of several blocs' awardees (the province session) prints it in its own column. */
  blocName: text(200).optional(),
  /** Printed under the amount, e.g. why it is 0 (the highest title only is paid, ND 152/2025 Art. 49(5)). */
  note: text(500).optional(),
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
    /**
     * `list`: one award kind, `Điều 1. Tặng <award> cho các tập thể có tên sau` and a table STT | Tên tập thể | Số
     * tiền (kinds/decision/list.ts); `table`: several kinds, one row per award with its kind and achievement.
     * Default: `list` when every award is of one kind.
     */
    form: z.enum(['list', 'table']).optional(),
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
    if (d.form === 'list')
      d.awards.forEach((a, i) => {
        if (a.award !== d.awards[0]!.award)
          ctx.addIssue({
            code: 'custom',
            path: ['awards', i, 'award'],
            message: 'a list decision gives ONE award kind',
          });
      });
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
