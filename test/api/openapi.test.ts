/**
 * The OpenAPI document and the Express routes are the same set: every route the app serves is
 * described (method and path), and every described operation is served. The app is only built
 * here, never started, so its dependencies are placeholders (no request reaches them).
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import request from 'supertest';
import { DeadlinesSchema, ReviewPledgeSchema } from '../../contracts/cycle';
import { toHttpError } from '../../api/errors';
import { createApp } from '../../api/app';
import { openApiDocument } from '../../api/openapi';
import { loadConfig } from '../../config';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Routes of the app as "METHOD /path/{param}", walking nested routers. */
function servedRoutes(): string[] {
  const app = createApp({
    config: loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'o'.repeat(40) }),
    db: {} as never,
    logger: pino({ level: 'silent' }),
    temporal: { client: {} as never, taskQueue: 'unused', namespace: 'default' },
  });
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route)
        for (const method of Object.keys(layer.route.methods))
          out.push(`${method.toUpperCase()} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`);
      else if (layer.handle?.stack) walk(layer.handle.stack);
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack);
  return out;
}

/** Served but deliberately not operations: the document itself, its viewer, and Express's automatic method fallback. */
const NOT_OPERATIONS = new Set(['GET /api/openapi.json', 'GET /api/docs', 'GET /api/docs.js']);

test('every served route is in the OpenAPI document, and every documented operation is served', () => {
  const served = new Set(servedRoutes().filter((r) => !r.startsWith('_ALL ') && !NOT_OPERATIONS.has(r)));
  const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
  const documented = new Set(
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`),
    ),
  );
  expect(served.size).toBeGreaterThan(60);
  expect([...served].filter((r) => !documented.has(r)).sort()).toEqual([]);
  expect([...documented].filter((r) => !served.has(r)).sort()).toEqual([]);
});

test('every operation states its success answer; every one but login and /healthz needs a token and documents 401', () => {
  servedRoutes(); // registers the routers' operations
  const doc = openApiDocument() as {
    paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>>;
  };
  const problems: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const codes = Object.keys(op.responses);
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      if (!codes.some((c) => c.startsWith('2'))) problems.push(`${method} ${path}: no 2xx`);
      if (!isPublic && !codes.includes('401')) problems.push(`${method} ${path}: no 401`);
      if (isPublic !== ['get /healthz', 'post /api/auth/login'].includes(`${method} ${path}`))
        problems.push(`${method} ${path}: public is ${isPublic}`);
    }
  }
  expect(problems).toEqual([]);
});

describe('the contract’s plumbing (the full check is contract.test.ts)', () => {
  const app = () =>
    createApp({
      config: loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'o'.repeat(40) }),
      db: {} as never,
      logger: pino({ level: 'silent' }),
      temporal: { client: {} as never, taskQueue: 'unused', namespace: 'default' },
    });

  test('a method a documented path does not document is 405 with Allow and the envelope, before authentication; OPTIONS lists the same', async () => {
    const a = app();
    const trace = await request(a).delete('/api/cycles/cycle-X-2026/plan');
    expect(trace.status).toBe(405);
    expect(trace.headers.allow).toBe('POST, OPTIONS');
    expect(trace.body.error).toMatchObject({ status: 405, code: 'METHOD_NOT_ALLOWED' });
    const options = await request(a).options('/api/admin/rulesets/r1');
    expect(options.status).toBe(204);
    expect(options.headers.allow).toBe('GET, HEAD, OPTIONS');
    const put = await request(a).put('/api/admin/rulesets/r1');
    expect(put.status).toBe(405);
    expect(put.body.error.code).toBe('IMMUTABLE');
    expect((await request(a).post('/api/auth/login/x')).status).not.toBe(405); // not a documented path
  });

  test('standard answers: 400 with inputs, 422 with an Idempotency-Key (a UUID, with Zod’s pattern), required bodies, 429 under /api', () => {
    servedRoutes();
    const doc = openApiDocument() as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string; in: string; schema: { pattern?: string } }[];
            requestBody?: { required?: boolean };
            responses: Record<string, { content?: unknown }>;
          }
        >
      >;
    };
    const problems: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const codes = Object.keys(op.responses);
        const key = op.parameters?.find((p) => p.in === 'header' && p.name === 'idempotency-key');
        if ((op.parameters?.length || op.requestBody) && !codes.includes('400'))
          problems.push(`${method} ${path}: no 400`);
        if (key && !codes.includes('422')) problems.push(`${method} ${path}: no 422`);
        if (key && !key.schema.pattern) problems.push(`${method} ${path}: Idempotency-Key without pattern`);
        if (path.startsWith('/api/') && !codes.includes('429')) problems.push(`${method} ${path}: no 429`);
        for (const [status, res] of Object.entries(op.responses))
          if (path.startsWith('/api/') && Number(status) >= 400 && !res.content)
            problems.push(`${method} ${path}: ${status} without the envelope`);
      }
    }
    expect(problems).toEqual([]);
    expect(doc.paths['/api/cycles/{cycleId}/pledges']!.post!.requestBody!.required).toBe(true);
    expect(doc.paths['/api/cycles/{cycleId}/scores/close-review']!.post!.requestBody!.required).toBe(false);
    expect(doc.paths['/api/blocs']!.get!.parameters!.find((p) => p.name === 'take')!.schema).toMatchObject({
      minimum: 1,
      maximum: 500,
    });
  });

  test('a refinement the document states is 400; one it cannot state is 422', () => {
    const stated = ReviewPledgeSchema.safeParse({
      requestId: randomUUID(),
      actor: { personId: 'p', roles: [] },
      unitId: 'u',
      decision: 'return',
    });
    expect(toHttpError(stated.error).status).toBe(400);
    const unstated = DeadlinesSchema.safeParse({
      pledge: '2026-03-01T00:00:00Z',
      midYear: '2026-02-01T00:00:00Z',
      selfScoring: '2026-09-01T00:00:00Z',
      review: '2026-09-15T00:00:00Z',
      voting: '2026-10-01T00:00:00Z',
      council: '2026-11-01T00:00:00Z',
      handover: '2026-12-01T00:00:00Z',
    });
    expect(toHttpError(unstated.error)).toMatchObject({
      status: 422,
      code: 'VALIDATION',
      issues: [{ path: ['midYear'] }],
    });
    // A trimmed text: the document's pattern and Zod agree on blanks.
    const reason = ReviewPledgeSchema.safeParse({
      requestId: randomUUID(),
      actor: { personId: 'p', roles: [] },
      unitId: 'u',
      decision: 'return',
      reason: '\u00a0 ab \ufeff',
    });
    expect(toHttpError(reason.error).status).toBe(400);
  });
});
