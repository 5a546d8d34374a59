import {
  GovernmentFlagInputSchema,
  governmentFlagProposalId,
  governmentFlagWorkflowId,
  type GovernmentFlagInput,
} from '../contracts/government-flag';
import { governmentFlagQuota } from '../domain/eligibility';
import { governmentFlagDeadline, vnDateOf } from '../domain/government-flag';
import {
  RuleSetSchema,
  effectiveGovernmentFlagShare,
  nationalRulesFor,
  resolveRuleSet,
  type RuleSet,
} from '../domain/ruleset';
import { isDomainError } from '../domain/errors';
import type { Db } from '../db';
import { HttpError } from './errors';

const DAY = 86_400;
const DEFAULT_REMINDERS = [7 * DAY, 3 * DAY, DAY];

/**
 * The Government-flag workflow input for a province and year N, from the registry:
 * - candidates: the units holding an APPROVED (not revoked) provincial emulation flag for N in a bloc
 *   of the province — the bloc leaders (ND 152/2025 Art. 7(1));
 * - quota: governmentFlagQuota(leaders, share), the share being the strictest of the province's bloc
 *   rule-sets and the national cap (effectiveGovernmentFlagShare), on the start date;
 * - threshold: the national council rule (≥ 80% of ALL members, ND 152/2025 Art. 33(5));
 * - deadline: 30 June N+1, end of day in Asia/Ho_Chi_Minh (Art. 35(1)(b)).
 */
export async function buildGovernmentFlagInput(
  db: Db,
  provinceId: string,
  year: number,
  startedBy: string,
  at: Date = new Date(),
): Promise<GovernmentFlagInput> {
  const { prisma } = db;
  const province = await prisma.province.findUnique({ where: { id: provinceId }, select: { id: true, code: true } });
  if (!province) throw new HttpError(404, 'NOT_FOUND', `no province ${provinceId}`);
  const council = await prisma.council.findFirst({
    where: { provinceId },
    include: { members: true, roleAssignments: { where: { role: 'councilSecretary' } } },
  });
  if (!council || council.members.length === 0)
    throw new HttpError(409, 'CONFLICT', 'the province has no emulation council');
  const flags = await prisma.proposal.findMany({
    where: { awardType: 'emulation-flag', status: 'approved', cycle: { year, bloc: { provinceId } } },
    include: {
      unit: { select: { code: true, name: true } },
      decision: true,
      cycle: { select: { id: true, bloc: { select: { id: true, code: true, name: true, ruleSetCode: true } } } },
    },
  });
  const leaders = flags
    .filter((f) => f.decision && !f.decision.revokedOn)
    .sort((a, b) => a.cycle.bloc.code.localeCompare(b.cycle.bloc.code) || a.unit.code.localeCompare(b.unit.code));
  if (leaders.length === 0)
    throw new HttpError(409, 'CONFLICT', `no bloc of the province has an approved emulation flag for ${year}`);
  const scores = await prisma.scoreSummary.findMany({
    where: { OR: leaders.map((f) => ({ cycleId: f.cycleId, unitId: f.unitId })) },
    select: { cycleId: true, unitId: true, finalTotal: true },
  });

  const day = vnDateOf(at.getTime());
  const codes = [...new Set(leaders.map((f) => f.cycle.bloc.ruleSetCode))];
  const rows = await prisma.ruleSet.findMany({ where: { code: { in: codes } } });
  const parsed = rows.map((r) => RuleSetSchema.parse(r.body));
  const inForce: RuleSet[] = [];
  for (const code of codes) {
    try {
      inForce.push(resolveRuleSet(parsed, code, day));
    } catch (e) {
      if (!isDomainError(e)) throw e;
    }
  }
  const national = nationalRulesFor(day).decree.governmentFlag;
  const quotaShare = Math.min(national.quotaShare, ...inForce.map((rs) => effectiveGovernmentFlagShare(rs, day)));
  const workflowId = governmentFlagWorkflowId(province.code, year);
  const deadline = governmentFlagDeadline(year);
  const isoDay = (d: Date) => d.toISOString().slice(0, 10);

  return GovernmentFlagInputSchema.parse({
    provinceId,
    provinceCode: province.code,
    year,
    councilId: council.id,
    councilMemberIds: council.members.map((m) => m.personId),
    secretaryIds: council.roleAssignments.map((r) => r.personId),
    // The workflow checks its secretary and admin acts against these, not against the roles a payload claims.
    adminIds: (
      await db.prisma.roleAssignment.findMany({
        where: { role: 'admin', person: { active: true } },
        select: { personId: true },
      })
    ).map((r) => r.personId),
    candidates: leaders.map((f) => ({
      proposalId: governmentFlagProposalId(workflowId, f.unitId),
      unitId: f.unitId,
      unitCode: f.unit.code,
      unitName: f.unit.name,
      blocId: f.cycle.bloc.id,
      blocName: f.cycle.bloc.name,
      cycleId: f.cycleId,
      finalScore: scores.find((s) => s.cycleId === f.cycleId && s.unitId === f.unitId)?.finalTotal ?? null,
      achievement: `Dẫn đầu phong trào thi đua ${f.cycle.bloc.name} năm ${year}; Cờ thi đua của UBND tỉnh theo Quyết định số ${f.decision!.decisionNumber} ngày ${isoDay(f.decision!.decisionDate)}.`,
    })),
    quota: governmentFlagQuota(leaders.length, quotaShare),
    quotaShare,
    threshold: national.councilThreshold,
    deadlineDate: deadline.date,
    deadlineAt: deadline.endsAt,
    reminderOffsetsSeconds: inForce[0]?.reminders.offsetsSeconds ?? DEFAULT_REMINDERS,
    startedBy,
  });
}
