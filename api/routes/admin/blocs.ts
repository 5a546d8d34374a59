import { HttpError } from '../../errors';
import {
  PageQuerySchema,
  CreateBlocSchema,
  UpdateBlocSchema,
  AddMemberSchema,
  LeaveSchema,
  P,
  BlocQuery,
} from './schemas';
import {
  notFound,
  conflict,
  day,
  isoDay,
  UNIT_REF,
  BLOC,
  page,
  cursorArgs,
  runningCycleOf,
  AdminRoutes,
} from './shared';

export function blocRoutes({ read, write, param, prisma }: AdminRoutes): void {
  // ── blocs
  read(
    '/api/admin/blocs',
    { summary: 'Blocs with head, deputy and current members (page by bloc code)', query: BlocQuery },
    async ({ query: q }) => {
      const rows = await prisma.bloc.findMany({
        where: q.province ? { province: { code: q.province } } : {},
        orderBy: { code: 'asc' },
        ...cursorArgs('code', q.cursor, q.take),
        include: BLOC,
      });
      return page(rows, q.take, (b) => b.code);
    },
  );

  write(
    'post',
    '/api/admin/blocs',
    {
      summary: 'Create a bloc (khối thi đua) with its rule-set code; add members, then recognise head and deputy',
      description:
        'Rotation of the head and deputy is not a bloc field: it is the rule-set’s `rotation` (policy, noTwiceInARow, fixedOrder), versioned by date (README, "Rotation"). ' +
        '`level` (province, department, commune, district) chooses the award catalogue of the rule-set (README, "Award catalogue"); below the province `authorityName` and `signerName` name the body and the head who sign its Giấy khen. A district bloc runs only years before 2025-07-01.',
      body: CreateBlocSchema,
      ok: 201,
    },
    async (ctx, { body: b }) => {
      if (!(await ctx.tx.province.findUnique({ where: { id: b.provinceId } })))
        throw notFound('province', ['provinceId']);
      if (!(await ctx.tx.ruleSet.findFirst({ where: { code: b.ruleSetCode } })))
        throw notFound('rule-set code', ['ruleSetCode']);
      if (await ctx.tx.bloc.findUnique({ where: { code: b.code } }))
        throw conflict(`a bloc ${b.code} already exists`, ['code']);
      const bloc = await ctx.tx.bloc.create({ data: b, include: BLOC });
      await ctx.audit({ action: 'admin.bloc.create', entity: 'bloc', entityId: bloc.id, after: b });
      return bloc;
    },
  );

  write(
    'patch',
    '/api/admin/blocs/:blocId',
    {
      summary:
        'Update a bloc: name, rule-set code (which carries the rotation policy); recognise its head and deputy (current members, different units)',
      description:
        'The head and deputy recognised here are those of the next cycle started for the bloc; a running cycle keeps its own (each handover records the next ones).',
      params: P.bloc,
      body: UpdateBlocSchema,
    },
    async (ctx, { body: b }, req) => {
      const before = await ctx.tx.bloc.findUnique({ where: { id: param(req, 'blocId') } });
      if (!before) throw notFound('bloc');
      if (b.ruleSetCode && !(await ctx.tx.ruleSet.findFirst({ where: { code: b.ruleSetCode } })))
        throw notFound('rule-set code', ['ruleSetCode']);
      const head = b.headUnitId ?? before.headUnitId;
      const deputy = b.deputyUnitId ?? before.deputyUnitId;
      if (head && head === deputy)
        throw new HttpError(422, 'VALIDATION', 'the head and the deputy must be different units', [
          { path: [b.deputyUnitId ? 'deputyUnitId' : 'headUnitId'], message: 'same unit as the other' },
        ]);
      for (const field of ['headUnitId', 'deputyUnitId'] as const) {
        const unitId = b[field];
        if (!unitId) continue;
        if (!(await ctx.tx.unit.findUnique({ where: { id: unitId }, select: { id: true } })))
          throw notFound('unit', [field]);
        const member = await ctx.tx.blocMembership.findFirst({ where: { blocId: before.id, unitId, leftOn: null } });
        if (!member) throw conflict('only a current member of the bloc can be recognised as head or deputy', [field]);
      }
      const after = await ctx.tx.bloc.update({ where: { id: before.id }, data: b, include: BLOC });
      const pick = (x: typeof before) => ({
        name: x.name,
        ruleSetCode: x.ruleSetCode,
        headUnitId: x.headUnitId,
        deputyUnitId: x.deputyUnitId,
        level: x.level,
        authorityName: x.authorityName,
        signerName: x.signerName,
      });
      await ctx.audit({
        action: b.headUnitId || b.deputyUnitId ? 'admin.bloc.recognise' : 'admin.bloc.update',
        entity: 'bloc',
        entityId: before.id,
        before: pick(before),
        after: pick(after),
      });
      return after;
    },
  );

  read(
    '/api/admin/blocs/:blocId/members',
    {
      summary: 'Membership history of a bloc ([joinedOn, leftOn), newest first)',
      params: P.bloc,
      query: PageQuerySchema,
    },
    async ({ query: q }, req) => {
      if (!(await prisma.bloc.findUnique({ where: { id: param(req, 'blocId') }, select: { id: true } })))
        throw notFound('bloc');
      const rows = await prisma.blocMembership.findMany({
        where: { blocId: param(req, 'blocId') },
        orderBy: [{ joinedOn: 'desc' }, { id: 'asc' }],
        ...cursorArgs('id', q.cursor, q.take),
        select: { id: true, joinedOn: true, leftOn: true, reason: true, unit: UNIT_REF },
      });
      return page(rows, q.take, (m) => m.id);
    },
  );

  write(
    'post',
    '/api/admin/blocs/:blocId/members',
    {
      summary: 'Add a unit of the same province to a bloc from a date (joinedOn)',
      description:
        'A running cycle keeps the members it started with: the unit takes part from the next cycle (the response says so in `note`).',
      params: P.bloc,
      body: AddMemberSchema,
      ok: 201,
    },
    async (ctx, { body: b }, req) => {
      const bloc = await ctx.tx.bloc.findUnique({ where: { id: param(req, 'blocId') } });
      if (!bloc) throw notFound('bloc');
      const unit = await ctx.tx.unit.findUnique({ where: { id: b.unitId } });
      if (!unit) throw notFound('unit', ['unitId']);
      if (unit.dissolvedOn) throw conflict('the unit is dissolved', ['unitId']);
      if (unit.provinceId !== bloc.provinceId) throw conflict('the unit belongs to another province', ['unitId']);
      if (await ctx.tx.blocMembership.findFirst({ where: { blocId: bloc.id, unitId: b.unitId, leftOn: null } }))
        throw conflict('the unit is already a member of this bloc', ['unitId'], 'ALREADY_DONE');
      // Membership periods [joinedOn, leftOn) of a unit in a bloc never overlap: a rejoin starts on or after the last leave.
      const last = await ctx.tx.blocMembership.findFirst({
        where: { blocId: bloc.id, unitId: b.unitId, leftOn: { not: null } },
        orderBy: { leftOn: 'desc' },
        select: { leftOn: true },
      });
      if (last?.leftOn && day(b.joinedOn) < last.leftOn)
        throw conflict(`the unit left this bloc on ${isoDay(last.leftOn)}: it can rejoin from that day on`, [
          'joinedOn',
        ]);
      const membership = await ctx.tx.blocMembership.create({
        data: { blocId: bloc.id, unitId: b.unitId, joinedOn: day(b.joinedOn), reason: b.reason ?? null },
        select: { id: true, blocId: true, joinedOn: true, leftOn: true, reason: true, unit: UNIT_REF },
      });
      await ctx.audit({
        action: 'admin.membership.join',
        entity: 'bloc',
        entityId: bloc.id,
        after: { unitId: b.unitId, joinedOn: b.joinedOn, reason: b.reason },
      });
      const running = await runningCycleOf(ctx.tx, bloc.id);
      return {
        ...membership,
        ...(running
          ? { note: `cycle ${running.id} keeps the members it started with; the unit takes part from the next cycle` }
          : {}),
      };
    },
  );

  write(
    'post',
    '/api/admin/blocs/:blocId/members/:unitId/leave',
    {
      summary: 'Record a unit leaving a bloc when no cycle of the bloc is running',
      description:
        'While a cycle of the bloc is not closed (after a handover the next year waits in `launch`), a unit leaves through the cycle: `POST /api/cycles/{cycleId}/membership/leave` (admin). Here that is refused with 409 naming the cycle. The bloc head or deputy cannot leave before another unit is recognised in their place.',
      params: P.member,
      body: LeaveSchema,
    },
    async (ctx, { body: b }, req) => {
      const bloc = await ctx.tx.bloc.findUnique({ where: { id: param(req, 'blocId') } });
      if (!bloc) throw notFound('bloc');
      const membership = await ctx.tx.blocMembership.findFirst({
        where: { blocId: bloc.id, unitId: param(req, 'unitId'), leftOn: null },
      });
      if (!membership) throw notFound('current membership of this unit in this bloc');
      const running = await runningCycleOf(ctx.tx, bloc.id);
      if (running)
        throw conflict(
          `cycle ${running.id} is running: record the leave through POST /api/cycles/${running.id}/membership/leave`,
        );
      if (bloc.headUnitId === membership.unitId || bloc.deputyUnitId === membership.unitId)
        throw conflict('the unit is the bloc head or deputy: recognise another unit first');
      if (day(b.leftOn) < membership.joinedOn)
        throw new HttpError(422, 'VALIDATION', 'a unit cannot leave before it joined', [
          { path: ['leftOn'], message: `must be on or after ${isoDay(membership.joinedOn)}` },
        ]);
      const after = await ctx.tx.blocMembership.update({
        where: { id: membership.id },
        data: { leftOn: day(b.leftOn), reason: b.reason },
        select: { id: true, blocId: true, joinedOn: true, leftOn: true, reason: true, unit: UNIT_REF },
      });
      await ctx.audit({
        action: 'admin.membership.leave',
        entity: 'bloc',
        entityId: bloc.id,
        before: { unitId: membership.unitId, leftOn: null },
        after: { unitId: membership.unitId, leftOn: b.leftOn, reason: b.reason },
      });
      return after;
    },
  );
}
