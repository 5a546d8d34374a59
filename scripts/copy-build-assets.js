'use strict';
/**
 * `npm run build` step 2: the files the compiled code reads beside itself (dist/ mirrors the
 * source tree): the web UI, rule-set JSON, migrations and the Prisma schema.
 */
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
for (const rel of ['web/public', 'domain/rulesets', 'prisma/migrations', 'prisma/schema.prisma']) {
  const from = path.join(ROOT, rel);
  if (!fs.existsSync(from)) continue;
  fs.cpSync(from, path.join(ROOT, 'dist', rel), { recursive: true });
}
console.log('[build] assets copied to dist/');
