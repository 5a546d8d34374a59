/**
 * Official document numbers, in one place (ND 30/2020 Điều 15, PL I II.3): the type abbreviations, how a number and
 * symbol are written (`Số: 05/BB-KNC`), how a recorded number is read back (`01/QĐ-UBND`, `15/TTr-UBND`), and the
 * bloc's numbering series kept in DocumentCounter.
 *
 * Series: the bloc's own, per calendar year and type (BB, TTr). The first generation of a document takes the next
 * number in a transaction and stores the assignment as a DocumentCounter row of its own, keyed deterministically by
 * `<type>#<cycleId>#<kind>` (lastNumber = the number given); every later generation reads that row, so a regenerated
 * document keeps its number. The award decision and the Government-flag letter carry the province's recorded numbers.
 */
import type { Db, PrismaClient } from '../db';
import { nfc, pad2, upperVn } from './format';
import type { DocumentKind } from './kinds';

/** Type abbreviations (ND30 PL III Mục I). */
export const TYPE_ABBR: Record<DocumentKind, string> = {
  minutes: 'BB',
  ballotCount: 'BB',
  proposal: 'TTr',
  decision: 'QĐ',
  achievementReport: 'BC',
  appraisalReport: 'BC',
  sessionMinutes: 'BB',
  sessionBallotCount: 'BB',
  govFlagProposal: 'TTr',
  govFlagBallotCount: 'BB',
};

const SYMBOL_PART = /^[\p{L}\d]+(?:-[\p{L}\d]+)*$/u;

/**
 * The symbol of a document: `BB-KNC`, `QĐ-UBND`. An empty type abbreviation gives the công văn form (issuer only, which
 * may itself carry the drafting unit: `UBND-VX`).
 */
export function formatDocumentSymbol(typeAbbr: string, issuerAbbr: string): string {
  const type = nfc(typeAbbr).trim();
  const issuer = nfc(issuerAbbr).trim();
  if (!SYMBOL_PART.test(issuer)) throw new RangeError(`invalid issuer abbreviation: "${issuerAbbr}"`);
  if (type && !SYMBOL_PART.test(type)) throw new RangeError(`invalid type abbreviation: "${typeAbbr}"`);
  return type ? `${type}-${issuer}` : issuer;
}

/** Blank kept for the number when the văn thư numbers the paper after signature (ND30 Điều 15). */
export const BLANK_NUMBER = '\u00a0'.repeat(6);

/**
 * `Số: 05/BB-KNC`: numbers below 10 get a leading zero; no spaces around "/" or "-" (ND30 PL I II.3.c).
 * `null` leaves a blank for the number (`Số:      /BB-KNC`).
 */
export function formatDocumentNumber(n: number | null, typeAbbr: string, issuerAbbr: string): string {
  const symbol = formatDocumentSymbol(typeAbbr, issuerAbbr);
  if (n === null) return `Số:${BLANK_NUMBER}/${symbol}`;
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`document number must be a positive integer, got ${n}`);
  return `Số: ${pad2(n)}/${symbol}`;
}

/** A reference to another document inside a text: `05/BB-KNC` (no "Số:"). */
export function formatNumberSymbol(n: number | null, symbol: string): string {
  return n === null ? `${BLANK_NUMBER}/${symbol}` : `${pad2(n)}/${symbol}`;
}

// ---------------------------------------------------------------- recorded numbers read back

/**
 * A number recorded with a document of type `types` (alternatives, as a pattern): `01/QĐ-UBND` → number 1, issuer
 * `UBND`; anything else keeps its leading number and the issuer `UBND`.
 */
function parseRecordedNumber(
  s: string,
  types: string,
  ignoreCase: boolean,
): { number: number | null; issuerAbbr: string } {
  const pattern = `^\\s*(\\d{1,5})\\s*\\/\\s*(?:${types})-([\\p{L}\\d]+(?:-[\\p{L}\\d]+)*)\\s*$`;
  const m = new RegExp(pattern, ignoreCase ? 'iu' : 'u').exec(s.normalize('NFC'));
  if (m) return { number: Number(m[1]), issuerAbbr: upperVn(m[2]!) };
  const n = /^\s*(\d{1,5})\b/u.exec(s);
  return { number: n ? Number(n[1]) : null, issuerAbbr: 'UBND' };
}

/** `01/QĐ-UBND` → number 1, issuer `UBND` (the award decision's recorded number). */
export const parseDecisionNumber = (s: string) => parseRecordedNumber(s, 'QĐ|QD', false);

/** `15/TTr-UBND` → number 15, issuer `UBND` (the Government-flag letter's recorded number). */
export const parseLetterNumber = (s: string) => parseRecordedNumber(s, 'TTr', true);

// ---------------------------------------------------------------- the bloc's series (DocumentCounter)

export type NumberedKind = 'minutes' | 'ballotCount' | 'proposal';

function isRetryable(e: unknown): boolean {
  const code = (e as { code?: unknown })?.code;
  const msg = e instanceof Error ? e.message : String(e);
  return (
    code === 'P2002' ||
    code === 'P2034' ||
    /SQLITE_BUSY|database is locked|could not serialize|deadlock|Unique constraint/iu.test(msg)
  );
}

const mappingType = (cycleId: string, kind: NumberedKind) => `${TYPE_ABBR[kind]}#${cycleId}#${kind}`;

/**
 * Numbers of the bloc's documents of this cycle: the stored assignment, or the next number of the
 * series (bloc, calendar year of the document, type), taken in one transaction with the assignment.
 * A unique-key clash (two first generations at once) rolls the loser back and it reads the winner's number.
 */
export async function documentNumbers(
  prisma: PrismaClient,
  cycle: { id: string; blocId: string },
  wanted: { kind: NumberedKind; year: number }[],
  actorPersonId?: string,
  assign = true,
): Promise<Record<NumberedKind, number | undefined>> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await prisma.$transaction(async (tx) => {
        const out: Record<NumberedKind, number | undefined> = {
          minutes: undefined,
          ballotCount: undefined,
          proposal: undefined,
        };
        for (const w of wanted) {
          const key = { blocId: cycle.blocId, year: w.year, docType: mappingType(cycle.id, w.kind) };
          // The assignment is unique by its type key alone (it names the cycle): found whatever year it was filed under.
          const existing = await tx.documentCounter.findFirst({
            where: { blocId: cycle.blocId, docType: key.docType },
          });
          if (existing) {
            out[w.kind] = existing.lastNumber;
            continue;
          }
          if (!assign) continue;
          const series = { blocId: cycle.blocId, year: w.year, docType: TYPE_ABBR[w.kind] };
          const next = await tx.documentCounter.upsert({
            where: { blocId_year_docType: series },
            create: { ...series, lastNumber: 1 },
            update: { lastNumber: { increment: 1 } },
          });
          await tx.documentCounter.create({ data: { ...key, lastNumber: next.lastNumber } });
          await tx.auditLog.create({
            data: {
              action: 'document.number',
              entity: 'document',
              entityId: `${cycle.id}:${w.kind}`,
              actorPersonId: actorPersonId ?? null,
              after: { docType: TYPE_ABBR[w.kind], year: w.year, number: next.lastNumber },
              workflowId: cycle.id,
              requestId: `${cycle.id}:document-number:${w.kind}`,
            },
          });
          out[w.kind] = next.lastNumber;
        }
        return out;
      });
    } catch (e) {
      if (attempt < 5 && isRetryable(e)) {
        await new Promise((r) => setTimeout(r, 10 * attempt));
        continue;
      }
      throw e;
    }
  }
}

/** The numbers already given to this cycle's documents, without giving out new ones. */
export async function assignedNumbers(
  db: Db,
  cycleId: string,
): Promise<Partial<Record<NumberedKind, { number: number; year: number }>>> {
  const rows = await db.prisma.documentCounter.findMany({
    where: { docType: { in: (['minutes', 'ballotCount', 'proposal'] as const).map((k) => mappingType(cycleId, k)) } },
  });
  const out: Partial<Record<NumberedKind, { number: number; year: number }>> = {};
  for (const r of rows) out[r.docType.split('#').at(-1) as NumberedKind] = { number: r.lastNumber, year: r.year };
  return out;
}

// ---------------------------------------------------------------- an authority's register (the decisions)

/** The provincial Chairman's register (UBND tỉnh): the bloc years' province decisions and the province session's. */
export const provinceChairmanRegister = (provinceId: string) => ({
  register: `provinceChairman:${provinceId}`,
  issuerAbbr: 'UBND',
});

/** Already numbered: the issue act answers 409 naming the number. */
export class AlreadyIssuedError extends Error {
  constructor(readonly number: string) {
    super(`the decision is already issued as ${number}`);
  }
}

/**
 * Issues a bloc year's decision of `awardType` from its authority's register (ND 30/2020 Điều 15: one series per
 * issuing body and calendar year, from 01): the next number of the register's series for the decision's year, taken
 * in the caller's transaction with the IssuedDecision row. Throws AlreadyIssuedError when the decision already has
 * its number (a number is given once). Two registers never share a series; a unique-key clash rolls the loser back.
 */
export async function issueFromRegister(
  tx: Pick<PrismaClient, 'registerCounter' | 'issuedDecision'>,
  d: {
    cycleId: string;
    awardType: string;
    register: string;
    issuerAbbr: string;
    decisionDate: string;
    issuedByPersonId: string | null;
  },
): Promise<{ number: number; year: number; symbol: string }> {
  const existing = await tx.issuedDecision.findUnique({
    where: { cycleId_awardType: { cycleId: d.cycleId, awardType: d.awardType } },
  });
  if (existing)
    throw new AlreadyIssuedError(formatNumberSymbol(existing.number, `${TYPE_ABBR.decision}-${existing.issuerAbbr}`));
  const year = Number(d.decisionDate.slice(0, 4));
  const series = { register: d.register, year, docType: TYPE_ABBR.decision };
  const next = await tx.registerCounter.upsert({
    where: { register_year_docType: series },
    create: { ...series, lastNumber: 1 },
    update: { lastNumber: { increment: 1 } },
  });
  await tx.issuedDecision.create({
    data: {
      cycleId: d.cycleId,
      awardType: d.awardType,
      register: d.register,
      year,
      number: next.lastNumber,
      issuerAbbr: d.issuerAbbr,
      decisionDate: new Date(`${d.decisionDate}T00:00:00.000Z`),
      issuedByPersonId: d.issuedByPersonId,
    },
  });
  const symbol = formatDocumentSymbol(TYPE_ABBR.decision, d.issuerAbbr);
  return { number: next.lastNumber, year, symbol: formatNumberSymbol(next.lastNumber, symbol) };
}
