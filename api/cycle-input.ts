import type { z } from 'zod';
import { CycleInputSchema, type CycleInput, type PlanSchema } from '../contracts/cycle';
import { RuleSetSchema, resolveRuleSet, type RuleSet } from '../domain/ruleset';
import { isDomainError } from '../domain/errors';
import { BlocLevelSchema, catalogueEntriesOf, checkBlocLevelOn } from '../domain/award-catalogue';
import type { Db } from '../db';
import type { Roster } from '../contracts/common';
import { HttpError } from './errors';

/** Assembles the workflow input from the registry: members, council, rule-set in force on 1 January of the year. */
export async function buildCycleInput(
  db: Db,
  blocId: string,
  year: number,
  startedBy: string,
  plan?: z.infer<typeof PlanSchema>,
  at: Date = new Date(),
): Promise<CycleInput> {
  // Members are the units whose effective-dated membership is in force when the cycle starts:
  // a registered future join or leave takes effect on its date, not when it is recorded.
  const inForce = { joinedOn: { lte: at }, OR: [{ leftOn: null }, { leftOn: { gt: at } }] };
  const bloc = await db.prisma.bloc.findUnique({
    where: { id: blocId },
    include: {
      memberships: { where: inForce, include: { unit: true }, orderBy: { joinedOn: 'asc' } },
      handovers: { orderBy: { fromYear: 'desc' }, take: 5 },
    },
  });
  if (!bloc) throw new HttpError(404, 'NOT_FOUND', `no bloc ${blocId}`);
  if (!bloc.headUnitId || !bloc.deputyUnitId)
    throw new HttpError(409, 'CONFLICT', 'the bloc has no recognised head and deputy yet');
  const council = await db.prisma.council.findFirst({
    where: { provinceId: bloc.provinceId },
    include: { members: true },
  });
  if (!council || council.members.length === 0)
    throw new HttpError(409, 'CONFLICT', 'the province has no emulation council');
  const roster = await rosterOf(
    db,
    bloc.memberships.map((mb) => mb.unitId),
    council.id,
  );
  const rows = await db.prisma.ruleSet.findMany({ where: { code: bloc.ruleSetCode } });
  const ruleSets = rows.map((r) => RuleSetSchema.parse(r.body));
  const ruleSet = await ruleSetForYear(db, bloc, ruleSets, year);
  // The year's awards are decided after its end: a district bloc is refused for years ending from 01/07/2025 (400).
  const blocLevel = BlocLevelSchema.parse(bloc.level);
  checkBlocLevelOn(blocLevel, `${year}-12-31`);
  // As configured: a contest's seats follow the rule-set's quotas unless its entry sets its own (contestQuota).
  const awardCatalogue = catalogueEntriesOf(ruleSet, blocLevel);
  return CycleInputSchema.parse({
    blocId: bloc.id,
    blocCode: bloc.code,
    blocName: bloc.name,
    year,
    headUnitId: bloc.headUnitId,
    deputyUnitId: bloc.deputyUnitId,
    members: bloc.memberships.map((mb) => ({
      unitId: mb.unitId,
      code: mb.unit.code,
      name: mb.unit.name,
      womenRatio: mb.unit.womenRatio ?? undefined,
    })),
    councilMemberIds: council.members.map((cm) => cm.personId),
    ruleSet,
    recentHeads: bloc.handovers.map((h) => h.outgoingHeadUnitId),
    plan,
    startedBy,
    roster,
    blocLevel,
    awardCatalogue,
  });
}

/**
 * The workflow's own record of who holds which office (contracts/common.ts RosterSchema), as the
 * API's principal resolves it (api/auth.ts): an officer acts for the unit of their person record,
 * the council's secretaries by their role on it, admins by role. Active people only.
 */
export async function rosterOf(db: Db, unitIds: string[], councilId: string): Promise<Roster> {
  const people = await db.prisma.person.findMany({
    where: {
      active: true,
      roles: { some: { OR: [{ role: 'admin' }, { role: 'unitOfficer' }, { role: 'councilSecretary', councilId }] } },
    },
    select: { id: true, unitId: true, roles: { select: { role: true, councilId: true } } },
    orderBy: { id: 'asc' },
  });
  const has = (p: (typeof people)[number], role: string, council?: string) =>
    p.roles.some((r) => r.role === role && (council === undefined || r.councilId === council));
  return {
    officers: people
      .filter((p) => has(p, 'unitOfficer') && p.unitId && unitIds.includes(p.unitId))
      .map((p) => ({ personId: p.id, unitId: p.unitId! })),
    secretaryIds: people.filter((p) => has(p, 'councilSecretary', councilId)).map((p) => p.id),
    adminIds: people.filter((p) => has(p, 'admin')).map((p) => p.id),
  };
}

/**
 * The version of the bloc's rule-set in force on 1 January of `year`. None: 409 NO_RULESET saying what to
 * publish — which province and code, a version in force on that day, and where (POST /api/admin/rulesets).
 */
async function ruleSetForYear(
  db: Db,
  bloc: { code: string; ruleSetCode: string; provinceId: string },
  ruleSets: RuleSet[],
  year: number,
): Promise<RuleSet> {
  const day = `${year}-01-01`;
  try {
    return resolveRuleSet(ruleSets, bloc.ruleSetCode, day);
  } catch (e) {
    if (!isDomainError(e) || e.code !== 'NO_RULESET') throw e;
    const province = await db.prisma.province.findUnique({ where: { id: bloc.provinceId }, select: { name: true } });
    const published = ruleSets
      .map((r) => `v${r.version} ${r.effectiveFrom}..${r.effectiveTo ?? ''}`)
      .sort()
      .join(', ');
    throw new HttpError(
      409,
      'NO_RULESET',
      `no version of rule-set '${bloc.ruleSetCode}' (bloc ${bloc.code}, ${province?.name ?? bloc.provinceId}) is in force on ${day}, ` +
        `so the ${year} cycle has no rules: an administrator publishes one for ${province?.name ?? 'the province'} ` +
        `with effectiveFrom on or before ${day} and effectiveTo absent or on or after ${day} ` +
        `(POST /api/admin/rulesets, a version above every published one; published: ${published || 'none'})`,
      [{ path: ['year'], message: `no rule-set '${bloc.ruleSetCode}' in force on ${day}` }],
    );
  }
}
