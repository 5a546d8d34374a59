/**
 * PDF output with pdfkit: the same layout as the DOCX (A4, ND30 margins, two-column header with its rules, tables,
 * signature blocks, page numbers centred in the top margin from page 2 of each section), set in an embedded
 * Vietnamese-complete serif font with Times New Roman metrics (see fonts.ts). Fonts are embedded as subsets
 * (/FontFile2) with a ToUnicode map, so text extraction gives back the original NFC Vietnamese.
 */
import PDFDocument from 'pdfkit';
import { buildLayout } from './content';
import { loadFontSet, resolvePdfFonts, type FontStyle, type PdfFontSet } from './fonts';
import {
  HEADER_LEFT_MM,
  HEADER_RIGHT_MM,
  MOTTO,
  NATIONAL_TITLE,
  PAGE,
  PARA,
  SHORT_RULE_FRACTION,
  SIGNATURE_SPACE_PT,
  SIZE,
  mmToPt,
  type Align,
  type Block,
  type Layout,
  type Run,
  type SignColumn,
} from './layout';
import type { DocumentInput } from './model';

export interface PdfOptions {
  /** A folder with the four TTF files (overrides the default search, see fonts.ts). */
  fontDir?: string;
  /** A font set already resolved. */
  fonts?: PdfFontSet;
}

const FONT_NAME: Record<FontStyle, string> = {
  regular: 'VN-Regular',
  bold: 'VN-Bold',
  italic: 'VN-Italic',
  boldItalic: 'VN-BoldItalic',
};

const styleOf = (bold?: boolean, italic?: boolean): FontStyle =>
  bold ? (italic ? 'boldItalic' : 'bold') : italic ? 'italic' : 'regular';

const RULE_WIDTH = 0.6;
/** Space between a line of text and the rule under it. */
const RULE_GAP = 3;
const CELL_PAD_X = 3;
const CELL_PAD_Y = 2.5;

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

class PdfWriter {
  readonly doc: Doc;
  /** First page index of each section, for page numbering. */
  private readonly sectionStarts: { page: number; restart: boolean }[] = [];
  private orientation: 'portrait' | 'landscape' = 'portrait';

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

  private get left(): number {
    return mmToPt(PAGE.marginLeftMm);
  }
  private get width(): number {
    return this.doc.page.width - mmToPt(PAGE.marginLeftMm) - mmToPt(PAGE.marginRightMm);
  }
  private get maxY(): number {
    return this.doc.page.height - mmToPt(PAGE.marginBottomMm);
  }

  private addPage(): void {
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
  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.maxY && this.doc.y > mmToPt(PAGE.marginTopMm) + 1) this.addPage();
  }

  private font(style: FontStyle, size: number): Doc {
    return this.doc.font(FONT_NAME[style]).fontSize(size);
  }

  private lineHeight(size: number, spacing = 1): number {
    this.font('regular', size);
    return this.doc.currentLineHeight(true) * spacing;
  }

  private hline(x1: number, x2: number, y: number): void {
    this.doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(RULE_WIDTH).strokeColor('black').stroke().restore();
  }

  /**
   * Our own line breaking and justification. pdfkit's `align: 'justify'` replaces the space glyphs of a line by position
   * offsets, and text extraction (copy, search, pdftotext) then loses spaces; here every space stays a real glyph and
   * the extra justification width is added by positioning the next word.
   */
  private typeset(runs: Run[], size: number, width: number, indent: number): Line[] {
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

  private lineStep(size: number, lineGap: number): number {
    return this.lineHeight(size) + lineGap;
  }

  /** Height of text set by `drawRuns` (no page breaks inside). */
  private runsHeight(runs: Run[], o: { width: number; size: number; indent?: number; lineGap?: number }): number {
    return this.typeset(runs, o.size, o.width, o.indent ?? 0).length * this.lineStep(o.size, o.lineGap ?? 0);
  }

  /**
   * Draws mixed-style text in a box starting at y; returns the y below it. With `paginate`, moves to a new page when a
   * line does not fit (body paragraphs); boxes (header, cells, signatures) are measured beforehand and never break.
   */
  private drawRuns(
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
  private textBox(
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

  private textHeight(
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
  private fitSize(text: string, style: FontStyle, size: number, width: number): number {
    this.font(style, size);
    const w = this.doc.widthOfString(text);
    return w <= width ? size : Math.floor(((size * width) / w) * 10) / 10;
  }

  // ------------------------------------------------------------ blocks

  private header(b: Extract<Block, { t: 'header' }>): void {
    const x0 = this.left;
    const lw = mmToPt(HEADER_LEFT_MM);
    const rw = mmToPt(HEADER_RIGHT_MM);
    const y0 = this.doc.y;

    let ly = y0;
    // Body names may wrap (PL I II.2.b); one that nearly fits is set slightly smaller instead, keeping a gap to the right column.
    const nearlyFit = (text: string, style: FontStyle, size: number): number => {
      const fit = this.fitSize(text, style, size, lw - mmToPt(3));
      return fit >= size * 0.85 ? fit : size;
    };
    if (b.parentBody)
      ly = this.textBox(b.parentBody, x0, ly, lw, { size: nearlyFit(b.parentBody, 'regular', SIZE.parentBody) });
    for (const line of b.issuingBody)
      ly = this.textBox(line, x0, ly, lw, { size: nearlyFit(line, 'bold', SIZE.issuingBody), style: 'bold' });
    const bodyW = Math.min(
      lw,
      Math.max(...b.issuingBody.map((l) => this.font('bold', nearlyFit(l, 'bold', SIZE.issuingBody)).widthOfString(l))),
    );
    const ruleL = Math.max(mmToPt(15), bodyW * SHORT_RULE_FRACTION);
    ly += RULE_GAP;
    this.hline(x0 + (lw - ruleL) / 2, x0 + (lw + ruleL) / 2, ly);

    const titleSize = this.fitSize(NATIONAL_TITLE, 'bold', SIZE.nationalTitle, rw - mmToPt(2));
    const mottoSize = this.fitSize(MOTTO, 'bold', SIZE.motto, rw - mmToPt(2));
    let ry = this.textBox(NATIONAL_TITLE, x0 + lw, y0, rw, { size: titleSize, style: 'bold' });
    ry = this.textBox(MOTTO, x0 + lw, ry, rw, { size: mottoSize, style: 'bold' });
    this.font('bold', mottoSize);
    const mottoW = this.doc.widthOfString(MOTTO);
    ry += RULE_GAP;
    this.hline(x0 + lw + (rw - mottoW) / 2, x0 + lw + (rw + mottoW) / 2, ry);

    let y = Math.max(ly, ry) + 8;
    let bottom = y;
    if (b.numberLine) bottom = Math.max(bottom, this.textBox(b.numberLine, x0, y, lw, { size: SIZE.number }));
    if (b.placeDate) {
      const size = this.fitSize(b.placeDate, 'italic', SIZE.placeDate, rw);
      bottom = Math.max(bottom, this.textBox(b.placeDate, x0 + lw, y, rw, { size, style: 'italic' }));
    }
    y = bottom;
    this.doc.x = x0;
    this.doc.y = y;
  }

  private title(b: Extract<Block, { t: 'title' }>): void {
    const x = this.left;
    const w = this.width;
    this.doc.y += 18;
    this.ensureSpace(this.lineHeight(SIZE.typeName) * 4);
    let y = this.textBox(b.typeName, x, this.doc.y, w, { size: SIZE.typeName, style: 'bold' });
    if (b.summary) {
      y = this.textBox(b.summary, x, y, w, { size: SIZE.summary, style: 'bold' });
      this.font('bold', SIZE.summary);
      const ruleL = Math.max(mmToPt(15), Math.min(w, this.doc.widthOfString(b.summary)) * SHORT_RULE_FRACTION);
      y += RULE_GAP;
      this.hline(x + (w - ruleL) / 2, x + (w + ruleL) / 2, y);
    }
    this.doc.x = x;
    this.doc.y = y + 14;
  }

  private center(b: Extract<Block, { t: 'center' }>): void {
    const size = b.size ?? SIZE.body;
    this.doc.y += b.spaceBeforePt ?? 0;
    const text = b.runs.map((r) => r.text).join('');
    const first = b.runs[0];
    this.ensureSpace(this.runsHeight(b.runs, { width: this.width, size }) + this.lineHeight(size) * 2);
    this.drawRuns(b.runs, this.left, this.doc.y, { width: this.width, size, align: 'center' });
    if (b.rule) {
      this.font(styleOf(first?.bold, first?.italic), size);
      const ruleL = Math.max(mmToPt(15), Math.min(this.width, this.doc.widthOfString(text)) * SHORT_RULE_FRACTION);
      const y = this.doc.y + RULE_GAP;
      this.hline(this.left + (this.width - ruleL) / 2, this.left + (this.width + ruleL) / 2, y);
      this.doc.y = y + 2;
    }
    this.doc.y += b.spaceAfterPt ?? 0;
  }

  private paragraph(b: Extract<Block, { t: 'para' }>): void {
    const size = b.size ?? SIZE.body;
    const align = b.align ?? 'justify';
    const indent = (b.indent ?? align === 'justify') ? mmToPt(PARA.firstLineIndentMm) : 0;
    const x = this.left + (b.leftIndentMm ? mmToPt(b.leftIndentMm) : 0);
    const width = this.width - (x - this.left);
    const lineGap = this.lineHeight(size) * (PARA.lineSpacing - 1);
    const h = this.runsHeight(b.runs, { width, size, lineGap, indent });
    // Never leave a single line at the bottom of a page (keep-with-next is handled in render()).
    this.ensureSpace(Math.min(h, this.lineHeight(size) * 2 + lineGap));
    this.drawRuns(b.runs, x, this.doc.y, { width, size, align, indent, lineGap, paginate: true });
    this.doc.y += PARA.spaceAfterPt;
  }

  private addressees(b: Extract<Block, { t: 'addressees' }>): void {
    const size = SIZE.body;
    const label = 'Kính gửi:';
    this.doc.y += 6;
    if (b.items.length === 1) {
      this.doc.y = this.textBox(`${label} ${b.items[0]!}.`, this.left, this.doc.y, this.width, { size });
    } else {
      this.font('regular', size);
      const labelW = this.doc.widthOfString(`${label} `) + 2;
      const lines = b.items.map((it, i) => `- ${it}${i === b.items.length - 1 ? '.' : ';'}`);
      const itemsW = Math.max(...lines.map((l) => this.doc.widthOfString(l)));
      const startX = this.left + Math.max(mmToPt(10), (this.width - labelW - itemsW) / 2);
      const itemX = startX + labelW;
      this.ensureSpace(this.lineHeight(size) * lines.length);
      const y0 = this.doc.y;
      this.textBox(label, startX, y0, labelW + 10, { size, align: 'left' });
      let y = y0;
      for (const l of lines) y = this.textBox(l, itemX, y, this.left + this.width - itemX, { size, align: 'left' });
      this.doc.y = y;
    }
    this.doc.x = this.left;
    this.doc.y += 12;
  }

  private table(b: Extract<Block, { t: 'table' }>): void {
    const total = b.columns.reduce((s, c) => s + c.weight, 0);
    const widths = b.columns.map((c) => (c.weight / total) * this.width);
    const x0 = this.left;
    // One size for the whole table, small enough that no single word overflows its cell (fonts wider than Times).
    let size = b.size ?? SIZE.table;
    const rowsWithHeader = [{ cells: b.columns.map((c) => c.title), bold: true }, ...b.rows];
    for (const r of rowsWithHeader) {
      r.cells.forEach((t, i) => {
        for (const word of t.split(/[ \t\n]+/u)) {
          if (word)
            size = Math.min(size, this.fitSize(word, r.bold ? 'bold' : 'regular', size, widths[i]! - 2 * CELL_PAD_X));
        }
      });
    }

    const measure = (cells: string[], bold: boolean): number =>
      Math.max(
        ...cells.map((t, i) =>
          t ? this.textHeight(t, widths[i]! - 2 * CELL_PAD_X, { size, style: bold ? 'bold' : 'regular' }) : 0,
        ),
      ) +
      2 * CELL_PAD_Y;

    const drawRow = (cells: string[], bold: boolean, aligns: Align[], h: number): void => {
      const y = this.doc.y;
      let x = x0;
      cells.forEach((t, i) => {
        const w = widths[i]!;
        this.doc.save().rect(x, y, w, h).lineWidth(0.5).strokeColor('black').stroke().restore();
        if (t) {
          const th = this.textHeight(t, w - 2 * CELL_PAD_X, { size, style: bold ? 'bold' : 'regular' });
          this.textBox(t, x + CELL_PAD_X, y + (h - th) / 2, w - 2 * CELL_PAD_X, {
            size,
            style: bold ? 'bold' : 'regular',
            align: aligns[i] ?? 'left',
          });
        }
        x += w;
      });
      this.doc.x = x0;
      this.doc.y = y + h;
    };

    const titles = b.columns.map((c) => c.title);
    const headerH = measure(titles, true);
    const centerAll = b.columns.map((): Align => 'center');
    const aligns = b.columns.map((c) => c.align);
    const firstH = b.rows[0] ? measure(b.rows[0].cells, b.rows[0].bold ?? false) : 0;
    this.ensureSpace(headerH + firstH);
    drawRow(titles, true, centerAll, headerH);
    for (const r of b.rows) {
      const h = measure(r.cells, r.bold ?? false);
      if (this.doc.y + h > this.maxY) {
        this.addPage();
        drawRow(titles, true, centerAll, headerH);
      }
      drawRow(r.cells, r.bold ?? false, aligns, h);
    }
    this.doc.y += PARA.spaceAfterPt + 4;
  }

  private signHeight(s: SignColumn, width: number): number {
    let h = 0;
    for (const l of s.titleLines) h += this.textHeight(l, width, { size: SIZE.signer, style: 'bold' });
    return h + SIGNATURE_SPACE_PT + this.textHeight(s.name, width, { size: SIZE.signer, style: 'bold' });
  }

  private drawSigner(s: SignColumn, x: number, y: number, width: number): number {
    let cy = y;
    for (const l of s.titleLines) cy = this.textBox(l, x, cy, width, { size: SIZE.signer, style: 'bold' });
    return this.textBox(s.name, x, cy + SIGNATURE_SPACE_PT, width, { size: SIZE.signer, style: 'bold' });
  }

  private recipientsHeight(items: string[], width: number): number {
    return (
      this.textHeight('Nơi nhận:', width, { size: SIZE.noiNhanLabel, style: 'boldItalic' }) +
      items.reduce((s, i) => s + this.textHeight(i, width, { size: SIZE.recipients }), 0)
    );
  }

  private drawRecipients(items: string[], x: number, y: number, width: number): number {
    let cy = this.textBox('Nơi nhận:', x, y, width, { size: SIZE.noiNhanLabel, style: 'boldItalic', align: 'left' });
    for (const i of items) cy = this.textBox(i, x, cy, width, { size: SIZE.recipients, align: 'left' });
    return cy;
  }

  /** Height of the signers' row of a signoff block (the part that must stay on one page). */
  private signoffHeight(b: Extract<Block, { t: 'signoff' }>): number {
    const lw = this.width * (b.left ? 0.5 : 0.45);
    const rw = this.width - lw;
    const leftRecipients = !b.left && b.recipients ? b.recipients : undefined;
    return (
      6 +
      Math.max(
        b.left ? this.signHeight(b.left, lw) : leftRecipients ? this.recipientsHeight(leftRecipients, lw - 6) + 2 : 0,
        b.right ? this.signHeight(b.right, rw) : 0,
      )
    );
  }

  private signoff(b: Extract<Block, { t: 'signoff' }>): void {
    const x0 = this.left;
    const lw = this.width * (b.left ? 0.5 : 0.45);
    const rw = this.width - lw;
    const leftRecipients = !b.left && b.recipients ? b.recipients : undefined;
    this.ensureSpace(this.signoffHeight(b));
    this.doc.y += 6;
    const y0 = this.doc.y;
    let bottom = y0;
    if (b.left) bottom = Math.max(bottom, this.drawSigner(b.left, x0, y0, lw));
    else if (leftRecipients) bottom = Math.max(bottom, this.drawRecipients(leftRecipients, x0, y0 + 2, lw - 6));
    if (b.right) bottom = Math.max(bottom, this.drawSigner(b.right, x0 + lw, y0, rw));
    this.doc.y = bottom + 12;
    if (b.left && b.recipients) {
      this.ensureSpace(this.recipientsHeight(b.recipients, this.width));
      this.doc.y = this.drawRecipients(b.recipients, x0, this.doc.y, this.width) + 6;
    }
    this.doc.x = x0;
  }

  private signGrid(b: Extract<Block, { t: 'signGrid' }>): void {
    const colW = this.width / b.perRow;
    this.doc.y += 6;
    for (let i = 0; i < b.signers.length; i += b.perRow) {
      const chunk = b.signers.slice(i, i + b.perRow);
      this.ensureSpace(Math.max(...chunk.map((s) => this.signHeight(s, colW))));
      const y0 = this.doc.y;
      let bottom = y0;
      chunk.forEach((s, j) => {
        bottom = Math.max(bottom, this.drawSigner(s, this.left + j * colW, y0, colW));
      });
      this.doc.y = bottom + 12;
    }
    if (b.recipients) {
      this.ensureSpace(this.recipientsHeight(b.recipients, this.width));
      this.doc.y = this.drawRecipients(b.recipients, this.left, this.doc.y, this.width) + 6;
    }
    this.doc.x = this.left;
  }

  /** Full height of a paragraph-like block, as drawn. */
  private paraHeight(b: Extract<Block, { t: 'para' }>): number {
    const size = b.size ?? SIZE.body;
    const align = b.align ?? 'justify';
    const indent = (b.indent ?? align === 'justify') ? mmToPt(PARA.firstLineIndentMm) : 0;
    const width = this.width - (b.leftIndentMm ? mmToPt(b.leftIndentMm) : 0);
    const lineGap = this.lineHeight(size) * (PARA.lineSpacing - 1);
    return this.runsHeight(b.runs, { width, size, lineGap, indent }) + PARA.spaceAfterPt;
  }

  /** The least of a block that must follow a kept paragraph on the same page. */
  private startHeight(b: Block | undefined): number {
    if (!b) return 0;
    switch (b.t) {
      case 'para':
        return Math.min(this.paraHeight(b), this.lineHeight(b.size ?? SIZE.body) * 2.5);
      case 'table': {
        const size = b.size ?? SIZE.table;
        return this.lineHeight(size) * 4 + 4 * CELL_PAD_Y;
      }
      case 'signoff':
        return this.signoffHeight(b);
      case 'signGrid':
        return 6 + Math.max(...b.signers.slice(0, b.perRow).map((s) => this.signHeight(s, this.width / b.perRow)));
      default:
        return this.lineHeight(SIZE.body) * 2;
    }
  }

  /** Keep-with-next: a chain of kept paragraphs moves to a new page with the start of the block after it. */
  private keepWithFollowing(blocks: readonly Block[], i: number): void {
    const first = blocks[i];
    if (!first || first.t !== 'para' || !first.keepWithNext) return;
    const prev = blocks[i - 1];
    if (prev && prev.t === 'para' && prev.keepWithNext) return; // measured with the chain's head
    let need = 0;
    let j = i;
    for (let b = blocks[j]; b && b.t === 'para' && b.keepWithNext; b = blocks[++j]) need += this.paraHeight(b);
    need += this.startHeight(blocks[j]);
    const pageBody = this.maxY - mmToPt(PAGE.marginTopMm);
    if (need < pageBody * 0.8) this.ensureSpace(need);
  }

  private block(b: Block): void {
    switch (b.t) {
      case 'header':
        return this.header(b);
      case 'title':
        return this.title(b);
      case 'center':
        return this.center(b);
      case 'para':
        return this.paragraph(b);
      case 'addressees':
        return this.addressees(b);
      case 'table':
        return this.table(b);
      case 'signoff':
        return this.signoff(b);
      case 'signGrid':
        return this.signGrid(b);
    }
  }

  render(layout: Layout): void {
    for (const s of layout.sections) {
      this.orientation = s.orientation;
      this.addPage();
      this.sectionStarts.push({
        page: this.doc.bufferedPageRange().start + this.doc.bufferedPageRange().count - 1,
        restart: s.restartNumbering,
      });
      s.blocks.forEach((b, i) => {
        this.keepWithFollowing(s.blocks, i);
        this.block(b);
      });
    }
    this.numberPages();
  }

  /** Arabic page numbers, 14 pt, centred in the top margin; none on the first page of a numbering run (PL I I.7). */
  private numberPages(): void {
    const range = this.doc.bufferedPageRange();
    let runStart = 0;
    for (let i = range.start; i < range.start + range.count; i++) {
      const startHere = this.sectionStarts.find((s) => s.page === i);
      if (startHere && (startHere.restart || i === range.start)) runStart = i;
      const n = i - runStart + 1;
      if (n === 1) continue;
      this.doc.switchToPage(i);
      const w = this.doc.page.width - mmToPt(PAGE.marginLeftMm) - mmToPt(PAGE.marginRightMm);
      this.font('regular', SIZE.pageNumber);
      this.doc.text(String(n), mmToPt(PAGE.marginLeftMm), mmToPt(PAGE.pageNumberTopMm), {
        width: w,
        align: 'center',
        lineBreak: false,
      });
    }
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

/** Renders a layout (see content.ts) to PDF bytes. */
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
