import { hashPassword } from '../../security/passwords';
import type { Tx } from '../../writes';
import {
  RoleSpecSchema,
  type RoleSpec,
  CreatePersonSchema,
  UpdatePersonSchema,
  DeactivateSchema,
  P,
  PeopleQuery,
} from './schemas';
import { notFound, conflict, PERSON, page, cursorArgs, type AdminRoutes } from './shared';

/** Grants a role after checking it fits the person (their unit, the council exists, not already held). */
export async function assignRole(
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

export function peopleRoutes({ read, write, param, prisma }: AdminRoutes): void {
  // ── people
  read(
    '/api/admin/people',
    { summary: 'People and their roles, never a password hash (page by username)', query: PeopleQuery },
    async ({ query: q }) => {
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
    async (ctx, { body: b }) => {
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
    async (ctx, { body: b }, req) => {
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
    async (ctx, { body: b }, req) => {
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
    async (ctx, { body: spec }, req) => {
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
    async (ctx, _input, req) => {
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
}
