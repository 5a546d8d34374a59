/**
 * The official documents of a bloc-year built from its REAL data: the database projection the
 * workflows write (Cycle, ScoreSummary, VotingRound + VoterRecord + Ballot, Proposal, AwardDecision,
 * Handover, the audit log) and the registry (Province, Bloc, Unit, Person, Council, RuleSet).
 *
 *   const data = await loadDocumentData(db, 'cycle-CT-NOICHINH-2026', 'minutes');   // validated (model.ts)
 *   const pdf = await renderDocument('minutes', 'pdf', data);
 *
 * Numbering (ND 30/2020 Điều 15): the bloc's own series per calendar year and type (BB, TTr), kept in
 * DocumentCounter. The first generation of a document takes the next number in a transaction and stores
 * the assignment as a DocumentCounter row of its own, keyed deterministically by
 * `<type>#<cycleId>#<kind>` (lastNumber = the number given); every later generation reads that row, so a
 * regenerated document keeps its number. The minutes and the ballot-count record are numbered together
 * (minutes first), and the proposal letter, which cites both, after them. The award decision is the
 * province's document: its number is the one recorded with the decision (AwardDecision.decisionNumber).
 *
 * Facts the system does not record are filled in by fixed, documented conventions (see ROLE NOTES below):
 * the chair is the representative of the head unit, the secretary that of the deputy unit, the counting
 * committee the deputy's representative (head) and the head's representative (member), the venue the
 * head unit's seat, a unit's representative its registered unit officer.
 *
 * Missing facts never give a broken document: they throw a DomainError (WRONG_PHASE / CONFLICT → 409,
 * NOT_FOUND → 404) saying what is missing.
 */
import type { Db, PrismaClient } from '../db';
import { PHASES, type Phase } from '../contracts/cycle';
import { DomainError } from '../domain/errors';
import type { AwardType } from '../domain/eligibility';
import { AWARD_COEFFICIENTS, baseSalaryEntryOn } from '../domain/money';
import { RuleSetSchema, type RuleSet, type TieBreakCriterion } from '../domain/ruleset';
import { breakTie } from '../domain/tally';
import type { CycleResult } from '../workflows/cycle';
import { formatDateVn, formatNumber, formatNumberSymbol, joinVn, toCalendarDate, upperVn } from './format';
import {
  DOCUMENT_SCHEMAS,
  meetsThreshold,
  TYPE_ABBR,
  type BallotCount,
  type BallotCountInput,
  type Contest,
  type Decision,
  type DecisionInput,
  // The documents of a bloc year only (the Government-flag dossier is documents/from-government-flag.ts).
  type CycleDocumentKind as DocumentKind,
  type Member,
  type Minutes,
  type MinutesInput,
  type Proposal as ProposalDoc,
  type ProposalInput,
  type Round,
} from './model';

/** The validated data of each document kind (what renderDocument / renderDocx / renderPdf take). */
export interface CycleDocumentData {
  minutes: Minutes;
  ballotCount: BallotCount;
  proposal: ProposalDoc;
  decision: Decision;
}

export interface LoadDocumentOptions {
  /** Award decision to render when the cycle has several (AwardDecision.decisionNumber, e.g. `01/QĐ-UBND`). Default: the earliest. */
  decisionNumber?: string;
  /** Who asked for the document: recorded in the audit log when a number is given out. */
  actorPersonId?: string;
  /**
   * Give out the numbers the document still lacks (default true). The API's downloads pass false: a
   * download shows the numbers already given and leaves the others blank; numbering is the explicit
   * act POST /api/cycles/{cycleId}/documents/{kind}/number.
   */
  assign?: boolean;
}

type NumberedKind = 'minutes' | 'ballotCount' | 'proposal';
const BLOC_CONTESTS = ['leader', 'certificate', 'nextHead', 'nextDeputy'] as const;
type BlocContest = (typeof BLOC_CONTESTS)[number];
const AWARD_OF_CONTEST: Partial<Record<BlocContest, AwardType>> = {
  leader: 'emulation-flag',
  certificate: 'certificate-of-merit',
};

// ---------------------------------------------------------------- ROLE NOTES (conventions for facts the system does not record)

/** A unit's representative at the meeting is its registered unit officer (the person who acts for it in the system). */
const REPRESENTATIVE_POSITION = 'Cán bộ phụ trách công tác thi đua, khen thưởng';
const QUORUM_SOURCE = 'Quy chế hoạt động của Khối';

// ---------------------------------------------------------------- small helpers

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** `YYYY-MM-DD` of an instant in Vietnam time. */
function vnDate(d: Date): string {
  const c = toCalendarDate(d);
  return `${c.year}-${pad2(c.month)}-${pad2(c.day)}`;
}

const vnYear = (d: Date) => toCalendarDate(d).year;

const conflict = (message: string, details?: Record<string, unknown>) => new DomainError('CONFLICT', message, details);

function phaseAtLeast(phase: string, min: Phase): boolean {
  const i = PHASES.indexOf(phase as Phase);
  return i >= 0 && i >= PHASES.indexOf(min);
}

function uniq<T>(xs: readonly T[]): T[] {
  return [...new Set(xs)];
}

/** The result JSON a closed VotingRound holds (domain/tally.ts TallyResult; only what is read here). */
interface StoredTally {
  base: number;
  validBallots: number;
  invalidBallots: number;
  blankBallots?: number;
  counts: Record<string, number>;
  winners: string[];
  tiedForLastSeat?: string[];
  outcome: 'decided' | 'tie' | 'noWinner' | 'noQuorum';
}

function storedTally(json: unknown, where: string): StoredTally {
  const r = json as Partial<StoredTally> | null;
  if (
    !r ||
    typeof r !== 'object' ||
    typeof r.validBallots !== 'number' ||
    typeof r.invalidBallots !== 'number' ||
    typeof r.base !== 'number' ||
    !r.counts ||
    !Array.isArray(r.winners) ||
    typeof r.outcome !== 'string'
  ) {
    throw conflict(`the result of ${where} is missing or unreadable`);
  }
  return r as StoredTally;
}

/** `Thành phố Cần Thơ` → level `thành phố`, place `Cần Thơ`; `Tỉnh Tây Ninh` → `tỉnh`, `Tây Ninh`. */
export function provinceParts(provinceName: string): { level: string; place: string } {
  const name = provinceName.normalize('NFC').trim();
  const m = /^(thành phố|tỉnh)\s+(.+)$/iu.exec(name);
  if (!m) return { level: '', place: name };
  const level = m[1]!.toLocaleLowerCase('vi-VN');
  const rest = m[2]!.trim();
  // A unit named after a person is written in full (ND30 PL I II.4.a).
  return { level, place: rest === 'Hồ Chí Minh' ? `Thành phố ${rest}` : rest };
}

/**
 * The bloc's abbreviation in document symbols: `K` + initials of its distinctive name
 * (`Khối thi đua Nội chính thành phố Cần Thơ` → `KNC`), digits kept (`Khối thi đua số 3` → `K3`);
 * the bloc code when no name part is left.
 */
export function blocAbbreviation(blocName: string, provinceName: string, blocCode: string): string {
  const { level, place } = provinceParts(provinceName);
  let core = blocName
    .normalize('NFC')
    .trim()
    .replace(/^khối thi đua\s*/iu, '');
  const tail = `${level} ${place}`.trim().toLocaleLowerCase('vi-VN');
  if (tail && core.toLocaleLowerCase('vi-VN').endsWith(tail)) core = core.slice(0, core.length - tail.length).trim();
  const words = core.split(/\s+/u).filter((w) => w.length > 0 && w.toLocaleLowerCase('vi-VN') !== 'số');
  const initials = words.map((w) => (/^\d+$/u.test(w) ? w : upperVn(w.charAt(0)))).join('');
  const abbr = `K${initials}`;
  if (initials && /^[\p{Lu}\d]+$/u.test(abbr)) return abbr;
  return (
    blocCode
      .toUpperCase()
      .replace(/[^A-Z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'KHOI'
  );
}

/** Award forms as written in the documents, for a city (`thành phố`) or a province (`tỉnh`). */
export function awardName(type: string, level: string): string {
  const ubnd = `Ủy ban nhân dân ${level}`.trim();
  switch (type as AwardType) {
    case 'emulation-flag':
      return `Cờ thi đua của ${ubnd}`;
    case 'certificate-of-merit':
      return `Bằng khen của Chủ tịch ${ubnd}`;
    case 'government-flag':
      return 'Cờ thi đua của Chính phủ';
    case 'excellent-labour-collective':
      return 'Danh hiệu Tập thể lao động xuất sắc';
    case 'certificate-of-commendation':
      return 'Giấy khen';
    default:
      return type;
  }
}

/** `ND 152/2025 Art. 50(2)(e)` → `điểm e khoản 2 Điều 50` (PL II V.7: Điều capitalised, khoản and điểm not). */
function articleVn(basis: string): string | null {
  const m = /Art\. (\d+)\((\d+)\)(?:\(([^)]+)\))?/u.exec(basis);
  if (!m) return null;
  return `${m[3] ? `điểm ${m[3]} ` : ''}khoản ${m[2]} Điều ${m[1]}`;
}

/** Base-salary decrees of domain/money.ts, cited in full (ND30 PL I II.6.b). */
const BASE_SALARY_DECREES: Record<string, string> = {
  'ND 38/2019':
    'Căn cứ Nghị định số 38/2019/NĐ-CP ngày 09 tháng 5 năm 2019 của Chính phủ quy định mức lương cơ sở đối với cán bộ, công chức, viên chức và lực lượng vũ trang',
  'ND 24/2023':
    'Căn cứ Nghị định số 24/2023/NĐ-CP ngày 14 tháng 5 năm 2023 của Chính phủ quy định mức lương cơ sở đối với cán bộ, công chức, viên chức và lực lượng vũ trang',
  'ND 73/2024':
    'Căn cứ Nghị định số 73/2024/NĐ-CP ngày 30 tháng 6 năm 2024 của Chính phủ quy định mức lương cơ sở và chế độ tiền thưởng đối với cán bộ, công chức, viên chức và lực lượng vũ trang',
};

const TIE_BREAK_LABELS: Record<TieBreakCriterion, string> = {
  tasksGroupScore: 'điểm nhóm tiêu chí thực hiện nhiệm vụ',
  totalScore: 'tổng điểm thi đua',
  womenRatio70: 'tập thể có từ 70% nữ trở lên',
};

// ---------------------------------------------------------------- loading the facts

async function loadCycle(prisma: PrismaClient, cycleId: string) {
  const cycle = await prisma.cycle.findUnique({
    where: { id: cycleId },
    include: {
      bloc: {
        include: {
          province: true,
          memberships: { include: { unit: true }, orderBy: [{ joinedOn: 'asc' }, { createdAt: 'asc' }] },
        },
      },
      scoreSummaries: true,
      votingRounds: {
        include: { voters: { select: { voterKey: true } }, _count: { select: { ballots: true } } },
        orderBy: [{ contest: 'asc' }, { round: 'asc' }],
      },
      proposals: { include: { unit: true, decision: true }, orderBy: { createdAt: 'asc' } },
    },
  });
  if (!cycle) throw new DomainError('NOT_FOUND', `no cycle ${cycleId}`);
  return cycle;
}
type LoadedCycle = Awaited<ReturnType<typeof loadCycle>>;

interface Ctx {
  prisma: PrismaClient;
  cycle: LoadedCycle;
  ruleSet: RuleSet;
  level: string;
  place: string;
  blocName: string;
  abbr: string;
  parentBody: string;
  issuingBody: string;
  unitName: (id: string) => string;
}

async function context(db: Db, cycleId: string): Promise<Ctx> {
  const { prisma } = db;
  const cycle = await loadCycle(prisma, cycleId);
  const row = await prisma.ruleSet.findUnique({
    where: { code_version: { code: cycle.ruleSetCode, version: cycle.ruleSetVersion } },
  });
  if (!row)
    throw new DomainError(
      'NO_RULESET',
      `the rule-set ${cycle.ruleSetCode} v${cycle.ruleSetVersion} of this cycle is not in the registry`,
    );
  const parsed = RuleSetSchema.safeParse(row.body);
  if (!parsed.success)
    throw new DomainError('NO_RULESET', `the rule-set ${cycle.ruleSetCode} v${cycle.ruleSetVersion} is not readable`);
  const province = cycle.bloc.province;
  const { level, place } = provinceParts(province.name);
  const blocName = cycle.bloc.name.normalize('NFC').trim();
  const upperBloc = upperVn(blocName);
  const tail = upperVn(`${level} ${place}`.trim());
  const names = new Map(cycle.bloc.memberships.map((m) => [m.unitId, m.unit.name]));
  for (const p of cycle.proposals) names.set(p.unitId, p.unit.name);
  return {
    prisma,
    cycle,
    ruleSet: parsed.data,
    level,
    place,
    blocName,
    abbr: blocAbbreviation(blocName, province.name, cycle.bloc.code),
    parentBody: `UBND ${upperVn(province.name)}`,
    // The place part of a long bloc name goes on its own line (PL I II.2.b: long names may wrap).
    issuingBody:
      tail && upperBloc.endsWith(` ${tail}`)
        ? `${upperBloc.slice(0, upperBloc.length - tail.length - 1)}\n${tail}`
        : upperBloc,
    unitName: (id) => names.get(id) ?? id,
  };
}

/** The year-end meeting as recorded: who was a member and present, when it ran, and every bloc contest's rounds. */
interface Meeting {
  startedAt: Date;
  endedAt: Date;
  firstCountAt: Date;
  memberIds: string[];
  presentIds: string[];
  actingHeadUnitId: string;
  deputyUnitId: string;
  rounds: Map<BlocContest, { row: LoadedCycle['votingRounds'][number]; tally: StoredTally }[]>;
}

async function loadMeeting(ctx: Ctx): Promise<Meeting> {
  const { cycle, prisma } = ctx;
  if (!phaseAtLeast(cycle.phase, 'council')) {
    throw new DomainError(
      'WRONG_PHASE',
      `the vote is not closed yet: the cycle is in phase "${cycle.phase}"; the meeting documents exist once the year-end vote is over`,
    );
  }
  const blocRounds = cycle.votingRounds.filter((r) => (BLOC_CONTESTS as readonly string[]).includes(r.contest));
  if (blocRounds.length === 0)
    throw conflict(
      'no ballot was held at the year-end meeting of this cycle (no quorum or no candidates): there are no meeting minutes to generate',
    );
  const open = blocRounds.find((r) => !r.closedAt || r.result === null);
  if (open)
    throw new DomainError(
      'WRONG_PHASE',
      `the vote is not closed yet: round ${open.round} of ${open.contest} has no result`,
    );

  const audits = await prisma.auditLog.findMany({
    where: { workflowId: cycle.id, action: 'meeting.open' },
    orderBy: { id: 'asc' },
  });
  const opened = audits.filter((a) => (a.after as { quorumMet?: unknown } | null)?.quorumMet === true).at(-1);
  const firstOpened = new Date(Math.min(...blocRounds.map((r) => r.openedAt.getTime())));
  const startedAt = opened?.at ?? firstOpened;
  const endedAt = new Date(Math.max(...blocRounds.map((r) => r.closedAt!.getTime())));
  const firstCountAt = new Date(Math.min(...blocRounds.map((r) => r.closedAt!.getTime())));

  // Members with a vote at the meeting: memberships in force when it opened (a unit that left later still counts).
  const at = startedAt.getTime();
  const memberIds = uniq(
    cycle.bloc.memberships
      .filter((m) => m.joinedOn.getTime() <= at && (!m.leftOn || m.leftOn.getTime() > at))
      .map((m) => m.unitId),
  );
  if (memberIds.length < 2) throw conflict('the bloc had fewer than two member units at the meeting');

  // Who was present: the head's record of the meeting (audit log), else everyone who voted in some round.
  const recorded = (opened?.after as { present?: unknown } | null)?.present;
  const presentIds = Array.isArray(recorded)
    ? memberIds.filter((id) => (recorded as unknown[]).includes(id))
    : memberIds.filter((id) => blocRounds.some((r) => r.voters.some((v) => v.voterKey === id)));
  for (const r of blocRounds) {
    if (r.present > presentIds.length) {
      throw conflict(
        `attendance cannot be reconstructed: round ${r.round} of ${r.contest} counts ${r.present} units present, the records name ${presentIds.length}`,
      );
    }
  }

  const rounds = new Map<BlocContest, { row: LoadedCycle['votingRounds'][number]; tally: StoredTally }[]>();
  for (const contest of BLOC_CONTESTS) {
    const rows = blocRounds.filter((r) => r.contest === contest).sort((a, b) => a.round - b.round);
    if (rows.length === 0) continue;
    rows.forEach((r, i) => {
      if (r.round !== i + 1)
        throw conflict(`the rounds of ${contest} are not numbered 1, 2, … (missing round ${i + 1})`);
    });
    rounds.set(
      contest,
      rows.map((row) => ({ row, tally: storedTally(row.result, `round ${row.round} of ${contest}`) })),
    );
  }
  const headIsMember = memberIds.includes(cycle.headUnitId);
  return {
    startedAt,
    endedAt,
    firstCountAt,
    memberIds,
    presentIds,
    actingHeadUnitId: headIsMember ? cycle.headUnitId : cycle.deputyUnitId,
    deputyUnitId: cycle.deputyUnitId,
    rounds,
  };
}

/** The registered unit officer of each unit (first by username), as its representative. */
async function officers(prisma: PrismaClient, unitIds: string[]): Promise<Map<string, string>> {
  const people = await prisma.person.findMany({
    where: { unitId: { in: unitIds }, active: true, roles: { some: { role: 'unitOfficer' } } },
    select: { unitId: true, fullName: true },
    orderBy: { username: 'asc' },
  });
  const out = new Map<string, string>();
  for (const p of people) if (p.unitId && !out.has(p.unitId)) out.set(p.unitId, p.fullName.normalize('NFC').trim());
  return out;
}

// ---------------------------------------------------------------- numbering

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
async function documentNumbers(
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

// ---------------------------------------------------------------- contests

function contestWinners(
  ctx: Ctx,
  contest: BlocContest,
  rounds: { row: LoadedCycle['votingRounds'][number]; tally: StoredTally }[],
  decisions: Map<string, string[]>,
  handover: { newHeadUnitId: string; newDeputyUnitId: string; policy: string } | null,
) {
  const closed = (ctx.cycle.result as CycleResult | null)?.contests?.find((c) => c.contest === contest);
  if (closed) return { winners: closed.winners, decidedBy: closed.decidedBy };

  // Not closed yet: replay the workflow's rules on the stored rounds (workflows/voting.ts runContest).
  const elected = uniq(rounds.flatMap((r) => r.tally.winners));
  const last = rounds.at(-1)!;
  let derived: { winners: string[]; decidedBy: string | null };
  if (last.tally.outcome === 'decided') {
    derived = { winners: elected, decidedBy: 'ballot' };
  } else if (decisions.has(contest)) {
    const picked = decisions.get(contest)!;
    derived = {
      winners: uniq([...elected, ...picked]),
      decidedBy: picked.length > 0 ? 'headAndDeputy' : elected.length > 0 ? 'ballot' : 'noWinner',
    };
  } else {
    const { voting } = ctx.ruleSet;
    const seatsLeft = last.row.seats - last.tally.winners.length;
    let ordered: string[] | null = null;
    if (
      last.tally.outcome === 'tie' &&
      seatsLeft > 0 &&
      rounds.length >= voting.maxRounds &&
      voting.afterFailedRounds === 'headAndDeputyDecide'
    ) {
      const tied = last.tally.tiedForLastSeat ?? [];
      const facts = Object.fromEntries(
        tied.map((id) => {
          const s = ctx.cycle.scoreSummaries.find((x) => x.unitId === id);
          const w = ctx.cycle.bloc.memberships.find((m) => m.unitId === id)?.unit.womenRatio;
          return [
            id,
            {
              tasksGroupScore: s?.tasksGroupScore ?? 0,
              totalScore: s?.finalTotal ?? 0,
              ...(w !== null && w !== undefined ? { womenRatio: w } : {}),
            },
          ];
        }),
      );
      ordered = tied.length > 0 ? breakTie(tied, voting.tieBreakOrder, facts, seatsLeft) : null;
    }
    derived = ordered
      ? { winners: uniq([...elected, ...ordered.slice(0, seatsLeft)]), decidedBy: 'tieBreak' }
      : { winners: elected, decidedBy: elected.length > 0 ? 'ballot' : 'noWinner' };
  }

  // Award contests: the proposals recorded from the vote are the winners (workflows/cycle.ts proposalsFromVote).
  const award = AWARD_OF_CONTEST[contest];
  if (award) {
    const proposed = ctx.cycle.proposals.filter((p) => p.awardType === award).map((p) => p.unitId);
    const same = proposed.length === derived.winners.length && proposed.every((id) => derived.winners.includes(id));
    if (!same)
      return {
        winners: proposed,
        decidedBy:
          proposed.length === 0
            ? 'noWinner'
            : proposed.every((id) => elected.includes(id))
              ? 'ballot'
              : 'headAndDeputy',
      };
  }
  // Next head and deputy: a handover under the 'vote' policy took exactly the election's winners.
  if (handover?.policy === 'vote' && (contest === 'nextHead' || contest === 'nextDeputy')) {
    return {
      winners: [contest === 'nextHead' ? handover.newHeadUnitId : handover.newDeputyUnitId],
      decidedBy: derived.decidedBy === 'noWinner' ? 'ballot' : derived.decidedBy,
    };
  }
  return derived;
}

async function buildContests(ctx: Ctx, meeting: Meeting, members: Member[]): Promise<Contest[]> {
  const { prisma, cycle, ruleSet } = ctx;
  const decideRows = await prisma.auditLog.findMany({
    where: { workflowId: cycle.id, action: 'contest.decide' },
    orderBy: { id: 'asc' },
  });
  // Head and deputy must agree: the last recorded choice is the agreed one.
  const decisions = new Map<string, string[]>();
  for (const a of decideRows) {
    const ids = (a.after as { unitIds?: unknown } | null)?.unitIds;
    if (Array.isArray(ids))
      decisions.set(
        a.entityId,
        ids.filter((x): x is string => typeof x === 'string'),
      );
  }
  const handover = await prisma.handover.findUnique({
    where: { blocId_fromYear: { blocId: cycle.blocId, fromYear: cycle.year } },
  });
  const threshold = {
    ratio: ruleSet.voting.threshold.ratio,
    base: ruleSet.voting.threshold.base,
    strict: ruleSet.voting.threshold.strict,
  };
  const out: Contest[] = [];
  for (const contest of BLOC_CONTESTS) {
    const rounds = meeting.rounds.get(contest);
    if (!rounds) continue;
    const docRounds: Round[] = rounds.map(({ row, tally }, i) => {
      const candidates = Array.isArray(row.candidates)
        ? (row.candidates as unknown[]).filter((x): x is string => typeof x === 'string')
        : Object.keys(tally.counts);
      const received = tally.validBallots + tally.invalidBallots;
      if (received !== row._count.ballots)
        throw conflict(
          `round ${row.round} of ${contest}: the result counts ${received} ballots, the ballot box holds ${row._count.ballots}`,
        );
      const notes: string[] = [];
      const next = rounds[i + 1];
      if (next) {
        const names = (ids: readonly string[]) => joinVn(ids.map(ctx.unitName));
        if (tally.winners.length > 0)
          notes.push(`${names(tally.winners)} đạt tỷ lệ phiếu theo quy định ở vòng ${row.round}`);
        notes.push(
          tally.outcome === 'tie'
            ? `Các đơn vị ${names(tally.tiedForLastSeat ?? [])} có số phiếu bằng nhau, Khối tiến hành bỏ phiếu vòng ${next.row.round} giữa các đơn vị này`
            : `Không đơn vị nào đạt tỷ lệ phiếu theo quy định, Khối tiến hành bỏ phiếu vòng ${next.row.round}`,
        );
      }
      if ((tally.blankBallots ?? 0) > 0)
        notes.push(`Trong số phiếu hợp lệ có ${tally.blankBallots} phiếu trắng (không chọn đơn vị nào)`);
      const round: Round = {
        round: row.round,
        // Secret ballot: one ballot to each unit present at the round.
        ballotsIssued: row.present,
        ballotsReceived: received,
        validBallots: tally.validBallots,
        invalidBallots: tally.invalidBallots,
        votes: candidates.map((id) => ({ unitId: id, votes: tally.counts[id] ?? 0 })),
        ...(notes.length > 0 ? { note: notes.join('. ') } : {}),
      };
      // The percentages printed must be the ones the vote was decided on.
      const base =
        threshold.base === 'allMembers'
          ? members.length
          : threshold.base === 'present'
            ? members.filter((m) => m.present).length
            : round.validBallots;
      if (base !== tally.base)
        throw conflict(
          `round ${row.round} of ${contest} was counted against ${tally.base} (${threshold.base}), the records give ${base}: membership or attendance changed during the meeting`,
        );
      return round;
    });
    const { winners, decidedBy } = contestWinners(ctx, contest, rounds, decisions, handover);
    const award = AWARD_OF_CONTEST[contest];
    const last = rounds.at(-1)!.tally;
    const tieNote =
      decidedBy === 'tieBreak'
        ? `Các đơn vị ${joinVn((last.tiedForLastSeat ?? []).map(ctx.unitName))} có số phiếu bằng nhau; kết quả được xác định theo thứ tự ưu tiên tại Quy chế của Khối (${ruleSet.voting.tieBreakOrder.map((k) => TIE_BREAK_LABELS[k]).join('; ')})`
        : undefined;
    out.push({
      contest,
      ...(award ? { awardName: awardName(award, ctx.level) } : {}),
      seats: rounds[0]!.row.seats,
      threshold,
      rounds: docRounds,
      winners,
      decidedBy: decidedBy === 'headAndDeputy' ? 'headAndDeputy' : 'vote',
      ...(tieNote ? { decisionNote: tieNote } : {}),
    });
  }
  if (out.length === 0) throw conflict('no ballot was held at the year-end meeting of this cycle');
  return out;
}

// ---------------------------------------------------------------- the meeting documents

interface MeetingDocs {
  meeting: Meeting;
  members: Member[];
  contests: Contest[];
  reps: Map<string, string>;
  chair: { name: string; position: string; unit: string };
  secretary: { name: string; position: string; unit: string };
}

async function meetingDocs(ctx: Ctx): Promise<MeetingDocs> {
  const meeting = await loadMeeting(ctx);
  const reps = await officers(ctx.prisma, uniq([...meeting.memberIds, meeting.actingHeadUnitId, meeting.deputyUnitId]));
  const members: Member[] = meeting.memberIds.map((id) => {
    const present = meeting.presentIds.includes(id);
    if (!present) return { unitId: id, name: ctx.unitName(id), present: false, writtenOpinion: false };
    const name = reps.get(id);
    if (!name)
      throw conflict(
        `${ctx.unitName(id)} was present at the meeting but has no registered unit officer to name as its representative`,
      );
    return {
      unitId: id,
      name: ctx.unitName(id),
      present: true,
      representative: { name, position: REPRESENTATIVE_POSITION },
      writtenOpinion: false,
    };
  });
  const person = (unitId: string, role: string) => {
    const name = reps.get(unitId);
    if (!name) throw conflict(`${ctx.unitName(unitId)} (${role}) has no registered unit officer to sign the minutes`);
    return { name, position: `Đại diện đơn vị ${role}`, unit: ctx.unitName(unitId) };
  };
  const contests = await buildContests(ctx, meeting, members);
  return {
    meeting,
    members,
    contests,
    reps,
    chair: person(meeting.actingHeadUnitId, 'Khối trưởng'),
    secretary: person(meeting.deputyUnitId, 'Khối phó'),
  };
}

function maxScoreOf(plan: unknown): number | undefined {
  const groups = (plan as { scoringTemplate?: { groups?: { criteria?: { maxPoints?: unknown }[] }[] } } | null)
    ?.scoringTemplate?.groups;
  if (!Array.isArray(groups)) return undefined;
  const total = groups.reduce(
    (s, g) => s + (g.criteria ?? []).reduce((t, c) => t + (typeof c.maxPoints === 'number' ? c.maxPoints : 0), 0),
    0,
  );
  return total > 0 ? Math.round(total * 100) / 100 : undefined;
}

async function discussion(ctx: Ctx, md: MeetingDocs): Promise<string[]> {
  const { cycle, prisma } = ctx;
  const scored = cycle.scoreSummaries.filter((s) => md.meeting.memberIds.includes(s.unitId));
  const out = [
    `Các đơn vị thành viên đã báo cáo kết quả thực hiện nhiệm vụ chính trị và phong trào thi đua năm ${cycle.year}; ` +
      `${ctx.unitName(md.meeting.actingHeadUnitId)} (đơn vị Khối trưởng) đã tổng hợp, thẩm định kết quả tự chấm điểm của ${scored.length} đơn vị ` +
      'theo Bảng chấm điểm thi đua của Khối và các minh chứng kèm theo.',
  ];
  const adjusted = await prisma.scoreEntry.findMany({
    where: { cycleId: cycle.id, reviewedScore: { not: null } },
    select: { unitId: true },
  });
  if (adjusted.length > 0) {
    const units = uniq(adjusted.map((a) => a.unitId));
    out.push(
      `Qua thẩm định, Khối thống nhất điều chỉnh điểm ${adjusted.length} tiêu chí của ${units.length} đơn vị (${units.map(ctx.unitName).join('; ')}).`,
    );
  }
  const penalised = scored.filter((s) => s.penalty > 0);
  if (penalised.length > 0)
    out.push(
      `Các đơn vị bị trừ điểm theo Quy chế: ${penalised.map((s) => `${ctx.unitName(s.unitId)} (trừ ${formatNumber(s.penalty)} điểm)`).join('; ')}.`,
    );
  const bonus = scored.filter((s) => s.bonus > 0);
  if (bonus.length > 0)
    out.push(
      `Các đơn vị được cộng điểm thưởng: ${bonus.map((s) => `${ctx.unitName(s.unitId)} (cộng ${formatNumber(s.bonus)} điểm)`).join('; ')}.`,
    );
  return out;
}

function meetingRecipients(ctx: Ctx, councilName: string | null): string[] {
  return [
    ...(councilName ? [councilName] : [`Sở Nội vụ ${ctx.level} ${ctx.place}`.replace(/\s+/gu, ' ')]),
    'Các đơn vị thành viên Khối',
    'Lưu: VT, Hồ sơ',
  ];
}

async function councilOf(ctx: Ctx) {
  return ctx.prisma.council.findFirst({
    where: { provinceId: ctx.cycle.bloc.provinceId },
    include: { members: { include: { person: true } } },
    orderBy: { createdAt: 'asc' },
  });
}

function buildMinutes(
  ctx: Ctx,
  md: MeetingDocs,
  numbers: { minutes: number | null; ballotCount: number | null },
  extra: { discussion: string[]; councilName: string | null },
): MinutesInput {
  const { cycle, ruleSet } = ctx;
  const q = ruleSet.voting.quorum;
  const scores = cycle.scoreSummaries
    .filter((s) => md.meeting.memberIds.includes(s.unitId) && s.rank !== null && s.rank >= 1)
    .sort((a, b) => a.rank! - b.rank!)
    .map((s) => ({ unitId: s.unitId, selfScore: s.selfTotal, agreedScore: s.finalTotal, rank: s.rank! }));
  const maxScore = maxScoreOf(cycle.plan);
  return {
    header: { parentBody: ctx.parentBody, issuingBody: ctx.issuingBody, issuerAbbr: ctx.abbr, number: numbers.minutes },
    blocName: ctx.blocName,
    year: cycle.year,
    startedAt: md.meeting.startedAt.toISOString(),
    endedAt: md.meeting.endedAt.toISOString(),
    venue: `Trụ sở ${ctx.unitName(md.meeting.actingHeadUnitId)} (đơn vị Khối trưởng)`,
    chair: md.chair,
    secretary: md.secretary,
    members: md.members,
    quorumRule: {
      ratio: q.ratio,
      strict: q.strict,
      ...(Math.abs(q.ratio - 2 / 3) < 1e-6 ? { label: '2/3' } : {}),
      source: QUORUM_SOURCE,
    },
    discussion: extra.discussion,
    scores,
    ...(maxScore ? { maxScore } : {}),
    votingMethod: 'secretBallot',
    ballotCountRecord: {
      number: numbers.ballotCount,
      symbol: `${TYPE_ABBR.ballotCount}-${ctx.abbr}`,
      date: vnDate(md.meeting.startedAt),
    },
    contests: md.contests,
    recipients: meetingRecipients(ctx, extra.councilName),
  };
}

function buildBallotCount(
  ctx: Ctx,
  md: MeetingDocs,
  number: number | null,
  councilName: string | null,
): BallotCountInput {
  return {
    header: { parentBody: ctx.parentBody, issuingBody: ctx.issuingBody, issuerAbbr: ctx.abbr, number },
    blocName: ctx.blocName,
    year: ctx.cycle.year,
    startedAt: md.meeting.firstCountAt.toISOString(),
    announcedAt: md.meeting.endedAt.toISOString(),
    venue: `Trụ sở ${ctx.unitName(md.meeting.actingHeadUnitId)} (đơn vị Khối trưởng)`,
    committee: [
      { ...md.secretary, role: 'head' },
      { ...md.chair, role: 'member' },
    ],
    members: md.members,
    votingMethod: 'secretBallot',
    contests: md.contests,
    recipients: meetingRecipients(ctx, councilName),
  };
}

// ---------------------------------------------------------------- proposal letter

function proposalDate(ctx: Ctx): Date {
  if (ctx.cycle.proposals.length === 0) {
    throw new DomainError(
      'WRONG_PHASE',
      phaseAtLeast(ctx.cycle.phase, 'council')
        ? 'the year-end vote proposed no unit for an award: there is no proposal letter'
        : `the vote is not closed yet: the cycle is in phase "${ctx.cycle.phase}"`,
    );
  }
  return new Date(Math.min(...ctx.cycle.proposals.map((p) => p.createdAt.getTime())));
}

function buildProposal(
  ctx: Ctx,
  md: MeetingDocs,
  numbers: Record<NumberedKind, number | null>,
  councilName: string | null,
): ProposalInput {
  const { cycle } = ctx;
  const date = proposalDate(ctx);
  const entries: ProposalInput['entries'] = [];
  const order: BlocContest[] = ['leader', 'certificate'];
  for (const contest of order) {
    const c = md.contests.find((x) => x.contest === contest);
    const award = AWARD_OF_CONTEST[contest]!;
    const proposals = cycle.proposals.filter((p) => p.awardType === award);
    if (proposals.length === 0) continue;
    if (!c) throw conflict(`proposals for ${awardName(award, ctx.level)} exist but no ballot was held for it`);
    const rows = proposals.map((p) => {
      const round = [...c.rounds].reverse().find((r) => r.votes.some((v) => v.unitId === p.unitId));
      if (!round)
        throw conflict(
          `${ctx.unitName(p.unitId)} is proposed for ${awardName(award, ctx.level)} but was not a candidate of the vote`,
        );
      const votes = round.votes.find((v) => v.unitId === p.unitId)!.votes;
      const base = meetingBase(c.threshold.base, md.members, round);
      const s = cycle.scoreSummaries.find((x) => x.unitId === p.unitId);
      const achievement =
        p.achievement.trim() ||
        `Hoàn thành xuất sắc nhiệm vụ năm ${cycle.year}${s ? `; đạt ${formatNumber(s.finalTotal)} điểm, xếp hạng ${s.rank ?? '—'} trong Khối` : ''}.`;
      return {
        votes,
        entry: {
          nominee: p.unit.name,
          award: awardName(award, ctx.level),
          achievement,
          votes,
          baseCount: base,
          base: c.threshold.base,
          // Chosen by the head and deputy after the rounds failed (not by reaching the threshold).
          ...(c.decidedBy === 'headAndDeputy' && !meetsThreshold(votes, base, c.threshold)
            ? { note: 'Khối trưởng và Khối phó quyết định theo Quy chế' }
            : {}),
        },
      };
    });
    rows.sort((a, b) => b.votes - a.votes);
    entries.push(...rows.map((r) => r.entry));
  }
  if (entries.length === 0)
    throw conflict('the proposals of this cycle do not come from the bloc vote (no Cờ thi đua or Bằng khen proposal)');
  const total = md.members.length;
  const present = md.members.filter((m) => m.present).length;
  const ubnd = `Ủy ban nhân dân ${ctx.level} ${ctx.place}`.replace(/\s+/gu, ' ');
  return {
    header: {
      parentBody: ctx.parentBody,
      issuingBody: ctx.issuingBody,
      issuerAbbr: ctx.abbr,
      number: numbers.proposal,
      place: ctx.place,
      date: vnDate(date),
    },
    blocName: ctx.blocName,
    year: cycle.year,
    addressees: [`Chủ tịch ${ubnd}`, ...(councilName ? [councilName] : [])],
    legalBases: [
      'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022',
      'Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng',
      `Căn cứ Quy chế hoạt động của ${ctx.blocName}`,
    ],
    minutes: {
      number: numbers.minutes,
      symbol: `${TYPE_ABBR.minutes}-${ctx.abbr}`,
      date: vnDate(md.meeting.startedAt),
    },
    ballotCount: {
      number: numbers.ballotCount,
      symbol: `${TYPE_ABBR.ballotCount}-${ctx.abbr}`,
      date: vnDate(md.meeting.startedAt),
    },
    intro: [
      `Năm ${cycle.year}, các đơn vị thành viên ${ctx.blocName} đã triển khai thực hiện nhiệm vụ chính trị được giao và hưởng ứng các phong trào thi đua do ${ubnd} phát động. ` +
        `Tại cuộc họp bình xét ${formatDateVn(md.meeting.startedAt)}, có ${present}/${total} đơn vị thành viên tham dự, Khối đã thống nhất kết quả chấm điểm, xếp hạng và bỏ phiếu kín suy tôn, đề nghị khen thưởng.`,
    ],
    entries,
    // The signer's post in their own agency is not recorded, so no secondary position is printed.
    signer: { onBehalfOf: ctx.blocName, position: 'Khối trưởng', name: md.chair.name },
    recipients: ['Các đơn vị thành viên Khối', 'Lưu: VT, Hồ sơ'],
  };
}

function meetingBase(base: Contest['threshold']['base'], members: readonly Member[], round: Round): number {
  return base === 'allMembers'
    ? members.length
    : base === 'present'
      ? members.filter((m) => m.present).length
      : round.validBallots;
}

// ---------------------------------------------------------------- award decision

/** `01/QĐ-UBND` → number 1, issuer `UBND`. */
export function parseDecisionNumber(s: string): { number: number | null; issuerAbbr: string } {
  const m = /^\s*(\d{1,5})\s*\/\s*(?:QĐ|QD)-([\p{L}\d]+(?:-[\p{L}\d]+)*)\s*$/u.exec(s.normalize('NFC'));
  if (m) return { number: Number(m[1]), issuerAbbr: upperVn(m[2]!) };
  const n = /^\s*(\d{1,5})\b/u.exec(s);
  return { number: n ? Number(n[1]) : null, issuerAbbr: 'UBND' };
}

export interface DecisionSummary {
  decisionNumber: string;
  decisionDate: string;
  awards: number;
}

/** The award decisions recorded for a cycle, earliest first (one document each). */
export function decisionsOf(cycle: {
  proposals: { awardType?: string; decision: { decisionNumber: string; decisionDate: Date } | null }[];
}): DecisionSummary[] {
  const groups = new Map<string, DecisionSummary & { at: number }>();
  for (const p of cycle.proposals) {
    // The Prime Minister's Government-flag decision is not a document the province issues.
    if (!p.decision || p.awardType === 'government-flag') continue;
    const g = groups.get(p.decision.decisionNumber);
    if (g) g.awards++;
    else
      groups.set(p.decision.decisionNumber, {
        decisionNumber: p.decision.decisionNumber,
        decisionDate: vnDate(p.decision.decisionDate),
        awards: 1,
        at: p.decision.decisionDate.getTime(),
      });
  }
  return [...groups.values()]
    .sort(
      (a, b) =>
        a.at - b.at ||
        (parseDecisionNumber(a.decisionNumber).number ?? 0) - (parseDecisionNumber(b.decisionNumber).number ?? 0) ||
        a.decisionNumber.localeCompare(b.decisionNumber),
    )
    .map(({ at: _at, ...d }) => d);
}

function requireDecisions(ctx: Ctx): DecisionSummary[] {
  const all = decisionsOf(ctx.cycle);
  if (all.length === 0) {
    throw new DomainError(
      'WRONG_PHASE',
      phaseAtLeast(ctx.cycle.phase, 'council')
        ? 'no award decision has been recorded for this cycle yet'
        : `the vote is not closed yet: the cycle is in phase "${ctx.cycle.phase}"`,
    );
  }
  return all;
}

function buildDecision(
  ctx: Ctx,
  numbers: Record<NumberedKind, number | null>,
  proposalDateIso: string,
  council: Awaited<ReturnType<typeof councilOf>>,
  opts: LoadDocumentOptions,
): DecisionInput {
  const { cycle } = ctx;
  const all = requireDecisions(ctx);
  const wanted = opts.decisionNumber?.normalize('NFC').trim();
  const chosen = wanted ? all.find((d) => d.decisionNumber.normalize('NFC').trim() === wanted) : all[0];
  if (!chosen)
    throw new DomainError(
      'NOT_FOUND',
      `no award decision ${opts.decisionNumber} in this cycle (recorded: ${all.map((d) => d.decisionNumber).join(', ')})`,
    );
  const rank = (t: string) =>
    [
      'government-flag',
      'emulation-flag',
      'certificate-of-merit',
      'excellent-labour-collective',
      'certificate-of-commendation',
    ].indexOf(t);
  const proposals = cycle.proposals
    .filter((p) => p.decision?.decisionNumber === chosen.decisionNumber)
    .sort((a, b) => rank(a.awardType) - rank(b.awardType) || (b.voteShare ?? 0) - (a.voteShare ?? 0));
  const first = proposals[0]!.decision!;
  const salaries = uniq(proposals.map((p) => p.decision!.baseSalaryVnd));
  const baseSalaryVnd = salaries.length === 1 && salaries[0]! > 0 ? salaries[0]! : undefined;

  const signerText = first.signer.normalize('NFC');
  const deputy = /phó chủ tịch/iu.test(signerText);
  const chairMember = council?.members.find((m) => m.position === (deputy ? 'viceChair' : 'chair'));
  if (!chairMember)
    throw conflict(
      `the ${deputy ? 'vice-chair' : 'chair'} of the province's emulation council (the Chủ tịch UBND who signs the decision) is not on record`,
    );

  const date = vnDate(first.decisionDate);
  const nd152 = date >= '2025-07-01';
  const bases = [
    nd152
      ? 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025'
      : 'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015',
    'Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022',
    nd152
      ? 'Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định chi tiết một số điều của Luật Thi đua, khen thưởng'
      : 'Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng',
  ];
  if (nd152) {
    const articles = uniq(
      proposals
        .map((p) => AWARD_COEFFICIENTS[p.awardType as AwardType]?.collective?.basis)
        .filter((b): b is string => !!b)
        .map(articleVn)
        .filter((a): a is string => !!a),
    );
    bases.push(`Căn cứ ${joinVn(['Điều 49', ...articles])} Nghị định số 152/2025/NĐ-CP về mức tiền thưởng`);
  }
  if (baseSalaryVnd !== undefined) {
    try {
      const entry = baseSalaryEntryOn(date);
      const cite = Object.entries(BASE_SALARY_DECREES).find(([k]) => entry.source.startsWith(k))?.[1];
      if (entry.vnd === baseSalaryVnd && cite) bases.push(cite);
    } catch {
      // no base salary known on that date: nothing to cite
    }
  }
  const { number, issuerAbbr } = parseDecisionNumber(chosen.decisionNumber);
  const level = ctx.level ? `${upperVn(ctx.level)} ` : '';
  const proposalRef = `Tờ trình số ${formatNumberSymbol(numbers.proposal, `${TYPE_ABBR.proposal}-${ctx.abbr}`)} ${formatDateVn(proposalDateIso)}`;
  return {
    header: {
      issuingBody: `ỦY BAN NHÂN DÂN\n${level}${upperVn(ctx.place)}`,
      issuerAbbr,
      number,
      place: ctx.place,
      date,
    },
    year: cycle.year,
    authority: `CHỦ TỊCH ỦY BAN NHÂN DÂN ${level}${upperVn(ctx.place)}`,
    legalBases: bases,
    proposedBy: `Xét đề nghị của ${ctx.blocName} tại ${proposalRef} và kết quả xét duyệt của ${council?.name ?? 'Hội đồng Thi đua - Khen thưởng'}`,
    awardContext: `trong phong trào thi đua năm ${cycle.year} của ${ctx.blocName}`,
    baseSalaryVnd,
    awards: proposals.map((p) => {
      const d = p.decision!;
      return {
        recipient: p.unit.name,
        award: awardName(p.awardType, ctx.level),
        achievement: p.achievement.trim() || `Đã có thành tích xuất sắc trong phong trào thi đua năm ${cycle.year}`,
        amountVnd: d.amountVnd,
        ...(baseSalaryVnd !== undefined && d.coefficient > 0 ? { coefficient: d.coefficient } : {}),
      };
    }),
    fundSource: `Quỹ thi đua, khen thưởng của ${ctx.level || 'tỉnh'}`,
    executors: [
      `Chánh Văn phòng Ủy ban nhân dân ${ctx.level}`.trim(),
      'Giám đốc Sở Nội vụ',
      'Giám đốc Sở Tài chính',
      `Khối trưởng ${ctx.blocName}`,
      'Thủ trưởng các cơ quan, đơn vị có liên quan',
    ],
    signer: deputy
      ? { prefix: 'KT.', prefixOf: 'Chủ tịch', position: 'Phó Chủ tịch', name: chairMember.person.fullName }
      : { position: 'Chủ tịch', name: chairMember.person.fullName },
    recipients: ['Sở Nội vụ (Phòng Thi đua - Khen thưởng)', ctx.blocName, 'Lưu: VT, NV'],
  };
}

// ---------------------------------------------------------------- entry point

function validate<K extends DocumentKind>(kind: K, data: unknown): CycleDocumentData[K] {
  const parsed = DOCUMENT_SCHEMAS[kind].safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw conflict(`the cycle's data does not make a valid ${kind} document: ${issues.join('; ')}`, { issues });
  }
  return parsed.data as CycleDocumentData[K];
}

/**
 * The validated input of a document of the cycle, from its real data. Numbers are given out (and stored)
 * only after the data has validated without them, so a refused document never consumes a number.
 */
export async function loadDocumentData<K extends DocumentKind>(
  db: Db,
  cycleId: string,
  kind: K,
  opts: LoadDocumentOptions = {},
): Promise<CycleDocumentData[K]> {
  const ctx = await context(db, cycleId);
  const council = await councilOf(ctx);
  const councilName = council?.name.normalize('NFC').trim() ?? null;
  const none: Record<NumberedKind, number | null> = { minutes: null, ballotCount: null, proposal: null };
  // Fail early, before the meeting is read, when the decision or proposal does not exist yet.
  if (kind === 'proposal' || kind === 'decision') proposalDate(ctx);
  if (kind === 'decision') requireDecisions(ctx);

  const md = await meetingDocs(ctx);
  const build = (numbers: Record<NumberedKind, number | null>, extra: { discussion: string[] }): unknown => {
    switch (kind) {
      case 'minutes':
        return buildMinutes(ctx, md, numbers, { discussion: extra.discussion, councilName });
      case 'ballotCount':
        return buildBallotCount(ctx, md, numbers.ballotCount, councilName);
      case 'proposal':
        return buildProposal(ctx, md, numbers, councilName);
      default:
        return buildDecision(ctx, numbers, vnDate(proposalDate(ctx)), council, opts);
    }
  };
  const extra = { discussion: kind === 'minutes' ? await discussion(ctx, md) : [] };
  validate(kind, build(none, extra));

  const meetingYear = vnYear(md.meeting.startedAt);
  const wanted: { kind: NumberedKind; year: number }[] = [
    { kind: 'minutes', year: meetingYear },
    { kind: 'ballotCount', year: meetingYear },
  ];
  if (kind === 'proposal' || kind === 'decision') wanted.push({ kind: 'proposal', year: vnYear(proposalDate(ctx)) });
  const got = await documentNumbers(ctx.prisma, ctx.cycle, wanted, opts.actorPersonId, opts.assign ?? true);
  const numbers: Record<NumberedKind, number | null> = {
    minutes: got.minutes ?? null,
    ballotCount: got.ballotCount ?? null,
    proposal: got.proposal ?? null,
  };
  return validate(kind, build(numbers, extra));
}

// ---------------------------------------------------------------- file names and the list of documents

const TITLES: Record<DocumentKind, string> = {
  minutes: 'Biên bản họp bình xét thi đua',
  ballotCount: 'Biên bản kiểm phiếu bình xét thi đua',
  proposal: 'Tờ trình đề nghị khen thưởng',
  decision: 'Quyết định khen thưởng',
};

/** The file name (UTF-8, without extension) of a generated document: `Biên bản họp bình xét thi đua năm 2026 - Khối thi đua …`. */
export function documentFileName<K extends DocumentKind>(kind: K, data: CycleDocumentData[K]): string {
  const d = data as CycleDocumentData[DocumentKind];
  const bloc = 'blocName' in d ? ` - ${d.blocName}` : '';
  const num =
    d.header.number !== null
      ? ` ${formatNumberSymbol(d.header.number, `${TYPE_ABBR[kind]}-${d.header.issuerAbbr}`).replace(/\//g, '-')}`
      : '';
  const name = kind === 'decision' ? `${TITLES[kind]}${num} năm ${d.year}` : `${TITLES[kind]} năm ${d.year}${bloc}`;
  // Characters file systems refuse, and control characters, become "-".
  return [...name.normalize('NFC')]
    .map((ch) => (ch.charCodeAt(0) < 0x20 || '\\/:*?"<>|'.includes(ch) ? '-' : ch))
    .join('');
}

export interface CycleDocumentStatus {
  kind: DocumentKind;
  available: boolean;
  /** Why not (yet), when not available. */
  reason?: string;
  /** `05/BB-KNC` once a number has been given (never given out by listing). */
  number: string | null;
}

/** Which documents of the cycle can be generated now, without giving out numbers. */
export async function listCycleDocuments(
  db: Db,
  cycleId: string,
): Promise<{ documents: CycleDocumentStatus[]; decisions: DecisionSummary[] }> {
  const ctx = await context(db, cycleId);
  const assigned = await assignedNumbers(db, cycleId);
  const numberOf = (k: NumberedKind) => {
    const a = assigned[k];
    return a ? formatNumberSymbol(a.number, `${TYPE_ABBR[k]}-${ctx.abbr}`) : null;
  };
  let meetingError: string | undefined;
  try {
    await loadMeeting(ctx);
  } catch (e) {
    if (!(e instanceof DomainError)) throw e;
    meetingError = e.message;
  }
  const decisions = decisionsOf(ctx.cycle);
  let proposalError = meetingError;
  if (!proposalError) {
    try {
      proposalDate(ctx);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      proposalError = e.message;
    }
  }
  const status = (kind: DocumentKind, reason: string | undefined, number: string | null): CycleDocumentStatus => ({
    kind,
    available: !reason,
    ...(reason ? { reason } : {}),
    number,
  });
  return {
    documents: [
      status('minutes', meetingError, numberOf('minutes')),
      status('ballotCount', meetingError, numberOf('ballotCount')),
      status('proposal', proposalError, numberOf('proposal')),
      status(
        'decision',
        proposalError ??
          (decisions.length === 0 ? 'no award decision has been recorded for this cycle yet' : undefined),
        decisions[0]?.decisionNumber ?? null,
      ),
    ],
    decisions,
  };
}
