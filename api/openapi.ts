import { OpenAPIRegistry, OpenApiGeneratorV31, extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

/** Routes register their Zod schemas here as they are defined: the document is generated from the same schemas that validate. */
export const registry = new OpenAPIRegistry();
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

/** Operations anyone may call without a token. */
const PUBLIC_OPERATIONS = new Set(['get /healthz', 'post /api/auth/login']);

type Operation = { responses: Record<string, unknown>; security?: unknown[] };

let cached: object | undefined;
/** Generated once, after createApp has registered every route (some routers register as they are built). */
export function openApiDocument(): object {
  if (cached) return cached;
  const doc = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Thi Đua — emulation-bloc cycle API', version: '0.1.0', description: 'Every act of every role in the yearly cycle of a Vietnamese emulation bloc (khối thi đua). Errors use one envelope: `{ error: { status, code, message, issues?: [{ path, message }] } }`.' },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
  });
  // What holds for every operation is stated once here rather than in each route: the public ones
  // need no token; all others answer 401 without a valid one.
  const envelope = { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } };
  for (const [path, ops] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(ops as Record<string, Operation>)) {
      if (PUBLIC_OPERATIONS.has(`${method} ${path}`)) op.security = [];
      else op.responses['401'] ??= { description: 'no valid bearer token', content: envelope };
    }
  }
  cached = doc;
  return cached;
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
