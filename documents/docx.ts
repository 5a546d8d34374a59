/**
 * DOCX output with the `docx` package: A4, ND30 margins, Times New Roman, borderless two-column header with the short
 * rules drawn as paragraph borders, page numbers centred in the top margin from page 2 (title page header left empty).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Header,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { buildLayout } from './registry';
import {
  HEADER_LEFT_MM,
  HEADER_RIGHT_MM,
  MOTTO,
  MOTTO_WIDTH_MM_AT_13,
  NATIONAL_TITLE,
  PAGE,
  PARA,
  SHORT_RULE_FRACTION,
  SIGNATURE_SPACE_PT,
  SIZE,
  mmToTwip,
  ptToMm,
  type Align,
  type Block,
  type Layout,
  type Run,
  type SignColumn,
} from './layout';
import { timesWidthPt } from './metrics';
import type { DocumentInput } from './registry';

export const DOCX_FONT = 'Times New Roman';

const A4_WIDTH_TWIP = 11906;
const A4_HEIGHT_TWIP = 16838;

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  justify: AlignmentType.JUSTIFIED,
};

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_CELL_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER } as const;
const ZERO_MARGINS = { top: 0, bottom: 0, left: 0, right: 0 } as const;

const half = (pt: number): number => Math.round(pt * 2);
const twipPt = (pt: number): number => Math.round(pt * 20);
const singleLine = { line: 240, lineRule: LineRuleType.AUTO } as const;
const bodyLine = { line: Math.round(240 * PARA.lineSpacing), lineRule: LineRuleType.AUTO } as const;

function run(r: Run, size: number): TextRun {
  return new TextRun({
    text: r.text,
    bold: r.bold ?? false,
    italics: r.italic ?? false,
    size: half(size),
    font: DOCX_FONT,
  });
}

function textPara(
  text: string,
  o: {
    size: number;
    bold?: boolean;
    italic?: boolean;
    align?: Align;
    before?: number;
    after?: number;
    keepNext?: boolean;
  },
): Paragraph {
  return new Paragraph({
    alignment: ALIGN[o.align ?? 'center'],
    spacing: { before: twipPt(o.before ?? 0), after: twipPt(o.after ?? 0), ...singleLine },
    keepNext: o.keepNext ?? false,
    children: [run({ text, bold: o.bold ?? false, italic: o.italic ?? false }, o.size)],
  });
}

/** An empty paragraph whose top border is a centred rule `ruleMm` long inside a box `boxMm` wide. */
function rulePara(boxMm: number, ruleMm: number, after = 0): Paragraph {
  const side = Math.max(0, mmToTwip((boxMm - ruleMm) / 2));
  return new Paragraph({
    border: { top: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    indent: { left: side, right: side },
    spacing: { before: 40, after: twipPt(after), line: 120, lineRule: LineRuleType.EXACT },
    keepNext: true,
    children: [],
  });
}

const shortRuleMm = (text: string, sizePt: number, boxMm: number): number =>
  Math.max(15, Math.min(ptToMm(timesWidthPt(text, sizePt, true)), boxMm) * SHORT_RULE_FRACTION);

function cell(
  widthMm: number,
  children: (Paragraph | Table)[],
  o: { borders?: boolean; margins?: boolean; vCenter?: boolean } = {},
): TableCell {
  return new TableCell({
    width: { size: mmToTwip(widthMm), type: WidthType.DXA },
    ...(o.borders ? {} : { borders: NO_CELL_BORDERS }),
    margins: o.margins ? { top: 40, bottom: 40, left: 80, right: 80 } : ZERO_MARGINS,
    ...(o.vCenter ? { verticalAlign: VerticalAlignTable.CENTER } : {}),
    children: children.length > 0 ? children : [new Paragraph({})],
  });
}

function borderlessTable(widthsMm: number[], rows: TableRow[]): Table {
  return new Table({
    width: { size: mmToTwip(widthsMm.reduce((a, b) => a + b, 0)), type: WidthType.DXA },
    columnWidths: widthsMm.map(mmToTwip),
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows,
  });
}

function headerTable(b: Extract<Block, { t: 'header' }>): Table {
  const left: Paragraph[] = [];
  if (b.parentBody) left.push(textPara(b.parentBody, { size: SIZE.parentBody }));
  for (const line of b.issuingBody) left.push(textPara(line, { size: SIZE.issuingBody, bold: true }));
  const longest = b.issuingBody.reduce((a, l) => (l.length > a.length ? l : a), '');
  left.push(rulePara(HEADER_LEFT_MM, shortRuleMm(longest, SIZE.issuingBody, HEADER_LEFT_MM)));
  const right: Paragraph[] = [
    textPara(NATIONAL_TITLE, { size: SIZE.nationalTitle, bold: true }),
    textPara(MOTTO, { size: SIZE.motto, bold: true }),
    rulePara(HEADER_RIGHT_MM, (MOTTO_WIDTH_MM_AT_13 * SIZE.motto) / 13),
  ];
  const rows = [
    new TableRow({ cantSplit: true, children: [cell(HEADER_LEFT_MM, left), cell(HEADER_RIGHT_MM, right)] }),
  ];
  if (b.numberLine || b.placeDate) {
    rows.push(
      new TableRow({
        cantSplit: true,
        children: [
          cell(HEADER_LEFT_MM, b.numberLine ? [textPara(b.numberLine, { size: SIZE.number, before: 6 })] : []),
          cell(
            HEADER_RIGHT_MM,
            b.placeDate ? [textPara(b.placeDate, { size: SIZE.placeDate, italic: true, before: 6 })] : [],
          ),
        ],
      }),
    );
  }
  return borderlessTable([HEADER_LEFT_MM, HEADER_RIGHT_MM], rows);
}

function signColumnParas(s: SignColumn): Paragraph[] {
  const out = s.titleLines.map((l) => textPara(l, { size: SIZE.signer, bold: true, keepNext: true }));
  out.push(textPara(s.name, { size: SIZE.signer, bold: true, before: SIGNATURE_SPACE_PT }));
  return out;
}

function recipientParas(items: string[]): Paragraph[] {
  return [
    textPara('Nơi nhận:', { size: SIZE.noiNhanLabel, bold: true, italic: true, align: 'left', keepNext: true }),
    ...items.map((r) => textPara(r, { size: SIZE.recipients, align: 'left', keepNext: true })),
  ];
}

function dataTable(b: Extract<Block, { t: 'table' }>, widthMm: number): Table {
  const total = b.columns.reduce((s, c) => s + c.weight, 0);
  const widths = b.columns.map((c) => (c.weight / total) * widthMm);
  const size = b.size ?? SIZE.table;
  const cellParas = (text: string, align: Align, boldText: boolean): Paragraph[] =>
    text.split('\n').map(
      (line) =>
        new Paragraph({
          alignment: ALIGN[align],
          spacing: { before: 0, after: 0, ...singleLine },
          children: [run({ text: line, bold: boldText }, size)],
        }),
    );
  const headerRow = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: b.columns.map((c, i) =>
      cell(widths[i]!, cellParas(c.title, 'center', true), { borders: true, margins: true, vCenter: true }),
    ),
  });
  const rows = b.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: b.columns.map((c, i) =>
          cell(widths[i]!, cellParas(r.cells[i] ?? '', c.align, r.bold ?? false), {
            borders: true,
            margins: true,
            vCenter: true,
          }),
        ),
      }),
  );
  return new Table({
    width: { size: mmToTwip(widthMm), type: WidthType.DXA },
    columnWidths: widths.map(mmToTwip),
    layout: TableLayoutType.FIXED,
    rows: [headerRow, ...rows],
  });
}

function blockToDocx(b: Block, textWidthMm: number): (Paragraph | Table)[] {
  switch (b.t) {
    case 'header':
      return [headerTable(b)];
    case 'title': {
      const out = [textPara(b.typeName, { size: SIZE.typeName, bold: true, before: 18, keepNext: true })];
      if (b.summary) {
        out.push(textPara(b.summary, { size: SIZE.summary, bold: true, keepNext: true }));
        out.push(rulePara(textWidthMm, shortRuleMm(b.summary, SIZE.summary, textWidthMm), 12));
      } else {
        out.push(new Paragraph({ spacing: { after: 240 }, children: [] }));
      }
      return out;
    }
    case 'center': {
      const size = b.size ?? SIZE.body;
      const p = new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: {
          before: twipPt(b.spaceBeforePt ?? 0),
          after: twipPt(b.rule ? 0 : (b.spaceAfterPt ?? 0)),
          ...singleLine,
        },
        keepNext: true,
        children: b.runs.map((r) => run(r, size)),
      });
      if (!b.rule) return [p];
      const text = b.runs.map((r) => r.text).join('');
      return [p, rulePara(textWidthMm, shortRuleMm(text, size, textWidthMm), b.spaceAfterPt ?? 0)];
    }
    case 'para': {
      const align = b.align ?? 'justify';
      const indent = b.indent ?? align === 'justify';
      return [
        new Paragraph({
          alignment: ALIGN[align],
          indent: {
            ...(indent ? { firstLine: mmToTwip(PARA.firstLineIndentMm) } : {}),
            ...(b.leftIndentMm ? { left: mmToTwip(b.leftIndentMm) } : {}),
          },
          spacing: { before: 0, after: twipPt(PARA.spaceAfterPt), ...bodyLine },
          keepNext: b.keepWithNext ?? false,
          children: b.runs.map((r) => run(r, b.size ?? SIZE.body)),
        }),
      ];
    }
    case 'addressees': {
      const label = 'Kính gửi:';
      if (b.items.length === 1) {
        return [textPara(`${label} ${b.items[0]!}.`, { size: SIZE.body, before: 6, after: 12 })];
      }
      // Dashes line up under the colon's end: first line hangs out by the label width, a tab reaches the dash.
      const labelMm = ptToMm(timesWidthPt(`${label} `, SIZE.body)) + 1;
      const itemsMm = Math.max(...b.items.map((i) => ptToMm(timesWidthPt(`- ${i};`, SIZE.body))));
      const startMm = Math.max(10, (textWidthMm - labelMm - itemsMm) / 2);
      return b.items.map(
        (item, i) =>
          new Paragraph({
            indent: { left: mmToTwip(startMm + labelMm), ...(i === 0 ? { hanging: mmToTwip(labelMm) } : {}) },
            spacing: { before: i === 0 ? 120 : 0, after: i === b.items.length - 1 ? 240 : 0, ...singleLine },
            children: [
              run(
                { text: `${i === 0 ? `${label}\t` : ''}- ${item}${i === b.items.length - 1 ? '.' : ';'}` },
                SIZE.body,
              ),
            ],
          }),
      );
    }
    case 'table':
      return [dataTable(b, textWidthMm), new Paragraph({ spacing: { after: 120 }, children: [] })];
    case 'signoff': {
      const leftMm = textWidthMm * (b.left ? 0.5 : 0.45);
      const rightMm = textWidthMm - leftMm;
      const left = b.left ? signColumnParas(b.left) : b.recipients ? recipientParas(b.recipients) : [];
      const right = b.right ? signColumnParas(b.right) : [];
      const out: (Paragraph | Table)[] = [
        new Paragraph({ spacing: { after: 120 }, keepNext: true, children: [] }),
        borderlessTable(
          [leftMm, rightMm],
          [new TableRow({ cantSplit: true, children: [cell(leftMm, left), cell(rightMm, right)] })],
        ),
      ];
      if (b.left && b.recipients)
        out.push(new Paragraph({ spacing: { after: 240 }, children: [] }), ...recipientParas(b.recipients));
      return out;
    }
    case 'signGrid': {
      const colMm = textWidthMm / b.perRow;
      const rows: TableRow[] = [];
      for (let i = 0; i < b.signers.length; i += b.perRow) {
        const chunk = b.signers.slice(i, i + b.perRow);
        const cells = Array.from({ length: b.perRow }, (_, j) =>
          cell(colMm, chunk[j] ? signColumnParas(chunk[j]) : []),
        );
        rows.push(new TableRow({ cantSplit: true, children: cells }));
      }
      const out: (Paragraph | Table)[] = [
        new Paragraph({ spacing: { after: 120 }, keepNext: true, children: [] }),
        borderlessTable(Array<number>(b.perRow).fill(colMm), rows),
      ];
      if (b.recipients)
        out.push(new Paragraph({ spacing: { after: 240 }, children: [] }), ...recipientParas(b.recipients));
      return out;
    }
  }
}

function pageNumberHeader(): Header {
  return new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: [PageNumber.CURRENT], size: half(SIZE.pageNumber), font: DOCX_FONT })],
      }),
    ],
  });
}

/** Renders a validated layout (see content.ts) to DOCX bytes. */
export async function renderLayoutDocx(layout: Layout): Promise<Buffer> {
  const sections: ISectionOptions[] = layout.sections.map((s) => {
    const landscape = s.orientation === 'landscape';
    const pageWidthMm = landscape ? PAGE.heightMm : PAGE.widthMm;
    const textWidthMm = pageWidthMm - PAGE.marginLeftMm - PAGE.marginRightMm;
    return {
      properties: {
        titlePage: true,
        page: {
          size: {
            width: A4_WIDTH_TWIP,
            height: A4_HEIGHT_TWIP,
            orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT,
          },
          margin: {
            top: mmToTwip(PAGE.marginTopMm),
            bottom: mmToTwip(PAGE.marginBottomMm),
            left: mmToTwip(PAGE.marginLeftMm),
            right: mmToTwip(PAGE.marginRightMm),
            header: mmToTwip(PAGE.pageNumberTopMm),
            footer: mmToTwip(PAGE.pageNumberTopMm),
          },
          ...(s.restartNumbering ? { pageNumbers: { start: 1 } } : {}),
        },
      },
      headers: { default: pageNumberHeader(), first: new Header({ children: [new Paragraph({})] }) },
      children: s.blocks.flatMap((b) => blockToDocx(b, textWidthMm)),
    };
  });
  const doc = new Document({
    title: layout.title,
    creator: layout.author,
    description: 'Thi Đua',
    styles: {
      default: {
        document: { run: { font: DOCX_FONT, size: half(SIZE.body), language: { value: 'vi-VN' } } },
      },
    },
    sections,
  });
  return Packer.toBuffer(doc);
}

/** Renders a validated document to DOCX. Use `renderDocument` (index.ts) to validate raw data first. */
export async function renderDocx(doc: DocumentInput): Promise<Buffer> {
  return renderLayoutDocx(buildLayout(doc));
}
