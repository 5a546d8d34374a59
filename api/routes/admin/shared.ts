/** What the admin routes share: the admin route helper (over api/route.ts), errors, selections and paging. */
import type { Request, Router } from 'express';
import { z } from 'zod';
import type { AppDeps } from '../../context';
import { HttpError } from '../../errors';
import { principalOf } from '../../auth';
import { route, type Method, type RouteInput } from '../../route';
import { refreshRosters, rosterProvincesOfPerson, unionOfScopes } from '../../rosters';
import { transactionalWrite, type Tx, type WriteContext } from '../../writes';

export const notFound = (what: string, path?: (string | number)[]) =>
  new HttpError(404, 'NOT_FOUND', `no such ${what}`, path ? [{ path, message: `no such ${what}` }] : undefined);
export const conflict = (message: string, path?: (string | number)[], code = 'CONFLICT') =>
  new HttpError(409, code, message, path ? [{ path, message }] : undefined);
export const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Never the password hash: people are always read through this selection. */
export const PERSON = {
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
export const UNIT_REF = { select: { id: true, code: true, name: true } } as const;
export const BLOC = {
  province: { select: { id: true, code: true, name: true } },
  headUnit: UNIT_REF,
  deputyUnit: UNIT_REF,
  memberships: {
    where: { leftOn: null },
    orderBy: { joinedOn: 'asc' as const },
    select: { id: true, joinedOn: true, reason: true, unit: UNIT_REF },
  },
} as const;
export const COUNCIL = {
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

export function page<T>(
  rows: T[],
  take: number,
  cursorOf: (row: T) => string,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, take);
  return { items, nextCursor: rows.length > take && items.length > 0 ? cursorOf(items[items.length - 1]!) : null };
}
export const cursorArgs = <K extends string>(field: K, cursor: string | undefined, take: number) => ({
  take: take + 1,
  ...(cursor ? { cursor: { [field]: cursor } as Record<K, string>, skip: 1 } : {}),
});

/** A cycle of the bloc that is not closed (the next year's cycle waits in 'launch' after a handover). */
export const runningCycleOf = (tx: Tx, blocId: string) =>
  tx.cycle.findFirst({ where: { blocId, phase: { not: 'closed' } }, select: { id: true, year: true, phase: true } });

type Schema = z.ZodType | undefined;
export interface RouteDoc<P extends Schema, Q extends Schema, B extends Schema> {
  summary: string;
  description?: string;
  params?: P;
  query?: Q;
  body?: B;
  /** Status of success (200 unless said). */
  ok?: number;
}

/** The admin operation's declaration: its schemas and the answers every admin read or write gives. */
function declare<P extends Schema, Q extends Schema, B extends Schema>(
  method: Method,
  path: string,
  d: RouteDoc<P, Q, B>,
) {
  const write = method !== 'get';
  return {
    method,
    path,
    summary: d.summary,
    ...(d.description ? { description: d.description } : {}),
    tags: ['admin'],
    params: d.params,
    query: d.query,
    ...(write ? { headers: z.object({ 'idempotency-key': z.uuid().optional() }) } : {}),
    body: d.body,
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
            },
          }
        : {}),
      401: { description: 'not logged in' },
      403: { description: 'admin only' },
      ...(d.params || d.body
        ? {
            404: {
              description: 'no such record (issue path names the field)',
            },
          }
        : {}),
      ...(write
        ? {
            409: {
              description: 'duplicate, or not allowed in the current state',
            },
            422: {
              description: 'Idempotency-Key reused for a different request',
            },
          }
        : {}),
    },
  };
}

export type AdminRoutes = ReturnType<typeof adminRoutes>;

/** `read` answers JSON; `write` runs in one transaction with its audit row, once per Idempotency-Key (api/writes.ts). */
export function adminRoutes(deps: AppDeps, router: Router) {
  const read = <P extends Schema = undefined, Q extends Schema = undefined>(
    path: string,
    d: RouteDoc<P, Q, undefined>,
    handler: (input: RouteInput<P, Q, undefined>, req: Request) => Promise<unknown>,
  ) =>
    route(router, declare('get', path, d), async (input, req, res) => {
      res.json(await handler(input, req));
    });
  /**
   * `rosters`: the write changes who holds which office — running workflows of the provinces the person's offices
   * touch, before and after the write, get their roster anew once it committed (api/rosters.ts). The person is the
   * route's `:personId`, or the created record's `id`.
   */
  const write = <P extends Schema = undefined, B extends Schema = undefined>(
    method: Exclude<Method, 'get' | 'put'>,
    path: string,
    d: RouteDoc<P, undefined, B>,
    work: (ctx: WriteContext, input: RouteInput<P, undefined, B>, req: Request) => Promise<unknown>,
    opts: { rosters?: true } = {},
  ) =>
    route(router, declare(method, path, d), async (input, req, res) => {
      const personId = req.params.personId ? String(req.params.personId) : undefined;
      const before = opts.rosters && personId ? await rosterProvincesOfPerson(deps, personId) : { provinceIds: [] };
      let body: unknown;
      await transactionalWrite(
        deps,
        req,
        res,
        principalOf(req),
        async (ctx) => {
          body = await work(ctx, input, req);
          return { status: d.ok ?? 200, body };
        },
        opts.rosters
          ? async () => {
              const id = personId ?? (body as { id?: string } | undefined)?.id;
              const after = id ? await rosterProvincesOfPerson(deps, id) : {};
              await refreshRosters(deps, unionOfScopes(before, after));
            }
          : undefined,
      );
    });
  const param = (req: Request, name: string) => String(req.params[name]);
  return { read, write, param, prisma: deps.db.prisma };
}
