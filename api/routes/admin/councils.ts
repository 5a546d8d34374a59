import { assignRole } from './people';
import { PageQuerySchema, CreateCouncilSchema, UpdateCouncilSchema, AddCouncilMemberSchema, P } from './schemas';
import { notFound, conflict, COUNCIL, page, cursorArgs, type AdminRoutes } from './shared';

export function councilRoutes({ read, write, param, prisma }: AdminRoutes): void {
  // ── councils
  read(
    '/api/admin/councils',
    { summary: 'Emulation–commendation councils with members and secretaries', query: PageQuerySchema },
    async ({ query: q }) => {
      const rows = await prisma.council.findMany({
        orderBy: { id: 'asc' },
        ...cursorArgs('id', q.cursor, q.take),
        include: COUNCIL,
      });
      return page(rows, q.take, (c) => c.id);
    },
  );

  write(
    'post',
    '/api/admin/councils',
    {
      summary: 'Create the council (Hội đồng Thi đua – Khen thưởng) of a province: one per province',
      body: CreateCouncilSchema,
      ok: 201,
    },
    async (ctx, { body: b }) => {
      if (!(await ctx.tx.province.findUnique({ where: { id: b.provinceId } })))
        throw notFound('province', ['provinceId']);
      if (await ctx.tx.council.findFirst({ where: { provinceId: b.provinceId } }))
        throw conflict('the province already has a council', ['provinceId']);
      const council = await ctx.tx.council.create({ data: b, include: COUNCIL });
      await ctx.audit({ action: 'admin.council.create', entity: 'council', entityId: council.id, after: b });
      return council;
    },
  );

  write(
    'patch',
    '/api/admin/councils/:councilId',
    { summary: 'Rename a council', params: P.council, body: UpdateCouncilSchema },
    async (ctx, { body: b }, req) => {
      const before = await ctx.tx.council.findUnique({ where: { id: param(req, 'councilId') } });
      if (!before) throw notFound('council');
      const after = await ctx.tx.council.update({ where: { id: before.id }, data: b, include: COUNCIL });
      await ctx.audit({
        action: 'admin.council.update',
        entity: 'council',
        entityId: before.id,
        before: { name: before.name },
        after: b,
      });
      return after;
    },
  );

  write(
    'post',
    '/api/admin/councils/:councilId/members',
    {
      summary:
        'Seat a person on a council (chair, vice-chair or member); a running council review keeps the members it started with',
      params: P.council,
      body: AddCouncilMemberSchema,
      ok: 201,
    },
    async (ctx, { body: b }, req) => {
      const councilId = param(req, 'councilId');
      if (!(await ctx.tx.council.findUnique({ where: { id: councilId }, select: { id: true } })))
        throw notFound('council');
      const person = await ctx.tx.person.findUnique({ where: { id: b.personId }, select: { id: true, unitId: true } });
      if (!person) throw notFound('person', ['personId']);
      const role = await assignRole(ctx.tx, person, { role: 'councilMember', councilId, position: b.position });
      await ctx.audit({
        action: 'admin.council.seat',
        entity: 'council',
        entityId: councilId,
        after: { personId: b.personId, position: b.position },
      });
      return { councilId, personId: b.personId, position: b.position, roleId: role.id };
    },
  );

  write(
    'delete',
    '/api/admin/councils/:councilId/members/:personId',
    { summary: 'Unseat a council member (and take the council-member role away)', params: P.seat },
    async (ctx, _input, req) => {
      const councilId = param(req, 'councilId');
      const personId = param(req, 'personId');
      const seat = await ctx.tx.councilMember.findUnique({ where: { councilId_personId: { councilId, personId } } });
      if (!seat) throw notFound('council member');
      await ctx.tx.councilMember.delete({ where: { id: seat.id } });
      await ctx.tx.roleAssignment.deleteMany({ where: { personId, councilId, role: 'councilMember' } });
      await ctx.audit({
        action: 'admin.council.unseat',
        entity: 'council',
        entityId: councilId,
        before: { personId, position: seat.position },
      });
      return { removed: { councilId, personId, position: seat.position } };
    },
  );
}
