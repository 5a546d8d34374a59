/**
 * The building blocks of every document's input data, as Zod schemas: texts, dates, the header, the signer, people,
 * references to other documents, vote thresholds. Every text is trimmed and normalised to Unicode NFC. Each kind's
 * own schema is in its folder (kinds/<kind>/model.ts); the union of all kinds is registry.ts.
 * Numbers that a document prints as derived values (percentages, quorum, totals, results) are NOT inputs: the layout
 * computes them from the counts, so a document can never state a share that its own counts contradict.
 */
import { z } from 'zod';
import { parseVnDateTime, vnDateTimeMs } from '../domain/vietnam-time';
import { basesOutOfForce } from '../domain/legal-bases';

// ---------------------------------------------------------------- building blocks

export const text = (max = 1000) =>
  z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().min(1).max(max));

export const VnTextSchema = text();

export const Id = z.string().min(1).max(100);

/** The emulation year a document is about. */
export const YearSchema = z.number().int().min(2000).max(2100);

/** A calendar date `YYYY-MM-DD`. */
export const DateSchema = z.iso.date();

/** ISO date-time; without offset it is Vietnam wall-clock time (`2026-01-05T08:00`), with an offset it is converted. */
export const DateTimeSchema = z.iso.datetime({ local: true, offset: true }).refine((s) => {
  try {
    parseVnDateTime(s);
    return true;
  } catch {
    return false;
  }
}, 'invalid date-time');

/** The instant of a date-time of the data (Vietnam time unless it has an offset), for ordering checks. */
export const instantOf = (s: string): number => vnDateTimeMs(s);

/** Abbreviation of the issuing body in the symbol: capitals and digits, groups joined by "-" (`KNC`, `UBND`, `UBND-VX`). */
export const IssuerAbbrSchema = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(
    z.string().regex(/^[\p{Lu}\d]+(?:-[\p{Lu}\d]+)*$/u, 'capitals and digits, groups joined by "-" with no spaces'),
  );

/** A document number in the issuer's yearly series; `null` leaves the blank the văn thư fills after signature. */
export const DocNumberSchema = z.number().int().min(1).max(99_999).nullable();

/** Header data common to every document (ND30 PL I II.1–II.4). */
export const HeaderSchema = z.object({
  /** Cơ quan chủ quản, all caps, not bold: `UBND THÀNH PHỐ CẦN THƠ`. Omitted when the issuer has none (a UBND itself). */
  parentBody: text(200).optional(),
  /** Cơ quan ban hành, all caps, bold: `KHỐI THI ĐUA NỘI CHÍNH`. A "\n" forces a line break in a long name. */
  issuingBody: text(200),
  /** Abbreviation used in the symbol: `KNC` → `Số: 05/BB-KNC`. */
  issuerAbbr: IssuerAbbrSchema,
  number: DocNumberSchema.default(null),
  /** Place name of the place/date line: `Cần Thơ`. */
  place: text(100),
  /** Date of the document (of signature). */
  date: DateSchema,
});

export type Header = z.infer<typeof HeaderSchema>;

/** Minutes and ballot records carry no place/date line (PL III Mẫu 1.9): time and place are in the body. */
export const MinutesHeaderSchema = HeaderSchema.omit({ place: true, date: true });

export type MinutesHeader = z.infer<typeof MinutesHeaderSchema>;

export const SIGNER_PREFIXES = ['KT.', 'Q.', 'TL.', 'TUQ.'] as const;

/**
 * Signature block (ND30 PL I II.7). Lines printed, in capitals and bold:
 *   `TM. <onBehalfOf>` (if set), then `KT. <prefixOf>` / `TL. …` / `TUQ. …` (if `prefix`), then `<position>`
 *   (`Q. <position>` for an acting head), then `secondaryPosition`, the signature space, and the name.
 * Examples: TM. KHỐI THI ĐUA NỘI CHÍNH / KHỐI TRƯỞNG; KT. CHỦ TỊCH / PHÓ CHỦ TỊCH.
 */
export const SignerSchema = z
  .object({
    onBehalfOf: text(200).optional(),
    prefix: z.enum(SIGNER_PREFIXES).optional(),
    /** The head's title the prefix refers to: "CHỦ TỊCH" in "KT. CHỦ TỊCH". */
    prefixOf: text(200).optional(),
    position: text(200),
    /** The signer's post in their own agency, for an advisory body such as a bloc (PL I II.7.c). */
    secondaryPosition: text(200).optional(),
    name: text(200),
  })
  .superRefine((s, ctx) => {
    if (s.prefix && s.prefix !== 'Q.' && !s.prefixOf) {
      ctx.addIssue({
        code: 'custom',
        path: ['prefixOf'],
        message: `"${s.prefix}" needs the title it refers to (prefixOf)`,
      });
    }
    if (s.prefix === 'Q.' && s.prefixOf)
      ctx.addIssue({ code: 'custom', path: ['prefixOf'], message: '"Q." goes before the position itself' });
  });

export type Signer = z.infer<typeof SignerSchema>;

/** "Nơi nhận" items without the leading "-" and final ";"/"." (added when printed). The last is usually `Lưu: VT, …`. */
export const RecipientsSchema = z.array(text(300)).max(40);

export const PersonSchema = z.object({
  name: text(200),
  /** Post, in normal case: `Phó Giám đốc`. */
  position: text(300),
  /** Unit, in normal case: `Sở Tư pháp`. */
  unit: text(300).optional(),
});

export type Person = z.infer<typeof PersonSchema>;

/** A reference to another document: `Biên bản số 05/BB-KNC ngày 05 tháng 01 năm 2026`. */
export const DocRefSchema = z.object({
  number: DocNumberSchema,
  /** Full symbol: `BB-KNC`. */
  symbol: z.string().regex(/^[\p{L}\d]+(?:-[\p{L}\d]+)*$/u),
  date: DateSchema,
});

export type DocRef = z.infer<typeof DocRefSchema>;

// ---------------------------------------------------------------- vote thresholds

export const PERCENT_BASES = ['allMembers', 'present', 'validBallots'] as const;

export const PercentBaseSchema = z.enum(PERCENT_BASES);

export type PercentBase = z.infer<typeof PercentBaseSchema>;

/** A vote threshold as in the bloc rules: ≥80% of all members, >50% of valid ballots, … */
export const ThresholdSchema = z.object({
  ratio: z.number().gt(0).lte(1),
  base: PercentBaseSchema,
  /** true: strictly more than `ratio` ("trên 50%"); false: at least ("từ 80% trở lên"). */
  strict: z.boolean().default(false),
});

export type Threshold = z.infer<typeof ThresholdSchema>;

/**
 * A document cites the decree in force on ITS date (domain/legal-bases.ts): a basis naming the other decree is an
 * issue at `legalBases.<i>` (a letter of 11/3/2025 citing ND 152/2025, a decision of 2026 citing ND 98/2023).
 */
export function refineLegalBases(bases: readonly string[], date: string, ctx: z.RefinementCtx): void {
  for (const i of basesOutOfForce(bases, date))
    ctx.addIssue({
      code: 'custom',
      path: ['legalBases', i],
      message: `cites a decree not in force on the document's date ${date} (ND 98/2023 until 30/6/2025, ND 152/2025 from 1/7/2025)`,
    });
}
