/**
 * A province's award year, read from the database projection only (never a workflow query): every bloc of the
 * province with its cycle of year N (phase, head, deputy, members, ranking, the contests' leaders), its proposals by
 * award kind and status, the council review's state, the award decisions with the money each recorded, and the
 * province's totals, and the province award session's part (session.ts: each bloc's appraisal, outcome and decision
 * numbers; the sittings' decisions and their totals). A bounded number of queries whatever the number of blocs (no query per bloc): the province,
 * its blocs with their year-N cycle and member count, then score summaries, proposals with decisions, council
 * rounds and the units named, each in one query over all cycles.
 *
 * Money is what each AwardDecision recorded when it was issued (the council's decision act computed it with
 * domain/money.ts awardAmount, coefficient and base salary of the decision date); nothing is recomputed here.
 * A revoked decision (L2022 Art. 93(2)) is listed as revoked and counts in no total.
 */
import type { AwardType } from '../../../domain/eligibility';
import type { AppDeps } from '../../context';
import { HttpError } from '../../errors';
import { isoDay, unitDirectory, type RecordedContest, type UnitInfo } from '../results/shared';
import { loadSessions, type BlocSession, type ProvinceSessions, type SessionScope } from './session';

/** Where a proposal stands, as the province reads it (Proposal.status grouped). */
export const STATUS_BUCKETS = [
  'proposed',
  'councilReview',
  'approved',
  'returned',
  'rejected',
  'onHold',
  'revoked',
] as const;
export type StatusBucket = (typeof STATUS_BUCKETS)[number];

/**
 * A proposal's bucket. Bloc proposals: submitted = before the provincial council (under review); disqualified
 * counts as rejected. Government-flag candidates (contracts/government-flag.ts): draft = before the province's
 * council vote (under review); selected / submitted = proposed upward to the Prime Minister.
 */
export function statusBucket(awardType: string, status: string): StatusBucket {
  if (awardType === 'government-flag') {
    if (status === 'draft') return 'councilReview';
    if (status === 'selected' || status === 'submitted') return 'proposed';
  }
  switch (status) {
    case 'submitted':
      return 'councilReview';
    case 'approved':
    case 'returned':
    case 'rejected':
    case 'onHold':
    case 'revoked':
      return status;
    case 'disqualified':
      return 'rejected';
    default:
      return 'proposed';
  }
}

export interface UnitRef {
  id: string;
  code: string;
  name: string;
}
export interface RankRow {
  rank: number | null;
  unit: UnitRef;
  selfTotal: number;
  finalTotal: number;
}
export interface AwardRow {
  proposalId: string;
  awardType: string;
  unit: UnitRef;
  decisionNumber: string;
  decisionDate: string | null;
  signer: string;
  amountVnd: number;
  revoked: { on: string | null; number: string | null } | null;
}
export interface DecisionGroup {
  decisionNumber: string;
  decisionDate: string | null;
  signer: string;
  awardTypes: string[];
  awardees: UnitRef[];
  /** Money of the awardees whose award stands (revoked ones excluded). */
  amountVnd: number;
}
export type CouncilState = 'none' | 'voting' | 'deciding' | 'returned' | 'decided';
export interface BlocYear {
  bloc: { id: string; code: string; name: string };
  cycleId: string | null;
  phase: string | null;
  closed: boolean;
  head: UnitRef | null;
  deputy: UnitRef | null;
  members: number;
  /** Winners of the year-end 'leader' contest (đơn vị dẫn đầu), as recorded. */
  leaders: UnitRef[];
  ranking: RankRow[];
  proposals: Record<string, Record<StatusBucket, number>>;
  council: { state: CouncilState; votesOpen: number; votesClosed: number };
  decisions: DecisionGroup[];
  awards: AwardRow[];
  amountVnd: number;
  /** The province award session that took the bloc's dossier (session.ts); null: none. */
  session: BlocSession | null;
}
export interface ProvinceYear {
  province: { id: string; code: string; name: string };
  year: number;
  blocs: BlocYear[];
  totals: {
    blocs: number;
    cycles: number;
    proposals: Record<StatusBucket, number>;
    awardsByKind: Record<string, { count: number; amountVnd: number }>;
    awards: number;
    amountVnd: number;
  };
  /** The province award sessions of the year and their decisions' totals (kept apart from the blocs' awards). */
  sessions: ProvinceSessions;
}

const yearStart = (year: number) => new Date(Date.UTC(year, 0, 1));
const emptyBuckets = (): Record<StatusBucket, number> =>
  Object.fromEntries(STATUS_BUCKETS.map((b) => [b, 0])) as Record<StatusBucket, number>;
const ref = (u: UnitInfo): UnitRef => ({ id: u.id, code: u.code, name: u.name });
/** Award kinds in the order of the catalogue (domain/eligibility.ts), unknown kinds after them. */
const KIND_ORDER: readonly AwardType[] = [
  'government-flag',
  'emulation-flag',
  'certificate-of-merit',
  'excellent-labour-collective',
  'certificate-of-commendation',
];
export const byKind = (a: string, b: string) =>
  (KIND_ORDER.indexOf(a as AwardType) + 1 || 99) - (KIND_ORDER.indexOf(b as AwardType) + 1 || 99) || a.localeCompare(b);

function groupBy<T>(xs: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const list = m.get(key(x));
    if (list) list.push(x);
    else m.set(key(x), [x]);
  }
  return m;
}

/**
 * The province's year N; 404 when the province does not exist (the caller's scope is checked before). The session
 * part is read as `sessionScope` lets the caller (default: all of it).
 */
export async function loadProvinceYear(
  deps: AppDeps,
  provinceId: string,
  year: number,
  sessionScope: SessionScope = async (v) => v,
): Promise<ProvinceYear> {
  const { prisma } = deps.db;
  const { unitsById, refOf } = unitDirectory(deps);
  const province = await prisma.province.findUnique({
    where: { id: provinceId },
    select: { id: true, code: true, name: true },
  });
  if (!province) throw new HttpError(404, 'NOT_FOUND', `no province ${provinceId}`);
  // Members of year N: memberships overlapping [1 Jan N, 1 Jan N+1) (memberships are [joinedOn, leftOn)).
  const blocs = await prisma.bloc.findMany({
    where: { provinceId },
    orderBy: { code: 'asc' },
    select: {
      id: true,
      code: true,
      name: true,
      // A unit that left and rejoined has two memberships in the year: counted once (distinct units below).
      memberships: {
        where: {
          joinedOn: { lt: yearStart(year + 1) },
          OR: [{ leftOn: null }, { leftOn: { gt: yearStart(year) } }],
        },
        select: { unitId: true },
      },
      cycles: {
        where: { year },
        select: { id: true, phase: true, closedAt: true, headUnitId: true, deputyUnitId: true, contests: true },
      },
    },
  });
  const cycleIds = blocs.flatMap((b) => b.cycles.map((c) => c.id));
  const [summaries, proposals, rounds, sessions] = await Promise.all([
    prisma.scoreSummary.findMany({
      where: { cycleId: { in: cycleIds } },
      select: { cycleId: true, unitId: true, rank: true, selfTotal: true, finalTotal: true },
    }),
    prisma.proposal.findMany({
      where: { cycleId: { in: cycleIds } },
      select: {
        id: true,
        cycleId: true,
        unitId: true,
        awardType: true,
        status: true,
        decision: {
          select: {
            decisionNumber: true,
            decisionDate: true,
            signer: true,
            amountVnd: true,
            revokedOn: true,
            revocationNumber: true,
          },
        },
      },
    }),
    prisma.votingRound.findMany({
      where: { cycleId: { in: cycleIds }, contest: { startsWith: 'council:' } },
      select: { cycleId: true, contest: true, closedAt: true },
    }),
    loadSessions(prisma, provinceId, year, sessionScope),
  ]);
  const leadersOf = (contests: unknown) =>
    ((contests as RecordedContest[] | null) ?? [])
      .filter((c) => c.contest === 'leader' && (c.status ?? 'decided') === 'decided')
      .flatMap((c) => c.winners);
  const units = await unitsById([
    ...blocs.flatMap((b) => b.cycles.flatMap((c) => [c.headUnitId, c.deputyUnitId, ...leadersOf(c.contests)])),
    ...summaries.map((s) => s.unitId),
    ...proposals.map((p) => p.unitId),
  ]);
  const unit = (id: string) => ref(refOf(units, id));
  const proposalsOf = groupBy(proposals, (p) => p.cycleId);
  const summariesOf = groupBy(summaries, (s) => s.cycleId);
  const roundsOf = groupBy(rounds, (r) => r.cycleId);

  const totals: ProvinceYear['totals'] = {
    blocs: blocs.length,
    cycles: cycleIds.length,
    proposals: emptyBuckets(),
    awardsByKind: {},
    awards: 0,
    amountVnd: 0,
  };
  const out = blocs.map((b): BlocYear => {
    const c = b.cycles[0];
    const mine = c ? (proposalsOf.get(c.id) ?? []) : [];
    const byAward: BlocYear['proposals'] = {};
    for (const p of mine) {
      const bucket = statusBucket(p.awardType, p.status);
      (byAward[p.awardType] ??= emptyBuckets())[bucket]++;
      totals.proposals[bucket]++;
    }
    const awards: AwardRow[] = mine
      .filter((p) => p.decision)
      .map((p) => ({
        proposalId: p.id,
        awardType: p.awardType,
        unit: unit(p.unitId),
        decisionNumber: p.decision!.decisionNumber,
        decisionDate: isoDay(p.decision!.decisionDate),
        signer: p.decision!.signer,
        amountVnd: p.decision!.amountVnd,
        revoked: p.decision!.revokedOn
          ? { on: isoDay(p.decision!.revokedOn), number: p.decision!.revocationNumber }
          : null,
      }))
      .sort((x, y) => byKind(x.awardType, y.awardType) || x.unit.code.localeCompare(y.unit.code));
    const decisions = new Map<string, DecisionGroup>();
    for (const a of awards) {
      const key = `${a.decisionNumber}|${a.decisionDate}`;
      const d = decisions.get(key) ?? {
        decisionNumber: a.decisionNumber,
        decisionDate: a.decisionDate,
        signer: a.signer,
        awardTypes: [],
        awardees: [],
        amountVnd: 0,
      };
      if (!d.awardTypes.includes(a.awardType)) d.awardTypes.push(a.awardType);
      d.awardees.push(a.unit);
      if (!a.revoked) {
        d.amountVnd += a.amountVnd;
        const k = (totals.awardsByKind[a.awardType] ??= { count: 0, amountVnd: 0 });
        k.count++;
        k.amountVnd += a.amountVnd;
        totals.awards++;
        totals.amountVnd += a.amountVnd;
      }
      decisions.set(key, d);
    }
    // The provincial council's review of the bloc's own proposals (the Government flag has its own selection).
    const councilProposals = mine.filter((p) => p.awardType !== 'government-flag');
    const myRounds = c ? (roundsOf.get(c.id) ?? []) : [];
    const votesOpen = myRounds.filter((r) => !r.closedAt).length;
    const states = new Set(councilProposals.map((p) => p.status));
    const council: CouncilState =
      councilProposals.length === 0
        ? 'none'
        : votesOpen > 0
          ? 'voting'
          : states.has('submitted') || states.has('onHold')
            ? 'deciding'
            : states.has('returned')
              ? 'returned'
              : 'decided';
    return {
      bloc: { id: b.id, code: b.code, name: b.name },
      cycleId: c?.id ?? null,
      phase: c?.phase ?? null,
      closed: !!c?.closedAt,
      head: c ? unit(c.headUnitId) : null,
      deputy: c ? unit(c.deputyUnitId) : null,
      members: new Set(b.memberships.map((m) => m.unitId)).size,
      leaders: c ? leadersOf(c.contests).map(unit) : [],
      ranking: (c ? (summariesOf.get(c.id) ?? []) : [])
        .sort(
          (x, y) =>
            (x.rank ?? Number.MAX_SAFE_INTEGER) - (y.rank ?? Number.MAX_SAFE_INTEGER) || y.finalTotal - x.finalTotal,
        )
        .map((s) => ({ rank: s.rank, unit: unit(s.unitId), selfTotal: s.selfTotal, finalTotal: s.finalTotal })),
      proposals: byAward,
      council: { state: council, votesOpen, votesClosed: myRounds.length - votesOpen },
      decisions: [...decisions.values()].sort(
        (x, y) =>
          (x.decisionDate ?? '').localeCompare(y.decisionDate ?? '') ||
          x.decisionNumber.localeCompare(y.decisionNumber, 'vi', { numeric: true }),
      ),
      awards,
      amountVnd: awards.filter((a) => !a.revoked).reduce((t, a) => t + a.amountVnd, 0),
      session: sessions.ofBloc(b.id),
    };
  });
  totals.awardsByKind = Object.fromEntries(Object.entries(totals.awardsByKind).sort(([a], [b]) => byKind(a, b)));
  return { province, year, blocs: out, totals, sessions: sessions.province };
}
