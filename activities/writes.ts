import type { Prisma } from '../db';
import type { CycleActivities, EffectKind } from './types';
import { decisionSigner } from './decision-signer';
import { provinceSessionWrites } from './province-session';

/** Plain JSON for Prisma Json columns (drops undefined, dates become strings). */
function json(v: unknown): Prisma.InputJsonValue;
function json(v: undefined): undefined;
function json(v: unknown): Prisma.InputJsonValue | undefined {
  return v === undefined ? undefined : (JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue);
}

export type Writes = Pick<CycleActivities, EffectKind>;

/** The writes of the cycle on a client or inside a transaction. */
export function writesOn(
  prisma: Prisma.TransactionClient,
  transaction: <T>(fn: (tx: Prisma.TransactionClient) => Promise<T>) => Promise<T>,
  enqueue: (notificationId: string) => Promise<void>,
  now: () => Date,
): Writes {
  const roundId = async (cycleId: string, contest: string, round: number) =>
    (
      await prisma.votingRound.findUniqueOrThrow({
        where: { cycleId_contest_round: { cycleId, contest, round } },
        select: { id: true },
      })
    ).id;

  // A correction of an older year does not overwrite the head of a later one.
  const recordLeadership: Writes['recordLeadership'] = async (p) => {
    const later = await prisma.cycle.findFirst({
      where: { blocId: p.blocId, year: { gt: p.year } },
      select: { id: true },
    });
    if (later) return;
    await prisma.bloc.update({
      where: { id: p.blocId },
      data: { headUnitId: p.headUnitId, deputyUnitId: p.deputyUnitId },
    });
  };

  return {
    ...provinceSessionWrites(prisma),
    async projectCycle(p) {
      const data = {
        phase: p.phase,
        headUnitId: p.headUnitId,
        deputyUnitId: p.deputyUnitId,
        ruleSetCode: p.ruleSetCode,
        ruleSetVersion: p.ruleSetVersion,
        deadlines: json(p.deadlines ?? {}),
        plan: p.plan ? json(p.plan) : undefined,
        ...(p.result !== undefined ? { result: json(p.result) } : {}),
        ...(p.contests !== undefined ? { contests: json(p.contests) } : {}),
        ...(p.meetings !== undefined ? { meetings: json(p.meetings) } : {}),
        ...(p.closed ? { closedAt: now() } : {}),
      };
      await prisma.cycle.upsert({
        where: { id: p.cycleId },
        create: { id: p.cycleId, blocId: p.blocId, year: p.year, startedAt: now(), ...data },
        update: data,
      });
    },

    async openTasks(p) {
      for (const unitId of p.unitIds) {
        await prisma.task.upsert({
          where: { cycleId_unitId_kind: { cycleId: p.cycleId, unitId, kind: p.kind } },
          create: { cycleId: p.cycleId, unitId, kind: p.kind, title: p.title, dueAt: new Date(p.dueAt) },
          update: { title: p.title, dueAt: new Date(p.dueAt) },
        });
      }
    },

    async updateTasks(p) {
      const where = {
        cycleId: p.cycleId,
        kind: p.kind,
        unitId: { in: p.unitIds },
        ...(p.onlyOpen ? { status: 'open' } : {}),
      };
      if (p.status) {
        const closing = p.status === 'done' || p.status === 'late';
        await prisma.task.updateMany({
          where,
          data: {
            status: p.status,
            ...(closing ? { completedAt: now() } : {}),
            ...(p.status === 'late' ? { escalatedAt: now() } : {}),
          },
        });
      }
      if (p.dueAt)
        await prisma.task.updateMany({ where: { ...where, status: 'open' }, data: { dueAt: new Date(p.dueAt) } });
      // Idempotent: the workflow sends the running count, so a retry leaves it unchanged.
      if (p.remindersSent)
        await prisma.task.updateMany({
          where: { ...where, status: 'open', remindersSent: { lt: p.remindersSent } },
          data: { remindersSent: p.remindersSent },
        });
      else if (p.reminded)
        await prisma.task.updateMany({
          where: { ...where, status: 'open' },
          data: { remindersSent: { increment: 1 } },
        });
    },

    async recordSubmission(p) {
      const existing = await prisma.submission.findUnique({
        where: { cycleId_unitId_kind: { cycleId: p.cycleId, unitId: p.unitId, kind: p.kind } },
      });
      if (existing?.requestId === p.requestId) return; // a retry of the write already done
      if (existing && p.payload === null) {
        await prisma.submission.update({
          where: { id: existing.id },
          data: { status: p.status, reason: p.reason ?? null },
        });
        return;
      }
      if (existing) {
        await prisma.submission.update({
          where: { id: existing.id },
          data: {
            payload: json(p.payload),
            status: p.status,
            reason: p.reason ?? null,
            requestId: p.requestId,
            revision: { increment: 1 },
            submittedAt: now(),
          },
        });
        return;
      }
      await prisma.submission.create({
        data: {
          cycleId: p.cycleId,
          unitId: p.unitId,
          kind: p.kind,
          payload: json(p.payload ?? {}),
          status: p.status,
          reason: p.reason ?? null,
          requestId: p.requestId,
          submittedAt: now(),
        },
      });
    },

    async recordScores(p) {
      for (const e of p.entries) {
        const data = {
          selfScore: e.selfScore,
          reviewedScore: e.reviewedScore,
          finalScore: e.finalScore,
          adjustReason: e.adjustReason ?? null,
        };
        await prisma.scoreEntry.upsert({
          where: { cycleId_unitId_criterionId: { cycleId: p.cycleId, unitId: p.unitId, criterionId: e.criterionId } },
          create: { cycleId: p.cycleId, unitId: p.unitId, criterionId: e.criterionId, ...data },
          update: data,
        });
      }
      const summary = { ...p.summary, rank: p.summary.rank ?? null };
      await prisma.scoreSummary.upsert({
        where: { cycleId_unitId: { cycleId: p.cycleId, unitId: p.unitId } },
        create: { cycleId: p.cycleId, unitId: p.unitId, ...summary },
        update: summary,
      });
    },

    async openRound(p) {
      const data = {
        candidates: json(p.candidates),
        seats: p.seats,
        eligibleVoters: p.eligibleVoters,
        present: p.present,
      };
      await prisma.votingRound.upsert({
        where: { cycleId_contest_round: { cycleId: p.cycleId, contest: p.contest, round: p.round } },
        create: { cycleId: p.cycleId, contest: p.contest, round: p.round, openedAt: now(), ...data },
        update: {},
      });
    },

    async recordVoter(p) {
      const id = await roundId(p.cycleId, p.contest, p.round);
      await prisma.voterRecord.upsert({
        where: { roundId_voterKey: { roundId: id, voterKey: p.voterKey } },
        create: { roundId: id, voterKey: p.voterKey, recordedAt: now() },
        update: {},
      });
    },

    async closeRound(p) {
      const id = await roundId(p.cycleId, p.contest, p.round);
      // One transaction: the ballots appear all at once, after the round, in shuffled order.
      await transaction(async (tx) => {
        const round = await tx.votingRound.findUniqueOrThrow({ where: { id } });
        if (round.closedAt) return; // retried after success
        for (const b of p.ballots) await tx.ballot.create({ data: { roundId: id, choices: json(b.choices) } });
        await tx.votingRound.update({
          where: { id },
          data: { closedAt: now(), present: p.present, candidates: json(p.candidates), result: json(p.result) },
        });
      });
    },

    async recordProposals(p) {
      for (const pr of p.proposals) {
        const data = {
          status: pr.status,
          reason: pr.reason ?? null,
          attempts: pr.attempts,
          voteShare: pr.voteShare,
          achievement: pr.achievement,
        };
        await prisma.proposal.upsert({
          where: { cycleId_unitId_awardType: { cycleId: p.cycleId, unitId: pr.unitId, awardType: pr.awardType } },
          create: {
            id: pr.proposalId,
            cycleId: p.cycleId,
            unitId: pr.unitId,
            awardType: pr.awardType,
            achievementPeriod: p.cycleId.split('-').at(-1) ?? '',
            ...data,
          },
          update: data,
        });
      }
    },

    async recordDecision(p) {
      const pr = p.proposal;
      const data = {
        decisionNumber: pr.decisionNumber!,
        decisionDate: new Date(pr.decisionDate!),
        signer: p.signer ?? (await decisionSigner(prisma, p.cycleId, pr.awardType)),
        coefficient: p.coefficient ?? 0,
        baseSalaryVnd: p.baseSalaryVnd ?? 0,
        amountVnd: pr.amountVnd ?? 0,
      };
      await prisma.proposal.update({
        where: { id: pr.proposalId },
        data: { status: 'approved', voteShare: pr.voteShare },
      });
      await prisma.awardDecision.upsert({
        where: { proposalId: pr.proposalId },
        create: { proposalId: pr.proposalId, ...data },
        update: data,
      });
    },

    async recordGovernmentFlagProposals(p) {
      for (const pr of p.proposals) {
        const data = {
          status: pr.status,
          reason: pr.reason,
          voteShare: pr.voteShare,
          achievement: pr.achievement,
          attempts: 1,
        };
        await prisma.proposal.upsert({
          where: { cycleId_unitId_awardType: { cycleId: pr.cycleId, unitId: pr.unitId, awardType: 'government-flag' } },
          create: {
            id: pr.proposalId,
            cycleId: pr.cycleId,
            unitId: pr.unitId,
            awardType: 'government-flag',
            achievementPeriod: pr.achievementPeriod,
            ...data,
          },
          update: data,
        });
      }
    },

    async recordHold(p) {
      if (!p.outcome) {
        const open = await prisma.unitHold.findFirst({ where: { unitId: p.unitId, closedOn: null } });
        if (!open)
          await prisma.unitHold.create({
            data: {
              unitId: p.unitId,
              cycleId: p.cycleId,
              kind: p.kind ?? 'investigation',
              reason: p.reason,
              openedOn: new Date(p.at),
            },
          });
        return;
      }
      await prisma.unitHold.updateMany({
        where: { unitId: p.unitId, closedOn: null },
        data: { closedOn: new Date(p.at), outcome: p.outcome },
      });
    },

    async recordMembershipChange(p) {
      if (p.change === 'join') {
        const open = await prisma.blocMembership.findFirst({
          where: { blocId: p.blocId, unitId: p.unitId, leftOn: null },
          select: { id: true },
        });
        if (!open)
          await prisma.blocMembership.create({
            data: { blocId: p.blocId, unitId: p.unitId, joinedOn: new Date(p.at), reason: p.reason },
          });
        return;
      }
      await prisma.blocMembership.updateMany({
        where: { blocId: p.blocId, unitId: p.unitId, leftOn: null },
        data: { leftOn: new Date(p.at), reason: p.reason },
      });
    },

    async recordHandover(p) {
      const data = {
        toYear: p.fromYear + 1,
        outgoingHeadUnitId: p.outgoingHeadUnitId,
        newHeadUnitId: p.newHeadUnitId,
        newDeputyUnitId: p.newDeputyUnitId,
        policy: p.policy,
      };
      const row = await prisma.handover.upsert({
        where: { blocId_fromYear: { blocId: p.blocId, fromYear: p.fromYear } },
        create: { blocId: p.blocId, fromYear: p.fromYear, recordedAt: now(), ...data },
        update: {},
      });
      // The bloc's current head and deputy follow the handover as recorded (issue 12: they were never updated).
      await recordLeadership({
        blocId: p.blocId,
        year: p.fromYear + 1,
        headUnitId: row.newHeadUnitId,
        deputyUnitId: row.newDeputyUnitId,
      });
    },

    recordLeadership,

    async notify(input) {
      const recipients = [
        ...(input.unitIds ?? []).map((u) => ({ recipientUnitId: u })),
        ...(input.personIds ?? []).map((p) => ({ recipientPersonId: p })),
      ];
      let first: { id: string } | undefined;
      for (const [i, r] of [...new Map(recipients.map((r) => [JSON.stringify(r), r])).values()].entries()) {
        const dedupeKey = `${input.dedupeKey}#${i}`;
        const n = await prisma.notification.upsert({
          where: { dedupeKey },
          create: {
            dedupeKey,
            ...r,
            cycleId: input.cycleId ?? null,
            kind: input.kind,
            title: input.title,
            body: input.body,
          },
          update: {},
        });
        first ??= n;
      }
      // Only queued here: a slow mail server or webhook must not hold the act that caused this.
      if (first) await enqueue(first.id);
    },

    async audit(p) {
      // Append-only table (DB triggers reject UPDATE/DELETE); the request id keeps a retried write single.
      // Per workflow and action: a request id (a client's Idempotency-Key) reused elsewhere must not hide a row.
      const requestId = p.requestId ?? `${p.workflowId}:${p.action}:${p.entityId}`;
      if (
        await prisma.auditLog.findFirst({
          where: { requestId, action: p.action, workflowId: p.workflowId ?? null },
          select: { id: true },
        })
      )
        return;
      await prisma.auditLog.create({
        data: {
          action: p.action,
          entity: p.entity,
          entityId: p.entityId,
          actorPersonId: p.actorPersonId ?? null,
          actorRole: p.actorRole ?? null,
          before: json(p.before),
          after: json(p.after),
          workflowId: p.workflowId,
          requestId,
        },
      });
    },
  };
}
