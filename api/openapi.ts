import {
  OpenAPIRegistry,
  OpenApiGeneratorV31,
  extendZodWithOpenApi,
  type RouteConfig,
} from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { IsoDateSchema, IsoDateTimeSchema, RequestIdSchema } from '../contracts/common';

extendZodWithOpenApi(z);

/** Operations anyone may call without a token. */
const PUBLIC_OPERATIONS = new Set(['get /healthz', 'post /api/auth/login']);

/** Largest JSON body express.json accepts (app.ts); bigger is 413. */
export const JSON_BODY_LIMIT = '1mb';

const ERROR_CONTENT = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };

/**
 * The answers every operation of a kind can give, whatever the route: stated once here so that a
 * route documents only what is its own (its success, its 403/404/409 reasons, 503). A route's own
 * description of a status wins; an error answer without content gets the error envelope.
 *
 * | status | when                                                                            | operations                       |
 * | 400    | the request does not match this document (Zod issue paths; malformed JSON)      | with parameters, headers or body |
 * | 401    | no valid bearer token, or the account is disabled                                | all but the public ones          |
 * | 403    | the caller's roles or scope do not allow it                                      | all but the public ones          |
 * | 404    | no such resource (a path parameter names nothing)                               | with path parameters             |
 * | 413    | JSON body over 1 MB                                                              | with a JSON body                 |
 * | 422    | a body that matches the schema breaks a rule the schema cannot state (sums, date order, uniqueness by key); an Idempotency-Key already used for a different request | with a body or an Idempotency-Key |
 * | 429    | rate limit per client IP (`RateLimit` headers)                                   | all under /api                   |
 * | 405    | (not per operation) a method the path does not document; `Allow` lists those it does | every documented path        |
 */
export function withStandardAnswers(route: RouteConfig): RouteConfig {
  const key = `${route.method} ${route.path}`;
  const isPublic = PUBLIC_OPERATIONS.has(key);
  const underApi = route.path.startsWith('/api/');
  const request = route.request ?? {};
  const body = request.body;
  const media = body?.content['application/json'];
  const json = media && 'schema' in media ? media.schema : undefined;
  // The server reads a missing JSON body as {} (api/routes/*): the body is required exactly when {} is refused.
  if (body && json instanceof z.ZodType && body.required === undefined) body.required = !json.safeParse({}).success;
  const headerShape = request.headers instanceof z.ZodObject ? (request.headers.shape as Record<string, unknown>) : {};
  const idempotent = 'idempotency-key' in headerShape;
  const hasInput = !!(request.params || request.query || request.headers || body);
  const responses = { ...route.responses };
  const add = (status: number, description: string) => {
    responses[status] ??= { description, content: ERROR_CONTENT };
  };
  if (hasInput)
    add(
      400,
      'the request does not match this document (the Zod issue paths are in `issues`), or its JSON is malformed',
    );
  if (!isPublic) {
    add(401, 'no valid bearer token, or the account is disabled');
    add(403, 'the caller’s roles or scope do not allow this');
  }
  if (route.path.includes('{')) add(404, 'no such resource');
  if (json) add(413, `JSON body larger than ${JSON_BODY_LIMIT}`);
  if (json || idempotent)
    add(
      422,
      [
        json
          ? 'the body matches the schema but breaks a rule the schema cannot state (e.g. criteria maxima that do not add up to the scale, deadlines out of order, a candidate twice): `issues` names the field'
          : '',
        idempotent ? 'the Idempotency-Key was already used for a different request (IDEMPOTENCY_KEY_REUSED)' : '',
      ]
        .filter(Boolean)
        .join('; or '),
    );
  if (underApi) add(429, 'too many requests from this client: retry after the `RateLimit` reset');
  // Error answers under /api are always the envelope (api/errors.ts).
  if (underApi) {
    for (const [status, res] of Object.entries(responses)) {
      if (Number(status) >= 400 && res && !('$ref' in res) && !res.content)
        responses[status] = { ...res, content: ERROR_CONTENT };
    }
  }
  return { ...route, ...(isPublic ? { security: [] } : {}), responses };
}

/** Every registration goes through withStandardAnswers: routes added later get the same standard answers. */
class ContractRegistry extends OpenAPIRegistry {
  override registerPath(route: RouteConfig): void {
    super.registerPath(withStandardAnswers(route));
  }
}

/** Routes register their Zod schemas here as they are defined: the document is generated from the same schemas that validate. */
export const registry = new ContractRegistry();
registry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });

export const ErrorSchema = registry.register(
  'Error',
  z.object({
    error: z.object({
      status: z.number(),
      code: z.string(),
      message: z.string(),
      issues: z.array(z.object({ path: z.array(z.union([z.string(), z.number()])), message: z.string() })).optional(),
      requestId: z.string().optional(),
    }),
  }),
);

/** `Idempotency-Key` of a write: a UUID (RFC 9562); a repeat gets the first answer, a reuse for another request 422. */
export const IdempotencyKeyHeader = z.object({
  'idempotency-key': RequestIdSchema.optional().openapi({
    description:
      'a UUID chosen by the client for this write: a repeat of the same request gets the first answer again (`idempotent-replayed: true`); the same key for a different request is 422',
  }),
});

/**
 * What Zod checks but zod-to-openapi leaves out, put back into the generated JSON Schema so the
 * document says exactly what is accepted: the regular expressions behind Zod's string formats, and
 * the safe-integer range of `.int()`.
 */
const FORMAT_PATTERNS: Record<string, string> = {
  uuid: RequestIdSchema._zod.def.pattern!.source,
  email: z.email()._zod.def.pattern!.source,
  date: IsoDateSchema._zod.def.pattern!.source,
  'date-time': IsoDateTimeSchema._zod.def.pattern!.source,
};
function exactSchemas(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(exactSchemas);
  if (!node || typeof node !== 'object') return;
  const s = node as Record<string, unknown>;
  if (typeof s.format === 'string' && FORMAT_PATTERNS[s.format] && s.pattern === undefined)
    s.pattern = FORMAT_PATTERNS[s.format];
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes('integer')) {
    s.minimum ??= Number.MIN_SAFE_INTEGER;
    s.maximum ??= Number.MAX_SAFE_INTEGER;
  }
  for (const v of Object.values(s)) exactSchemas(v);
}

let cached: object | undefined;
/** Generated once, after createApp has registered every route (some routers register as they are built). */
export function openApiDocument(): object {
  if (cached) return cached;
  const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Thi Đua — emulation-bloc cycle API',
      version: '0.1.0',
      description:
        'Every act of every role in the yearly cycle of a Vietnamese emulation bloc (khối thi đua). Errors use one envelope: `{ error: { status, code, message, issues?: [{ path, message }] } }`. A method a path does not document is 405 with `Allow`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
  });
  exactSchemas(doc.paths);
  exactSchemas(doc.components);
  cached = doc;
  return cached;
}

const refusals = new Map<string, { code: string; message: string }>();
/** Why a documented path refuses the methods it does not document (default: METHOD_NOT_ALLOWED). */
export function refuseOtherMethods(template: string, code: string, message: string): void {
  refusals.set(template, { code, message });
}

type PathMatcher = { template: string; pattern: RegExp; methods: string[] };
let matchers: PathMatcher[] | undefined;
/** The methods documented for a concrete path (union over the templates it matches) and why others are refused; undefined when no path matches. */
export function documentedMethods(
  path: string,
): { methods: string[]; refusal?: { code: string; message: string } } | undefined {
  matchers ??= Object.entries((openApiDocument() as { paths: Record<string, object> }).paths).map(
    ([template, ops]) => ({
      // Express routes: case-insensitive, an optional trailing slash, a parameter is one non-empty segment part.
      template,
      pattern: new RegExp(
        `^${template
          .split(/\{\w+\}/)
          .map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
          .join('[^/]+')}/?$`,
        'i',
      ),
      methods: Object.keys(ops).map((m) => m.toUpperCase()),
    }),
  );
  const found = matchers.filter((m) => m.pattern.test(path));
  if (found.length === 0) return undefined;
  return {
    methods: [...new Set(found.flatMap((m) => m.methods))],
    refusal: found.map((m) => refusals.get(m.template)).find(Boolean),
  };
}

export const DOCS_HTML = `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Thi Đua API</title>
<style>body{font-family:system-ui,sans-serif;max-width:70rem;margin:2rem auto;padding:0 1rem}code{background:#f3f3f3;padding:0 .2rem}
section{border-top:1px solid #ddd;padding:.5rem 0}h3{margin:.2rem 0}.m{display:inline-block;min-width:4rem;font-weight:bold;text-transform:uppercase}</style></head>
<body><h1>Thi Đua API</h1><p>Machine-readable description: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p><div id="paths">Loading…</div>
<script src="/api/docs.js"></script></body></html>`;

/** Served as a file: the CSP allows no inline script. */
export const DOCS_JS = `fetch('/api/openapi.json').then(r=>r.json()).then(doc=>{const el=document.getElementById('paths');el.innerHTML='';
for(const [p,ops] of Object.entries(doc.paths)){for(const [m,op] of Object.entries(ops)){const s=document.createElement('section');
const h=document.createElement('h3');h.innerHTML='<span class="m"></span> <code></code>';h.querySelector('.m').textContent=m;h.querySelector('code').textContent=p;
const d=document.createElement('p');d.textContent=(op.summary||'')+(op.tags?' ['+op.tags.join(', ')+']':'');s.append(h,d);el.append(s);}}});
`;
