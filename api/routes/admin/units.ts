import { HttpError } from '../../errors';
import { CreateUnitSchema, UpdateUnitSchema, DissolveUnitSchema, P, UnitQuery } from './schemas';
import {
  notFound,
  conflict,
  day,
  isoDay,
  UNIT_REF,
  page,
  cursorArgs,
  runningCycleOf,
  type AdminRoutes,
} from './shared';

export function unitRoutes({ read, write, param, prisma }: AdminRoutes): void {
  // ── units
  const unitInclude = {
    province: { select: { code: true, name: true } },
    successor: UNIT_REF,
    predecessors: UNIT_REF,
  } as const;
  read(
    '/api/admin/units',
    { summary: 'Units, with successor links (page by unit code)', query: UnitQuery },
    async ({ query: q }) => {
      const where = {
        ...(q.province ? { province: { code: q.province } } : {}),
        ...(q.dissolved ? { dissolvedOn: q.dissolved === 'true' ? { not: null } : null } : {}),
      };
      const rows = await prisma.unit.findMany({
        where,
        orderBy: { code: 'asc' },
        ...cursorArgs('code', q.cursor, q.take),
        include: unitInclude,
      });
      return page(rows, q.take, (u) => u.code);
    },
  );

  write(
    'post',
    '/api/admin/units',
    { summary: 'Create a unit (đơn vị)', body: CreateUnitSchema, ok: 201 },
    async (ctx, { body: b }) => {
      if (!(await ctx.tx.province.findUnique({ where: { id: b.provinceId } })))
        throw notFound('province', ['provinceId']);
      if (await ctx.tx.unit.findUnique({ where: { code: b.code } }))
        throw conflict(`a unit ${b.code} already exists`, ['code']);
      const unit = await ctx.tx.unit.create({ data: b, include: unitInclude });
      await ctx.audit({ action: 'admin.unit.create', entity: 'unit', entityId: unit.id, after: b });
      return unit;
    },
  );

  write(
    'patch',
    '/api/admin/units/:unitId',
    {
      summary: 'Update or rename a unit (code, name, short name, share of women); the old values stay in the audit log',
      params: P.unit,
      body: UpdateUnitSchema,
    },
    async (ctx, { body: b }, req) => {
      const before = await ctx.tx.unit.findUnique({ where: { id: param(req, 'unitId') } });
      if (!before) throw notFound('unit');
      if (b.code && b.code !== before.code && (await ctx.tx.unit.findUnique({ where: { code: b.code } })))
        throw conflict(`a unit ${b.code} already exists`, ['code']);
      const after = await ctx.tx.unit.update({ where: { id: before.id }, data: b, include: unitInclude });
      const pick = (u: typeof before) => ({
        code: u.code,
        name: u.name,
        shortName: u.shortName,
        womenRatio: u.womenRatio,
      });
      const renamed = b.name !== undefined && b.name !== before.name;
      await ctx.audit({
        action: renamed || (b.code && b.code !== before.code) ? 'admin.unit.rename' : 'admin.unit.update',
        entity: 'unit',
        entityId: before.id,
        before: pick(before),
        after: pick(after),
      });
      return after;
    },
  );

  write(
    'post',
    '/api/admin/units/:unitId/dissolve',
    {
      summary:
        'Dissolve a unit; with successorId it merges into that unit (successor link), whose history then carries on',
      description:
        'Its memberships end on the date. Refused (409) while it is a member of a bloc whose cycle is running (leave through the cycle first) or while it is a bloc head or deputy.',
      params: P.unit,
      body: DissolveUnitSchema,
    },
    async (ctx, { body: b }, req) => {
      const unit = await ctx.tx.unit.findUnique({ where: { id: param(req, 'unitId') } });
      if (!unit) throw notFound('unit');
      if (unit.dissolvedOn) throw conflict('the unit is already dissolved', undefined, 'ALREADY_DONE');
      if (b.successorId) {
        if (b.successorId === unit.id)
          throw new HttpError(422, 'VALIDATION', 'a unit cannot succeed itself', [
            { path: ['successorId'], message: 'same unit' },
          ]);
        const successor = await ctx.tx.unit.findUnique({ where: { id: b.successorId } });
        if (!successor) throw notFound('unit', ['successorId']);
        if (successor.dissolvedOn) throw conflict('the successor is dissolved', ['successorId']);
      }
      const memberships = await ctx.tx.blocMembership.findMany({
        where: { unitId: unit.id, leftOn: null },
        include: { bloc: true },
      });
      for (const m of memberships) {
        const running = await runningCycleOf(ctx.tx, m.blocId);
        if (running)
          throw conflict(
            `the unit is a member of ${m.bloc.code}, whose cycle ${running.id} is running: record its leave through POST /api/cycles/${running.id}/membership/leave first`,
          );
        if (m.bloc.headUnitId === unit.id || m.bloc.deputyUnitId === unit.id)
          throw conflict(`the unit is head or deputy of ${m.bloc.code}: recognise another unit first`);
        if (day(b.dissolvedOn) < m.joinedOn)
          throw new HttpError(
            422,
            'VALIDATION',
            `the unit joined ${m.bloc.code} on ${isoDay(m.joinedOn)}: it cannot be dissolved before`,
            [{ path: ['dissolvedOn'], message: `must be on or after ${isoDay(m.joinedOn)}` }],
          );
      }
      await ctx.tx.blocMembership.updateMany({
        where: { unitId: unit.id, leftOn: null },
        data: { leftOn: day(b.dissolvedOn), reason: b.reason },
      });
      const after = await ctx.tx.unit.update({
        where: { id: unit.id },
        data: { dissolvedOn: day(b.dissolvedOn), successorId: b.successorId ?? null },
        include: unitInclude,
      });
      await ctx.audit({
        action: b.successorId ? 'admin.unit.merge' : 'admin.unit.dissolve',
        entity: 'unit',
        entityId: unit.id,
        before: { dissolvedOn: null, successorId: unit.successorId },
        after: {
          dissolvedOn: b.dissolvedOn,
          successorId: b.successorId ?? null,
          reason: b.reason,
          membershipsEnded: memberships.map((m) => m.bloc.code),
        },
      });
      return after;
    },
  );
}
