/**
 * Password hashing with node:crypto scrypt (no native add-on).
 *
 * Stored format (self-describing, so parameters can be raised later without breaking old hashes):
 *   scrypt$<N>$<r>$<p>$<salt base64>$<key base64>
 * with a random 16-byte salt per hash and a 32-byte derived key. Verification re-derives the key
 * with the stored parameters and compares in constant time.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  N: number;
  /** Block size. */
  r: number;
  /** Parallelisation. */
  p: number;
}

/** 2^15 × 8 × 128 B = 32 MiB and roughly 50–100 ms per hash on a server core. */
export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 15, r: 8, p: 1 });

const PREFIX = 'scrypt';
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Bounds for parameters read from a stored hash (a crafted hash must not exhaust memory/CPU). */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;
const MAX_PASSWORD_LENGTH = 1024;

function derive(password: string, salt: Buffer, keyLength: number, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = {
    N: params.N,
    r: params.r,
    p: params.p,
    maxmem: 256 * params.N * params.r + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;

function checkParams(params: ScryptParams): void {
  if (!isPowerOfTwo(params.N) || params.N > MAX_N) throw new Error(`invalid scrypt N: ${params.N}`);
  if (!Number.isInteger(params.r) || params.r < 1 || params.r > MAX_R) throw new Error(`invalid scrypt r: ${params.r}`);
  if (!Number.isInteger(params.p) || params.p < 1 || params.p > MAX_P) throw new Error(`invalid scrypt p: ${params.p}`);
}

/** Hashes a password with a fresh random salt. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  if (typeof password !== 'string' || password.length === 0) throw new Error('password must be a non-empty string');
  if (password.length > MAX_PASSWORD_LENGTH) throw new Error('password is too long');
  checkParams(params);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, KEY_BYTES, params);
  return [PREFIX, params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface ParsedHash extends ScryptParams {
  salt: Buffer;
  key: Buffer;
}

function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return null;
  const [, n, r, p, salt, key] = parts as [string, string, string, string, string, string];
  const parsed: ParsedHash = {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    salt: Buffer.from(salt, 'base64'),
    key: Buffer.from(key, 'base64'),
  };
  try {
    checkParams(parsed);
  } catch {
    return null;
  }
  if (parsed.salt.length < 8 || parsed.key.length < 16 || parsed.key.length > 128) return null;
  return parsed;
}

/**
 * True when `password` matches `stored`. Malformed hashes and over-long passwords give false
 * (never throw), so callers can treat every failure as "wrong credentials".
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  if (typeof password !== 'string' || typeof stored !== 'string') return false;
  if (password.length === 0 || password.length > MAX_PASSWORD_LENGTH) return false;
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed.key.length, parsed);
  return key.length === parsed.key.length && timingSafeEqual(key, parsed.key);
}

/** True when `stored` was made with weaker parameters than `params` (re-hash at next login). */
export function needsRehash(stored: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const parsed = parseHash(stored);
  return !parsed || parsed.N < params.N || parsed.r < params.r || parsed.p < params.p || parsed.key.length < KEY_BYTES;
}
