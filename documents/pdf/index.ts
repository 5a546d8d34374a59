/**
 * PDF output: `renderPdf` lays a validated document out (registry.ts) and draws it (writer.ts on canvas.ts) in the
 * embedded fonts (fonts.ts).
 */
import { loadFontSet, resolvePdfFonts, type PdfFontSet } from '../fonts';
import type { Layout } from '../layout';
import { buildLayout, type DocumentInput } from '../registry';
import { PdfWriter } from './writer';

export interface PdfOptions {
  /** A folder with the four TTF files (overrides the default search, see fonts.ts). */
  fontDir?: string;
  /** A font set already resolved. */
  fonts?: PdfFontSet;
}

/** Renders a layout (see registry.ts) to PDF bytes. */
export async function renderLayoutPdf(layout: Layout, options: PdfOptions = {}): Promise<Buffer> {
  const set = options.fonts ?? resolvePdfFonts(options.fontDir ? { fontDir: options.fontDir } : {});
  const writer = new PdfWriter(layout, loadFontSet(set));
  writer.render(layout);
  return writer.finish();
}

/** Renders a validated document to PDF. Use `renderDocument` (index.ts) to validate raw data first. */
export async function renderPdf(doc: DocumentInput, options: PdfOptions = {}): Promise<Buffer> {
  return renderLayoutPdf(buildLayout(doc), options);
}
