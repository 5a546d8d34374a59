import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { renderDocument } from '../../documents';
import {
  cmapCoverage,
  FONT_DIR_ENV,
  FontNotFoundError,
  missingVietnameseLetters,
  resolvePdfFonts,
  VIETNAMESE_LETTERS,
} from '../../documents/fonts';
import { timesWidthPt } from '../../documents/metrics';
import { minutesFixture } from './fixtures';
import { testPdfOptions } from './helpers';

/** A minimal sfnt with only a cmap table: format 4 mapping `from..to` to glyphs 1…, or format 12 with one group. */
function fakeFont(from: number, to: number, format: 4 | 12): Buffer {
  let sub: Buffer;
  if (format === 4) {
    const segs = 2;
    sub = Buffer.alloc(16 + segs * 8);
    sub.writeUInt16BE(4, 0);
    sub.writeUInt16BE(sub.length, 2);
    sub.writeUInt16BE(segs * 2, 6);
    let o = 14;
    sub.writeUInt16BE(to, o);
    sub.writeUInt16BE(0xffff, o + 2); // endCode
    o += segs * 2 + 2; // + reservedPad
    sub.writeUInt16BE(from, o);
    sub.writeUInt16BE(0xffff, o + 2); // startCode
    o += segs * 2;
    sub.writeUInt16BE((1 - from) & 0xffff, o);
    sub.writeUInt16BE(1, o + 2); // idDelta
    // idRangeOffset stays 0
  } else {
    sub = Buffer.alloc(28);
    sub.writeUInt16BE(12, 0);
    sub.writeUInt32BE(sub.length, 4);
    sub.writeUInt32BE(1, 12);
    sub.writeUInt32BE(from, 16);
    sub.writeUInt32BE(to, 20);
    sub.writeUInt32BE(1, 24);
  }
  const cmap = Buffer.alloc(12);
  cmap.writeUInt16BE(0, 0);
  cmap.writeUInt16BE(1, 2);
  cmap.writeUInt16BE(3, 4);
  cmap.writeUInt16BE(format === 4 ? 1 : 10, 6);
  cmap.writeUInt32BE(12, 8);
  const head = Buffer.alloc(12 + 16);
  head.writeUInt32BE(0x00010000, 0);
  head.writeUInt16BE(1, 4);
  head.write('cmap', 12, 'latin1');
  head.writeUInt32BE(head.length, 20);
  head.writeUInt32BE(cmap.length + sub.length, 24);
  return Buffer.concat([head, cmap, sub]);
}

describe('font coverage', () => {
  test('the list has every precomposed Vietnamese letter plus đ/Đ', () => {
    expect(VIETNAMESE_LETTERS).toHaveLength(146);
    expect(VIETNAMESE_LETTERS).toEqual(expect.arrayContaining(['ặ', 'Ỵ', 'ờ', 'Ữ', 'đ', 'Đ']));
    for (const l of VIETNAMESE_LETTERS) expect([...l]).toHaveLength(1);
  });

  test.each([4, 12] as const)('cmap format %p is read', (format) => {
    const has = cmapCoverage(fakeFont(0x41, 0x5a, format));
    expect(has(0x41)).toBe(true);
    expect(has(0x5a)).toBe(true);
    expect(has(0x61)).toBe(false);
    expect(has(0x1ea1)).toBe(false);
  });

  test('a Latin-only font misses the Vietnamese letters (the fonts-liberation 1.07 trap)', () => {
    const missing = missingVietnameseLetters(fakeFont(0x20, 0xff, 4));
    expect(missing).toContain('ơ');
    expect(missing).toContain('ạ');
    expect(missing).not.toContain('â'); // Latin-1 has â ê ô à á …
    expect(missing).not.toContain('A');
  });

  test('the font used by the PDF tests is complete', () => {
    const set = resolvePdfFonts(testPdfOptions().fontDir ? { fontDir: testPdfOptions().fontDir! } : {});
    for (const file of Object.values(set.files)) expect(missingVietnameseLetters(fs.readFileSync(file))).toEqual([]);
  });

  test('an incomplete font set is refused with a clear error', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-font-'));
    for (const s of ['Regular', 'Bold', 'Italic', 'BoldItalic'])
      fs.writeFileSync(path.join(dir, `LiberationSerif-${s}.ttf`), fakeFont(0x20, 0xff, 4));
    await expect(renderDocument('minutes', 'pdf', minutesFixture(), { fontDir: dir })).rejects.toThrow(
      /lacks \d+ Vietnamese letters/,
    );
    await expect(renderDocument('minutes', 'pdf', minutesFixture(), { fontDir: dir })).rejects.toBeInstanceOf(
      FontNotFoundError,
    );
  });

  test(`${FONT_DIR_ENV} pointing to a folder without fonts is an error, not a silent fallback`, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'thidua-empty-'));
    const before = process.env[FONT_DIR_ENV];
    process.env[FONT_DIR_ENV] = dir;
    try {
      expect(() => resolvePdfFonts()).toThrow(new RegExp(`no complete serif font set in .*\\$${FONT_DIR_ENV}`));
    } finally {
      if (before === undefined) delete process.env[FONT_DIR_ENV];
      else process.env[FONT_DIR_ENV] = before;
    }
  });
});

describe('Times New Roman metrics (rule lengths in DOCX)', () => {
  test('match the widths measured in the format doc (Liberation Serif 2) within 1.5% (no kerning)', () => {
    const mm = (pt: number): number => (pt * 25.4) / 72;
    const near = (got: number, want: number): void => expect(Math.abs(got - want) / want).toBeLessThan(0.015);
    near(mm(timesWidthPt('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 13, true)), 95.1);
    near(mm(timesWidthPt('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 12, true)), 87.8);
    near(mm(timesWidthPt('Độc lập - Tự do - Hạnh phúc', 13, true)), 56.1);
    near(mm(timesWidthPt('UBND THÀNH PHỐ CẦN THƠ', 12)), 57.2);
  });
});
