import { WorkflowNotFoundError } from '@temporalio/client';
import type { AppDeps } from './context';
import { rosterOf } from './cycle-input';
import { rosterChanged } from '../workflows/messages';
import type { Roster } from '../contracts/common';

/**
 * Keeps the roster of every running workflow current after the registry changed who holds which
 * office (an officer appointed or moved, a person deactivated, a secretary or admin role granted or
 * taken away): for each cycle not closed (projection) of the given provinces — all when none are
 * named — the roster is recomputed with `rosterOf` as at the start of the year (the members the
 * cycle started with, the province's council) and signalled (`rosterChanged`) to the cycle workflow
 * and its council review; the province's Government-flag selections and award sessions get the secretaries and admins.
 *
 * Runs after the admin write committed. A workflow that is not running (closed, not found) is
 * skipped; any other failure is logged and does not fail the write: the next change re-sends the
 * whole roster. Answers the workflow ids signalled.
 */
/** The provinces whose rosters a person's offices touch: their unit's and councils' provinces; an admin touches all. */
export async function rosterProvincesOfPerson(deps: AppDeps, personId: string): Promise<{ provinceIds?: string[] }> {
  const person = await deps.db.prisma.person.findUnique({
    where: { id: personId },
    select: {
      unit: { select: { provinceId: true } },
      roles: {
        select: { role: true, unit: { select: { provinceId: true } }, council: { select: { provinceId: true } } },
      },
    },
  });
  if (!person) return { provinceIds: [] };
  if (person.roles.some((r) => r.role === 'admin')) return {}; // admins are in every province's roster
  const ids = [person.unit?.provinceId, ...person.roles.flatMap((r) => [r.unit?.provinceId, r.council?.provinceId])];
  return { provinceIds: [...new Set(ids.filter((id): id is string => !!id))] };
}

/** The union of roster scopes (absent provinceIds = every province). */
export const unionOfScopes = (...scopes: { provinceIds?: string[] }[]): { provinceIds?: string[] } =>
  scopes.some((s) => !s.provinceIds) ? {} : { provinceIds: [...new Set(scopes.flatMap((s) => s.provinceIds!))] };

export async function refreshRosters(deps: AppDeps, scope: { provinceIds?: string[] } = {}): Promise<string[]> {
  const { prisma } = deps.db;
  const signalled: string[] = [];
  const send = async (workflowId: string, roster: Roster) => {
    try {
      await deps.temporal.client.workflow.getHandle(workflowId).signal(rosterChanged, roster);
      signalled.push(workflowId);
    } catch (e) {
      if (e instanceof WorkflowNotFoundError) return; // closed or never started: nothing to keep current
      deps.logger.warn({ err: e, workflowId }, 'roster refresh: signal failed');
    }
  };
  try {
    const provinceFilter = scope.provinceIds ? { provinceId: { in: scope.provinceIds } } : {};
    const cycles = await prisma.cycle.findMany({
      where: { phase: { not: 'closed' }, bloc: provinceFilter },
      select: { id: true, blocId: true, startedAt: true, bloc: { select: { provinceId: true } } },
    });
    for (const cycle of cycles) {
      const council = await prisma.council.findFirst({
        where: { provinceId: cycle.bloc.provinceId },
        select: { id: true },
      });
      if (!council) continue;
      // The members the cycle started with: memberships in force when it started (buildCycleInput).
      const at = cycle.startedAt;
      // …and the units that joined it since (the joinMembership act, issue 12).
      const memberships = await prisma.blocMembership.findMany({
        where: { blocId: cycle.blocId, joinedOn: { lte: new Date() }, OR: [{ leftOn: null }, { leftOn: { gt: at } }] },
        select: { unitId: true },
      });
      const roster = await rosterOf(
        deps.db,
        memberships.map((m) => m.unitId),
        council.id,
      );
      await send(cycle.id, roster);
      await send(`${cycle.id}-council`, roster); // its council review (workflows/cycle.ts), once started
    }
    const councils = await prisma.council.findMany({ where: provinceFilter, select: { id: true, provinceId: true } });
    for (const council of councils) {
      const starts = await prisma.auditLog.findMany({
        where: { action: 'governmentFlag.start', entityId: council.provinceId },
        select: { workflowId: true },
      });
      const ids = [...new Set(starts.map((a) => a.workflowId).filter((id): id is string => !!id))];
      // …and its province award sessions not yet issued (workflows/province-session.ts): the standing body.
      const sittings = await prisma.provinceSession.findMany({
        where: { provinceId: council.provinceId, phase: { not: 'issued' } },
        select: { id: true },
      });
      ids.push(...sittings.map((x) => x.id));
      if (ids.length === 0) continue;
      const roster = await rosterOf(deps.db, [], council.id);
      for (const id of ids) await send(id, roster);
    }
  } catch (e) {
    deps.logger.warn({ err: e }, 'roster refresh failed');
  }
  return signalled;
}
