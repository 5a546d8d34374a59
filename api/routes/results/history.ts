import type { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../context';
import { HttpError } from '../../errors';
import { principalOf } from '../../auth';
import { route } from '../../route';
import { holdReasonReader, requireBlocReader, requireUnitReader } from '../../scope';
import { rotationPoliciesOn } from '../../rotation';
import { CycleResultJson, isoDay, decisionOut, UnitRef, unitDirectory } from './shared';

export function historyRoutes(router: Router, deps: AppDeps): void {
  const { prisma } = deps.db;

  const { unitsById, refOf } = unitDirectory(deps);
  route(
    router,
    {
      method: 'get',
      path: '/api/units/:unitId/history',
      summary:
        'A unit year by year: bloc, role, rank, final score, awards (with revocations), holds; its memberships and successor links. A successor lists its predecessors’ years too (merged units, transitively), each marked with `predecessor` (id, code, name; null for its own years)',
      tags: ['everyone'],
      params: z.object({ unitId: z.string() }),
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
        },
      },
    },
    async (input, req, res) => {
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
    },
  );
  route(
    router,
    {
      method: 'get',
      path: '/api/blocs/:blocId/history',
      summary: 'A bloc year by year: head, deputy, leading unit, awards, handover',
      tags: ['everyone'],
      params: z.object({ blocId: z.string() }),
      responses: {
        200: { description: "history (a unit officer sees the years of their unit's membership)" },
        401: { description: 'not logged in' },
        404: {
          description: 'no such bloc, or not yours to read (read scope: README)',
        },
      },
    },
    async (input, req, res) => {
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
          // Rotation has one home, the rule-set (README, "Rotation"): that of the version in force today.
          rotationPolicy: (await rotationPoliciesOn(deps.db, [bloc.ruleSetCode])).get(bloc.ruleSetCode) ?? null,
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
    },
  );
}
