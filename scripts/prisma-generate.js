#!/usr/bin/env node
'use strict';
/**
 * Generates the two Prisma clients from the single schema (prisma/schema.prisma, SQLite):
 *   generated/prisma-sqlite    — provider sqlite
 *   generated/prisma-postgres  — provider postgresql (schema derived into
 *                                generated/postgres-schema/schema.prisma, git-ignored)
 *
 * Offline-safe: Prisma 7's CLI downloads its native schema engine before any command, even
 * `generate`, which never runs it. Pointing PRISMA_SCHEMA_ENGINE_BINARY at a dummy file stops the
 * download. Telemetry/update checks are disabled too.
 *
 * Usage: node scripts/prisma-generate.js [--sqlite-only | --postgres-only]
 * Intended as the npm `postinstall` script.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { ROOT, SQLITE_SCHEMA_PATH, POSTGRES_SCHEMA_PATH, schemaFor } = require('../prisma/provider-schema.js');

function prismaCli() {
  try {
    return require.resolve('prisma/build/index.js', { paths: [ROOT] });
  } catch {
    return null;
  }
}

function dummyEngine() {
  const file = path.join(ROOT, 'generated', '.bin', 'schema-engine-unavailable');
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      '#!/bin/sh\necho "schema engine not available offline: use tsx prisma/migrate.ts" >&2\nexit 1\n',
    );
    fs.chmodSync(file, 0o755);
  }
  return file;
}

function generate(cli, schemaPath, label) {
  const started = Date.now();
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || dummyEngine(),
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
    PRISMA_DISABLE_WARNINGS: '1',
  };
  const res = spawnSync(process.execPath, [cli, 'generate', '--schema', schemaPath], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
  });
  if (res.status !== 0) {
    process.stderr.write(res.stdout || '');
    process.stderr.write(res.stderr || '');
    throw new Error(`prisma generate (${label}) failed with exit code ${res.status}`);
  }
  console.log(`[prisma-generate] ${label}: generated in ${Date.now() - started} ms`);
}

function main() {
  const args = new Set(process.argv.slice(2));
  const cli = prismaCli();
  if (!cli) {
    // e.g. `npm install --omit=dev` in an image that ships pre-generated clients.
    console.warn('[prisma-generate] prisma CLI not installed: skipping client generation');
    return;
  }
  const started = Date.now();
  fs.mkdirSync(path.dirname(POSTGRES_SCHEMA_PATH), { recursive: true });
  fs.writeFileSync(POSTGRES_SCHEMA_PATH, schemaFor('postgresql'));
  if (!args.has('--postgres-only')) generate(cli, SQLITE_SCHEMA_PATH, 'sqlite');
  if (!args.has('--sqlite-only')) generate(cli, POSTGRES_SCHEMA_PATH, 'postgresql');
  console.log(`[prisma-generate] done in ${Date.now() - started} ms`);
}

try {
  main();
} catch (e) {
  console.error(`[prisma-generate] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}
