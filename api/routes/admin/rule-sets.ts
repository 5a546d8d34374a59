import { z } from 'zod';
import { refuseOtherMethods } from '../../openapi';
import { CreateRuleSetSchema, RuleSetQuery } from './schemas';
import { notFound, conflict, day, page, cursorArgs, type AdminRoutes } from './shared';

export function ruleSetRoutes({ read, write, param, prisma }: AdminRoutes): void {
  // ── rule-sets
  read(
    '/api/admin/rulesets',
    { summary: 'Rule-set versions (newest version first per code)', query: RuleSetQuery },
    async ({ query: q }) => {
      const rows = await prisma.ruleSet.findMany({
        where: q.code ? { code: q.code } : {},
        orderBy: [{ code: 'asc' }, { version: 'desc' }, { id: 'asc' }],
        ...cursorArgs('id', q.cursor, q.take),
      });
      return page(rows, q.take, (r) => r.id);
    },
  );

  write(
    'post',
    '/api/admin/rulesets',
    {
      summary:
        'Publish a NEW version of a rule-set (validated by domain/ruleset.ts; defaults filled in); published versions are never edited',
      description:
        'The version must be higher than every published version of the code. A cycle uses the highest version in force on 1 January of its year.',
      body: CreateRuleSetSchema,
      ok: 201,
    },
    async (ctx, { body: b }) => {
      const rs = b.ruleSet;
      if (b.provinceId && !(await ctx.tx.province.findUnique({ where: { id: b.provinceId } })))
        throw notFound('province', ['provinceId']);
      const latest = await ctx.tx.ruleSet.aggregate({ where: { code: rs.code }, _max: { version: true } });
      const max = latest._max.version;
      if (max !== null && rs.version <= max)
        throw conflict(`version ${rs.version} of ${rs.code} is not new: the latest published version is ${max}`, [
          'ruleSet',
          'version',
        ]);
      const row = await ctx.tx.ruleSet.create({
        data: {
          code: rs.code,
          version: rs.version,
          scope: rs.scope,
          provinceId: b.provinceId ?? null,
          effectiveFrom: day(rs.effectiveFrom),
          effectiveTo: rs.effectiveTo ? day(rs.effectiveTo) : null,
          body: JSON.parse(JSON.stringify(rs)) as object,
        },
      });
      await ctx.audit({
        action: 'admin.ruleset.publish',
        entity: 'ruleSet',
        entityId: row.id,
        before: max === null ? undefined : { code: rs.code, version: max },
        after: { code: rs.code, version: rs.version, effectiveFrom: rs.effectiveFrom, effectiveTo: rs.effectiveTo },
      });
      return row;
    },
  );

  // Answered before authentication by the app's method guard (405 with Allow: GET, HEAD, OPTIONS).
  refuseOtherMethods(
    '/api/admin/rulesets/{ruleSetId}',
    'IMMUTABLE',
    'a published rule-set version is never edited or deleted: publish a new version (POST /api/admin/rulesets)',
  );
  read(
    '/api/admin/rulesets/:ruleSetId',
    { summary: 'One rule-set version', params: z.object({ ruleSetId: z.string() }) },
    async (_input, req) => {
      const row = await prisma.ruleSet.findUnique({ where: { id: param(req, 'ruleSetId') } });
      if (!row) throw notFound('rule-set version');
      return row;
    },
  );
}
