/**
 * The official documents of a bloc year built from its REAL data (cycle-facts.ts): the minutes of the year-end
 * meeting, the ballot-count record, the proposal letter and the award decision (kinds/<kind>/load.ts each).
 *
 *   const data = await loadDocumentData(db, 'cycle-CT-NOICHINH-2026', 'minutes');   // validated (registry.ts)
 *   const pdf = await renderDocument('minutes', 'pdf', data);
 *
 * Numbering (numbering.ts): the minutes and the ballot-count record are numbered together (minutes first), and the
 * proposal letter, which cites both, after them. The award decision is the province's document: its number is the
 * one recorded with the decision (AwardDecision.decisionNumber).
 */
import type { Db } from '../db';
import { DomainError } from '../domain/errors';
import { vnDateOf, vnYearOf } from '../domain/vietnam-time';
import { context, councilOf } from './cycle-facts';
import type { CycleDocumentKind as DocumentKind } from './kinds';
import { buildBallotCount } from './kinds/ballot-count/load';
import type { BallotCount } from './kinds/ballot-count/model';
import {
  buildDecision,
  decisionsOf,
  proposalReference,
  requireDecisions,
  type DecisionSummary,
} from './kinds/decision/load';
import { buildDecisionList, listSummaries, type DecisionListSummary } from './kinds/decision/drafts';
import type { Decision } from './kinds/decision/model';
import { buildAchievementReport, proposedUnits } from './kinds/achievement-report/load';
import type { AchievementReport } from './kinds/achievement-report/model';
import { buildMinutes, discussion } from './kinds/minutes/load';
import type { Minutes } from './kinds/minutes/model';
import { buildProposal, proposalDate } from './kinds/proposal/load';
import type { Proposal as ProposalDoc } from './kinds/proposal/model';
import { loadMeeting, meetingDocs } from './meeting/load';
import { assignedNumbers, documentNumbers, formatNumberSymbol, TYPE_ABBR, type NumberedKind } from './numbering';
import { safeFileName, validateLoaded } from './registry';

/** The validated data of each document kind (what renderDocument / renderDocx / renderPdf take). */
export interface CycleDocumentData {
  minutes: Minutes;
  ballotCount: BallotCount;
  proposal: ProposalDoc;
  decision: Decision;
  achievementReport: AchievementReport;
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
  /**
   * The decision as a LIST of one award kind (kinds/decision/drafts.ts): every approved awardee of `awardType`, numbered
   * from its authority's register once issued (a draft before). Without it, the recorded decision (`decisionNumber`).
   */
  awardType?: string;
  /** achievementReport: the proposed unit whose report it is. */
  unitId?: string;
}

// ---------------------------------------------------------------- entry point

function validate<K extends DocumentKind>(kind: K, data: unknown): CycleDocumentData[K] {
  return validateLoaded(kind, data, "the cycle's data") as CycleDocumentData[K];
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
  if (kind === 'proposal' || kind === 'decision' || kind === 'achievementReport') proposalDate(ctx);
  if (kind === 'decision' && !opts.awardType) requireDecisions(ctx);
  const issued =
    kind === 'decision' && opts.awardType
      ? await ctx.prisma.issuedDecision.findUnique({
          where: { cycleId_awardType: { cycleId, awardType: opts.awardType } },
        })
      : null;

  const md = await meetingDocs(ctx);
  // A unit's achievement report goes with the proposal letter: dated with it, never numbered (the form has no Số).
  if (kind === 'achievementReport') {
    if (!opts.unitId) throw new DomainError('VALIDATION', 'an achievement report is of one proposed unit: give its id');
    return validate(kind, await buildAchievementReport(ctx, opts.unitId, proposalDate(ctx, md)));
  }
  const build = (numbers: Record<NumberedKind, number | null>, extra: { discussion: string[] }): unknown => {
    switch (kind) {
      case 'minutes':
        return buildMinutes(ctx, md, numbers, { discussion: extra.discussion, councilName });
      case 'ballotCount':
        return buildBallotCount(ctx, md, numbers.ballotCount, councilName);
      case 'proposal':
        return buildProposal(ctx, md, numbers, councilName);
      default:
        return opts.awardType
          ? buildDecisionList(
              ctx,
              opts.awardType,
              issued,
              proposalReference(ctx, numbers, proposalDate(ctx, md)),
              council,
            )
          : buildDecision(ctx, numbers, vnDateOf(proposalDate(ctx, md)), council, opts);
    }
  };
  const extra = { discussion: kind === 'minutes' ? await discussion(ctx, md) : [] };
  validate(kind, build(none, extra));

  const meetingYear = vnYearOf(md.meeting.startedAt);
  const wanted: { kind: NumberedKind; year: number }[] = [
    { kind: 'minutes', year: meetingYear },
    { kind: 'ballotCount', year: meetingYear },
  ];
  if (kind === 'proposal' || kind === 'decision')
    wanted.push({ kind: 'proposal', year: vnYearOf(proposalDate(ctx, md)) });
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
  achievementReport: 'Báo cáo thành tích',
};

/** The file name (UTF-8, without extension) of a generated document: `Biên bản họp bình xét thi đua năm 2026 - Khối thi đua …`. */
export function documentFileName<K extends DocumentKind>(kind: K, data: CycleDocumentData[K]): string {
  if (kind === 'achievementReport') {
    const r = data as AchievementReport;
    return safeFileName(`${TITLES[kind]} năm ${r.year} - ${r.unitName}`);
  }
  const d = data as CycleDocumentData[Exclude<DocumentKind, 'achievementReport'>];
  const bloc = 'blocName' in d ? ` - ${d.blocName}` : '';
  const num =
    d.header.number !== null
      ? ` ${formatNumberSymbol(d.header.number, `${TYPE_ABBR[kind]}-${d.header.issuerAbbr}`).replace(/\//g, '-')}`
      : '';
  const name = kind === 'decision' ? `${TITLES[kind]}${num} năm ${d.year}` : `${TITLES[kind]} năm ${d.year}${bloc}`;
  return safeFileName(name);
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
): Promise<{
  documents: CycleDocumentStatus[];
  decisions: DecisionSummary[];
  decisionLists: DecisionListSummary[];
  achievementReports: { unitId: string; unitName: string; awardType: string }[];
}> {
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
    decisionLists: listSummaries(ctx, await ctx.prisma.issuedDecision.findMany({ where: { cycleId } })),
    // One per proposed unit, once the proposal letter exists.
    achievementReports: proposalError
      ? []
      : proposedUnits(ctx).map((u) => ({ ...u, unitName: ctx.unitName(u.unitId) })),
  };
}
