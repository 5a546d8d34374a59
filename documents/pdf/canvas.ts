/**
 * The PDF page and its text (pdfkit): page geometry, fonts, our own line breaking and justification, text boxes and
 * their heights. writer.ts draws the layout's blocks with these.
 */
import PDFDocument from 'pdfkit';
import type { FontStyle } from '../fonts';
import { PAGE, mmToPt, type Align, type Layout, type Run } from '../layout';

export const FONT_NAME: Record<FontStyle, string> = {
  regular: 'VN-Regular',
  bold: 'VN-Bold',
  italic: 'VN-Italic',
  boldItalic: 'VN-BoldItalic',
};

export const styleOf = (bold?: boolean, italic?: boolean): FontStyle =>
  bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';

const RULE_WIDTH = 0.6;
/** Space between a line of text and the rule under it. */
export const RULE_GAP = 3;
export const CELL_PAD_X = 3;
export const CELL_PAD_Y = 2.5;

type Doc = PDFKit.PDFDocument;

interface Piece {
  text: string;
  style: FontStyle;
  width: number;
}
/** A word: pieces of one or more runs with no space between them. */
interface Word {
  pieces: Piece[];
  width: number;
  /** Width of the space after it (in the style of its last piece). */
  space: number;
}
interface Line {
  words: Word[];
  natural: number;
  /** Last line of a paragraph: never stretched. */
  last: boolean;
  indent: number;
}

/** A pdfkit document with the ND30 page and our typesetting; subclassed by the block writer. */
export class PdfCanvas {
  readonly doc: Doc;
  protected orientation: 'portrait' | 'landscape' = 'portrait';

  constructor(layout: Layout, fonts: Record<FontStyle, Buffer>) {
    this.doc = new PDFDocument({
      autoFirstPage: false,
      bufferPages: true,
      size: 'A4',
      pdfVersion: '1.7',
      lang: 'vi-VN',
      displayTitle: true,
      info: { Title: layout.title, Author: layout.author, Creator: 'Thi Đua', Subject: layout.title },
    });
    for (const s of Object.keys(FONT_NAME) as FontStyle[]) this.doc.registerFont(FONT_NAME[s], fonts[s]);
  }

  // ------------------------------------------------------------ page geometry

  protected get left(): number {
    return mmToPt(PAGE.marginLeftMm);
  }
  protected get width(): number {
    return this.doc.page.width - mmToPt(PAGE.marginLeftMm) - mmToPt(PAGE.marginRightMm);
  }
  protected get maxY(): number {
    return this.doc.page.height - mmToPt(PAGE.marginBottomMm);
  }

  protected addPage(): void {
    this.doc.addPage({
      size: 'A4',
      layout: this.orientation,
      margins: {
        top: mmToPt(PAGE.marginTopMm),
        bottom: mmToPt(PAGE.marginBottomMm),
        left: mmToPt(PAGE.marginLeftMm),
        right: mmToPt(PAGE.marginRightMm),
      },
    });
  }

  /** Starts a new page when `height` does not fit below the cursor. */
  protected ensureSpace(height: number): void {
    if (this.doc.y + height > this.maxY && this.doc.y > mmToPt(PAGE.marginTopMm) + 1) this.addPage();
  }

  protected font(style: FontStyle, size: number): Doc {
    return this.doc.font(FONT_NAME[style]).fontSize(size);
  }

  protected lineHeight(size: number, spacing = 1): number {
    this.font('regular', size);
    return this.doc.currentLineHeight(true) * spacing;
  }

  protected hline(x1: number, x2: number, y: number): void {
    this.doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(RULE_WIDTH).strokeColor('black').stroke().restore();
  }

  /**
   * Our own line breaking and justification. pdfkit's `align: 'justify'` replaces the space glyphs of a line by position
   * offsets, and text extraction (copy, search, pdftotext) then loses spaces; here every space stays a real glyph and
   * the extra justification width is added by positioning the next word.
   */
  protected typeset(runs: Run[], size: number, width: number, indent: number): Line[] {
    const paragraphs: Word[][] = [[]];
    let word: Word | undefined;
    for (const r of runs) {
      const style = styleOf(r.bold, r.italic);
      // Split on ordinary whitespace only: a no-break space (the blank of an unnumbered document) is kept.
      for (const tok of r.text.split(/([ \t\n]+)/u)) {
        if (tok === '') continue;
        if (/^[ \t\n]+$/u.test(tok)) {
          word = undefined;
          const breaks = (tok.match(/\n/gu) ?? []).length;
          for (let i = 0; i < breaks; i++) paragraphs.push([]);
          continue;
        }
        this.font(style, size);
        const piece = { text: tok, style, width: this.doc.widthOfString(tok) };
        if (!word) {
          word = { pieces: [], width: 0, space: 0 };
          paragraphs[paragraphs.length - 1]!.push(word);
        }
        word.pieces.push(piece);
        word.width += piece.width;
        word.space = this.doc.widthOfString(' ');
      }
    }
    const lines: Line[] = [];
    paragraphs.forEach((words, pi) => {
      let line: Line = { words: [], natural: 0, last: false, indent: pi === 0 ? indent : 0 };
      for (const w of words) {
        const prev = line.words[line.words.length - 1];
        const add = (prev ? prev.space : 0) + w.width;
        if (prev && line.natural + add > width - line.indent + 0.01) {
          lines.push(line);
          line = { words: [w], natural: w.width, last: false, indent: 0 };
        } else {
          line.words.push(w);
          line.natural += add;
        }
      }
      line.last = true;
      lines.push(line);
    });
    return lines;
  }

  protected lineStep(size: number, lineGap: number): number {
    return this.lineHeight(size) + lineGap;
  }

  /** Height of text set by `drawRuns` (no page breaks inside). */
  protected runsHeight(runs: Run[], o: { width: number; size: number; indent?: number; lineGap?: number }): number {
    return this.typeset(runs, o.size, o.width, o.indent ?? 0).length * this.lineStep(o.size, o.lineGap ?? 0);
  }

  /**
   * Draws mixed-style text in a box starting at y; returns the y below it. With `paginate`, moves to a new page when a
   * line does not fit (body paragraphs); boxes (header, cells, signatures) are measured beforehand and never break.
   */
  protected drawRuns(
    runs: Run[],
    x: number,
    y: number,
    o: { width: number; size: number; align: Align; indent?: number; lineGap?: number; paginate?: boolean },
  ): number {
    const lines = this.typeset(runs, o.size, o.width, o.indent ?? 0);
    const step = this.lineStep(o.size, o.lineGap ?? 0);
    let cy = y;
    for (const line of lines) {
      if (o.paginate && cy + this.lineHeight(o.size) > this.maxY) {
        this.addPage();
        cy = this.doc.y;
      }
      const avail = o.width - line.indent;
      const free = Math.max(0, avail - line.natural);
      const justify = o.align === 'justify' && !line.last && line.words.length > 1;
      let cx = x + line.indent + (o.align === 'center' ? free / 2 : o.align === 'right' ? free : 0);
      const extra = justify ? free / (line.words.length - 1) : 0;
      line.words.forEach((w, wi) => {
        const lastWord = wi === line.words.length - 1;
        w.pieces.forEach((p, pi) => {
          this.font(p.style, o.size);
          const trailing = !lastWord && pi === w.pieces.length - 1 ? ' ' : '';
          this.doc.text(p.text + trailing, cx, cy, { lineBreak: false });
          cx += p.width;
        });
        if (!lastWord) cx += w.space + extra;
      });
      cy += step;
    }
    this.doc.x = this.left;
    this.doc.y = cy;
    return cy;
  }

  /** Single-style text in a box; returns the y below it. */
  protected textBox(
    text: string,
    x: number,
    y: number,
    width: number,
    o: { size: number; style?: FontStyle; align?: Align; lineGap?: number },
  ): number {
    const style = o.style ?? 'regular';
    return this.drawRuns(
      [
        {
          text,
          bold: style === 'bold' || style === 'boldItalic',
          italic: style === 'italic' || style === 'boldItalic',
        },
      ],
      x,
      y,
      {
        width,
        size: o.size,
        align: o.align ?? 'center',
        lineGap: o.lineGap ?? 0,
      },
    );
  }

  protected textHeight(
    text: string,
    width: number,
    o: { size: number; style?: FontStyle; lineGap?: number; indent?: number },
  ): number {
    const style = o.style ?? 'regular';
    return this.runsHeight(
      [
        {
          text,
          bold: style === 'bold' || style === 'boldItalic',
          italic: style === 'italic' || style === 'boldItalic',
        },
      ],
      {
        width,
        size: o.size,
        indent: o.indent ?? 0,
        lineGap: o.lineGap ?? 0,
      },
    );
  }

  /** The largest size ≤ `size` at which `text` fits on one line of `width` (for fonts wider than Times). */
  protected fitSize(text: string, style: FontStyle, size: number, width: number): number {
    this.font(style, size);
    const w = this.doc.widthOfString(text);
    return w <= width ? size : Math.floor(((size * width) / w) * 10) / 10;
  }

  finish(): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      this.doc.on('data', (c: Buffer) => chunks.push(c));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
      this.doc.end();
    });
  }
}
