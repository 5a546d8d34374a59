/**
 * The act-table layer over the route helper (api/route.ts): one row of an act table — the cycle's acts
 * (api/routes/acts.ts) and the Government-flag selection's (api/routes/government-flag/acts.ts) — becomes one POST
 * route whose documented body is the act's contract without its envelope, whose answer is the workflow's
 * `ActResult`, and whose payload is the body with the envelope the API fills in (request id, the caller as actor),
 * parsed by the act's contract. The table's own handler decides the order of its checks and sends the Update
 * through `answerAct` (api/updates.ts).
 */
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Request, Response, Router } from 'express';
import type { z } from 'zod';
import type { Principal } from './context';
import { route, WRITE_HEADERS, type RouteInput } from './route';
import { ActResultSchema, requestIdOf } from './updates';

export interface ActRouteDecl<P extends z.ZodObject> {
  /** Express style, e.g. `/api/cycles/:cycleId/pledges`. */
  path: string;
  params: P;
  summary: string;
  tags: string[];
  /** The HTTP body: the act's contract without `requestId` and `actor` (api/updates.ts `bodyShapeOf`). */
  body: z.ZodType;
  /** The act's own answers besides 200 (its 403, 404, 409, 422, 503 reasons). */
  responses: RouteConfig['responses'];
}

/** Declares one act of a table: documents it and mounts `handler` with the parsed path parameters. */
export function actRoute<P extends z.ZodObject>(
  router: Router,
  decl: ActRouteDecl<P>,
  handler: (input: RouteInput<P, undefined, z.ZodType>, req: Request, res: Response) => Promise<void>,
): void {
  const { responses, ...rest } = decl;
  route(
    router,
    {
      ...rest,
      method: 'post',
      headers: WRITE_HEADERS,
      responses: {
        200: { description: 'accepted', content: { 'application/json': { schema: ActResultSchema } } },
        400: {
          description: 'invalid body (Zod issue paths)',
        },
        ...responses,
      },
    },
    handler,
  );
}

/** The answers every act route shares beyond its own 403/404/409: a reused Idempotency-Key, an engine too slow. */
export const ACT_RETRY_RESPONSES = {
  422: { description: 'Idempotency-Key already used for a different request' },
  503: { description: 'the engine did not answer in time; retry with the same Idempotency-Key' },
} as const;

export interface ActPayload {
  /** The raw body (an object; anything else is read as {}), as the idempotency fingerprint covers it. */
  body: Record<string, unknown>;
  requestId: string;
  /** The act's contract parsed from the body and its envelope (400 with the Zod issue paths). */
  payload: Record<string, unknown>;
}

/** The act's payload: the request body with the envelope the API fills in, parsed by the act's contract. */
export function actPayload(schema: z.ZodType, req: Request, principal: Principal): ActPayload {
  const body = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>;
  const requestId = requestIdOf(req);
  const payload = schema.parse({
    ...body,
    requestId,
    actor: { personId: principal.personId, unitId: principal.unitId ?? undefined, roles: principal.roles },
  }) as Record<string, unknown>;
  return { body, requestId, payload };
}
