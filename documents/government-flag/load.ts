/**
 * The province's Government-flag selection as recorded, shared by both dossier documents: the selection the workflow
 * govflag-<PROVINCE>-<N> wrote (the `government-flag` Proposal rows on the leaders' bloc cycles, their
 * `govflag:<proposalId>` voting rounds, the start/close/submit audit rows) and the registry (Province, Council with
 * its chair and secretary, Bloc, Unit, ScoreSummary).
 * Conventions (as for the bloc documents): the council's chair (the Chủ tịch UBND) chairs the count and signs the
 * letter; the council's secretary records the count.
 */
import type { Db } from '../../db';
import { governmentFlagContest, governmentFlagWorkflowId } from '../../contracts/government-flag';
import { DomainError } from '../../domain/errors';
import { conflict, provinceParts } from '../cycle-facts';
import { HEADER_LEFT_MM, ptToMm, SIZE } from '../layout';
import { timesWidthPt } from '../metrics';

/** The council's abbreviation in its document symbols (Hội đồng Thi đua - Khen thưởng). */
export const COUNCIL_ABBR = 'HĐTĐKT';

/** A name in capitals for the header's left column, broken before the word that would overflow it (PL I II.2.b). */
export function headerLines(upper: string): string {
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

export interface RoundResult {
  yes?: number;
  base?: number;
  rank?: number | null;
  selected?: boolean;
  reason?: string;
  voted?: number;
}

export async function loadSelection(db: Db, provinceId: string, year: number) {
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

export type Selection = Awaited<ReturnType<typeof loadSelection>>;

/** The count as closed: one row per leader, with its round. Throws NOT_FOUND while the vote is open. */
export function closedCount(s: Selection) {
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

export function councilPeople(s: Selection) {
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

export function scoreOf(s: Selection, cycleId: string, unitId: string): number | null {
  return s.scores.find((x) => x.cycleId === cycleId && x.unitId === unitId)?.finalTotal ?? null;
}

export function names(s: Selection, councilName: string) {
  const { level, place } = provinceParts(s.province.name);
  const tail = `${level} ${place}`.trim();
  const lowerName = councilName.toLocaleLowerCase('vi-VN');
  const shortCouncil =
    tail && lowerName.endsWith(` ${tail.toLocaleLowerCase('vi-VN')}`)
      ? councilName.slice(0, councilName.length - tail.length - 1)
      : councilName;
  return { level, place, tail, shortCouncil };
}

export function yearOf(s: Selection): number {
  return Number(/-(\d{4})$/.exec(s.workflowId)![1]);
}
