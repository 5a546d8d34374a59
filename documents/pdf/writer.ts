/**
 * PDF output with pdfkit: the same layout as the DOCX (A4, ND30 margins, two-column header with its rules, tables,
 * signature blocks, page numbers centred in the top margin from page 2 of each section), set in an embedded
 * Vietnamese-complete serif font with Times New Roman metrics (see fonts.ts). Fonts are embedded as subsets
 * (/FontFile2) with a ToUnicode map, so text extraction gives back the original NFC Vietnamese.
 * This file draws the blocks; canvas.ts sets the text.
 */
import type { FontStyle } from '../fonts';
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
  type SignColumn,
} from '../layout';
import { CELL_PAD_X, CELL_PAD_Y, PdfCanvas, RULE_GAP, styleOf } from './canvas';

export class PdfWriter extends PdfCanvas {
  /** First page index of each section, for page numbering. */
  private readonly sectionStarts: { page: number; restart: boolean }[] = [];

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
}
