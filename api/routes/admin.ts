/**
 * The registry, kept by the administrator: provinces (create, rename), blocs (head and deputy recognition, rule-set code,
 * rotation policy), units (rename, merger into a successor, dissolution), bloc membership, people
 * and their roles, emulation councils and their members, rule-set versions.
 *
 * Every endpoint requires the admin role (403 before anything is looked up). Bodies are Zod-checked
 * (400 with issue paths, unknown fields refused); each write runs in one transaction with its
 * AuditLog row (actor, action, before/after) and honours `Idempotency-Key` (api/writes.ts).
 * Missing rows are 404, duplicates 409. Lists page with `take` and `cursor` (= `nextCursor` of
 * the previous page).
 *
 * What a running cycle keeps: the workflow received the bloc's members, head, deputy, council and
 * rule-set when the year started. Registry changes apply to cycles started afterwards, with one
 * exception that must go through the cycle itself — a unit LEAVING a bloc whose cycle is running
 * is the act `POST /api/cycles/{cycleId}/membership/leave` (quorum and vote bases change with it);
 * here it is refused with 409 while a cycle of the bloc is not closed. Who holds which office is the
 * exception the other way: a write on people or roles re-sends every running workflow its roster once
 * it committed (api/rosters.ts), so appointments, moves and deactivations count in the running year.
 */
import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { IdSchema, STATED, atLeastOneField, blankPadded, trimmedMatch, trimmedText } from '../../contracts/common';
import { RotationPolicySchema, RuleSetSchema } from '../../domain/ruleset';
import type { AppDeps } from '../context';
import { HttpError } from '../errors';
import { principalOf, requireRoles } from '../auth';
import { ErrorSchema, refuseOtherMethods, registry } from '../openapi';
import { hashPassword } from '../security/passwords';
import { refreshRosters } from '../rosters';
import { transactionalWrite, type Outcome, type Tx, type WriteContext } from '../writes';

// ───────────────────────────────────────────────────────────────────────────── contracts

const Code = trimmedMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{1,49}$/, '2–50 letters, digits, ".", "_" or "-"');
const Name = trimmedText(2, 300);
const Reason = trimmedText(3, 2000);
const IsoDate = z.iso.date();
// Lower-cased before the match: the document admits upper case too.
const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{2,99}$/, '3–100 lower-case letters, digits, ".", "_" or "-"')
  .meta({ pattern: blankPadded('[A-Za-z0-9][A-Za-z0-9._-]{2,99}') });
const Password = z.string().min(10, 'at least 10 characters').max(200);
export const CouncilPositionSchema = z.enum(['chair', 'viceChair', 'member']);

export const PageQuerySchema = z.object({
  take: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().min(1).max(200).optional(),
});

/** A province code names its workflows (govflag-<CODE>-<N>) and filters lists (`?province=`, ≤ 20 characters). */
const ProvinceCode = trimmedMatch(/^[A-Za-z0-9][A-Za-z0-9_-]{1,19}$/, '2–20 letters, digits, "_" or "-"');
export const CreateProvinceSchema = z.strictObject({ code: ProvinceCode, name: Name });
export const UpdateProvinceSchema = z.strictObject({ name: Name });

export const CreateBlocSchema = z.strictObject({
  code: Code,
  name: Name,
  provinceId: IdSchema,
  ruleSetCode: trimmedText(1, 100),
  rotationPolicy: RotationPolicySchema,
});
export const UpdateBlocSchema = atLeastOneField(
  z.strictObject({
    name: Name.optional(),
    ruleSetCode: trimmedText(1, 100).optional(),
    rotationPolicy: RotationPolicySchema.optional(),
    headUnitId: IdSchema.optional(),
    deputyUnitId: IdSchema.optional(),
  }),
);
export const AddMemberSchema = z.strictObject({ unitId: IdSchema, joinedOn: IsoDate, reason: Reason.optional() });
export const LeaveSchema = z.strictObject({ leftOn: IsoDate, reason: Reason });

export const CreateUnitSchema = z.strictObject({
  code: Code,
  name: Name,
  shortName: trimmedText(1, 100),
  provinceId: IdSchema,
  womenRatio: z.number().min(0).max(1).optional(),
});
export const UpdateUnitSchema = atLeastOneField(
  z.strictObject({
    code: Code.optional(),
    name: Name.optional(),
    shortName: trimmedText(1, 100).optional(),
    womenRatio: z.number().min(0).max(1).nullable().optional(),
  }),
);
export const DissolveUnitSchema = z.strictObject({
  dissolvedOn: IsoDate,
  successorId: IdSchema.optional(),
  reason: Reason,
});

export const RoleSpecSchema = z.discriminatedUnion('role', [
  z.strictObject({ role: z.literal('admin') }),
  z.strictObject({ role: z.literal('unitOfficer'), unitId: IdSchema }),
  z.strictObject({
    role: z.literal('councilMember'),
    councilId: IdSchema,
    position: CouncilPositionSchema.default('member'),
  }),
  z.strictObject({ role: z.literal('councilSecretary'), councilId: IdSchema }),
]);
type RoleSpec = z.infer<typeof RoleSpecSchema>;
export const CreatePersonSchema = z.strictObject({
  username: Username,
  fullName: Name,
  email: z.email().max(200),
  password: Password,
  unitId: IdSchema.nullable().optional(),
  roles: z.array(RoleSpecSchema).max(10).default([]),
});
export const UpdatePersonSchema = atLeastOneField(
  z.strictObject({
    fullName: Name.optional(),
    email: z.email().max(200).optional(),
    unitId: IdSchema.nullable().optional(),
    password: Password.optional(),
    active: z.boolean().optional(),
  }),
);
export const DeactivateSchema = z.strictObject({ reason: Reason.optional() });

export const CreateCouncilSchema = z.strictObject({ provinceId: IdSchema, name: Name });
export const UpdateCouncilSchema = z.strictObject({ name: Name });
export const AddCouncilMemberSchema = z.strictObject({
  personId: IdSchema,
  position: CouncilPositionSchema.default('member'),
});

/** A provincial rule-set is the regulation of one province; a national one belongs to none (checked and stated as if/then/else). */
export const CreateRuleSetSchema = z
  .strictObject({ provinceId: IdSchema.nullable().optional(), ruleSet: RuleSetSchema })
  .superRefine((b, ctx) => {
    if (b.ruleSet.scope === 'provincial' && !b.provinceId)
      ctx.addIssue({
        code: 'custom',
        path: ['provinceId'],
        message: 'required when ruleSet.scope is provincial',
        params: STATED,
      });
    if (b.ruleSet.scope === 'national' && b.provinceId)
      ctx.addIssue({
        code: 'custom',
        path: ['provinceId'],
        message: 'must be null when ruleSet.scope is national',
        params: STATED,
      });
  })
  .meta({
    if: { properties: { ruleSet: { properties: { scope: { const: 'provincial' } } } } },
    then: { required: ['provinceId'], properties: { provinceId: { type: 'string' } } },
    else: { properties: { provinceId: { type: 'null' } } },
  });

// ───────────────────────────────────────────────────────────────────────────── helpers

const notFound = (what: string, path?: (string | number)[]) =>
  new HttpError(404, 'NOT_FOUND', `no such ${what}`, path ? [{ path, message: `no such ${what}` }] : undefined);
const conflict = (message: string, path?: (string | number)[], code = 'CONFLICT') =>
  new HttpError(409, code, message, path ? [{ path, message }] : undefined);
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Never the password hash: people are always read through this selection. */
const PERSON = {
  id: true,
  username: true,
  fullName: true,
  email: true,
  unitId: true,
  active: true,
  createdAt: true,
  updatedAt: true,
  roles: { select: { id: true, role: true, unitId: true, councilId: true }, orderBy: { createdAt: 'asc' as const } },
} as const;
const UNIT_REF = { select: { id: true, code: true, name: true } } as const;
const BLOC = {
  province: { select: { id: true, code: true, name: true } },
  headUnit: UNIT_REF,
  deputyUnit: UNIT_REF,
  memberships: {
    where: { leftOn: null },
    orderBy: { joinedOn: 'asc' as const },
    select: { id: true, joinedOn: true, reason: true, unit: UNIT_REF },
  },
} as const;
const COUNCIL = {
  province: { select: { id: true, code: true, name: true } },
  members: {
    orderBy: { createdAt: 'asc' as const },
    select: {
      id: true,
      position: true,
      person: { select: { id: true, username: true, fullName: true, active: true } },
    },
  },
  roleAssignments: {
    where: { role: 'councilSecretary' },
    select: { id: true, person: { select: { id: true, username: true, fullName: true, active: true } } },
  },
} as const;

function page<T>(rows: T[], take: number, cursorOf: (row: T) => string): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, take);
  return { items, nextCursor: rows.length > take && items.length > 0 ? cursorOf(items[items.length - 1]!) : null };
}
const cursorArgs = <K extends string>(field: K, cursor: string | undefined, take: number) => ({
  take: take + 1,
  ...(cursor ? { cursor: { [field]: cursor } as Record<K, string>, skip: 1 } : {}),
});

/** A cycle of the bloc that is not closed (the next year's cycle waits in 'launch' after a handover). */
const runningCycleOf = (tx: Tx, blocId: string) =>
  tx.cycle.findFirst({ where: { blocId, phase: { not: 'closed' } }, select: { id: true, year: true, phase: true } });

async function assignRole(
  tx: Tx,
  person: { id: string; unitId: string | null },
  spec: RoleSpec,
  at: (string | number)[] = [],
) {
  const existing = await tx.roleAssignment.findMany({ where: { personId: person.id, role: spec.role } });
  switch (spec.role) {
    case 'admin':
      if (existing.length > 0) throw conflict('the person is already an admin', [...at, 'role'], 'ALREADY_DONE');
      break;
    case 'unitOfficer': {
      const unit = await tx.unit.findUnique({ where: { id: spec.unitId }, select: { dissolvedOn: true } });
      if (!unit) throw notFound('unit', [...at, 'unitId']);
      if (unit.dissolvedOn) throw conflict('the unit is dissolved', [...at, 'unitId']);
      if (existing.some((r) => r.unitId === spec.unitId))
        throw conflict('the person is already an officer of this unit', [...at, 'unitId'], 'ALREADY_DONE');
      if (person.unitId && person.unitId !== spec.unitId)
        throw conflict('the person belongs to another unit: change their unit first', [...at, 'unitId']);
      if (!person.unitId) {
        await tx.person.update({ where: { id: person.id }, data: { unitId: spec.unitId } });
        person.unitId = spec.unitId;
      }
      break;
    }
    case 'councilMember':
    case 'councilSecretary': {
      if (!(await tx.council.findUnique({ where: { id: spec.councilId }, select: { id: true } })))
        throw notFound('council', [...at, 'councilId']);
      if (existing.some((r) => r.councilId === spec.councilId))
        throw conflict(`the person is already ${spec.role} of this council`, [...at, 'councilId'], 'ALREADY_DONE');
      if (spec.role === 'councilMember') {
        const seat = await tx.councilMember.findUnique({
          where: { councilId_personId: { councilId: spec.councilId, personId: person.id } },
        });
        if (seat) throw conflict('the person already sits on this council', [...at, 'councilId'], 'ALREADY_DONE');
        await tx.councilMember.create({
          data: { councilId: spec.councilId, personId: person.id, position: spec.position },
        });
      }
      break;
    }
  }
  return tx.roleAssignment.create({
    data: {
      personId: person.id,
      role: spec.role,
      unitId: spec.role === 'unitOfficer' ? spec.unitId : null,
      councilId: spec.role === 'councilMember' || spec.role === 'councilSecretary' ? spec.councilId : null,
    },
    select: { id: true, role: true, unitId: true, councilId: true },
  });
}

// ───────────────────────────────────────────────────────────────────────────── routes

type Method = 'get' | 'post' | 'patch' | 'delete';
interface RouteDoc {
  summary: string;
  description?: string;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Status of success (200 unless said). */
  ok?: number;
}

const openApiPath = (p: string) => p.replace(/:(\w+)/g, '{$1}');

function openApi(method: Method, path: string, d: RouteDoc): void {
  const write = method !== 'get';
  registry.registerPath({
    method,
    path: openApiPath(path),
    summary: d.summary,
    ...(d.description ? { description: d.description } : {}),
    tags: ['admin'],
    request: {
      ...(d.params ? { params: d.params } : {}),
      ...(d.query ? { query: d.query } : {}),
      ...(write ? { headers: z.object({ 'idempotency-key': z.uuid().optional() }) } : {}),
      ...(d.body ? { body: { content: { 'application/json': { schema: d.body } } } } : {}),
    },
    responses: {
      [d.ok ?? 200]: {
        description: write
          ? 'done (a repeat with the same Idempotency-Key answers the same)'
          : 'the page: { items, nextCursor }',
      },
      ...(d.body
        ? {
            400: {
              description: 'invalid body (Zod issue paths)',
              content: { 'application/json': { schema: ErrorSchema } },
            },
          }
        : {}),
      401: { description: 'not logged in' },
      403: { description: 'admin only', content: { 'application/json': { schema: ErrorSchema } } },
      ...(d.params || d.body
        ? {
            404: {
              description: 'no such record (issue path names the field)',
              content: { 'application/json': { schema: ErrorSchema } },
            },
          }
        : {}),
      ...(write
        ? {
            409: {
              description: 'duplicate, or not allowed in the current state',
              content: { 'application/json': { schema: ErrorSchema } },
            },
            422: {
              description: 'Idempotency-Key reused for a different request',
              content: { 'application/json': { schema: ErrorSchema } },
            },
          }
        : {}),
    },
  });
}

const P = {
  province: z.object({ provinceId: z.string() }),
  bloc: z.object({ blocId: z.string() }),
  member: z.object({ blocId: z.string(), unitId: z.string() }),
  unit: z.object({ unitId: z.string() }),
  person: z.object({ personId: z.string() }),
  role: z.object({ personId: z.string(), roleId: z.string() }),
  council: z.object({ councilId: z.string() }),
  seat: z.object({ councilId: z.string(), personId: z.string() }),
};

const BlocQuery = PageQuerySchema.extend({ province: z.string().max(20).optional() });
const UnitQuery = PageQuerySchema.extend({
  province: z.string().max(20).optional(),
  dissolved: z.enum(['true', 'false']).optional(),
});
const PeopleQuery = PageQuerySchema.extend({
  unitId: z.string().max(100).optional(),
  active: z.enum(['true', 'false']).optional(),
});
const RuleSetQuery = PageQuerySchema.extend({ code: z.string().max(100).optional() });

export function adminRouter(deps: AppDeps): Router {
  const router = Router();
  const { prisma } = deps.db;

  router.use('/api/admin', (req, _res, next) => {
    requireRoles(principalOf(req), 'admin');
    next();
  });

  const read = (path: string, d: RouteDoc, handler: (req: Request) => Promise<unknown>) => {
    openApi('get', path, d);
    router.get(path, async (req, res) => {
      res.json(await handler(req));
    });
  };
  /** `rosters`: the write changes who holds which office — running workflows get their roster anew once it committed (api/rosters.ts). */
  const write = (
    method: Exclude<Method, 'get'>,
    path: string,
    d: RouteDoc,
    work: (ctx: WriteContext, req: Request) => Promise<unknown>,
    opts: { rosters?: true } = {},
  ) => {
    openApi(method, path, d);
    router[method](path, async (req: Request, res: Response) => {
      const principal = principalOf(req);
      await transactionalWrite(
        deps,
        req,
        res,
        principal,
        async (ctx): Promise<Outcome> => ({ status: d.ok ?? 200, body: await work(ctx, req) }),
        opts.rosters ? async () => void (await refreshRosters(deps)) : undefined,
      );
    });
  };
  const bodyOf = <S extends z.ZodType>(schema: S, req: Request): z.output<S> => schema.parse(req.body ?? {});
  const param = (req: Request, name: string) => String(req.params[name]);

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
    async (ctx, req) => {
      const b = bodyOf(CreateProvinceSchema, req);
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
    async (ctx, req) => {
      const b = bodyOf(UpdateProvinceSchema, req);
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

  // ── blocs
  read(
    '/api/admin/blocs',
    { summary: 'Blocs with head, deputy and current members (page by bloc code)', query: BlocQuery },
    async (req) => {
      const q = BlocQuery.parse(req.query);
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
      summary:
        'Create a bloc (khối thi đua) with its rule-set code and rotation policy; add members, then recognise head and deputy',
      body: CreateBlocSchema,
      ok: 201,
    },
    async (ctx, req) => {
      const b = bodyOf(CreateBlocSchema, req);
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
        'Update a bloc: name, rule-set code, rotation policy; recognise its head and deputy (current members, different units)',
      description:
        'The head and deputy recognised here are those of the next cycle started for the bloc; a running cycle keeps its own (each handover records the next ones).',
      params: P.bloc,
      body: UpdateBlocSchema,
    },
    async (ctx, req) => {
      const b = bodyOf(UpdateBlocSchema, req);
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
        rotationPolicy: x.rotationPolicy,
        headUnitId: x.headUnitId,
        deputyUnitId: x.deputyUnitId,
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
    async (req) => {
      const q = PageQuerySchema.parse(req.query);
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
    async (ctx, req) => {
      const b = bodyOf(AddMemberSchema, req);
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
    async (ctx, req) => {
      const b = bodyOf(LeaveSchema, req);
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

  // ── units
  const unitInclude = {
    province: { select: { code: true, name: true } },
    successor: UNIT_REF,
    predecessors: UNIT_REF,
  } as const;
  read(
    '/api/admin/units',
    { summary: 'Units, with successor links (page by unit code)', query: UnitQuery },
    async (req) => {
      const q = UnitQuery.parse(req.query);
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
    async (ctx, req) => {
      const b = bodyOf(CreateUnitSchema, req);
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
    async (ctx, req) => {
      const b = bodyOf(UpdateUnitSchema, req);
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
    async (ctx, req) => {
      const b = bodyOf(DissolveUnitSchema, req);
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

  // ── people
  read(
    '/api/admin/people',
    { summary: 'People and their roles, never a password hash (page by username)', query: PeopleQuery },
    async (req) => {
      const q = PeopleQuery.parse(req.query);
      const where = { ...(q.unitId ? { unitId: q.unitId } : {}), ...(q.active ? { active: q.active === 'true' } : {}) };
      const rows = await prisma.person.findMany({
        where,
        orderBy: { username: 'asc' },
        ...cursorArgs('username', q.cursor, q.take),
        select: PERSON,
      });
      return page(rows, q.take, (p) => p.username);
    },
  );

  write(
    'post',
    '/api/admin/people',
    {
      summary:
        'Create a person with a password (hashed with scrypt) and roles: admin, unit officer of a unit, council member or secretary of a council',
      body: CreatePersonSchema,
      ok: 201,
    },
    async (ctx, req) => {
      const b = bodyOf(CreatePersonSchema, req);
      const passwordHash = await hashPassword(b.password); // before the first write: the transaction holds no lock yet
      if (await ctx.tx.person.findUnique({ where: { username: b.username } }))
        throw conflict(`the username ${b.username} is taken`, ['username']);
      if (b.unitId && !(await ctx.tx.unit.findUnique({ where: { id: b.unitId }, select: { id: true } })))
        throw notFound('unit', ['unitId']);
      const person = await ctx.tx.person.create({
        data: { username: b.username, fullName: b.fullName, email: b.email, unitId: b.unitId ?? null, passwordHash },
        select: { id: true, unitId: true },
      });
      for (const [i, spec] of b.roles.entries()) await assignRole(ctx.tx, person, spec, ['roles', i]);
      const created = await ctx.tx.person.findUniqueOrThrow({ where: { id: person.id }, select: PERSON });
      await ctx.audit({
        action: 'admin.person.create',
        entity: 'person',
        entityId: person.id,
        after: { username: b.username, fullName: b.fullName, email: b.email, unitId: created.unitId, roles: b.roles },
      });
      return created;
    },
    { rosters: true },
  );

  write(
    'patch',
    '/api/admin/people/:personId',
    { summary: 'Update a person: name, e-mail, unit, password, active', params: P.person, body: UpdatePersonSchema },
    async (ctx, req) => {
      const b = bodyOf(UpdatePersonSchema, req);
      const passwordHash = b.password ? await hashPassword(b.password) : undefined;
      const before = await ctx.tx.person.findUnique({ where: { id: param(req, 'personId') }, select: PERSON });
      if (!before) throw notFound('person');
      if (b.unitId !== undefined && b.unitId !== before.unitId) {
        if (b.unitId && !(await ctx.tx.unit.findUnique({ where: { id: b.unitId }, select: { id: true } })))
          throw notFound('unit', ['unitId']);
        if (before.roles.some((r) => r.role === 'unitOfficer'))
          throw conflict('the person is a unit officer: remove that role before moving them', ['unitId']);
      }
      if (b.active === false && before.id === ctx.principal.personId)
        throw conflict('you cannot deactivate yourself', ['active']);
      const { password, ...rest } = b;
      const after = await ctx.tx.person.update({
        where: { id: before.id },
        data: { ...rest, ...(passwordHash ? { passwordHash, tokenVersion: { increment: 1 } } : {}) },
        select: PERSON,
      });
      const pick = (p: typeof before) => ({ fullName: p.fullName, email: p.email, unitId: p.unitId, active: p.active });
      await ctx.audit({
        action: 'admin.person.update',
        entity: 'person',
        entityId: before.id,
        before: pick(before),
        after: { ...pick(after), ...(password ? { passwordChanged: true } : {}) },
      });
      return after;
    },
    { rosters: true },
  );

  write(
    'post',
    '/api/admin/people/:personId/deactivate',
    {
      summary: 'Deactivate a person: login and every token are refused at once',
      params: P.person,
      body: DeactivateSchema,
    },
    async (ctx, req) => {
      const b = bodyOf(DeactivateSchema, req);
      const person = await ctx.tx.person.findUnique({
        where: { id: param(req, 'personId') },
        select: { id: true, active: true },
      });
      if (!person) throw notFound('person');
      if (!person.active) throw conflict('the person is already inactive', undefined, 'ALREADY_DONE');
      if (person.id === ctx.principal.personId) throw conflict('you cannot deactivate yourself');
      const after = await ctx.tx.person.update({ where: { id: person.id }, data: { active: false }, select: PERSON });
      await ctx.audit({
        action: 'admin.person.deactivate',
        entity: 'person',
        entityId: person.id,
        before: { active: true },
        after: { active: false, reason: b.reason },
      });
      return after;
    },
    { rosters: true },
  );

  write(
    'post',
    '/api/admin/people/:personId/roles',
    {
      summary:
        'Give a person a role: admin; unitOfficer of a unit (their unit); councilMember (with position) or councilSecretary of a council',
      params: P.person,
      body: RoleSpecSchema,
      ok: 201,
    },
    async (ctx, req) => {
      const spec = bodyOf(RoleSpecSchema, req);
      const person = await ctx.tx.person.findUnique({
        where: { id: param(req, 'personId') },
        select: { id: true, unitId: true },
      });
      if (!person) throw notFound('person');
      const role = await assignRole(ctx.tx, person, spec);
      await ctx.audit({ action: 'admin.role.grant', entity: 'person', entityId: person.id, after: spec });
      return role;
    },
    { rosters: true },
  );

  write(
    'delete',
    '/api/admin/people/:personId/roles/:roleId',
    { summary: 'Take a role away (a council member also leaves the council)', params: P.role },
    async (ctx, req) => {
      const role = await ctx.tx.roleAssignment.findFirst({
        where: { id: param(req, 'roleId'), personId: param(req, 'personId') },
      });
      if (!role) throw notFound('role of this person');
      if (role.role === 'admin' && role.personId === ctx.principal.personId)
        throw conflict('you cannot take away your own admin role');
      await ctx.tx.roleAssignment.delete({ where: { id: role.id } });
      if (role.role === 'councilMember' && role.councilId)
        await ctx.tx.councilMember.deleteMany({ where: { councilId: role.councilId, personId: role.personId } });
      await ctx.audit({
        action: 'admin.role.revoke',
        entity: 'person',
        entityId: role.personId,
        before: { role: role.role, unitId: role.unitId, councilId: role.councilId },
      });
      return { removed: { id: role.id, role: role.role, unitId: role.unitId, councilId: role.councilId } };
    },
    { rosters: true },
  );

  // ── councils
  read(
    '/api/admin/councils',
    { summary: 'Emulation–commendation councils with members and secretaries', query: PageQuerySchema },
    async (req) => {
      const q = PageQuerySchema.parse(req.query);
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
    async (ctx, req) => {
      const b = bodyOf(CreateCouncilSchema, req);
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
    async (ctx, req) => {
      const b = bodyOf(UpdateCouncilSchema, req);
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
    async (ctx, req) => {
      const b = bodyOf(AddCouncilMemberSchema, req);
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
    async (ctx, req) => {
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

  // ── rule-sets
  read(
    '/api/admin/rulesets',
    { summary: 'Rule-set versions (newest version first per code)', query: RuleSetQuery },
    async (req) => {
      const q = RuleSetQuery.parse(req.query);
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
    async (ctx, req) => {
      const b = bodyOf(CreateRuleSetSchema, req);
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
    async (req) => {
      const row = await prisma.ruleSet.findUnique({ where: { id: param(req, 'ruleSetId') } });
      if (!row) throw notFound('rule-set version');
      return row;
    },
  );

  return router;
}
