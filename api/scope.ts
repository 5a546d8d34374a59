import type { AppDeps, Principal } from './context';
import { HttpError } from './errors';

export interface CycleScope {
  cycleId: string;
  blocId: string;
  headUnitId: string;
  deputyUnitId: string;
  actingHeadUnitId: string;
  memberUnitIds: string[];
  councilId: string | null;
  /** The year's projection is closed (completed or cancelled). */
  closed: boolean;
}

/** Who may act on a cycle, read from the projection and the registry (no workflow round-trip). */
export async function loadCycleScope(deps: AppDeps, cycleId: string): Promise<CycleScope> {
  const cycle = await deps.db.prisma.cycle.findUnique({
    where: { id: cycleId },
    select: {
      id: true,
      blocId: true,
      headUnitId: true,
      deputyUnitId: true,
      closedAt: true,
      bloc: { select: { provinceId: true, memberships: { where: { leftOn: null }, select: { unitId: true } } } },
    },
  });
  if (!cycle) throw new HttpError(404, 'NOT_FOUND', `no cycle ${cycleId}`);
  const council = await deps.db.prisma.council.findFirst({
    where: { provinceId: cycle.bloc.provinceId },
    select: { id: true },
  });
  const memberUnitIds = cycle.bloc.memberships.map((m) => m.unitId);
  const headActive = memberUnitIds.includes(cycle.headUnitId);
  return {
    cycleId: cycle.id,
    blocId: cycle.blocId,
    headUnitId: cycle.headUnitId,
    deputyUnitId: cycle.deputyUnitId,
    // A head that left the bloc hands the chair to the deputy (domain-rules §8.7).
    actingHeadUnitId: headActive ? cycle.headUnitId : cycle.deputyUnitId,
    memberUnitIds,
    councilId: council?.id ?? null,
    closed: cycle.closedAt !== null,
  };
}

/** Does the caller sit (as member or secretary) on the emulation council of this province? */
export async function sitsOnCouncilOf(deps: AppDeps, p: Principal, provinceId: string): Promise<boolean> {
  if (p.councilIds.length === 0 || !(p.roles.includes('councilMember') || p.roles.includes('councilSecretary')))
    return false;
  return (
    (await deps.db.prisma.council.findFirst({
      where: { id: { in: p.councilIds }, provinceId },
      select: { id: true },
    })) !== null
  );
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Read scope (README "Who reads what"). A read outside the caller's scope answers 404 NOT_FOUND,
// exactly as a record that does not exist: another province learns nothing, not even that it exists.
//   - admin: everything;
//   - a council member or secretary: everything of their council's province;
//   - a unit officer: the cycles of the blocs their unit is or was a member of, for the years of
//     that membership (bloc history: those years), their own unit's history, the bloc list and the
//     Government-flag selection of their unit's province.
// Hold reasons (investigations, inspections, discipline) are shown only to the parties: the admin,
// the council of the province and the held unit's own people.
// ─────────────────────────────────────────────────────────────────────────────────────────────

const notFound = (what: string): HttpError => new HttpError(404, 'NOT_FOUND', `no ${what}`);

/** The provinces whose councils the caller sits on (member or secretary). */
export async function councilProvincesOf(deps: AppDeps, p: Principal): Promise<string[]> {
  if (p.councilIds.length === 0 || !(p.roles.includes('councilMember') || p.roles.includes('councilSecretary')))
    return [];
  return (
    await deps.db.prisma.council.findMany({ where: { id: { in: p.councilIds } }, select: { provinceId: true } })
  ).map((c) => c.provinceId);
}

/** The provinces the caller reads at province level (bloc list, Government flag); null = all (admin). */
export async function readableProvincesOf(deps: AppDeps, p: Principal): Promise<string[] | null> {
  if (p.roles.includes('admin')) return null;
  const provinces = new Set(await councilProvincesOf(deps, p));
  if (p.unitId && p.roles.includes('unitOfficer')) {
    const unit = await deps.db.prisma.unit.findUnique({ where: { id: p.unitId }, select: { provinceId: true } });
    if (unit) provinces.add(unit.provinceId);
  }
  return [...provinces];
}

const yearStart = (year: number) => new Date(Date.UTC(year, 0, 1));

/** Was the unit a member of the bloc at some time in [from, to)? (memberships are [joinedOn, leftOn)) */
export async function wasMemberBetween(
  deps: AppDeps,
  unitId: string,
  blocId: string,
  from: Date,
  to: Date,
): Promise<boolean> {
  const m = await deps.db.prisma.blocMembership.findFirst({
    where: { blocId, unitId, joinedOn: { lt: to }, OR: [{ leftOn: null }, { leftOn: { gt: from } }] },
    select: { id: true },
  });
  return m !== null;
}

/** The calendar years in which the unit was a member of the bloc (up to `until`, inclusive). */
async function membershipYears(deps: AppDeps, unitId: string, blocId: string): Promise<(year: number) => boolean> {
  const ms = await deps.db.prisma.blocMembership.findMany({
    where: { blocId, unitId },
    select: { joinedOn: true, leftOn: true },
  });
  return (year) => ms.some((m) => inYear(m, year));
}

/** Does a membership [joinedOn, leftOn) overlap the calendar year? */
const inYear = (m: { joinedOn: Date; leftOn: Date | null }, year: number) =>
  m.joinedOn < yearStart(year + 1) && (m.leftOn === null || m.leftOn > yearStart(year));

/**
 * Which years of which bloc the caller may read (as mayReadCycle decides for one cycle), for listing many blocs at
 * once: the admin and a province's council all years of its blocs; a unit officer the years its unit was a member.
 */
export async function readableBlocYearsOf(
  deps: AppDeps,
  p: Principal,
): Promise<(bloc: { id: string; provinceId: string }) => (year: number) => boolean> {
  if (p.roles.includes('admin')) return () => () => true;
  const councils = await councilProvincesOf(deps, p);
  const ms =
    p.unitId && p.roles.includes('unitOfficer')
      ? await deps.db.prisma.blocMembership.findMany({
          where: { unitId: p.unitId },
          select: { blocId: true, joinedOn: true, leftOn: true },
        })
      : [];
  return (bloc) =>
    councils.includes(bloc.provinceId) ? () => true : (year) => ms.some((m) => m.blocId === bloc.id && inYear(m, year));
}

export interface ReadableCycle {
  id: string;
  blocId: string;
  year: number;
  provinceId: string;
  startedAt: Date;
}

/** May the caller read this cycle (projection, live view, results)? */
export async function mayReadCycle(deps: AppDeps, p: Principal, cycle: ReadableCycle): Promise<boolean> {
  if (p.roles.includes('admin')) return true;
  if ((await councilProvincesOf(deps, p)).includes(cycle.provinceId)) return true;
  return (
    !!p.unitId &&
    p.roles.includes('unitOfficer') &&
    (await wasMemberBetween(deps, p.unitId, cycle.blocId, yearStart(cycle.year), yearStart(cycle.year + 1)))
  );
}

/** The cycle, if the caller may read it; 404 otherwise (and when it does not exist). */
export async function requireCycleReader(deps: AppDeps, p: Principal, cycleId: string): Promise<ReadableCycle> {
  const row = await deps.db.prisma.cycle.findUnique({
    where: { id: cycleId },
    select: { id: true, blocId: true, year: true, startedAt: true, bloc: { select: { provinceId: true } } },
  });
  const cycle = row && {
    id: row.id,
    blocId: row.blocId,
    year: row.year,
    startedAt: row.startedAt,
    provinceId: row.bloc.provinceId,
  };
  if (!cycle || !(await mayReadCycle(deps, p, cycle))) throw notFound(`cycle ${cycleId}`);
  return cycle;
}

/** The bloc's history, if the caller may read it: which of its years they see (all, or their unit's membership years); 404 otherwise. */
export async function requireBlocReader(
  deps: AppDeps,
  p: Principal,
  blocId: string,
): Promise<{ provinceId: string; seesYear: (year: number) => boolean }> {
  const bloc = await deps.db.prisma.bloc.findUnique({ where: { id: blocId }, select: { provinceId: true } });
  if (!bloc) throw notFound(`bloc ${blocId}`);
  if (p.roles.includes('admin') || (await councilProvincesOf(deps, p)).includes(bloc.provinceId))
    return { provinceId: bloc.provinceId, seesYear: () => true };
  if (
    p.unitId &&
    p.roles.includes('unitOfficer') &&
    (await deps.db.prisma.blocMembership.count({ where: { blocId, unitId: p.unitId } })) > 0
  ) {
    return { provinceId: bloc.provinceId, seesYear: await membershipYears(deps, p.unitId, blocId) };
  }
  throw notFound(`bloc ${blocId}`);
}

/** A unit's history: the admin, the council of the unit's province, the unit's own people; 404 otherwise. */
export async function requireUnitReader(deps: AppDeps, p: Principal, unitId: string): Promise<void> {
  if (p.roles.includes('admin') || p.unitId === unitId) return;
  const unit = await deps.db.prisma.unit.findUnique({ where: { id: unitId }, select: { provinceId: true } });
  if (unit && (await councilProvincesOf(deps, p)).includes(unit.provinceId)) return;
  throw notFound(`unit ${unitId}`);
}

/** A province-level read (bloc list, Government flag): the caller's province(s); 404 otherwise. */
export async function requireProvinceReader(deps: AppDeps, p: Principal, provinceId: string): Promise<void> {
  const provinces = await readableProvincesOf(deps, p);
  if (provinces && !provinces.includes(provinceId)) throw notFound(`province ${provinceId}`);
}

/**
 * Who sees the reasons of holds (ND 152/2025 Art. 4(4): investigations, inspections, discipline) in a
 * province: the admin, the province's council, and each held unit's own people (`seesUnit`).
 */
export async function holdReasonReader(
  deps: AppDeps,
  p: Principal,
  provinceId: string,
): Promise<(unitId: string) => boolean> {
  if (p.roles.includes('admin') || (await councilProvincesOf(deps, p)).includes(provinceId)) return () => true;
  return (unitId) => p.unitId === unitId;
}

/** Reasons that come from a hold: the proposal is held or disqualified, or its reason cites Art. 4(4). */
export const isHoldReason = (status: string, reason: string | null | undefined): boolean =>
  !!reason &&
  (status === 'onHold' ||
    status === 'disqualified' ||
    reason.includes('Điều 4 khoản 4') ||
    /Art\.?\s*4\s*\(4\)/.test(reason));

/** A proposal's reason as this reader may see it: a hold reason of another unit becomes null. */
export const visibleReason = (
  sees: (unitId: string) => boolean,
  p: { unitId: string; status: string; reason: string | null },
): string | null => (isHoldReason(p.status, p.reason) && !sees(p.unitId) ? null : p.reason);

/** 404 of a read scoped to a cycle (OpenAPI answer): the same for a missing cycle and one the caller may not read. */
export const CYCLE_NOT_READABLE = { description: 'no such cycle, or not yours to read (read scope: README)' };

/** A cycle the caller may read (404 otherwise), and whether they see the reasons of its holds. */
export async function readCycleAs(
  deps: AppDeps,
  p: Principal,
  cycleId: string,
): Promise<{ readable: ReadableCycle; sees: (unitId: string) => boolean }> {
  const readable = await requireCycleReader(deps, p, cycleId);
  return { readable, sees: await holdReasonReader(deps, p, readable.provinceId) };
}
