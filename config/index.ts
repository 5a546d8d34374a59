import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Every setting the system reads from the environment, validated once at start-up (fail fast). */
const booleanFromEnv = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/** One AES-256 key of the Temporal payload codec (worker/codec.ts). */
export interface PayloadKey {
  id: string;
  key: Buffer;
}

const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * `PAYLOAD_ENCRYPTION_KEYS` = `id:base64key[,id:base64key…]`, 32-byte keys, the first one current
 * (it encrypts; every listed key decrypts). Empty or unset = payloads leave in clear. Issues name
 * the entry and key id, never a key.
 */
const payloadKeysFromEnv = z.string().transform((text, ctx): PayloadKey[] | undefined => {
  if (text.trim() === '') return undefined;
  const keys: PayloadKey[] = [];
  text.split(',').forEach((raw, i) => {
    const entry = raw.trim();
    const colon = entry.indexOf(':');
    const id = colon < 0 ? '' : entry.slice(0, colon);
    const b64 = colon < 0 ? '' : entry.slice(colon + 1);
    const where = `entry ${i + 1}`;
    if (colon < 0 || !b64)
      return ctx.addIssue({ code: 'custom', message: `${where}: expected <key id>:<base64 of 32 random bytes>` });
    if (!KEY_ID.test(id))
      return ctx.addIssue({ code: 'custom', message: `${where}: key id must be 1-64 characters A-Z a-z 0-9 . _ -` });
    const key = BASE64.test(b64) ? Buffer.from(b64, 'base64') : undefined;
    if (!key || key.length !== 32)
      return ctx.addIssue({
        code: 'custom',
        message: `${where} (key id "${id}"): the key must be 32 bytes in base64 (AES-256)${key ? `, got ${key.length}` : ''}`,
      });
    if (keys.some((k) => k.id === id))
      return ctx.addIssue({ code: 'custom', message: `${where}: key id "${id}" is listed twice` });
    keys.push({ id, key });
  });
  return keys;
});

export const ConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: (SQLite) or postgresql:// (PostgreSQL)')
    .default(`file:${path.resolve('data/thidua.db')}`),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^[^:\s]+:\d+$/, 'must be host:port')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('thidua-cycles'),
  TEMPORAL_CLI_PATH: z.string().optional(),
  TEMPORAL_DEV_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  TEMPORAL_DB_FILE: z.string().default(path.resolve('data/temporal.db')),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  IDEMPOTENCY_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(86_400 * 7)
    .default(8 * 3600),
  DEMO_PASSWORD: z.string().min(8).default('thidua-demo'),
  /** Default: true in development and test, false in production (where true is refused). */
  SEED_DEMO: booleanFromEnv.optional(),
  /** First administrator of a production install: created once, only while no administrator exists (prisma/setup.ts). */
  ADMIN_BOOTSTRAP_USERNAME: z
    .string()
    .regex(/^[a-z0-9._-]{3,64}$/, 'must be 3-64 characters a-z 0-9 . _ -')
    .default('admin'),
  ADMIN_BOOTSTRAP_PASSWORD: z.string().min(12, 'must be at least 12 characters').max(1024).optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be smtp://host:port or smtps://…')
    .optional(),
  MAIL_FROM: z.string().default('Thi Đua <no-reply@thidua.local>'),
  WEBHOOK_URL: z.url().optional(),
  WEBHOOK_SECRET: z.string().min(16).optional(),
  NOTIFY_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  ACT_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(20_000),
  /** A prebuilt workflow bundle (`npm run build` writes dist/workflow-bundle.js); unset: the worker bundles at start. */
  WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
  /** Workflows a worker keeps in memory (issue 11: a bloc-year sleeps; replay on wake is cheap). */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).max(100_000).default(250),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(50 * 1024 * 1024)
    .default(5 * 1024 * 1024),
  EVIDENCE_QUOTA_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(100 * 1024 * 1024),
  PAYLOAD_ENCRYPTION_KEYS: payloadKeysFromEnv.optional(),
  /** Refuse payloads that are not encrypted (worker/codec.ts). Default: true in production. */
  PAYLOAD_ENCRYPTION_REQUIRED: booleanFromEnv.optional(),
  /** TLS to the Temporal cluster (config/temporal.ts): PEM files; CERT + KEY = mTLS client identity. */
  TEMPORAL_TLS: booleanFromEnv.optional(),
  TEMPORAL_TLS_CERT: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS_CA: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** auto: human-readable on a terminal, JSON lines otherwise (config/logger.ts). */
  LOG_FORMAT: z.enum(['auto', 'pretty', 'json']).default('auto'),
});

type ParsedConfig = z.infer<typeof ConfigSchema>;
export type Config = Omit<ParsedConfig, 'SEED_DEMO' | 'PAYLOAD_ENCRYPTION_REQUIRED'> & {
  SEED_DEMO: boolean;
  PAYLOAD_ENCRYPTION_REQUIRED: boolean;
};

/**
 * Secrets may come from a file instead of the environment (`<NAME>_FILE=/run/secrets/…`: Docker
 * and compose secrets, Kubernetes secret volumes). One trailing newline is dropped.
 */
export const FILE_VARIABLES = [
  'JWT_SECRET',
  'PAYLOAD_ENCRYPTION_KEYS',
  'DATABASE_URL',
  'WEBHOOK_SECRET',
  'SMTP_URL',
  'ADMIN_BOOTSTRAP_PASSWORD',
] as const;

function withSecretFiles(env: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv; issues: string[] } {
  const out: NodeJS.ProcessEnv = { ...env };
  const issues: string[] = [];
  for (const name of FILE_VARIABLES) {
    const file = env[`${name}_FILE`];
    if (!file) continue;
    if (env[name] !== undefined && env[name] !== '') {
      issues.push(`${name}_FILE: set ${name} or ${name}_FILE, not both`);
      continue;
    }
    try {
      const value = fs.readFileSync(file, 'utf8').replace(/\r?\n$/, '');
      // An empty file is an unset variable (a compose secret from an unset environment variable).
      if (value === '') delete out[name];
      else out[name] = value;
    } catch (e) {
      issues.push(`${name}_FILE: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return { env: out, issues };
}

/** Rules that span variables; production refuses anything that would leave a door open. */
function crossChecks(c: Config): string[] {
  const issues: string[] = [];
  if (c.NODE_ENV === 'production') {
    if (!c.JWT_SECRET) issues.push('JWT_SECRET: required in production (at least 32 characters)');
    if (!c.PAYLOAD_ENCRYPTION_KEYS?.length)
      issues.push('PAYLOAD_ENCRYPTION_KEYS: required in production (id:base64key, see SECURITY.md)');
    if (c.SEED_DEMO)
      issues.push(
        'SEED_DEMO: demo accounts (known password) are never seeded in production; create the first administrator with ADMIN_BOOTSTRAP_PASSWORD or `npm run admin:create`',
      );
  }
  if (c.PAYLOAD_ENCRYPTION_REQUIRED && !c.PAYLOAD_ENCRYPTION_KEYS?.length && c.NODE_ENV !== 'production') {
    issues.push('PAYLOAD_ENCRYPTION_KEYS: required when PAYLOAD_ENCRYPTION_REQUIRED is true');
  }
  if (!!c.TEMPORAL_TLS_CERT !== !!c.TEMPORAL_TLS_KEY)
    issues.push(
      'TEMPORAL_TLS_CERT, TEMPORAL_TLS_KEY: set both (the client certificate and its private key) or neither',
    );
  for (const name of ['TEMPORAL_TLS_CERT', 'TEMPORAL_TLS_KEY', 'TEMPORAL_TLS_CA'] as const) {
    const file = c[name];
    if (!file) continue;
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      issues.push(`${name}: cannot read ${file} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
      continue;
    }
    const kind = name === 'TEMPORAL_TLS_KEY' ? 'PRIVATE KEY' : 'CERTIFICATE';
    if (!new RegExp(`-----BEGIN [A-Z ]*${kind}-----`).test(text))
      issues.push(`${name}: ${file} is not a PEM ${kind.toLowerCase()}`);
  }
  if (c.TEMPORAL_TLS === false && (c.TEMPORAL_TLS_CERT || c.TEMPORAL_TLS_CA || c.TEMPORAL_TLS_SERVER_NAME)) {
    issues.push('TEMPORAL_TLS: false, but TEMPORAL_TLS_CERT/CA/SERVER_NAME are set');
  }
  return issues;
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming each bad variable (never its value: secrets). */
export function loadConfig(rawEnv: NodeJS.ProcessEnv = process.env): Config {
  const { env, issues: fileIssues } = withSecretFiles(rawEnv);
  if (fileIssues.length) throw new ConfigError(fileIssues);
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const production = parsed.data.NODE_ENV === 'production';
  const config: Config = {
    ...parsed.data,
    SEED_DEMO: parsed.data.SEED_DEMO ?? !production,
    PAYLOAD_ENCRYPTION_REQUIRED: parsed.data.PAYLOAD_ENCRYPTION_REQUIRED ?? production,
  };
  const issues = crossChecks(config);
  if (issues.length) throw new ConfigError(issues);
  return config;
}
