/**
 * The OpenAPI document and the Express routes are the same set: every route the app serves is
 * described (method and path), and every described operation is served. The app is only built
 * here, never started, so its dependencies are placeholders (no request reaches them).
 */
import pino from 'pino';
import { createApp } from '../../api/app';
import { openApiDocument } from '../../api/openapi';
import { loadConfig } from '../../config';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Routes of the app as "METHOD /path/{param}", walking nested routers. */
function servedRoutes(): string[] {
  const app = createApp({ config: loadConfig({ NODE_ENV: 'test', JWT_SECRET: 'o'.repeat(40) }), db: {} as never, logger: pino({ level: 'silent' }), temporal: { client: {} as never, taskQueue: 'unused', namespace: 'default' } });
  const out: string[] = [];
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) for (const method of Object.keys(layer.route.methods)) out.push(`${method.toUpperCase()} ${layer.route.path.replace(/:(\w+)/g, '{$1}')}`);
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
  const documented = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path}`)));
  expect(served.size).toBeGreaterThan(60);
  expect([...served].filter((r) => !documented.has(r)).sort()).toEqual([]);
  expect([...documented].filter((r) => !served.has(r)).sort()).toEqual([]);
});

test('every operation states its success answer; every one but login and /healthz needs a token and documents 401', () => {
  servedRoutes(); // registers the routers' operations
  const doc = openApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown[] }>> };
  const problems: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const codes = Object.keys(op.responses);
      const isPublic = Array.isArray(op.security) && op.security.length === 0;
      if (!codes.some((c) => c.startsWith('2'))) problems.push(`${method} ${path}: no 2xx`);
      if (!isPublic && !codes.includes('401')) problems.push(`${method} ${path}: no 401`);
      if (isPublic !== ['get /healthz', 'post /api/auth/login'].includes(`${method} ${path}`)) problems.push(`${method} ${path}: public is ${isPublic}`);
    }
  }
  expect(problems).toEqual([]);
});
