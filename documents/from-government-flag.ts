/**
 * The province's Government-flag dossier (ND 152/2025 Art. 33(12), 37(2)) built from its REAL data: the
 * selection the workflow govflag-<PROVINCE>-<N> wrote (the `government-flag` Proposal rows on the leaders'
 * bloc cycles, their `govflag:<proposalId>` voting rounds, the start/close/submit audit rows) and the registry
 * (Province, Council with its chair and secretary, Bloc, Unit, ScoreSummary).
 *
 *   const { data, fileName } = await loadGovernmentFlagDocument(db, provinceId, 2026, 'govFlagBallotCount');
 *   const pdf = await renderDocument('govFlagBallotCount', 'pdf', data);
 *
 * - Biên bản kiểm phiếu of the council (exists once the vote is closed): every leader with its "yes" on ALL
 *   members, the 80% threshold, the 20% quota, the selection as counted at the close. Its number is left blank
 *   for the council's văn thư: the DocumentCounter series are the blocs' own (a row belongs to a bloc), and
 *   the council is not one.
 * - Tờ trình of the People's Committee (exists once the submission is recorded): its number and date are the
 *   letter recorded with the submission (`15/TTr-UBND`), as the award decision's are the recorded decision's;
 *   it lists the leaders that were submitted.
 *
 * Conventions (as documents/from-cycle.ts): the council's chair (the Chủ tịch UBND) chairs the count and
 * signs the letter; the council's secretary records the count. Missing facts throw a DomainError (NOT_FOUND
 * → 404 before the vote is closed / before the submission; CONFLICT → 409 when the data are incomplete).
 */
import type { Db } from '../db';
import { governmentFlagContest, governmentFlagWorkflowId } from '../contracts/government-flag';
import { DomainError } from '../domain/errors';
import { provinceParts } from './from-cycle';
import { toCalendarDate, upperVn } from './format';
import { HEADER_LEFT_MM, ptToMm, SIZE } from './layout';
import { timesWidthPt } from './metrics';
import {
  DOCUMENT_SCHEMAS,
  TYPE_ABBR,
  type GovFlagBallotCount,
  type GovFlagBallotCountInput,
  type GovFlagDocumentKind,
  type GovFlagProposal,
  type GovFlagProposalInput,
} from './model';

export interface GovernmentFlagDocumentData {
  govFlagProposal: GovFlagProposal;
  govFlagBallotCount: GovFlagBallotCount;
}

/** The council's abbreviation in its document symbols (Hội đồng Thi đua - Khen thưởng). */
export const COUNCIL_ABBR = 'HĐTĐKT';

const conflict = (message: string, details?: Record<string, unknown>) => new DomainError('CONFLICT', message, details);
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD` of an instant in Vietnam time. */
function vnDate(d: Date): string {
  const c = toCalendarDate(d);
  return `${c.year}-${pad2(c.month)}-${pad2(c.day)}`;
}

/** `YYYY-MM-DDTHH:mm` Vietnam wall-clock time (DateTimeSchema without offset). */
function vnDateTime(d: Date): string {
  const local = new Date(d.getTime() + 7 * 3_600_000).toISOString();
  return local.slice(0, 16);
}

/** `15/TTr-UBND` → number 15, issuer `UBND`; anything else keeps its leading number and the issuer `UBND`. */
export function parseLetterNumber(s: string): { number: number | null; issuerAbbr: string } {
  const m = /^\s*(\d{1,5})\s*\/\s*TTr-([\p{L}\d]+(?:-[\p{L}\d]+)*)\s*$/iu.exec(s.normalize('NFC'));
  if (m) return { number: Number(m[1]), issuerAbbr: upperVn(m[2]!) };
  const n = /^\s*(\d{1,5})\b/u.exec(s);
  return { number: n ? Number(n[1]) : null, issuerAbbr: 'UBND' };
}

/** A name in capitals for the header's left column, broken before the word that would overflow it (PL I II.2.b). */
function headerLines(upper: string): string {
  const fits = (line: string) => ptToMm(timesWidthPt(line, SIZE.issuingBody, true)) <= HEADER_LEFT_MM - 4;
  const words = upper.split(/\s+/u).filter((w) => w.length > 0);
  const lines: string[] = [];
  for (const w of words) {
    const last = lines.at(-1);
    if (last !== undefined && fits(`${last} ${w}`)) lines[lines.length - 1] = `${last} ${w}`;
    else lines.push(w);
  }
  // A dash never starts a line.
  for (let i = 1; i < lines.length; i++) {
    const m = /^([-–])\s+(.*)$/u.exec(lines[i]!);
    if (m) {
      lines[i - 1] = `${lines[i - 1]} ${m[1]}`;
      lines[i] = m[2]!;
    }
  }
  return lines.filter((l) => l.length > 0).join('\n');
}

interface StartInfo {
  quota: number;
  quotaShare: number;
  councilMembers: number;
  candidates: string[];
  threshold: { ratio: number; strict?: boolean };
}

interface RoundResult {
  yes?: number;
  base?: number;
  rank?: number | null;
  selected?: boolean;
  reason?: string;
  voted?: number;
}

async function loadSelection(db: Db, provinceId: string, year: number) {
  const { prisma } = db;
  const province = await prisma.province.findUnique({ where: { id: provinceId } });
  if (!province) throw new DomainError('NOT_FOUND', `no province ${provinceId}`);
  const workflowId = governmentFlagWorkflowId(province.code, year);
  const audits = await prisma.auditLog.findMany({
    where: { workflowId, action: { in: ['governmentFlag.start', 'governmentFlag.close', 'governmentFlag.submit'] } },
    orderBy: { id: 'asc' },
  });
  const start = audits.find((a) => a.action === 'governmentFlag.start');
  if (!start) throw new DomainError('NOT_FOUND', `the Government-flag selection for ${year} has not been started`);
  const proposals = await prisma.proposal.findMany({
    where: { awardType: 'government-flag', id: { startsWith: `${workflowId}:` } },
    include: { unit: true, cycle: { select: { id: true, bloc: { select: { name: true, code: true } } } } },
    orderBy: { unit: { code: 'asc' } },
  });
  const rounds = await prisma.votingRound.findMany({
    where: { contest: { in: proposals.map((p) => governmentFlagContest(p.id)) } },
    include: { _count: { select: { voters: true } } },
  });
  const council = await prisma.council.findFirst({
    where: { provinceId },
    include: {
      members: { include: { person: true } },
      roleAssignments: {
        where: { role: 'councilSecretary' },
        include: { person: true },
        orderBy: { createdAt: 'asc' },
      },
    },
    orderBy: { createdAt: 'asc' },
  });
  const scores =
    proposals.length > 0
      ? await prisma.scoreSummary.findMany({
          where: { OR: proposals.map((p) => ({ cycleId: p.cycleId, unitId: p.unitId })) },
        })
      : [];
  return {
    province,
    workflowId,
    audits,
    start: start.after as unknown as StartInfo,
    proposals,
    rounds,
    council,
    scores,
  };
}
type Selection = Awaited<ReturnType<typeof loadSelection>>;

/** The count as closed: one row per leader, with its round. Throws NOT_FOUND while the vote is open. */
function closedCount(s: Selection) {
  const close = s.audits.find((a) => a.action === 'governmentFlag.close');
  const roundOf = new Map(s.rounds.map((r) => [r.contest, r]));
  const rows = s.proposals.map((p) => ({ p, r: roundOf.get(governmentFlagContest(p.id)) }));
  if (!close || rows.some((x) => !x.r?.closedAt))
    throw new DomainError(
      'NOT_FOUND',
      'the council’s vote on the Government flag is not closed yet: the ballot-count record exists once the secretary closes it',
    );
  if (rows.length === 0) throw conflict('the selection has no candidates');
  return { close, rows: rows.map((x) => ({ ...x, r: x.r!, result: (x.r!.result ?? {}) as RoundResult })) };
}

function councilPeople(s: Selection) {
  const chair = s.council?.members.find((m) => m.position === 'chair')?.person;
  const secretary = s.council?.roleAssignments[0]?.person;
  if (!s.council || !chair)
    throw conflict('the chair of the province’s emulation council (the Chủ tịch UBND) is not on record');
  if (!secretary) throw conflict('the secretary of the province’s emulation council is not on record');
  return {
    council: s.council,
    chair: chair.fullName.normalize('NFC').trim(),
    secretary: secretary.fullName.normalize('NFC').trim(),
  };
}

function scoreOf(s: Selection, cycleId: string, unitId: string): number | null {
  return s.scores.find((x) => x.cycleId === cycleId && x.unitId === unitId)?.finalTotal ?? null;
}

function names(s: Selection, councilName: string) {
  const { level, place } = provinceParts(s.province.name);
  const tail = `${level} ${place}`.trim();
  const lowerName = councilName.toLocaleLowerCase('vi-VN');
  const shortCouncil =
    tail && lowerName.endsWith(` ${tail.toLocaleLowerCase('vi-VN')}`)
      ? councilName.slice(0, councilName.length - tail.length - 1)
      : councilName;
  return { level, place, tail, shortCouncil };
}

function buildBallotCount(s: Selection): GovFlagBallotCountInput {
  const { close, rows } = closedCount(s);
  const { council, chair, secretary } = councilPeople(s);
  const councilName = council.name.normalize('NFC').trim();
  const { level, place, shortCouncil } = names(s, councilName);
  const members = s.start.councilMembers;
  const openedAt = new Date(Math.min(...rows.map((x) => x.r.openedAt.getTime())));
  const closedAt = new Date(Math.max(close.at.getTime(), ...rows.map((x) => x.r.closedAt!.getTime())));
  return {
    header: {
      parentBody: `UBND ${upperVn(s.province.name)}`,
      issuingBody: headerLines(upperVn(shortCouncil)),
      issuerAbbr: COUNCIL_ABBR,
      number: null,
    },
    councilName,
    year: yearOf(s),
    openedAt: vnDateTime(openedAt),
    closedAt: vnDateTime(closedAt),
    chair: { name: chair, position: 'Chủ tịch Hội đồng' },
    secretary: { name: secretary, position: 'Thư ký Hội đồng' },
    councilMembers: members,
    threshold: { ratio: s.start.threshold.ratio, strict: s.start.threshold.strict ?? false },
    quota: s.start.quota,
    quotaShare: s.start.quotaShare,
    leaders: s.start.candidates.length,
    candidates: rows.map(({ p, r, result }) => ({
      unitId: p.unitId,
      name: p.unit.name,
      blocName: p.cycle.bloc.name,
      score: scoreOf(s, p.cycleId, p.unitId),
      voted: result.voted ?? r._count.voters,
      yes: result.yes ?? 0,
      state: result.reason === 'onHold' ? 'onHold' : result.reason === 'disqualified' ? 'disqualified' : 'counted',
      rank: result.rank ?? null,
      selected: result.selected ?? false,
    })),
    recipients: [
      `Ủy ban nhân dân ${level} ${place}`.replace(/\s+/gu, ' '),
      'Các thành viên Hội đồng',
      'Lưu: VT, Hồ sơ',
    ],
  };
}

function yearOf(s: Selection): number {
  return Number(/-(\d{4})$/.exec(s.workflowId)![1]);
}

function buildProposal(s: Selection): GovFlagProposalInput {
  const submit = s.audits.find((a) => a.action === 'governmentFlag.submit');
  if (!submit)
    throw new DomainError(
      'NOT_FOUND',
      'no submission to the Ministry of Home Affairs has been recorded yet: the proposal letter is the one recorded with it',
    );
  const sent = submit.after as unknown as { letterNumber: string; letterDate: string; unitIds: string[] };
  const { close, rows } = closedCount(s);
  const { council, chair } = councilPeople(s);
  const councilName = council.name.normalize('NFC').trim();
  const { level, place, tail } = names(s, councilName);
  const { number, issuerAbbr } = parseLetterNumber(sent.letterNumber);
  const year = yearOf(s);
  const entries = rows
    .filter((x) => sent.unitIds.includes(x.p.unitId))
    .sort((a, b) => (a.result.rank ?? 99) - (b.result.rank ?? 99) || a.p.unit.code.localeCompare(b.p.unit.code));
  if (entries.length === 0) throw conflict('the recorded submission names no candidate of the selection');
  const nd152 = sent.letterDate >= '2025-07-01';
  return {
    header: { issuingBody: `ỦY BAN NHÂN DÂN\n${upperVn(tail)}`, issuerAbbr, number, place, date: sent.letterDate },
    proposer: `Ủy ban nhân dân ${level} ${place}`.replace(/\s+/gu, ' '),
    year,
    addressees: ['Thủ tướng Chính phủ', 'Bộ Nội vụ'],
    legalBases: [
      nd152
        ? 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025'
        : 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015',
      'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022',
      nd152
        ? 'Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng'
        : 'Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng',
    ],
    councilName,
    ballotCount: { number: null, symbol: `${TYPE_ABBR.govFlagBallotCount}-${COUNCIL_ABBR}`, date: vnDate(close.at) },
    votedOn: vnDate(close.at),
    councilMembers: s.start.councilMembers,
    threshold: { ratio: s.start.threshold.ratio, strict: s.start.threshold.strict ?? false },
    quota: s.start.quota,
    quotaShare: s.start.quotaShare,
    leaders: s.start.candidates.length,
    entries: entries.map(({ p, result }) => ({
      nominee: p.unit.name,
      blocName: p.cycle.bloc.name,
      score: scoreOf(s, p.cycleId, p.unitId),
      achievement: p.achievement.trim() || `Dẫn đầu phong trào thi đua ${p.cycle.bloc.name} năm ${year}`,
      yes: result.yes ?? 0,
    })),
    signer: { onBehalfOf: 'Ủy ban nhân dân', position: 'Chủ tịch', name: chair },
    recipients: ['Như trên', 'Ban Thi đua - Khen thưởng Trung ương', councilName, 'Sở Nội vụ', 'Lưu: VT, NV'],
  };
}

const TITLES: Record<GovFlagDocumentKind, string> = {
  govFlagProposal: 'Tờ trình đề nghị tặng Cờ thi đua của Chính phủ',
  govFlagBallotCount: 'Biên bản kiểm phiếu đề nghị tặng Cờ thi đua của Chính phủ',
};

/**
 * The validated data of a Government-flag dossier document of a province and year, and its file name
 * (UTF-8, without extension): `Tờ trình đề nghị tặng Cờ thi đua của Chính phủ năm 2026 - Thành phố Cần Thơ`.
 */
export async function loadGovernmentFlagDocument<K extends GovFlagDocumentKind>(
  db: Db,
  provinceId: string,
  year: number,
  kind: K,
): Promise<{ data: GovernmentFlagDocumentData[K]; fileName: string }> {
  const s = await loadSelection(db, provinceId, year);
  const raw = kind === 'govFlagProposal' ? buildProposal(s) : buildBallotCount(s);
  const parsed = DOCUMENT_SCHEMAS[kind].safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw conflict(
      `the Government-flag selection's data does not make a valid ${kind} document: ${issues.join('; ')}`,
      { issues },
    );
  }
  const name = `${TITLES[kind]} năm ${year} - ${s.province.name.normalize('NFC').trim()}`;
  const fileName = [...name].map((ch) => (ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '-' : ch)).join('');
  return { data: parsed.data as GovernmentFlagDocumentData[K], fileName };
}
