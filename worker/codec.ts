/**
 * Payload encryption: every payload the API (client) and the worker hand to Temporal — workflow
 * inputs, Update inputs (ballots with their voter), activity arguments and results, query answers —
 * is sealed with AES-256-GCM before it leaves the process, so Temporal's event history, Web UI and
 * CLI only ever see ciphertext. Runs outside the workflow sandbox (never imported by workflows/:
 * ESLint forbids worker/ there).
 *
 * Encrypted payload: metadata `encoding: binary/encrypted`, `encryption-key-id: <id>`; data =
 * 12-byte IV ‖ ciphertext ‖ 16-byte GCM tag of the original Payload (protobuf: its own encoding
 * and data), authenticated together with the key id. Rotation: the first key encrypts, any listed
 * key decrypts. Payloads written in clear (before encryption was turned on) still decode unless
 * encryption is required (PAYLOAD_ENCRYPTION_REQUIRED, the production default): then a clear
 * payload — say a signal or Update someone sent with the bare `temporal` CLI, or a history written
 * by a process without the keys — is refused instead of being acted upon.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { METADATA_ENCODING_KEY, type DataConverter, type Payload, type PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { Config, PayloadKey } from '../config';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;

const utf8 = (s: string) => Buffer.from(s, 'utf8');
const text = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString('utf8') : undefined);

/** Why a payload could not be decrypted (unknown key id, altered bytes, wrong key). */
export class PayloadDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PayloadDecryptionError';
  }
}

export const isEncrypted = (p: Payload): boolean => text(p.metadata?.[METADATA_ENCODING_KEY]) === ENCRYPTED_ENCODING;

export interface CodecOptions {
  /** Refuse to decode a payload that is not encrypted (PayloadDecryptionError). */
  requireEncryption?: boolean;
}

export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly keys: Map<string, Buffer>;
  readonly currentKeyId: string;
  readonly requireEncryption: boolean;

  constructor(keys: readonly PayloadKey[], options: CodecOptions = {}) {
    this.requireEncryption = options.requireEncryption ?? false;
    if (keys.length === 0) throw new Error('AesGcmPayloadCodec needs at least one key');
    this.keys = new Map();
    for (const { id, key } of keys) {
      if (key.length !== 32) throw new Error(`payload key "${id}" must be 32 bytes (AES-256)`);
      if (this.keys.has(id)) throw new Error(`payload key id "${id}" is listed twice`);
      this.keys.set(id, Buffer.from(key));
    }
    this.currentKeyId = keys[0]!.id;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => (isEncrypted(p) ? p : this.encrypt(p)));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => {
      if (isEncrypted(p)) return this.decrypt(p);
      if (this.requireEncryption) {
        throw new PayloadDecryptionError(
          `refused a payload in clear (encoding "${text(p.metadata?.[METADATA_ENCODING_KEY]) ?? 'none'}"): PAYLOAD_ENCRYPTION_REQUIRED accepts only payloads sealed with a key of PAYLOAD_ENCRYPTION_KEYS`,
        );
      }
      return p;
    });
  }

  private encrypt(payload: Payload): Payload {
    const id = this.currentKeyId;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(CIPHER, this.keys.get(id)!, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(utf8(id));
    const sealed = Buffer.concat([
      iv,
      cipher.update(temporal.api.common.v1.Payload.encode(payload).finish()),
      cipher.final(),
      cipher.getAuthTag(),
    ]);
    return {
      metadata: { [METADATA_ENCODING_KEY]: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(id) },
      data: sealed,
    };
  }

  private decrypt(payload: Payload): Payload {
    const id = text(payload.metadata?.[KEY_ID_METADATA]);
    if (id === undefined) throw new PayloadDecryptionError(`encrypted payload without "${KEY_ID_METADATA}" metadata`);
    const key = this.keys.get(id);
    if (!key)
      throw new PayloadDecryptionError(
        `payload was encrypted with key id "${id}", which is not in PAYLOAD_ENCRYPTION_KEYS (known: ${[...this.keys.keys()].join(', ')})`,
      );
    const data = Buffer.from(payload.data ?? new Uint8Array());
    if (data.length < IV_BYTES + TAG_BYTES)
      throw new PayloadDecryptionError(`encrypted payload (key id "${id}") is truncated`);
    try {
      const decipher = createDecipheriv(CIPHER, key, data.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
      decipher.setAAD(utf8(id));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)),
        decipher.final(),
      ]);
      return temporal.api.common.v1.Payload.decode(plain);
    } catch {
      throw new PayloadDecryptionError(
        `encrypted payload (key id "${id}") failed authentication: it was altered, or the key with that id is not the one it was sealed with`,
      );
    }
  }
}

/** The data converter for Client and Worker.create: the codec when keys are configured, else the SDK default. */
export function dataConverterFor(keys: readonly PayloadKey[] | undefined, options: CodecOptions = {}): DataConverter {
  if (options.requireEncryption && !keys?.length)
    throw new Error('payload encryption is required but no PAYLOAD_ENCRYPTION_KEYS are configured');
  return keys?.length ? { payloadCodecs: [new AesGcmPayloadCodec(keys, options)] } : {};
}

/** The data converter a process builds from its configuration (keys, and whether clear payloads are refused). */
export function dataConverterFromConfig(
  config: Pick<Config, 'PAYLOAD_ENCRYPTION_KEYS' | 'PAYLOAD_ENCRYPTION_REQUIRED'>,
): DataConverter {
  return dataConverterFor(config.PAYLOAD_ENCRYPTION_KEYS, { requireEncryption: config.PAYLOAD_ENCRYPTION_REQUIRED });
}

/** One start-up log line on the state of payload encryption (a warning when production runs without it). */
export function payloadEncryptionNotice(
  config: Pick<Config, 'NODE_ENV' | 'PAYLOAD_ENCRYPTION_KEYS'> & Partial<Pick<Config, 'PAYLOAD_ENCRYPTION_REQUIRED'>>,
): { level: 'info' | 'warn'; message: string } {
  const keys = config.PAYLOAD_ENCRYPTION_KEYS;
  if (keys?.length)
    return {
      level: 'info',
      message: `Temporal payloads encrypted (AES-256-GCM) with key "${keys[0]!.id}"; ${keys.length} key(s) can decrypt${config.PAYLOAD_ENCRYPTION_REQUIRED ? '; payloads in clear are refused' : ''}`,
    };
  return {
    level: config.NODE_ENV === 'production' ? 'warn' : 'info',
    message:
      'PAYLOAD_ENCRYPTION_KEYS is not set: Temporal payloads (ballots with their voter) are stored in clear in the workflow history',
  };
}
