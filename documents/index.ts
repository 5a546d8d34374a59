/**
 * Document generation for a bloc's dossier: minutes of the voting meeting, ballot-count record, proposal letter with
 * its list, and award decision, and the province's Government-flag dossier, as DOCX or PDF, laid out per
 * ND 30/2020/NĐ-CP. Each kind is a folder under kinds/; registry.ts lists them.
 *
 *   const pdf = await renderDocument('minutes', 'pdf', data);   // validates `data` first (DocumentValidationError)
 */
import { z } from 'zod';
import { renderDocx } from './docx';
import type { DocumentKind } from './kinds';
import { renderPdf, type PdfOptions } from './pdf';
import { DOCUMENT_SCHEMAS, type DocumentDataInput, type DocumentInput } from './registry';

export type DocumentFormat = 'docx' | 'pdf';

export const MIME_TYPES: Record<DocumentFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

/** The data failed its schema; `issues` are Zod's, with paths into the data. */
export class DocumentValidationError extends Error {
  override readonly name = 'DocumentValidationError';
  constructor(
    readonly kind: DocumentKind,
    readonly issues: z.core.$ZodIssue[],
  ) {
    super(
      `invalid ${kind} document data: ${issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`,
    );
  }
}

/** Validates raw data for a document kind (applies defaults, NFC-normalises texts) without rendering. */
export function parseDocument<K extends DocumentKind>(kind: K, data: unknown): Extract<DocumentInput, { kind: K }> {
  const schema = DOCUMENT_SCHEMAS[kind] as z.ZodType;
  const parsed = schema.safeParse(data);
  if (!parsed.success) throw new DocumentValidationError(kind, parsed.error.issues);
  return { kind, data: parsed.data } as Extract<DocumentInput, { kind: K }>;
}

/** Validates `data` against the schema of `kind` and renders it. */
export async function renderDocument<K extends DocumentKind>(
  kind: K,
  format: DocumentFormat,
  data: DocumentDataInput[K],
  options: PdfOptions = {},
): Promise<Buffer> {
  const doc = parseDocument(kind, data);
  return format === 'docx' ? renderDocx(doc) : renderPdf(doc, options);
}

export { renderDocx } from './docx';
export { renderPdf, type PdfOptions } from './pdf';
export { FontNotFoundError, resolvePdfFonts, type PdfFontSet } from './fonts';
export * from './kinds';
export * from './model';
export * from './registry';
export { TYPE_ABBR } from './numbering';
export * from './meeting/model';
export * from './government-flag/model';
export * from './kinds/minutes/model';
export * from './kinds/ballot-count/model';
export * from './kinds/proposal/model';
export * from './kinds/decision/model';
export * from './kinds/gov-flag-ballot-count/model';
export * from './kinds/gov-flag-proposal/model';
export * as format from './format';
