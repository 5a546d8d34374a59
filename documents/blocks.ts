/**
 * The pieces every layout is made of (layout.ts blocks): runs and paragraphs, the ND30 header and signer block,
 * recipients, references to other documents, the heading of an appendix. Each kind's layout (kinds/<kind>/layout.ts)
 * decides what its document says with these.
 */
import { formatDateVn, formatPlaceDate, formatRecipientLines, upperVn } from './format';
import type { Block, ParaBlock, Run, SignColumn } from './layout';
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
export function appendixHead(title: string, refLine: string): Block[] {
  return [
    { t: 'center', runs: [bold('Phụ lục')], size: 14 },
    { t: 'center', runs: [bold(upperVn(title))], size: 14, spaceBeforePt: 0 },
    { t: 'center', runs: [italic(refLine)], size: 14, rule: true, spaceAfterPt: 12 },
  ];
}
