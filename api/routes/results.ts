/**
 * Results and history, read from the database projection only (never a workflow query): a cycle's
 * ranking, proposals and contests; a unit's years; a bloc's years. Read scope (api/scope.ts): the
 * admin, the province's council, the officers of member units for their years of membership (a
 * unit's history: its own officers); anyone else gets 404. Hold reasons only for the parties.
 *
 * Ballots are anonymous: a round lists how many voted and the ballots' contents, never who cast
 * which (Ballot rows have no voter, no time; they are listed in the order of their random ids).
 *
 * Revocation of an award (L2022 Art. 93(2); ND 152/2025 Art. 56): the decision is marked revoked
 * with the revocation decision's number, date and reason and the proposal becomes 'revoked'. The
 * scores, ranking and ballot rounds of the year stay exactly as they were.
 */
import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Plan } from '../../contracts/cycle';
import { round2 } from '../../domain/scoring';
import type { AppDeps } from '../context';
import { HttpError } from '../errors';
import { principalOf, requireRoles } from '../auth';
import { ErrorSchema, registry } from '../openapi';
import { transactionalWrite } from '../writes';
import { holdReasonReader, requireBlocReader, requireCycleReader, requireUnitReader, visibleReason } from '../scope';
import { trimmedText } from '../../contracts/common';

export const RevokeAwardSchema = z.strictObject({
  revocationNumber: trimmedText(3, 100),
  revokedOn: z.iso.date(),
  reason: trimmedText(3, 2000),
});

const UnitRef = z.object({ id: z.string(), code: z.string(), name: z.string() });
registry.registerPath({
  method: 'get',
  path: '/api/cycles/{cycleId}/results',
  summary:
    'Results of a cycle: ranking with per-group totals, proposals with decisions and amounts (revocations marked), contests with every round (counts, shares, base, anonymous ballots)',
  tags: ['everyone'],
  request: { params: z.object({ cycleId: z.string() }) },
  responses: {
    200: {
      description: "results (reasons of holds shown only to the admin, the province's council and the held unit)",
    },
    401: { description: 'not logged in' },
    404: {
      description: 'no such cycle, or not yours to read (read scope: README)',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});
registry.registerPath({
  method: 'get',
  path: '/api/units/{unitId}/history',
  summary:
    'A unit year by year: bloc, role, rank, final score, awards (with revocations), holds; its memberships and successor links. A successor lists its predecessors’ years too (merged units, transitively), each marked with `predecessor` (id, code, name; null for its own years)',
  tags: ['everyone'],
  request: { params: z.object({ unitId: z.string() }) },
  responses: {
    200: {
      description: 'history',
      content: {
        'application/json': {
          schema: z.object({
            unit: UnitRef.passthrough(),
            years: z.array(z.object({ year: z.number() }).passthrough()),
          }),
        },
      },
    },
    401: { description: 'not logged in' },
    404: {
      description:
        'no such unit, or not yours to read: the admin, the council of its province and its own officers read it',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});
registry.registerPath({
  method: 'get',
  path: '/api/blocs/{blocId}/history',
  summary: 'A bloc year by year: head, deputy, leading unit, awards, handover',
  tags: ['everyone'],
  request: { params: z.object({ blocId: z.string() }) },
  responses: {
    200: { description: "history (a unit officer sees the years of their unit's membership)" },
    401: { description: 'not logged in' },
    404: {
      description: 'no such bloc, or not yours to read (read scope: README)',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});
registry.registerPath({
  method: 'post',
  path: '/api/awards/{proposalId}/revoke',
  summary:
    'Revoke an award (hủy bỏ quyết định khen thưởng, L2022 Art. 93(2), ND 152/2025 Art. 56): admin, or the secretary of the council of the bloc’s province',
  tags: ['council'],
  request: {
    params: z.object({ proposalId: z.string() }),
    headers: z.object({ 'idempotency-key': z.uuid().optional() }),
    body: { content: { 'application/json': { schema: RevokeAwardSchema } } },
  },
  responses: {
    200: {
      description: 'revoked; the unit and the bloc head are notified to return the flag or certificate and the money',
    },
    400: { description: 'invalid body (Zod issue paths)', content: { 'application/json': { schema: ErrorSchema } } },
    401: { description: 'not logged in' },
    403: {
      description: 'not the admin or the secretary of this council',
      content: { 'application/json': { schema: ErrorSchema } },
    },
    404: { description: 'no such proposal', content: { 'application/json': { schema: ErrorSchema } } },
    409: {
      description: 'not awarded, or already revoked (ALREADY_DONE)',
      content: { 'application/json': { schema: ErrorSchema } },
    },
    422: {
      description: 'Idempotency-Key reused for a different request',
      content: { 'application/json': { schema: ErrorSchema } },
    },
  },
});

type UnitInfo = { id: string; code: string; name: string; shortName: string };
interface TallyJson {
  outcome?: string;
  quorumMet?: boolean;
  base?: number;
  requiredVotes?: number;
  counts?: Record<string, number>;
  shares?: Record<string, number>;
  validBallots?: number;
  invalidBallots?: number;
  blankBallots?: number;
  winners?: string[];
}
interface CouncilTallyJson {
  yes?: number;
  base?: number;
  share?: number;
  passes?: boolean;
}
interface RecordedContest {
  contest: string;
  winners: string[];
  decidedBy: string | null;
  status?: string;
}
interface CycleResultJson {
  contests?: RecordedContest[];
}

/** Council votes on one proposal: 'council:<id>' (provincial awards) and 'govflag:<id>' (Government flag, api/routes/government-flag.ts). */
const proposalRound = (contest: string): string | null => /^(?:council|govflag):(.+)$/.exec(contest)?.[1] ?? null;

const isoDay = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);

const decisionOut = (
  d: {
    decisionNumber: string;
    decisionDate: Date;
    signer: string;
    coefficient: number;
    baseSalaryVnd: number;
    amountVnd: number;
    revokedOn: Date | null;
    revocationNumber: string | null;
    revocationReason: string | null;
  } | null,
) =>
  d && {
    decisionNumber: d.decisionNumber,
    decisionDate: isoDay(d.decisionDate),
    signer: d.signer,
    coefficient: d.coefficient,
    baseSalaryVnd: d.baseSalaryVnd,
    amountVnd: d.amountVnd,
    revoked: d.revokedOn ? { on: isoDay(d.revokedOn), number: d.revocationNumber, reason: d.revocationReason } : null,
  };

export function resultsRouter(deps: AppDeps): Router {
  const router = Router();
  const { prisma } = deps.db;

  const unitsById = async (ids: Iterable<string>): Promise<Map<string, UnitInfo>> =>
    new Map(
      (
        await prisma.unit.findMany({
          where: { id: { in: [...new Set(ids)] } },
          select: { id: true, code: true, name: true, shortName: true },
        })
      ).map((u) => [u.id, u]),
    );
  const refOf = (units: Map<string, UnitInfo>, id: string) =>
    units.get(id) ?? { id, code: id, name: id, shortName: id };

  router.get('/api/cycles/:cycleId/results', async (req, res) => {
    const principal = principalOf(req);
    const cycleId = String(req.params.cycleId);
    const readable = await requireCycleReader(deps, principal, cycleId);
    const sees = await holdReasonReader(deps, principal, readable.provinceId);
    const cycle = await prisma.cycle.findUnique({
      where: { id: cycleId },
      include: {
        bloc: { select: { id: true, code: true, name: true } },
        scoreSummaries: true,
        scoreEntries: {
          select: { unitId: true, criterionId: true, selfScore: true, reviewedScore: true, finalScore: true },
        },
        votingRounds: {
          orderBy: [{ contest: 'asc' }, { round: 'asc' }],
          // Ballot contents only, in the order of their random ids; who voted is a count.
          include: {
            _count: { select: { voters: true } },
            ballots: { select: { choices: true }, orderBy: { id: 'asc' } },
          },
        },
        proposals: { include: { decision: true }, orderBy: [{ awardType: 'asc' }, { unitId: 'asc' }] },
      },
    });
    if (!cycle) throw new HttpError(404, 'NOT_FOUND', `no cycle ${cycleId}`);

    const roundCandidates = cycle.votingRounds
      .filter((r) => !proposalRound(r.contest))
      .flatMap((r) => r.candidates as string[]);
    const units = await unitsById([
      cycle.headUnitId,
      cycle.deputyUnitId,
      ...cycle.scoreSummaries.map((s) => s.unitId),
      ...cycle.proposals.map((p) => p.unitId),
      ...roundCandidates,
    ]);

    const template = (cycle.plan as Plan | null)?.scoringTemplate;
    const entriesOf = new Map<string, typeof cycle.scoreEntries>();
    for (const e of cycle.scoreEntries) entriesOf.set(e.unitId, [...(entriesOf.get(e.unitId) ?? []), e]);
    const groupsOf = (unitId: string) =>
      (template?.groups ?? []).map((g) => {
        const ids = new Set(g.criteria.map((c) => c.id));
        const mine = (entriesOf.get(unitId) ?? []).filter((e) => ids.has(e.criterionId));
        return {
          groupId: g.id,
          name: g.name,
          kind: g.kind,
          maxPoints: round2(g.criteria.reduce((t, c) => t + c.maxPoints, 0)),
          self: round2(mine.reduce((t, e) => t + (e.selfScore ?? 0), 0)),
          final: round2(mine.reduce((t, e) => t + (e.finalScore ?? e.reviewedScore ?? e.selfScore ?? 0), 0)),
        };
      });
    const ranking = [...cycle.scoreSummaries]
      .sort(
        (a, b) =>
          (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER) || b.finalTotal - a.finalTotal,
      )
      .map((s) => ({
        rank: s.rank,
        unit: refOf(units, s.unitId),
        selfTotal: s.selfTotal,
        reviewedTotal: s.reviewedTotal,
        finalTotal: s.finalTotal,
        tasksGroupScore: s.tasksGroupScore,
        bonus: s.bonus,
        penalty: s.penalty,
        groups: groupsOf(s.unitId),
      }));

    const councilRounds = new Map<string, unknown[]>();
    const contests = new Map<string, { contest: string; rounds: unknown[] }>();
    for (const r of cycle.votingRounds) {
      const base = {
        round: r.round,
        openedAt: r.openedAt,
        closedAt: r.closedAt,
        eligibleVoters: r.eligibleVoters,
        present: r.present,
        voted: r._count.voters,
        ballots: r.ballots.map((b) => ({ choices: b.choices as string[] })),
      };
      const proposalId = proposalRound(r.contest);
      if (proposalId) {
        const t = (r.result ?? {}) as CouncilTallyJson;
        councilRounds.set(proposalId, [
          ...(councilRounds.get(proposalId) ?? []),
          {
            ...base,
            result: r.result
              ? { yes: t.yes ?? 0, base: t.base ?? 0, share: t.share ?? 0, passes: t.passes ?? false }
              : null,
          },
        ]);
        continue;
      }
      const t = (r.result ?? null) as TallyJson | null;
      const entry = contests.get(r.contest) ?? { contest: r.contest, rounds: [] };
      entry.rounds.push({
        ...base,
        seats: r.seats,
        candidates: (r.candidates as string[]).map((id) => refOf(units, id)),
        result: t && {
          outcome: t.outcome,
          quorumMet: t.quorumMet,
          base: t.base,
          requiredVotes: t.requiredVotes,
          counts: t.counts ?? {},
          shares: t.shares ?? {},
          validBallots: t.validBallots,
          invalidBallots: t.invalidBallots,
          blankBallots: t.blankBallots,
          winners: t.winners ?? [],
        },
      });
      contests.set(r.contest, entry);
    }
    // Each contest's outcome as the workflow recorded it (Cycle.contests; a cycle closed before it: its result).
    const recorded =
      (cycle.contests as RecordedContest[] | null) ?? (cycle.result as CycleResultJson | null)?.contests ?? [];
    const decided = new Map(recorded.filter((c) => (c.status ?? 'decided') === 'decided').map((c) => [c.contest, c]));

    res.json({
      cycle: {
        id: cycle.id,
        year: cycle.year,
        phase: cycle.phase,
        bloc: cycle.bloc,
        head: refOf(units, cycle.headUnitId),
        deputy: refOf(units, cycle.deputyUnitId),
        ruleSet: { code: cycle.ruleSetCode, version: cycle.ruleSetVersion },
        closedAt: cycle.closedAt,
      },
      ranking,
      proposals: cycle.proposals.map((p) => ({
        id: p.id,
        unit: refOf(units, p.unitId),
        awardType: p.awardType,
        achievementPeriod: p.achievementPeriod,
        achievement: p.achievement,
        status: p.status,
        reason: visibleReason(sees, p),
        attempts: p.attempts,
        voteShare: p.voteShare,
        decision: decisionOut(p.decision),
        councilRounds: councilRounds.get(p.id) ?? [],
      })),
      contests: [...contests.values()].map((c) => {
        const d = decided.get(c.contest);
        return {
          ...c,
          decided: d ? { winners: d.winners.map((id) => refOf(units, id)), decidedBy: d.decidedBy } : null,
        };
      }),
    });
  });

  router.get('/api/units/:unitId/history', async (req, res) => {
    const principal = principalOf(req);
    const unitId = String(req.params.unitId);
    await requireUnitReader(deps, principal, unitId);
    const load = (id: string) =>
      prisma.unit.findUnique({
        where: { id },
        include: {
          province: { select: { code: true, name: true } },
          successor: { select: { id: true, code: true, name: true } },
          predecessors: { select: { id: true, code: true, name: true, dissolvedOn: true } },
          memberships: {
            orderBy: { joinedOn: 'asc' },
            select: {
              joinedOn: true,
              leftOn: true,
              reason: true,
              bloc: { select: { id: true, code: true, name: true } },
            },
          },
          scoreSummaries: {
            select: { cycleId: true, rank: true, finalTotal: true, selfTotal: true, penalty: true, bonus: true },
          },
          proposals: { include: { decision: true } },
          holds: { orderBy: { openedOn: 'asc' } },
          tasks: { select: { cycleId: true }, distinct: ['cycleId'] },
        },
      });
    type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;
    const unit = await load(unitId);
    if (!unit) throw new HttpError(404, 'NOT_FOUND', `no unit ${unitId}`);
    // Its readers are the parties of its holds; the check stays for predecessors' holds and future readers.
    const sees = await holdReasonReader(deps, principal, unit.provinceId);
    const holdOut = (h: Loaded['holds'][number]) => ({
      kind: h.kind,
      reason: sees(h.unitId) || sees(unitId) ? h.reason : null,
      openedOn: isoDay(h.openedOn),
      closedOn: isoDay(h.closedOn),
      outcome: h.outcome,
    });
    /** The years of one unit; `predecessor` marks those a merged-in unit spent under its own name. */
    const yearsOf = async (u: Loaded, predecessor: { id: string; code: string; name: string } | null) => {
      const cycleIds = new Set([
        ...u.scoreSummaries.map((s) => s.cycleId),
        ...u.proposals.map((p) => p.cycleId),
        ...u.tasks.map((t) => t.cycleId),
        ...u.holds.flatMap((h) => (h.cycleId ? [h.cycleId] : [])),
      ]);
      const cycles = await prisma.cycle.findMany({
        where: { OR: [{ id: { in: [...cycleIds] } }, { headUnitId: u.id }, { deputyUnitId: u.id }] },
        orderBy: { year: 'desc' },
        include: { bloc: { select: { id: true, code: true, name: true } } },
      });
      const years = cycles.map((c) => {
        const s = u.scoreSummaries.find((x) => x.cycleId === c.id);
        return {
          year: c.year,
          cycleId: c.id,
          phase: c.phase,
          bloc: c.bloc,
          predecessor,
          role: c.headUnitId === u.id ? 'head' : c.deputyUnitId === u.id ? 'deputy' : 'member',
          rank: s?.rank ?? null,
          finalScore: s?.finalTotal ?? null,
          awards: u.proposals
            .filter((p) => p.cycleId === c.id)
            .map((p) => ({
              proposalId: p.id,
              awardType: p.awardType,
              achievementPeriod: p.achievementPeriod,
              status: p.status,
              decision: decisionOut(p.decision),
            })),
          holds: u.holds.filter((h) => h.cycleId === c.id).map(holdOut),
        };
      });
      return {
        years,
        otherHolds: u.holds.filter((h) => !h.cycleId || !cycles.some((c) => c.id === h.cycleId)).map(holdOut),
      };
    };
    const own = await yearsOf(unit, null);
    // A successor carries on its predecessors' history (Unit.successorId, set by the admin merge), through every earlier merger.
    const inherited: Awaited<ReturnType<typeof yearsOf>>['years'] = [];
    const seen = new Set([unit.id]);
    const queue = unit.predecessors.map((p) => p.id);
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const p = await load(id);
      if (!p) continue;
      inherited.push(...(await yearsOf(p, { id: p.id, code: p.code, name: p.name })).years);
      queue.push(...p.predecessors.map((x) => x.id));
    }
    res.json({
      unit: {
        id: unit.id,
        code: unit.code,
        name: unit.name,
        shortName: unit.shortName,
        province: unit.province,
        womenRatio: unit.womenRatio,
        dissolvedOn: isoDay(unit.dissolvedOn),
        successor: unit.successor,
        predecessors: unit.predecessors.map((p) => ({ ...p, dissolvedOn: isoDay(p.dissolvedOn) })),
      },
      memberships: unit.memberships.map((m) => ({
        bloc: m.bloc,
        joinedOn: isoDay(m.joinedOn),
        leftOn: isoDay(m.leftOn),
        reason: m.reason,
      })),
      // Newest first; in a year both had, the successor's own entry comes first.
      years: [...own.years, ...inherited].sort((a, b) => b.year - a.year),
      otherHolds: own.otherHolds,
    });
  });

  router.get('/api/blocs/:blocId/history', async (req, res) => {
    const blocId = String(req.params.blocId);
    const { seesYear } = await requireBlocReader(deps, principalOf(req), blocId);
    const bloc = await prisma.bloc.findUnique({
      where: { id: blocId },
      include: {
        province: { select: { code: true, name: true } },
        cycles: {
          orderBy: { year: 'desc' },
          include: { proposals: { include: { decision: true }, orderBy: [{ awardType: 'asc' }, { unitId: 'asc' }] } },
        },
        handovers: true,
      },
    });
    if (!bloc) throw new HttpError(404, 'NOT_FOUND', `no bloc ${blocId}`);
    const ids = [
      bloc.headUnitId,
      bloc.deputyUnitId,
      ...bloc.cycles.flatMap((c) => [c.headUnitId, c.deputyUnitId, ...c.proposals.map((p) => p.unitId)]),
      ...bloc.handovers.flatMap((h) => [h.outgoingHeadUnitId, h.newHeadUnitId, h.newDeputyUnitId]),
    ].filter((x): x is string => !!x);
    const units = await unitsById(ids);
    res.json({
      bloc: {
        id: bloc.id,
        code: bloc.code,
        name: bloc.name,
        province: bloc.province,
        ruleSetCode: bloc.ruleSetCode,
        rotationPolicy: bloc.rotationPolicy,
        head: bloc.headUnitId ? refOf(units, bloc.headUnitId) : null,
        deputy: bloc.deputyUnitId ? refOf(units, bloc.deputyUnitId) : null,
      },
      years: bloc.cycles
        .filter((c) => seesYear(c.year))
        .map((c) => {
          const h = bloc.handovers.find((x) => x.fromYear === c.year);
          // The leading unit(s): the flag proposals made from the leader vote, or the closed year's result.
          const fromResult =
            (c.result as CycleResultJson | null)?.contests?.find((x) => x.contest === 'leader')?.winners ?? [];
          const leaders = [
            ...new Set([
              ...c.proposals.filter((p) => p.awardType === 'emulation-flag').map((p) => p.unitId),
              ...fromResult,
            ]),
          ];
          return {
            year: c.year,
            cycleId: c.id,
            phase: c.phase,
            closedAt: c.closedAt,
            ruleSet: { code: c.ruleSetCode, version: c.ruleSetVersion },
            head: refOf(units, c.headUnitId),
            deputy: refOf(units, c.deputyUnitId),
            leader: leaders.map((id) => refOf(units, id)),
            awards: c.proposals.map((p) => ({
              proposalId: p.id,
              unit: refOf(units, p.unitId),
              awardType: p.awardType,
              status: p.status,
              decision: decisionOut(p.decision),
            })),
            handover: h
              ? {
                  outgoingHead: refOf(units, h.outgoingHeadUnitId),
                  newHead: refOf(units, h.newHeadUnitId),
                  newDeputy: refOf(units, h.newDeputyUnitId),
                  policy: h.policy,
                  recordedAt: h.recordedAt,
                  toYear: h.toYear,
                }
              : null,
          };
        }),
    });
  });

  router.post('/api/awards/:proposalId/revoke', async (req: Request, res) => {
    const principal = principalOf(req);
    requireRoles(principal, 'admin', 'councilSecretary');
    const proposalId = String(req.params.proposalId);
    await transactionalWrite(deps, req, res, principal, async ({ tx, audit, requestId }) => {
      const proposal = await tx.proposal.findUnique({
        where: { id: proposalId },
        include: {
          decision: true,
          cycle: { select: { id: true, headUnitId: true, bloc: { select: { provinceId: true } } } },
        },
      });
      if (!proposal) throw new HttpError(404, 'NOT_FOUND', `no proposal ${proposalId}`);
      if (!principal.roles.includes('admin')) {
        const council = await tx.council.findFirst({
          where: { provinceId: proposal.cycle.bloc.provinceId },
          select: { id: true },
        });
        if (!council || !principal.secretaryOfCouncilIds.includes(council.id))
          throw new HttpError(
            403,
            'FORBIDDEN',
            'only the secretary of the council of this bloc’s province (or the admin) revokes its awards',
          );
      }
      const body = RevokeAwardSchema.parse(req.body ?? {});
      const decision = proposal.decision;
      if (proposal.status === 'revoked' || decision?.revokedOn)
        throw new HttpError(
          409,
          'ALREADY_DONE',
          `the award was already revoked by ${decision?.revocationNumber ?? 'an earlier decision'}`,
        );
      if (proposal.status !== 'approved' || !decision)
        throw new HttpError(
          409,
          'CONFLICT',
          `the proposal is ${proposal.status}: only an approved award with its decision can be revoked`,
        );
      if (body.revokedOn < isoDay(decision.decisionDate)!)
        throw new HttpError(422, 'VALIDATION', 'the revocation cannot be dated before the award decision', [
          { path: ['revokedOn'], message: `must be on or after ${isoDay(decision.decisionDate)}` },
        ]);
      const revokedOn = new Date(`${body.revokedOn}T00:00:00.000Z`);
      const after = await tx.awardDecision.update({
        where: { id: decision.id },
        data: { revokedOn, revocationNumber: body.revocationNumber, revocationReason: body.reason },
      });
      await tx.proposal.update({ where: { id: proposal.id }, data: { status: 'revoked' } });
      await audit({
        action: 'award.revoke',
        entity: 'proposal',
        entityId: proposal.id,
        workflowId: proposal.cycleId,
        before: { status: proposal.status, revokedOn: null },
        after: {
          status: 'revoked',
          revokedOn: body.revokedOn,
          revocationNumber: body.revocationNumber,
          reason: body.reason,
          amountVnd: decision.amountVnd,
        },
      });
      const text = `Quyết định khen thưởng số ${decision.decisionNumber} bị hủy bỏ theo quyết định số ${body.revocationNumber} ngày ${body.revokedOn}. Lý do: ${body.reason}. Đơn vị nộp lại hiện vật và tiền thưởng (${decision.amountVnd.toLocaleString('vi-VN')} đồng) theo Điều 93 Luật Thi đua, khen thưởng.`;
      for (const unitId of new Set([proposal.unitId, proposal.cycle.headUnitId])) {
        const dedupeKey = `award:${proposal.id}:revoked#${unitId}`;
        await tx.notification.upsert({
          where: { dedupeKey },
          create: {
            dedupeKey,
            recipientUnitId: unitId,
            cycleId: proposal.cycleId,
            kind: 'result',
            title: 'Hủy bỏ quyết định khen thưởng',
            body: text,
          },
          update: {},
        });
      }
      return {
        status: 200,
        body: {
          proposalId: proposal.id,
          unitId: proposal.unitId,
          awardType: proposal.awardType,
          status: 'revoked',
          decision: decisionOut(after),
          toRecover: { amountVnd: decision.amountVnd, item: proposal.awardType },
          requestId,
        },
      };
    });
  });

  return router;
}
