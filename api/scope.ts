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
}

/** Who may act on a cycle, read from the projection and the registry (no workflow round-trip). */
export async function loadCycleScope(deps: AppDeps, cycleId: string): Promise<CycleScope> {
  const cycle = await deps.db.prisma.cycle.findUnique({
    where: { id: cycleId },
    select: { id: true, blocId: true, headUnitId: true, deputyUnitId: true, bloc: { select: { provinceId: true, memberships: { where: { leftOn: null }, select: { unitId: true } } } } },
  });
  if (!cycle) throw new HttpError(404, 'NOT_FOUND', `no cycle ${cycleId}`);
  const council = await deps.db.prisma.council.findFirst({ where: { provinceId: cycle.bloc.provinceId }, select: { id: true } });
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
  };
}

/** Does the caller sit (as member or secretary) on the emulation council of this province? */
export async function sitsOnCouncilOf(deps: AppDeps, p: Principal, provinceId: string): Promise<boolean> {
  if (p.councilIds.length === 0 || !(p.roles.includes('councilMember') || p.roles.includes('councilSecretary'))) return false;
  return (await deps.db.prisma.council.findFirst({ where: { id: { in: p.councilIds }, provinceId }, select: { id: true } })) !== null;
}
