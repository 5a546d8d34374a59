import type { Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../context';
import { HttpError } from '../../errors';
import { principalOf } from '../../auth';
import { route } from '../../route';
import { CYCLE_NOT_READABLE, readCycleAs, visibleReason } from '../../scope';
import type { Plan } from '../../../contracts/cycle';
import { round2 } from '../../../domain/scoring';
import {
  TallyJson,
  CouncilTallyJson,
  CycleResultJson,
  RecordedContest,
  proposalRound,
  decisionOut,
  unitDirectory,
} from './shared';

export function cycleResultRoutes(router: Router, deps: AppDeps): void {
  const { prisma } = deps.db;
  const { unitsById, refOf } = unitDirectory(deps);
  route(
    router,
    {
      method: 'get',
      path: '/api/cycles/:cycleId/results',
      summary:
        'Results of a cycle: ranking with per-group totals, proposals with decisions and amounts (revocations marked), contests with every round (counts, shares, base, anonymous ballots)',
      tags: ['everyone'],
      params: z.object({ cycleId: z.string() }),
      responses: {
        200: {
          description: "results (reasons of holds shown only to the admin, the province's council and the held unit)",
        },
        401: { description: 'not logged in' },
        404: CYCLE_NOT_READABLE,
      },
    },
    async (input, req, res) => {
      const principal = principalOf(req);
      const cycleId = String(req.params.cycleId);
      const { sees } = await readCycleAs(deps, principal, cycleId);
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
    },
  );
}
