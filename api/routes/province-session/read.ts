/**
 * The read of the province award sessions, from their projection (ProvinceSession rows written by the workflow):
 * never a workflow query. Scope: the admin and the province's council (members, secretary) see everything; a unit
 * officer sees only the dossiers their unit heads (and those dossiers' proposals and decision lines); others 404.
 */
import type { Router } from 'express';
import * as ps from '../../../contracts/province-session';
import type { AppDeps, Principal } from '../../context';
import { HttpError } from '../../errors';
import { principalOf } from '../../auth';
import { route } from '../../route';
import { sitsOnCouncilOf } from '../../scope';
import { SessionParams, YearParams } from './shared';

/** The council's members with their names (the attendance list of the web UI); a row projected before has none. */
async function withCouncil(deps: AppDeps, v: ps.ProvinceSessionView): Promise<ps.ProvinceSessionView> {
  const memberIds = v.memberIds ?? [];
  const people = await deps.db.prisma.person.findMany({
    where: { id: { in: memberIds } },
    select: { id: true, fullName: true },
  });
  const name = new Map(people.map((x) => [x.id, x.fullName]));
  return {
    ...v,
    memberIds,
    presentMemberIds: v.presentMemberIds ?? null,
    voterIds: v.voterIds ?? [],
    council: memberIds.map((personId) => ({ personId, fullName: name.get(personId) ?? personId })),
  };
}

/** The view as the caller may see it, or null (nothing of theirs). */
export async function scoped(
  deps: AppDeps,
  p: Principal,
  v: ps.ProvinceSessionView,
): Promise<ps.ProvinceSessionView | null> {
  if (p.roles.includes('admin') || (await sitsOnCouncilOf(deps, p, v.provinceId))) return withCouncil(deps, v);
  if (!p.unitId || !p.roles.includes('unitOfficer')) return null;
  const dossiers = v.dossiers.filter((d) => d.headUnitId === p.unitId);
  if (dossiers.length === 0) return null;
  const cycles = new Set(dossiers.map((d) => d.cycleId));
  const proposals = v.proposals.filter((x) => cycles.has(x.cycleId));
  const mine = new Set(proposals.map((x) => x.proposalId));
  return {
    ...v,
    dossiers,
    proposals,
    decisions: v.decisions
      .map((d) => ({ ...d, awardees: d.awardees.filter((x) => mine.has(x.proposalId)) }))
      .filter((d) => d.awardees.length > 0),
  };
}

export function sessionReadRoutes(router: Router, deps: AppDeps): void {
  const { prisma } = deps.db;
  route(
    router,
    {
      method: 'get',
      path: '/api/provinces/:provinceId/years/:year/sessions',
      summary:
        'The province award sessions of a year (one per sitting), from the projection: phase, deadline, quorum, dossiers, proposals with outcomes (counts only after the vote closes), decisions per award kind',
      tags: ['everyone'],
      params: YearParams,
      responses: {
        200: { description: 'the sittings the caller may see (a bloc head: only its own dossiers)' },
        404: { description: 'no such province, or not yours' },
      },
    },
    async (input, req, res) => {
      const principal = principalOf(req);
      const { provinceId, year } = input.params;
      const rows = await prisma.provinceSession.findMany({ where: { provinceId, year }, orderBy: { n: 'asc' } });
      const views = [];
      for (const r of rows) {
        const v = await scoped(deps, principal, r.view as unknown as ps.ProvinceSessionView);
        if (v) views.push(v);
      }
      const reader = principal.roles.includes('admin') || (await sitsOnCouncilOf(deps, principal, provinceId));
      if (!reader && views.length === 0) throw new HttpError(404, 'NOT_FOUND', `no sessions of ${year}`);
      res.json({ sessions: views });
    },
  );
  route(
    router,
    {
      method: 'get',
      path: '/api/provinces/:provinceId/years/:year/sessions/:n',
      summary: 'One sitting of the province award session, from the projection (scoped as the list)',
      tags: ['everyone'],
      params: SessionParams,
      responses: {
        200: { description: 'the sitting' },
        404: { description: 'no such sitting, or nothing of it is yours' },
      },
    },
    async (input, req, res) => {
      const principal = principalOf(req);
      const { provinceId, year, n } = input.params;
      const row = await prisma.provinceSession.findUnique({
        where: { id: ps.provinceSessionWorkflowId(provinceId, year, n) },
      });
      const v = row ? await scoped(deps, principal, row.view as unknown as ps.ProvinceSessionView) : null;
      if (!v) throw new HttpError(404, 'NOT_FOUND', `no session ${n} of ${year}`);
      res.json(v);
    },
  );
}
