/**
 * The format-neutral layout both renderers draw: a list of sections, each a list of blocks. Content builders
 * (content.ts) decide WHAT is written; the renderers (docx.ts, pdf.ts) decide only HOW, from the constants below, so
 * the DOCX and the PDF of one document say the same thing.
 */

/** Page setup (ND30 PL I I.1–I.3), in millimetres. */
export const PAGE = {
  widthMm: 210,
  heightMm: 297,
  marginTopMm: 20,
  marginBottomMm: 20,
  marginLeftMm: 30,
  marginRightMm: 15,
  /** Distance of the page number from the top edge (inside the top margin). */
  pageNumberTopMm: 10,
} as const;

/** Text block width on a portrait page: 210 − 30 − 15 = 165 mm. */
export const TEXT_WIDTH_MM = PAGE.widthMm - PAGE.marginLeftMm - PAGE.marginRightMm;

/** Header columns: about 70 mm left (bodies, number) and 95 mm right (national title at 12 pt needs 87.8 mm). */
export const HEADER_LEFT_MM = 70;
export const HEADER_RIGHT_MM = TEXT_WIDTH_MM - HEADER_LEFT_MM;

/** Font sizes in points: the "example" column of the ND30 PL I summary table. */
export const SIZE = {
  nationalTitle: 12,
  motto: 13,
  parentBody: 12,
  issuingBody: 12,
  number: 13,
  placeDate: 13,
  typeName: 14,
  summary: 14,
  body: 14,
  signer: 14,
  noiNhanLabel: 12,
  recipients: 11,
  pageNumber: 14,
  table: 12,
} as const;

/** Paragraphs: first-line indent 1 cm, 6 pt after, line spacing 1.15 (within single … 1.5, PL I II.6.e). */
export const PARA = {
  firstLineIndentMm: 10,
  spaceAfterPt: 6,
  lineSpacing: 1.15,
} as const;

/** Blank space for the handwritten signature (and seal) between the position and the name. */
export const SIGNATURE_SPACE_PT = 72;

export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';

/** Width of the motto set bold at 13 pt (Times New Roman metrics): the rule under it has exactly this length. */
export const MOTTO_WIDTH_MM_AT_13 = 56.06;

/** Rules under the issuing body and under the summary: between 1/3 and 1/2 of the text; we take 2/5. */
export const SHORT_RULE_FRACTION = 0.4;

export type Align = 'left' | 'center' | 'right' | 'justify';

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export interface HeaderBlock {
  t: 'header';
  parentBody?: string;
  /** Issuing body, one entry per printed line. */
  issuingBody: string[];
  numberLine?: string;
  placeDate?: string;
}

export interface TitleBlock {
  t: 'title';
  typeName: string;
  summary?: string;
}

export interface CenterBlock {
  t: 'center';
  runs: Run[];
  size?: number;
  spaceBeforePt?: number;
  spaceAfterPt?: number;
  /** A short rule under the line (1/3–1/2 of its length). */
  rule?: boolean;
}

export interface ParaBlock {
  t: 'para';
  runs: Run[];
  align?: Align;
  /** First-line indent (default true for justified body text). */
  indent?: boolean;
  /** Left indent of the whole paragraph, mm. */
  leftIndentMm?: number;
  size?: number;
  keepWithNext?: boolean;
}

export interface AddresseesBlock {
  t: 'addressees';
  items: string[];
}

export interface TableColumn {
  title: string;
  /** Relative width. */
  weight: number;
  align: Align;
}

export interface TableRow {
  cells: string[];
  bold?: boolean;
}

export interface TableBlock {
  t: 'table';
  columns: TableColumn[];
  rows: TableRow[];
  size?: number;
}

export interface SignColumn {
  /** Authority and position lines, capitals, bold. */
  titleLines: string[];
  name: string;
}

/**
 * The closing block. `left` and `right` are signers side by side. `recipients` ("Nơi nhận") go in the left column,
 * level with the right signer's first line, when there is no left signer; otherwise under the signers.
 */
export interface SignoffBlock {
  t: 'signoff';
  left?: SignColumn;
  right?: SignColumn;
  recipients?: string[];
}

/** Several signers (a counting committee), `perRow` to a row, then the recipients if any. */
export interface SignGridBlock {
  t: 'signGrid';
  signers: SignColumn[];
  perRow: number;
  recipients?: string[];
}

export type Block =
  HeaderBlock | TitleBlock | CenterBlock | ParaBlock | AddresseesBlock | TableBlock | SignoffBlock | SignGridBlock;

export interface Section {
  orientation: 'portrait' | 'landscape';
  /** Page numbers restart at 1 (appendices are numbered on their own, PL I III.1.đ); page 1 of a section shows none. */
  restartNumbering: boolean;
  blocks: Block[];
}

export interface Layout {
  /** Document title for file metadata. */
  title: string;
  /** Author for file metadata (the issuing body). */
  author: string;
  sections: Section[];
}

export const mmToPt = (mm: number): number => (mm * 72) / 25.4;
export const ptToMm = (pt: number): number => (pt * 25.4) / 72;
export const mmToTwip = (mm: number): number => Math.round((mm * 1440) / 25.4);
