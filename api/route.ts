/**
 * The route helper: a route is declared once — method, path, its Zod schemas (params, query, headers, body), its
 * answers — and that declaration both registers the OpenAPI operation (api/openapi.ts `registry`, which adds the
 * standard answers) and mounts the Express handler. The handler reads `params`, `query` and `body` parsed by the
 * same schemas the document states; each is parsed when the handler first reads it, so a handler that checks the
 * caller's role first still answers 403 before 400.
 */
import type { RouteConfig } from '@asteasolutions/zod-to-openapi';
import type { Request, Response, Router } from 'express';
import { z } from 'zod';
import { registry } from './openapi';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

type Schema = z.ZodType | undefined;
type Parsed<S extends Schema, Raw> = S extends z.ZodType ? z.output<S> : Raw;

export interface RouteDecl<P extends Schema, Q extends Schema, B extends Schema> extends Omit<
  RouteConfig,
  'method' | 'path' | 'request'
> {
  method: Method;
  /** Express style (`/api/cycles/:cycleId`); the document gets `{cycleId}`. */
  path: string;
  params?: P;
  query?: Q;
  body?: B;
  headers?: z.ZodObject;
  /** The body's media type when it is not JSON (e.g. multipart/form-data); not parsed by the helper. */
  bodyContent?: NonNullable<RouteConfig['request']>['body'];
}

export interface RouteInput<P extends Schema, Q extends Schema, B extends Schema> {
  readonly params: Parsed<P, Record<string, string>>;
  readonly query: Parsed<Q, unknown>;
  /** A missing JSON body is read as {}. */
  readonly body: Parsed<B, unknown>;
}

/** The header of a write answered once per key (api/idempotency.ts). */
export const WRITE_HEADERS = z.object({ 'idempotency-key': z.uuid().optional() });

export const openApiPath = (p: string): string => p.replace(/:(\w+)/g, '{$1}');

/** Registers the operation in the OpenAPI registry without mounting it (for paths not served by an Express route). */
export function document(decl: RouteDecl<Schema, Schema, Schema>): void {
  const { method, path, params, query, body, headers, bodyContent, ...rest } = decl;
  registry.registerPath({
    ...rest,
    method,
    path: openApiPath(path),
    request: {
      ...(params ? { params: params as z.ZodObject } : {}),
      ...(query ? { query: query as z.ZodObject } : {}),
      ...(headers ? { headers } : {}),
      ...(body ? { body: { content: { 'application/json': { schema: body } } } } : {}),
      ...(bodyContent ? { body: bodyContent } : {}),
    },
  });
}

/** Declares a route: documents it and mounts `handler` on `router` with lazily parsed, validated input. */
export function route<P extends Schema = undefined, Q extends Schema = undefined, B extends Schema = undefined>(
  router: Router,
  decl: RouteDecl<P, Q, B>,
  handler: (input: RouteInput<P, Q, B>, req: Request, res: Response) => Promise<void> | void,
): void {
  document(decl);
  router[decl.method](decl.path, async (req: Request, res: Response) => {
    const cache: Partial<Record<'params' | 'query' | 'body', unknown>> = {};
    const lazy = (k: 'params' | 'query' | 'body', schema: Schema, raw: () => unknown) => ({
      get: () => {
        if (!(k in cache)) cache[k] = schema ? schema.parse(raw()) : raw();
        return cache[k];
      },
      enumerable: true,
    });
    const input = Object.defineProperties({} as RouteInput<P, Q, B>, {
      params: lazy('params', decl.params, () => req.params),
      query: lazy('query', decl.query, () => req.query),
      body: lazy('body', decl.body, () => req.body ?? {}),
    });
    await handler(input, req, res);
  });
}
