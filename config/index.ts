import path from 'node:path';
import { z } from 'zod';

/** Every setting the system reads from the environment, validated once at start-up (fail fast). */
const booleanFromEnv = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

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
    if (colon < 0 || !b64) return ctx.addIssue({ code: 'custom', message: `${where}: expected <key id>:<base64 of 32 random bytes>` });
    if (!KEY_ID.test(id)) return ctx.addIssue({ code: 'custom', message: `${where}: key id must be 1-64 characters A-Z a-z 0-9 . _ -` });
    const key = BASE64.test(b64) ? Buffer.from(b64, 'base64') : undefined;
    if (!key || key.length !== 32) return ctx.addIssue({ code: 'custom', message: `${where} (key id "${id}"): the key must be 32 bytes in base64 (AES-256)${key ? `, got ${key.length}` : ''}` });
    if (keys.some((k) => k.id === id)) return ctx.addIssue({ code: 'custom', message: `${where}: key id "${id}" is listed twice` });
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
  TEMPORAL_ADDRESS: z.string().regex(/^[^:\s]+:\d+$/, 'must be host:port').optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('thidua-cycles'),
  TEMPORAL_CLI_PATH: z.string().optional(),
  TEMPORAL_DEV_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  TEMPORAL_DB_FILE: z.string().default(path.resolve('data/temporal.db')),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400 * 7).default(8 * 3600),
  DEMO_PASSWORD: z.string().min(8).default('thidua-demo'),
  SEED_DEMO: booleanFromEnv.default(true),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be smtp://host:port or smtps://…').optional(),
  MAIL_FROM: z.string().default('Thi Đua <no-reply@thidua.local>'),
  WEBHOOK_URL: z.url().optional(),
  WEBHOOK_SECRET: z.string().min(16).optional(),
  NOTIFY_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  ACT_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(20_000),
  /** Workflows a worker keeps in memory (issue 11: a bloc-year sleeps; replay on wake is cheap). */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(2).max(100_000).default(250),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  UPLOAD_MAX_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 * 1024).default(5 * 1024 * 1024),
  PAYLOAD_ENCRYPTION_KEYS: payloadKeysFromEnv.optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof ConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming each bad variable (never its value: secrets). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const config = parsed.data;
  if (config.NODE_ENV === 'production' && !config.JWT_SECRET) {
    throw new ConfigError(['JWT_SECRET: required in production (at least 32 characters)']);
  }
  return config;
}
