import { CreateProvinceSchema, UpdateProvinceSchema, P } from './schemas';
import { notFound, conflict, type AdminRoutes } from './shared';

export function provinceRoutes({ read, write, param, prisma }: AdminRoutes): void {
  // ── provinces (to fill forms)
  const PROVINCE = { id: true, code: true, name: true } as const;
  read('/api/admin/provinces', { summary: 'Provinces (for the forms below)' }, async () => ({
    items: await prisma.province.findMany({ orderBy: { code: 'asc' }, select: PROVINCE }),
    nextCursor: null,
  }));

  write(
    'post',
    '/api/admin/provinces',
    {
      summary: 'Create a province (tỉnh, thành phố); its code is fixed (it names the Government-flag workflows)',
      body: CreateProvinceSchema,
      ok: 201,
    },
    async (ctx, { body: b }) => {
      if (await ctx.tx.province.findUnique({ where: { code: b.code } }))
        throw conflict(`a province ${b.code} already exists`, ['code']);
      const province = await ctx.tx.province.create({ data: b, select: PROVINCE });
      await ctx.audit({ action: 'admin.province.create', entity: 'province', entityId: province.id, after: b });
      return province;
    },
  );

  write(
    'patch',
    '/api/admin/provinces/:provinceId',
    {
      summary: 'Rename a province; the old name stays in the audit log',
      params: P.province,
      body: UpdateProvinceSchema,
    },
    async (ctx, { body: b }, req) => {
      const before = await ctx.tx.province.findUnique({ where: { id: param(req, 'provinceId') }, select: PROVINCE });
      if (!before) throw notFound('province');
      const after = await ctx.tx.province.update({ where: { id: before.id }, data: b, select: PROVINCE });
      await ctx.audit({
        action: 'admin.province.rename',
        entity: 'province',
        entityId: before.id,
        before: { name: before.name },
        after: { name: after.name },
      });
      return after;
    },
  );
}
