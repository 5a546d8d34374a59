/** Test helpers: DOCX text extraction (ZIP reading: test/support/zip.ts), poppler wrappers and a PGM reader. */
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { FontNotFoundError, resolvePdfFonts } from '../../documents/fonts';
import type { PdfOptions } from '../../documents/pdf';
import { unzip } from '../support/zip';

const decodeXml = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');

/** The text of each <w:p> of a WordprocessingML part, runs joined, tabs as "\t". */
export function docxParagraphs(xml: string): string[] {
  return xml.split('</w:p>').map((chunk) => {
    let text = '';
    for (const m of chunk.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g))
      text += m[1] !== undefined ? decodeXml(m[1]) : '\t';
    return text;
  });
}

export function docxDocumentXml(docx: Buffer): string {
  const xml = unzip(docx).get('word/document.xml');
  if (!xml) throw new Error('word/document.xml missing');
  return xml.toString('utf8');
}

/** Fonts for PDF tests: the normal search; until the npm font package is added, Debian's DejaVu Serif if present. */
export function testPdfOptions(): PdfOptions {
  try {
    resolvePdfFonts();
    return {};
  } catch (e) {
    if (!(e instanceof FontNotFoundError)) throw e;
    const dir = '/usr/share/fonts/truetype/dejavu';
    for (const f of [
      'DejaVuSerif.ttf',
      'DejaVuSerif-Bold.ttf',
      'DejaVuSerif-Italic.ttf',
      'DejaVuSerif-BoldItalic.ttf',
    ]) {
      if (!fs.existsSync(path.join(dir, f))) throw e;
    }
    return { fontDir: dir };
  }
}

export function hasTool(name: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** poppler-utils present? Locally the raster/text tests are skipped without it; under CI they run (and fail loudly). */
export const POPPLER = hasTool('pdftotext') && hasTool('pdftoppm');
export const describeWithPoppler = POPPLER || process.env.CI ? describe : describe.skip;

/** Runs a poppler tool; a missing binary says which Debian package to install. */
function poppler(tool: string, args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error(`${tool} not found: install the Debian package poppler-utils`, { cause: e });
    throw e;
  }
}

export function tmpFile(name: string, data: Buffer): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-doc-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, data);
  return file;
}

export function pdfToText(pdf: Buffer, opts: { first?: number; last?: number; layout?: boolean } = {}): string {
  const file = tmpFile('doc.pdf', pdf);
  const args = [
    '-enc',
    'UTF-8',
    ...(opts.layout ? ['-layout'] : []),
    ...(opts.first ? ['-f', String(opts.first)] : []),
    ...(opts.last ? ['-l', String(opts.last)] : []),
    file,
    '-',
  ];
  return poppler('pdftotext', args);
}

/** Page text without the page number that pdftotext puts first on pages 2, 3, … */
export function bodyText(pdfText: string): string {
  return pdfText
    .split('\f')
    .map((page) => page.replace(/^\s*\d+\s*\n/u, ''))
    .join('\n');
}

/** Whitespace collapsed, for comparing text that the PDF wraps differently. */
export const squash = (s: string): string => s.replace(/\s+/gu, ' ').trim();

export interface Gray {
  width: number;
  height: number;
  pixels: Buffer;
}

/** Rasterises one page to 8-bit grey with pdftoppm (binary PGM) and, if `pngOut` is given, also writes a PNG there. */
export function rasterPage(pdf: Buffer, page: number, dpi: number, pngOut?: string): Gray {
  const file = tmpFile('doc.pdf', pdf);
  const base = path.join(path.dirname(file), 'page');
  poppler('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, base]);
  if (pngOut) {
    fs.mkdirSync(path.dirname(pngOut), { recursive: true });
    poppler('pdftoppm', [
      '-png',
      '-r',
      '100',
      '-f',
      String(page),
      '-l',
      String(page),
      '-singlefile',
      file,
      pngOut.replace(/\.png$/, ''),
    ]);
  }
  return readPgm(fs.readFileSync(`${base}.pgm`));
}

export function readPgm(buf: Buffer): Gray {
  const header: string[] = [];
  let i = 0;
  while (header.length < 4) {
    while (/\s/.test(String.fromCharCode(buf[i]!))) i++;
    if (buf[i] === 0x23) {
      while (buf[i] !== 0x0a) i++;
      continue;
    }
    let tok = '';
    while (!/\s/.test(String.fromCharCode(buf[i]!))) tok += String.fromCharCode(buf[i++]!);
    header.push(tok);
  }
  if (header[0] !== 'P5' || header[3] !== '255') throw new Error(`unexpected PGM header ${header.join(' ')}`);
  const width = Number(header[1]);
  const height = Number(header[2]);
  return { width, height, pixels: buf.subarray(i + 1, i + 1 + width * height) };
}

/** Count of dark pixels (< 128) inside a rectangle given in millimetres from the top-left corner. */
export function inkMm(img: Gray, dpi: number, x1: number, y1: number, x2: number, y2: number): number {
  const px = (mm: number): number => Math.round((mm / 25.4) * dpi);
  let n = 0;
  for (let y = Math.max(0, px(y1)); y < Math.min(img.height, px(y2)); y++) {
    for (let x = Math.max(0, px(x1)); x < Math.min(img.width, px(x2)); x++)
      if (img.pixels[y * img.width + x]! < 128) n++;
  }
  return n;
}

/** tesseract with its Vietnamese data present? Under CI it must be (.ci/run installs it). */
export const TESSERACT = hasTool('tesseract');

/**
 * What a reader sees on a page: the page rasterised at `dpi` (pdftoppm) and read back by OCR
 * (tesseract, Vietnamese model). Unlike pdftotext, which reads the text layer, this fails when the
 * glyphs drawn are wrong — a font without Vietnamese letters, lost diacritics, boxes.
 */
export async function ocrPage(pdf: Buffer, page: number, dpi = 300): Promise<string> {
  const file = tmpFile('doc.pdf', pdf);
  const base = path.join(path.dirname(file), 'ocr');
  poppler('pdftoppm', ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, base]);
  try {
    // Asynchronous: OCR takes seconds, and the server under test may share this event loop.
    const { stdout } = await promisify(execFile)('tesseract', [`${base}.pgm`, '-', '-l', 'vie'], { encoding: 'utf8' });
    return stdout.normalize('NFC');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new Error('tesseract not found: install the Debian packages tesseract-ocr and tesseract-ocr-vie', {
        cause: e,
      });
    throw e;
  }
}

/** The words of `text` that carry a Vietnamese (non-ASCII) letter. */
export const vietnameseWords = (text: string): string[] =>
  text
    .normalize('NFC')
    .split(/[\s,.;:()"“”/]+/u)
    .filter((w) => /\p{L}/u.test(w) && /[^\p{ASCII}]/u.test(w));

/** Share of `expected` words that the OCR output contains as whole words. */
export function shareRecovered(expected: string[], ocr: string): number {
  const seen = new Set(ocr.normalize('NFC').split(/[\s,.;:()"“”/]+/u));
  return expected.length === 0 ? 0 : expected.filter((w) => seen.has(w)).length / expected.length;
}
