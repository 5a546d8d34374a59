/**
 * The pieces every layout is made of (layout.ts blocks): runs and paragraphs, the ND30 header and signer block,
 * recipients, references to other documents, the heading of an appendix. Each kind's layout (kinds/<kind>/layout.ts)
 * decides what its document says with these.
 */
import { formatCount, formatDateVn, formatPlaceDate, formatRecipientLines, upperVn } from './format';
import type { Block, Layout, ParaBlock, Run, SignColumn, TableBlock } from './layout';
import type { DocRef, Header, MinutesHeader, Person, Signer } from './model';
import { formatDocumentNumber, formatNumberSymbol } from './numbering';

export const para = (runs: Run[] | string, extra: Partial<ParaBlock> = {}): ParaBlock => ({
  t: 'para',
  runs: typeof runs === 'string' ? [{ text: runs }] : runs,
  ...extra,
});

export const plain = (text: string): Run => ({ text });

export const bold = (text: string): Run => ({ text, bold: true });

export const italic = (text: string): Run => ({ text, italic: true });

/** Ends a sentence with exactly one of the given marks (legal bases end with ";" and the last with "."). */
export function endWith(s: string, mark: string): string {
  return `${s.replace(/[\s;,.]+$/u, '')}${mark}`;
}

function splitLines(s: string): string[] {
  return s
    .split('\n')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}

export function headerBlock(h: Header | MinutesHeader, typeAbbr: string, withDate: boolean): Block {
  return {
    t: 'header',
    ...(h.parentBody ? { parentBody: upperVn(h.parentBody) } : {}),
    issuingBody: splitLines(upperVn(h.issuingBody)),
    numberLine: formatDocumentNumber(h.number, typeAbbr, h.issuerAbbr),
    ...(withDate && 'date' in h ? { placeDate: formatPlaceDate(h.place, h.date) } : {}),
  };
}

/** The signer block lines (ND30 PL I II.7.b). */
export function signerLines(s: Signer): string[] {
  const lines: string[] = [];
  if (s.onBehalfOf) lines.push(`TM. ${upperVn(s.onBehalfOf)}`);
  if (s.prefix === 'Q.') {
    lines.push(`Q. ${upperVn(s.position)}`);
  } else {
    if (s.prefix) lines.push(`${s.prefix} ${upperVn(s.prefixOf ?? '')}`);
    lines.push(upperVn(s.position));
  }
  if (s.secondaryPosition) lines.push(upperVn(s.secondaryPosition));
  return lines;
}

export const signColumn = (s: Signer): SignColumn => ({ titleLines: signerLines(s), name: s.name });

/** Puts `first` at the top of the recipients unless it is already there. */
export function withFirstRecipient(recipients: readonly string[], first: string): string[] {
  const norm = (x: string): string =>
    x
      .toLocaleLowerCase('vi-VN')
      .replace(/[-;.\s]+/gu, ' ')
      .trim();
  return recipients.some((r) => norm(r) === norm(first)) ? [...recipients] : [first, ...recipients];
}

export function personText(p: Person): string {
  return [p.name, p.position, p.unit].filter((x): x is string => !!x).join(', ');
}

export function docRefText(kind: string, ref: DocRef, of?: string): string {
  return `${kind} số ${formatNumberSymbol(ref.number, ref.symbol)} ${formatDateVn(ref.date)}${of ? ` của ${of}` : ''}`;
}

export function recipientsOrUndefined(items: readonly string[]): string[] | undefined {
  return items.length > 0 ? formatRecipientLines(items) : undefined;
}

export function uniqueInOrder(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}

export function lowerFirst(s: string): string {
  return s.charAt(0).toLocaleLowerCase('vi-VN') + s.slice(1);
}

/** The heading of a list attached to a letter (PL I III.1.b–c): "Phụ lục", its title, the italic reference line and a rule. */
function appendixHead(title: string, refLine: string): Block[] {
  return [
    { t: 'center', runs: [bold('Phụ lục')], size: 14 },
    { t: 'center', runs: [bold(upperVn(title))], size: 14, spaceBeforePt: 0 },
    { t: 'center', runs: [italic(refLine)], size: 14, rule: true, spaceAfterPt: 12 },
  ];
}

/** The file metadata's author: the issuing body on one line. */
export const authorOf = (h: { issuingBody: string }): string => upperVn(h.issuingBody).replace(/\n/g, ' ');

/** A document of one portrait section. */
export function portraitLayout(title: string, header: { issuingBody: string }, blocks: Block[]): Layout {
  return { title, author: authorOf(header), sections: [{ orientation: 'portrait', restartNumbering: true, blocks }] };
}

// ---------------------------------------------------------------- proposal letters (Tờ trình) with their list

/** "Kính gửi:" with the addressees, without their final punctuation (the renderers add it). */
export const addresseesBlock = (addressees: readonly string[]): Block => ({
  t: 'addressees',
  items: addressees.map((a) => a.replace(/[.;]+$/u, '')),
});

/** Legal bases, one italic line each: ";" after each, "." after the last. */
export const legalBaseParas = (bases: readonly string[]): Block[] =>
  bases.map((x, i) => para([italic(endWith(x, i === bases.length - 1 ? '.' : ';'))]));

/** The end of a letter: the list's mention, the closing request, the signer, "Như trên" first among the recipients. */
export function letterEnd(
  l: { closing?: string | undefined; signer: Signer; recipients: readonly string[] },
  proposer: string,
  addressee: string,
): Block[] {
  return [
    para([italic('(Có danh sách kèm theo)')]),
    para(l.closing ? endWith(l.closing, './.') : `${proposer} kính trình ${addressee} xem xét, quyết định./.`, {
      keepWithNext: true,
    }),
    {
      t: 'signoff',
      right: signColumn(l.signer),
      recipients: formatRecipientLines(withFirstRecipient(l.recipients, 'Như trên')),
    },
  ];
}

/**
 * A letter and its list: the letter's section, then the list on its own numbering (PL I III.1), headed by its title
 * and the reference to the letter, and closed by the count of collectives.
 */
export function letterLayout(l: {
  summary: string;
  header: Header;
  symbol: string;
  /** Who sends the letter, for the list's reference line. */
  of: string;
  body: Block[];
  appendix: { orientation: 'portrait' | 'landscape'; title: string };
  table: TableBlock;
  count: number;
}): Layout {
  const appendix: Block[] = [
    ...appendixHead(
      l.appendix.title,
      `(Kèm theo Tờ trình số ${formatNumberSymbol(l.header.number, l.symbol)} ${formatDateVn(l.header.date)} của ${l.of})`,
    ),
    l.table,
    para([italic(`Danh sách có ${formatCount(l.count)} tập thể.`)], { indent: false, align: 'left' }),
  ];
  return {
    title: `Tờ trình ${lowerFirst(l.summary)}`,
    author: authorOf(l.header),
    sections: [
      { orientation: 'portrait', restartNumbering: true, blocks: l.body },
      { orientation: l.appendix.orientation, restartNumbering: true, blocks: appendix },
    ],
  };
}
