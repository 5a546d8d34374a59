/**
 * Finds the TrueType fonts the PDF renderer embeds, and proves they carry every Vietnamese letter.
 *
 * Order of search (first complete set wins):
 *   1. an explicit directory passed by the caller (`fontDir`);
 *   2. the directory in the environment variable `THIDUA_PDF_FONT_DIR`;
 *   3. the npm package `@expo-google-fonts/tinos` (Tinos: Times New Roman metrics, OFL-1.1), via require.resolve;
 *   4. the npm package `dejavu-fonts-ttf` (DejaVu Serif, acceptable fallback, different metrics);
 *   5. `assets/fonts/` in the repository (a drop-in folder for vendored files).
 * No system font folder is searched: a deployment must bring its fonts with it.
 * A directory may hold Tinos (flat or in the expo layout), Liberation Serif 2.x or DejaVu Serif files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type FontStyle = 'regular' | 'bold' | 'italic' | 'boldItalic';
export const FONT_STYLES: readonly FontStyle[] = ['regular', 'bold', 'italic', 'boldItalic'];

export interface PdfFontSet {
  family: string;
  /** Where the set was found, for logs and error messages. */
  source: string;
  files: Record<FontStyle, string>;
}

export class FontNotFoundError extends Error {
  override readonly name = 'FontNotFoundError';
}

interface Layout {
  family: string;
  files: Record<FontStyle, string>;
}

/** File layouts recognised inside a directory, best first. */
const DIR_LAYOUTS: readonly Layout[] = [
  {
    family: 'Tinos',
    files: {
      regular: '400Regular/Tinos_400Regular.ttf',
      bold: '700Bold/Tinos_700Bold.ttf',
      italic: '400Regular_Italic/Tinos_400Regular_Italic.ttf',
      boldItalic: '700Bold_Italic/Tinos_700Bold_Italic.ttf',
    },
  },
  {
    family: 'Tinos',
    files: {
      regular: 'Tinos_400Regular.ttf',
      bold: 'Tinos_700Bold.ttf',
      italic: 'Tinos_400Regular_Italic.ttf',
      boldItalic: 'Tinos_700Bold_Italic.ttf',
    },
  },
  {
    family: 'Tinos',
    files: {
      regular: 'Tinos-Regular.ttf',
      bold: 'Tinos-Bold.ttf',
      italic: 'Tinos-Italic.ttf',
      boldItalic: 'Tinos-BoldItalic.ttf',
    },
  },
  {
    family: 'Liberation Serif',
    files: {
      regular: 'LiberationSerif-Regular.ttf',
      bold: 'LiberationSerif-Bold.ttf',
      italic: 'LiberationSerif-Italic.ttf',
      boldItalic: 'LiberationSerif-BoldItalic.ttf',
    },
  },
  {
    family: 'DejaVu Serif',
    files: {
      regular: 'DejaVuSerif.ttf',
      bold: 'DejaVuSerif-Bold.ttf',
      italic: 'DejaVuSerif-Italic.ttf',
      boldItalic: 'DejaVuSerif-BoldItalic.ttf',
    },
  },
  {
    family: 'DejaVu Serif',
    files: {
      regular: 'ttf/DejaVuSerif.ttf',
      bold: 'ttf/DejaVuSerif-Bold.ttf',
      italic: 'ttf/DejaVuSerif-Italic.ttf',
      boldItalic: 'ttf/DejaVuSerif-BoldItalic.ttf',
    },
  },
];

/** npm packages that ship a complete set, resolved with require.resolve. */
export const NPM_FONT_PACKAGES: readonly { pkg: string; layout: Layout }[] = [
  { pkg: '@expo-google-fonts/tinos', layout: DIR_LAYOUTS[0]! },
  { pkg: 'dejavu-fonts-ttf', layout: DIR_LAYOUTS[5]! },
];

export const FONT_DIR_ENV = 'THIDUA_PDF_FONT_DIR';

const REPO_FONT_DIR = path.resolve(__dirname, '..', 'assets', 'fonts');

/** Every precomposed Vietnamese letter (12 vowels × 6 tones, both cases) plus đ/Đ: 146 code points. */
export const VIETNAMESE_LETTERS: readonly string[] = (() => {
  const vowels = 'aăâeêioôơuưyAĂÂEÊIOÔƠUƯY';
  const tones = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
  const out = new Set<string>();
  for (const v of vowels) for (const t of tones) out.add((v + t).normalize('NFC'));
  out.add('đ');
  out.add('Đ');
  return [...out];
})();

function findInDir(dir: string): Layout | undefined {
  return DIR_LAYOUTS.find((l) => FONT_STYLES.every((s) => fs.existsSync(path.join(dir, l.files[s]))));
}

function absolute(dir: string, layout: Layout): Record<FontStyle, string> {
  return Object.fromEntries(FONT_STYLES.map((s) => [s, path.join(dir, layout.files[s])])) as Record<FontStyle, string>;
}

function tryNpm(pkg: string, layout: Layout): PdfFontSet | undefined {
  try {
    const files = Object.fromEntries(
      FONT_STYLES.map((s) => [s, require.resolve(`${pkg}/${layout.files[s]}`)]),
    ) as Record<FontStyle, string>;
    return { family: layout.family, source: `npm:${pkg}`, files };
  } catch {
    return undefined;
  }
}

/** Reads the Unicode cmap of a TrueType/OpenType font and answers whether it maps a code point to a real glyph. */
export function cmapCoverage(font: Buffer): (codePoint: number) => boolean {
  const u16 = (o: number): number => font.readUInt16BE(o);
  const u32 = (o: number): number => font.readUInt32BE(o);
  const numTables = u16(4);
  let cmap = -1;
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    if (font.toString('latin1', rec, rec + 4) === 'cmap') cmap = u32(rec + 8);
  }
  if (cmap < 0) throw new Error('font has no cmap table');
  const subtables: { platform: number; encoding: number; offset: number }[] = [];
  for (let i = 0; i < u16(cmap + 2); i++) {
    const rec = cmap + 4 + i * 8;
    subtables.push({ platform: u16(rec), encoding: u16(rec + 2), offset: cmap + u32(rec + 4) });
  }
  const pick = (p: number, e: number[]): number | undefined =>
    subtables.find((s) => s.platform === p && e.includes(s.encoding))?.offset;
  const format12 = pick(3, [10]) ?? pick(0, [4, 6]);
  if (format12 !== undefined && u16(format12) === 12) {
    const n = u32(format12 + 12);
    return (cp) => {
      for (let g = 0; g < n; g++) {
        const o = format12 + 16 + g * 12;
        const start = u32(o);
        if (cp >= start && cp <= u32(o + 4)) return u32(o + 8) + (cp - start) !== 0;
      }
      return false;
    };
  }
  const format4 = pick(3, [1]) ?? pick(0, [3, 2, 1, 0]);
  if (format4 === undefined || u16(format4) !== 4) throw new Error('font has no Unicode cmap (format 4 or 12)');
  const segX2 = u16(format4 + 6);
  const ends = format4 + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  return (cp) => {
    if (cp > 0xffff) return false;
    for (let i = 0; i < segX2; i += 2) {
      if (cp > u16(ends + i)) continue;
      const start = u16(starts + i);
      if (cp < start) return false;
      const delta = u16(deltas + i);
      const ro = u16(ranges + i);
      if (ro === 0) return ((cp + delta) & 0xffff) !== 0;
      const glyph = u16(ranges + i + ro + (cp - start) * 2);
      return glyph !== 0 && ((glyph + delta) & 0xffff) !== 0;
    }
    return false;
  };
}

/** The Vietnamese letters a font file lacks (empty when it is complete). */
export function missingVietnameseLetters(font: Buffer): string[] {
  const has = cmapCoverage(font);
  return VIETNAMESE_LETTERS.filter((c) => !has(c.codePointAt(0)!));
}

const verified = new Map<string, Record<FontStyle, Buffer>>();

/** Loads the four files once and checks their Vietnamese coverage; throws a FontNotFoundError naming what is missing. */
export function loadFontSet(set: PdfFontSet): Record<FontStyle, Buffer> {
  const key = FONT_STYLES.map((s) => set.files[s]).join('|');
  const cached = verified.get(key);
  if (cached) return cached;
  const out = {} as Record<FontStyle, Buffer>;
  for (const style of FONT_STYLES) {
    const file = set.files[style];
    const buf = fs.readFileSync(file);
    const missing = missingVietnameseLetters(buf);
    if (missing.length > 0) {
      throw new FontNotFoundError(
        `font ${file} (${set.source}) lacks ${missing.length} Vietnamese letters (${missing.slice(0, 12).join(' ')}…); ` +
          'use Tinos, Liberation Serif 2.x (not fonts-liberation 1.07) or DejaVu Serif',
      );
    }
    out[style] = buf;
  }
  verified.set(key, out);
  return out;
}

/** Finds a complete set (see the search order at the top of this file) or throws a FontNotFoundError saying how to fix it. */
export function resolvePdfFonts(options: { fontDir?: string } = {}): PdfFontSet {
  const dirs: { dir: string; source: string; required: boolean }[] = [];
  if (options.fontDir) dirs.push({ dir: options.fontDir, source: 'option fontDir', required: true });
  const env = process.env[FONT_DIR_ENV];
  if (env) dirs.push({ dir: env, source: `$${FONT_DIR_ENV}`, required: true });
  for (const { dir, source, required } of dirs) {
    const layout = findInDir(dir);
    if (layout) return { family: layout.family, source: `${source} (${dir})`, files: absolute(dir, layout) };
    if (required) {
      throw new FontNotFoundError(
        `no complete serif font set in ${dir} (from ${source}): expected Tinos, LiberationSerif-{Regular,Bold,Italic,BoldItalic}.ttf or DejaVuSerif*.ttf`,
      );
    }
  }
  for (const { pkg, layout } of NPM_FONT_PACKAGES) {
    const set = tryNpm(pkg, layout);
    if (set) return set;
  }
  const vendored = findInDir(REPO_FONT_DIR);
  if (vendored)
    return {
      family: vendored.family,
      source: `assets/fonts (${REPO_FONT_DIR})`,
      files: absolute(REPO_FONT_DIR, vendored),
    };
  throw new FontNotFoundError(
    'No Vietnamese-capable serif font for PDF output. Add the npm package "@expo-google-fonts/tinos" ' +
      '(Times New Roman metrics, OFL-1.1) to package.json, or "dejavu-fonts-ttf", ' +
      `or set ${FONT_DIR_ENV} to a folder with Tinos / Liberation Serif 2.x / DejaVu Serif TTF files, ` +
      'or put them in assets/fonts/.',
  );
}
