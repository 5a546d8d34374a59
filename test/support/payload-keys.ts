import { randomBytes } from 'node:crypto';

/** One `PAYLOAD_ENCRYPTION_KEYS` entry, `id:base64key`, with a fresh random 32-byte key unless one is given. */
export const keyEntry = (id: string, key: Buffer = randomBytes(32)): string => `${id}:${key.toString('base64')}`;
