/**
 * The province award session's part of the year overview (workflows/province-session.ts), from its projection
 * (ProvinceSession.view) only: per bloc, the sitting that took its dossier, the standing body's appraisal, the
 * session's outcome of its proposals and the decision numbers they are in; for the province, each sitting's decisions
 * (one per award kind) with their awardees and money, and the totals of those decisions.
 *
 * The session's awards reach each bloc's own awards (AwardDecision) once its cycle took the outcome over; the session
 * totals are the decisions' and are kept apart, so nothing is counted twice.
 */
import type { PrismaClient } from '../../../db';
import type {
  DossierStatus,
  ProvinceSessionView,
  SessionOutcome,
  SessionPhase,
} from '../../../contracts/province-session';

export interface BlocSession {
  n: number;
  phase: SessionPhase;
  /** The standing body's appraisal of the bloc's dossier (thẩm định). */
  appraisal: DossierStatus;
  attempts: number;
  /** Proposals of the dossier by the session's outcome. */
  outcomes: Partial<Record<SessionOutcome, number>>;
  /** The decisions listing the bloc's awardees (`05/QĐ-UBND`), in the order issued. */
  decisionNumbers: string[];
}

export interface SessionDecisionRow {
  n: number;
  awardType: string;
  decisionNumber: string | null;
  decisionDate: string | null;
  awardees: number;
  amountVnd: number;
}

export interface ProvinceSessions {
  sittings: { n: number; phase: SessionPhase; dossiers: number; decisions: SessionDecisionRow[] }[];
  totals: {
    decisions: number;
    awards: number;
    amountVnd: number;
    byKind: Record<string, { count: number; amountVnd: number }>;
  };
}

/** A sitting as the caller may read it (api/routes/province-session/read.ts `scoped`), or null. */
export type SessionScope = (v: ProvinceSessionView) => Promise<ProvinceSessionView | null>;

/**
 * The sittings of the province's year N and each bloc's (the latest sitting holding its dossier), each as `scope`
 * lets the caller read it (the session GET's scope: a bloc head's officer sees its own dossier and decision lines).
 */
export async function loadSessions(
  prisma: PrismaClient,
  provinceId: string,
  year: number,
  scope: SessionScope,
): Promise<{ province: ProvinceSessions; ofBloc: (blocId: string) => BlocSession | null }> {
  const rows = await prisma.provinceSession.findMany({
    where: { provinceId, year },
    orderBy: { n: 'asc' },
    select: { view: true },
  });
  const views: ProvinceSessionView[] = [];
  for (const r of rows) {
    const v = await scope(r.view as unknown as ProvinceSessionView);
    if (v) views.push(v);
  }
  const byBloc = new Map<string, BlocSession>();
  const totals: ProvinceSessions['totals'] = { decisions: 0, awards: 0, amountVnd: 0, byKind: {} };
  const sittings = views.map((v) => {
    for (const d of v.dossiers) {
      const proposals = v.proposals.filter((p) => p.cycleId === d.cycleId);
      const outcomes: BlocSession['outcomes'] = {};
      for (const p of proposals) outcomes[p.outcome] = (outcomes[p.outcome] ?? 0) + 1;
      const mine = new Set(proposals.map((p) => p.proposalId));
      byBloc.set(d.blocId, {
        n: v.n,
        phase: v.phase,
        appraisal: d.status,
        attempts: d.attempts,
        outcomes,
        decisionNumbers: v.decisions
          .filter((x) => x.decisionNumber && x.awardees.some((a) => mine.has(a.proposalId)))
          .map((x) => x.decisionNumber!),
      });
    }
    const decisions = v.decisions.map((d): SessionDecisionRow => {
      const amountVnd = d.awardees.reduce((t, a) => t + (a.amountVnd ?? 0), 0);
      if (d.decisionNumber) {
        totals.decisions++;
        totals.awards += d.awardees.length;
        totals.amountVnd += amountVnd;
        const k = (totals.byKind[d.awardType] ??= { count: 0, amountVnd: 0 });
        k.count += d.awardees.length;
        k.amountVnd += amountVnd;
      }
      return {
        n: v.n,
        awardType: d.awardType,
        decisionNumber: d.decisionNumber,
        decisionDate: d.decisionDate,
        awardees: d.awardees.length,
        amountVnd,
      };
    });
    return { n: v.n, phase: v.phase, dossiers: v.dossiers.length, decisions };
  });
  return { province: { sittings, totals }, ofBloc: (id) => byBloc.get(id) ?? null };
}
