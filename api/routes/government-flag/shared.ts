/** What the Government-flag routes share: the selection's path parameters and who may act on it. */
import { z } from 'zod';
import type { AppDeps, Principal } from '../../context';
import { HttpError } from '../../errors';
import { requireRoles } from '../../auth';

/** A selection is named by its province and year N (the same bounds as a cycle's year). */
export const SelectionParams = z.object({ provinceId: z.string(), year: z.coerce.number().int().min(2024).max(2100) });

/** The id of the province's council, or null when it has none. */
export const councilOf = async (deps: AppDeps, provinceId: string): Promise<string | null> =>
  (await deps.db.prisma.council.findFirst({ where: { provinceId }, select: { id: true } }))?.id ?? null;

/** Admin, or the SECRETARY of this province's council. */
export async function requireSecretaryOf(deps: AppDeps, p: Principal, provinceId: string): Promise<void> {
  requireRoles(p, 'admin', 'councilSecretary');
  if (p.roles.includes('admin')) return;
  const councilId = await councilOf(deps, provinceId);
  if (!councilId || !p.secretaryOfCouncilIds.includes(councilId))
    throw new HttpError(403, 'FORBIDDEN', 'only the secretary of this province’s council (or the admin) does this');
}

/** A MEMBER of this province's council. */
export async function requireMemberOf(deps: AppDeps, p: Principal, provinceId: string): Promise<void> {
  requireRoles(p, 'councilMember');
  const councilId = await councilOf(deps, provinceId);
  const ok =
    councilId &&
    (await deps.db.prisma.councilMember.findFirst({
      where: { personId: p.personId, councilId },
      select: { id: true },
    }));
  if (!ok) throw new HttpError(403, 'FORBIDDEN', 'you do not sit on this province’s council');
}
