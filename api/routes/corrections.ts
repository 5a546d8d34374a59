/** What the API fills in for a correction act from the registry (api/routes/acts.ts): the joining unit and its officers. */
import type { AppDeps } from '../context';
import { rosterOf } from '../cycle-input';
import { HttpError } from '../errors';
import type { CycleScope } from '../scope';

export async function memberFromRegistry(deps: AppDeps, cycle: CycleScope, unitId: string) {
  const { prisma } = deps.db;
  const bloc = await prisma.bloc.findUniqueOrThrow({ where: { id: cycle.blocId }, select: { provinceId: true } });
  const unit = await prisma.unit.findUnique({ where: { id: unitId } });
  // A unit of another province is as unknown as one that does not exist.
  if (!unit || unit.provinceId !== bloc.provinceId || unit.dissolvedOn)
    throw new HttpError(404, 'NOT_FOUND', `no unit ${unitId} in this province`, [
      { path: ['unitId'], message: 'not a unit of the province' },
    ]);
  const officers = cycle.councilId ? (await rosterOf(deps.db, [unitId], cycle.councilId)).officers : [];
  return {
    member: {
      unitId: unit.id,
      code: unit.code,
      name: unit.name,
      ...(unit.womenRatio !== null ? { womenRatio: unit.womenRatio } : {}),
    },
    officers: officers.filter((o) => o.unitId === unitId),
  };
}
