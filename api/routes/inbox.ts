import { Router } from 'express';
import { z } from 'zod';
import type { AppDeps, Principal } from '../context';
import { rotationPoliciesOn } from '../rotation';
import { readableBlocYearsOf, readableProvincesOf } from '../scope';
import { HttpError } from '../errors';
import { principalOf, requireRoles } from '../auth';
import { route } from '../route';

const PageQuery = z.object({ take: z.coerce.number().int().min(1).max(500).default(100) });
/** A country has ~680 blocs: list one province at a time, or page by bloc code. */
const BlocQuery = PageQuery.extend({ province: z.string().max(20).optional(), cursor: z.string().max(50).optional() });
const AuditQuery = z.object({
  workflowId: z.string().optional(),
  take: z.coerce.number().int().min(1).max(500).default(100),
});

/** Notifications addressed to the person, and to their unit only when they are its officer. */
const recipientsOf = (p: Principal) => [
  { recipientPersonId: p.personId },
  ...(p.unitId && p.roles.includes('unitOfficer') ? [{ recipientUnitId: p.unitId }] : []),
];

export function inboxRouter(deps: AppDeps): Router {
  const router = Router();
  const { prisma } = deps.db;

  route(
    router,
    {
      method: 'get',
      path: '/api/me',
      summary: 'Who am I (person, unit, roles)',
      tags: ['everyone'],
      responses: { 200: { description: 'principal' }, 401: { description: 'not logged in' } },
    },
    (_input, req, res) => {
      res.json(principalOf(req));
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/me/tasks',
      summary: 'Unit task inbox: open and past tasks with due dates and reminders',
      tags: ['unit'],
      query: PageQuery,
      responses: { 200: { description: 'tasks' } },
    },
    async (input, req, res) => {
      const p = principalOf(req);
      const { take } = input.query;
      // A unit's tasks are its officers' work: a person attached to a unit without that role has none.
      if (!p.unitId || !p.roles.includes('unitOfficer')) return void res.json([]);
      res.json(
        await prisma.task.findMany({
          where: { unitId: p.unitId },
          orderBy: [{ status: 'asc' }, { dueAt: 'asc' }],
          take,
          include: { cycle: { select: { id: true, year: true, phase: true, bloc: { select: { name: true } } } } },
        }),
      );
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/me/notifications',
      summary: 'In-app notifications for my unit and me',
      tags: ['everyone'],
      query: PageQuery,
      responses: { 200: { description: 'notifications' } },
    },
    async (input, req, res) => {
      const p = principalOf(req);
      const { take } = input.query;
      const or = recipientsOf(p);
      res.json(await prisma.notification.findMany({ where: { OR: or }, orderBy: { createdAt: 'desc' }, take }));
    },
  );

  route(
    router,
    {
      method: 'post',
      path: '/api/me/notifications/:id/read',
      summary: 'Mark a notification read',
      tags: ['everyone'],
      params: z.object({ id: z.string() }),
      responses: { 204: { description: 'done' }, 404: { description: 'not yours' } },
    },
    async (input, req, res) => {
      const p = principalOf(req);
      const { id } = input.params;
      const or = recipientsOf(p);
      const updated = await prisma.notification.updateMany({
        where: { id: id, OR: or, readAt: null },
        data: { readAt: new Date() },
      });
      const exists = updated.count > 0 || (await prisma.notification.count({ where: { id: id, OR: or } })) > 0;
      if (!exists) throw new HttpError(404, 'NOT_FOUND', 'no such notification for you');
      res.status(204).end();
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/blocs',
      summary:
        "Blocs of the caller's province(s) (admin: all) with their current head, deputy and members (filter by province code; page with take/cursor = last bloc code)",
      tags: ['everyone'],
      query: BlocQuery,
      responses: {
        200: { description: 'blocs' },
        404: {
          description: 'no such province, or not yours (a province of your unit or council)',
        },
      },
    },
    async (input, req, res) => {
      const principal = principalOf(req);
      const q = input.query;
      // Only the caller's province(s) (admin: all); another province's code answers 404 as an unknown one.
      const provinces = await readableProvincesOf(deps, principal);
      if (q.province && provinces) {
        const asked = await prisma.province.findUnique({ where: { code: q.province }, select: { id: true } });
        if (!asked || !provinces.includes(asked.id)) throw new HttpError(404, 'NOT_FOUND', `no province ${q.province}`);
      }
      const blocs = await prisma.bloc.findMany({
        where: {
          ...(q.province ? { province: { code: q.province } } : {}),
          ...(provinces ? { provinceId: { in: provinces } } : {}),
        },
        orderBy: { code: 'asc' },
        take: q.take,
        ...(q.cursor ? { cursor: { code: q.cursor }, skip: 1 } : {}),
        include: {
          province: { select: { code: true, name: true } },
          memberships: {
            where: { leftOn: null },
            include: { unit: { select: { id: true, code: true, name: true } } },
          },
          cycles: { select: { id: true, year: true, phase: true }, orderBy: { year: 'desc' } },
        },
      });
      // The rotation policy is the rule-set's (one home, api/rotation.ts), shown with the bloc.
      const policies = await rotationPoliciesOn(
        deps.db,
        blocs.map((b) => b.ruleSetCode),
      );
      // Each bloc's years as its cycles are readable by the caller (an officer: the years its unit was a member).
      const readableYears = await readableBlocYearsOf(deps, principal);
      res.json(
        blocs.map((b) => {
          const sees = readableYears(b);
          return {
            ...b,
            cycles: b.cycles.filter((c) => sees(c.year)),
            rotationPolicy: policies.get(b.ruleSetCode) ?? null,
          };
        }),
      );
    },
  );

  route(
    router,
    {
      method: 'get',
      path: '/api/audit',
      summary: 'Append-only audit log (admin)',
      tags: ['admin'],
      query: AuditQuery,
      responses: { 200: { description: 'entries' }, 403: { description: 'admin only' } },
    },
    async (input, req, res) => {
      requireRoles(principalOf(req), 'admin');
      const q = input.query;
      res.json(
        await prisma.auditLog.findMany({
          where: q.workflowId ? { workflowId: q.workflowId } : {},
          orderBy: { id: 'desc' },
          take: q.take,
        }),
      );
    },
  );

  return router;
}
