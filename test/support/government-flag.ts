/**
 * Bloc leaders for the Government-flag tests, written STRAIGHT INTO THE DATABASE instead of running
 * whole bloc years: a second Cần Thơ bloc with its units, the two blocs' cycle rows for year N, and
 * for each leader an approved 'emulation-flag' Proposal with its AwardDecision and a score summary —
 * exactly the rows a closed bloc year leaves (workflows/cycle.ts, council.ts).
 */
import type { Db } from '../../db';
import { cycleWorkflowId } from '../../contracts/cycle';

export interface Leaders {
  provinceId: string;
  /** unit code → unit id, of every leader. */
  units: Record<string, string>;
  /** cycle ids of the two blocs for year N. */
  cycles: string[];
}

/**
 * `fromSeeded` leaders of the seeded bloc CT-NOICHINH and `fromSecond` of a new bloc CT-VANXA
 * (units CT-VX1…), each holding an approved provincial flag for `year`; `scores[code]` sets the
 * final score of the unit's bloc-year (default 90).
 */
export async function seedBlocLeaders(
  db: Db,
  year: number,
  opts: { fromSeeded: string[]; fromSecond: number; scores?: Record<string, number> },
): Promise<Leaders> {
  const { prisma } = db;
  const seeded = await prisma.bloc.findUniqueOrThrow({ where: { code: 'CT-NOICHINH' } });
  const provinceId = seeded.provinceId;
  const second = await prisma.bloc.upsert({
    where: { code: 'CT-VANXA' },
    create: {
      code: 'CT-VANXA',
      name: 'Khối thi đua Văn hóa – Xã hội',
      provinceId,
      ruleSetCode: seeded.ruleSetCode,
    },
    update: {},
  });
  const secondUnits: string[] = [];
  for (let i = 1; i <= Math.max(2, opts.fromSecond); i++) {
    const code = `CT-VX${i}`;
    const unit = await prisma.unit.upsert({
      where: { code },
      create: { code, name: `Sở Văn hóa – Xã hội số ${i}`, shortName: `VX${i}`, provinceId },
      update: {},
    });
    await prisma.blocMembership.upsert({
      where: { blocId_unitId_joinedOn: { blocId: second.id, unitId: unit.id, joinedOn: new Date('2025-07-01') } },
      create: { blocId: second.id, unitId: unit.id, joinedOn: new Date('2025-07-01') },
      update: {},
    });
    secondUnits.push(unit.id);
  }
  const seededUnits = await prisma.unit.findMany({ where: { code: { in: opts.fromSeeded } } });
  const units: Record<string, string> = {};
  const cycles: string[] = [];
  for (const [bloc, leaderIds] of [
    [seeded, opts.fromSeeded.map((code) => seededUnits.find((u) => u.code === code)!.id)],
    [second, secondUnits.slice(0, opts.fromSecond)],
  ] as const) {
    const memberIds =
      bloc.id === seeded.id
        ? (await prisma.blocMembership.findMany({ where: { blocId: bloc.id } })).map((m) => m.unitId)
        : secondUnits;
    const cycleId = cycleWorkflowId(bloc.code, year);
    cycles.push(cycleId);
    await prisma.cycle.upsert({
      where: { id: cycleId },
      create: {
        id: cycleId,
        blocId: bloc.id,
        year,
        phase: 'closed',
        headUnitId: memberIds[0]!,
        deputyUnitId: memberIds[1]!,
        ruleSetCode: bloc.ruleSetCode,
        ruleSetVersion: 1,
        deadlines: {},
        startedAt: new Date(),
        closedAt: new Date(),
      },
      update: {},
    });
    for (const [i, unitId] of leaderIds.entries()) {
      const unit = await prisma.unit.findUniqueOrThrow({ where: { id: unitId } });
      units[unit.code] = unitId;
      const proposalId = `${cycleId}:emulation-flag:${unitId}`;
      await prisma.proposal.create({
        data: {
          id: proposalId,
          cycleId,
          unitId,
          awardType: 'emulation-flag',
          achievementPeriod: String(year),
          achievement: `Dẫn đầu ${bloc.name} năm ${year}`,
          status: 'approved',
          attempts: 1,
          voteShare: 1,
        },
      });
      await prisma.awardDecision.create({
        data: {
          proposalId,
          decisionNumber: `${10 + i}/QĐ-UBND`,
          decisionDate: new Date(`${year}-12-20`),
          signer: 'Chủ tịch UBND',
          coefficient: 8,
          baseSalaryVnd: 2_340_000,
          amountVnd: 18_720_000,
        },
      });
      const score = opts.scores?.[unit.code] ?? 90;
      await prisma.scoreSummary.create({
        data: {
          cycleId,
          unitId,
          selfTotal: score,
          reviewedTotal: score,
          finalTotal: score,
          tasksGroupScore: score / 2,
          rank: 1,
        },
      });
    }
  }
  return { provinceId, units, cycles };
}
