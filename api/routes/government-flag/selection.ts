/**
 * The read of a Government-flag selection, assembled from the database: Proposal rows on the leaders' bloc cycles,
 * their `govflag:<proposalId>` ballot rounds, award decisions, and the start/submission audit rows.
 */
import type { Router } from 'express';
import * as gf from '../../../contracts/government-flag';
import type { AppDeps } from '../../context';
import { HttpError } from '../../errors';
import { principalOf } from '../../auth';
import { route } from '../../route';
import { holdReasonReader, requireProvinceReader, visibleReason } from '../../scope';
import { councilOf, SelectionParams } from './shared';

interface RoundJson {
  yes?: number;
  base?: number;
  share?: number;
  passes?: boolean;
  rank?: number | null;
  selected?: boolean;
  reason?: string;
  requiredVotes?: number;
  lapsed?: boolean;
}

export function selectionRoute(router: Router, deps: AppDeps): void {
  const { prisma } = deps.db;
  route(
    router,
    {
      method: 'get',
      path: '/api/provinces/:provinceId/government-flag/:year',
      summary:
        'The Government-flag selection of a province and year, from the database: phase, quota, deadline, per-leader status and bloc-year score, ballot result (after the vote closes), submission, decisions; the council id and whether the caller has voted',
      tags: ['everyone'],
      params: SelectionParams,
      responses: {
        200: {
          description:
            "the selection (reasons of holds shown only to the admin, the province's council and the held unit)",
        },
        404: {
          description:
            "no such province, not yours (read scope: your unit's or council's province, admin all), or not started",
        },
      },
    },
    async (input, req, res) => {
      const principal = principalOf(req);
      const provinceId = String(req.params.provinceId);
      const { year } = input.params;
      const province = await prisma.province.findUnique({
        where: { id: provinceId },
        select: { id: true, code: true, name: true },
      });
      if (!province) throw new HttpError(404, 'NOT_FOUND', `no province ${provinceId}`);
      await requireProvinceReader(deps, principal, provinceId);
      const sees = await holdReasonReader(deps, principal, provinceId);
      const workflowId = gf.governmentFlagWorkflowId(province.code, year);
      const audits = await prisma.auditLog.findMany({
        where: { workflowId, action: { in: ['governmentFlag.start', 'governmentFlag.submit'] } },
        orderBy: { id: 'asc' },
      });
      const start = audits.find((x) => x.action === 'governmentFlag.start');
      if (!start)
        throw new HttpError(404, 'NOT_FOUND', `the Government-flag selection for ${year} has not been started`);
      const startInfo = start.after as {
        quota: number;
        quotaShare: number;
        councilMembers: number;
        deadlineDate: string;
      };
      const sent = audits.find((x) => x.action === 'governmentFlag.submit')?.after as
        { letterNumber: string; letterDate: string } | undefined;
      const proposals = await prisma.proposal.findMany({
        where: { awardType: 'government-flag', id: { startsWith: `${workflowId}:` } },
        include: {
          decision: true,
          unit: { select: { id: true, code: true, name: true } },
          cycle: { select: { id: true, bloc: { select: { id: true, code: true, name: true } } } },
        },
        orderBy: { unit: { code: 'asc' } },
      });
      const rounds = await prisma.votingRound.findMany({
        where: { contest: { in: proposals.map((p) => gf.governmentFlagContest(p.id)) } },
        include: { _count: { select: { voters: true } } },
      });
      const roundOf = new Map(rounds.map((r) => [r.contest, r]));
      // For the web page: the leaders' bloc-year scores, the council (whose members vote), and whether
      // the CALLER has cast their ballot (their own voter records only; never what anyone voted).
      const scores = await prisma.scoreSummary.findMany({
        where: { OR: proposals.map((p) => ({ cycleId: p.cycleId, unitId: p.unitId })) },
        select: { cycleId: true, unitId: true, finalTotal: true },
      });
      const scoreOf = new Map(scores.map((x) => [`${x.cycleId}|${x.unitId}`, x.finalTotal]));
      const youVoted =
        rounds.length > 0 &&
        (await prisma.voterRecord.count({
          where: { roundId: { in: rounds.map((r) => r.id) }, voterKey: principal.personId },
        })) > 0;
      const statuses = new Set(proposals.map((p) => p.status));
      // Only held candidates left (ND 152/2025 Art. 4(4)): the phase is where the selection stopped.
      const heldPhase = rounds.some((r) => !r.closedAt) ? 'voting' : sent ? 'outcome' : 'submission';
      const phase = statuses.has('draft')
        ? 'voting'
        : statuses.has('selected')
          ? 'submission'
          : statuses.has('submitted')
            ? 'outcome'
            : statuses.has('onHold')
              ? heldPhase
              : 'closed';
      const isoDay = (d: Date | null | undefined) => (d ? d.toISOString().slice(0, 10) : null);
      const candidates = proposals.map((p) => {
        const r = roundOf.get(gf.governmentFlagContest(p.id));
        // Before the vote closes only the number of voters is public; the counts come with the closed round.
        const t = (r?.closedAt ? r.result : null) as RoundJson | null;
        return {
          proposalId: p.id,
          unit: p.unit,
          bloc: p.cycle.bloc,
          cycleId: p.cycleId,
          achievement: p.achievement,
          score: scoreOf.get(`${p.cycleId}|${p.unitId}`) ?? null,
          status: p.status,
          reason: visibleReason(sees, p),
          vote: r
            ? {
                voted: r._count.voters,
                eligibleVoters: r.eligibleVoters,
                closedAt: r.closedAt,
                result: t && {
                  yes: t.yes ?? null,
                  base: t.base ?? r.eligibleVoters,
                  share: t.share ?? null,
                  passes: t.passes ?? false,
                  requiredVotes: t.requiredVotes ?? null,
                  rank: t.rank ?? null,
                  selected: t.selected ?? false,
                  reason: t.reason ?? (t.lapsed ? 'lapsed' : null),
                },
              }
            : null,
          decision: p.decision && {
            decisionNumber: p.decision.decisionNumber,
            decisionDate: isoDay(p.decision.decisionDate),
            signer: p.decision.signer,
            coefficient: p.decision.coefficient,
            baseSalaryVnd: p.decision.baseSalaryVnd,
            amountVnd: p.decision.amountVnd,
            revoked: p.decision.revokedOn
              ? { on: isoDay(p.decision.revokedOn), number: p.decision.revocationNumber }
              : null,
          },
        };
      });
      res.json({
        workflowId,
        province,
        councilId: await councilOf(deps, provinceId),
        youVoted,
        year,
        phase,
        quota: startInfo.quota,
        quotaShare: startInfo.quotaShare,
        councilMembers: startInfo.councilMembers,
        deadlineDate: startInfo.deadlineDate,
        submission: sent ? { letterNumber: sent.letterNumber, letterDate: sent.letterDate } : null,
        candidates,
      });
    },
  );
}
