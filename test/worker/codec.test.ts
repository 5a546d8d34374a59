/**
 * The payload codec (worker/codec.ts) and its configuration (PAYLOAD_ENCRYPTION_KEYS), without a
 * server: AES-256-GCM round trips through the SDK's own payload converter, tampering, key
 * rotation, unknown key ids, no double encryption. test/api/payload-encryption.test.ts proves the
 * same against a real Temporal history.
 */
import { randomBytes } from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { ConfigError, loadConfig, type PayloadKey } from '../../config';
import {
  AesGcmPayloadCodec,
  dataConverterFor,
  dataConverterFromConfig,
  ENCRYPTED_ENCODING,
  isEncrypted,
  KEY_ID_METADATA,
  payloadEncryptionNotice,
  PayloadDecryptionError,
} from '../../worker/codec';
import { keyEntry } from '../support/payload-keys';

const key = (id: string): PayloadKey => ({ id, key: randomBytes(32) });
const meta = (p: Payload, k: string) => (p.metadata?.[k] ? Buffer.from(p.metadata[k]).toString() : undefined);
const ballot = {
  unitId: 'unit-cong-an-tp',
  contest: 'leader',
  round: 1,
  choices: ['unit-vien-kiem-sat'],
  actor: { personId: 'person-nguyen-van-a', roles: ['unitOfficer'] },
};
const vietnamese = {
  theme: 'Đoàn kết, kỷ cương, đổi mới, hoàn thành xuất sắc nhiệm vụ năm 2026',
  slogan: 'Thi đua là yêu nước, yêu nước thì phải thi đua',
  signedBy: 'Thủ trưởng đơn vị',
};
const toPayload = (v: unknown) => defaultPayloadConverter.toPayload(v);

describe('PAYLOAD_ENCRYPTION_KEYS', () => {
  test('id:base64key list, first = current; unset or empty = no encryption', () => {
    const a = randomBytes(32);
    const b = randomBytes(32);
    const keys = loadConfig({
      PAYLOAD_ENCRYPTION_KEYS: ` ${keyEntry('2026-q2', a)} , ${keyEntry('2026-q1', b).replace(/\+/g, '-').replace(/\//g, '_')}`,
    }).PAYLOAD_ENCRYPTION_KEYS;
    expect(keys?.map((k) => k.id)).toEqual(['2026-q2', '2026-q1']);
    expect(keys?.[0]?.key.equals(a)).toBe(true);
    expect(keys?.[1]?.key.equals(b)).toBe(true); // base64url accepted too
    expect(loadConfig({}).PAYLOAD_ENCRYPTION_KEYS).toBeUndefined();
    expect(loadConfig({ PAYLOAD_ENCRYPTION_KEYS: '' }).PAYLOAD_ENCRYPTION_KEYS).toBeUndefined();
  });

  test.each([
    ['no id separator', randomBytes(32).toString('base64'), /entry 1: expected <key id>:<base64/],
    [
      'a 16-byte key',
      keyEntry('k1', randomBytes(16)),
      /entry 1 \(key id "k1"\): the key must be 32 bytes in base64 \(AES-256\), got 16/,
    ],
    ['not base64', `k1:${'!'.repeat(44)}`, /entry 1 \(key id "k1"\): the key must be 32 bytes/],
    ['a bad key id', keyEntry('k 1'), /entry 1: key id must be/],
    ['a duplicate id', `${keyEntry('k1')},${keyEntry('k1')}`, /entry 2: key id "k1" is listed twice/],
  ])('%s stops start-up with a message naming the variable, never the key', (_name, value, message) => {
    let error: unknown;
    try {
      loadConfig({ PAYLOAD_ENCRYPTION_KEYS: value });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as ConfigError).message;
    expect(text).toMatch(/PAYLOAD_ENCRYPTION_KEYS: /);
    expect(text).toMatch(message);
    for (const part of value.split(/[,:]/)) if (part.length >= 20) expect(text).not.toContain(part);
  });

  test('start-up notice: off is a warning in production only; on names the current key id', () => {
    expect(payloadEncryptionNotice({ NODE_ENV: 'production', PAYLOAD_ENCRYPTION_KEYS: undefined }).level).toBe('warn');
    expect(payloadEncryptionNotice({ NODE_ENV: 'development', PAYLOAD_ENCRYPTION_KEYS: undefined }).level).toBe('info');
    const on = payloadEncryptionNotice({ NODE_ENV: 'production', PAYLOAD_ENCRYPTION_KEYS: [key('k2'), key('k1')] });
    expect(on).toEqual({ level: 'info', message: expect.stringContaining('key "k2"; 2 key(s)') });
  });
});

describe('AesGcmPayloadCodec', () => {
  test('round trip of JSON with Vietnamese text, binary and null payloads; the ciphertext shows none of it', async () => {
    const codec = new AesGcmPayloadCodec([key('k1')]);
    const originals = [
      toPayload(ballot),
      toPayload(vietnamese),
      toPayload(new Uint8Array([0, 1, 2, 255])),
      toPayload(null),
      toPayload(undefined),
    ];
    const encoded = await codec.encode(originals);
    expect(encoded).toHaveLength(originals.length);
    for (const p of encoded) {
      expect(meta(p, 'encoding')).toBe(ENCRYPTED_ENCODING);
      expect(meta(p, KEY_ID_METADATA)).toBe('k1');
      expect(Object.keys(p.metadata!)).toEqual(['encoding', KEY_ID_METADATA]); // the inner encoding (json/plain…) is sealed too
      const bytes = Buffer.from(p.data!);
      for (const secret of [
        'unit-cong-an-tp',
        'unit-vien-kiem-sat',
        'person-nguyen-van-a',
        'choices',
        'Đoàn kết',
        'json/plain',
      ])
        expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
    const decoded = await codec.decode(encoded);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([
      ballot,
      vietnamese,
      new Uint8Array([0, 1, 2, 255]),
      null,
      undefined,
    ]);
    expect(decoded.map((p) => meta(p, 'encoding'))).toEqual(originals.map((p) => meta(p, 'encoding')));
  });

  test('a fresh IV each time: the same ballot twice gives different ciphertexts', async () => {
    const codec = new AesGcmPayloadCodec([key('k1')]);
    const [a, b] = await codec.encode([toPayload(ballot), toPayload(ballot)]);
    expect(Buffer.from(a!.data!).equals(Buffer.from(b!.data!))).toBe(false);
  });

  test('tampering is detected: a flipped bit, a swapped key id, a truncated payload', async () => {
    const codec = new AesGcmPayloadCodec([key('k1'), key('k0')]);
    const [sealed] = await codec.encode([toPayload(ballot)]);
    for (const i of [0, 12, sealed!.data!.length - 1]) {
      const data = Buffer.from(sealed!.data!);
      data[i]! ^= 0x01;
      await expect(codec.decode([{ ...sealed, data }])).rejects.toThrow(/key id "k1"\) failed authentication/);
    }
    const relabelled = { ...sealed, metadata: { ...sealed!.metadata, [KEY_ID_METADATA]: Buffer.from('k0') } };
    await expect(codec.decode([relabelled])).rejects.toThrow(/key id "k0"\) failed authentication/);
    await expect(codec.decode([{ ...sealed, data: sealed!.data!.subarray(0, 20) }])).rejects.toThrow(/truncated/);
    await expect(
      codec.decode([{ metadata: { encoding: Buffer.from(ENCRYPTED_ENCODING) }, data: sealed!.data }]),
    ).rejects.toThrow(PayloadDecryptionError);
    await expect(codec.decode([sealed!])).resolves.toHaveLength(1); // the untouched one still opens
  });

  test('rotation: the first key encrypts, every listed key decrypts; a dropped key is a clear error', async () => {
    const k1 = key('k1');
    const k2 = key('k2');
    const before = new AesGcmPayloadCodec([k1]);
    const [old] = await before.encode([toPayload(ballot)]);
    const rotated = new AesGcmPayloadCodec([k2, k1]);
    expect(rotated.currentKeyId).toBe('k2');
    const [fresh] = await rotated.encode([toPayload(vietnamese)]);
    expect(meta(fresh!, KEY_ID_METADATA)).toBe('k2');
    const [a, b] = await rotated.decode([old!, fresh!]);
    expect(defaultPayloadConverter.fromPayload(a!)).toEqual(ballot);
    expect(defaultPayloadConverter.fromPayload(b!)).toEqual(vietnamese);
    // A process still on the old key list, or one that dropped k1 too early:
    await expect(before.decode([fresh!])).rejects.toThrow(
      'payload was encrypted with key id "k2", which is not in PAYLOAD_ENCRYPTION_KEYS (known: k1)',
    );
    await expect(new AesGcmPayloadCodec([k2]).decode([old!])).rejects.toThrow(PayloadDecryptionError);
    // The same id with another key is not accepted either.
    await expect(new AesGcmPayloadCodec([key('k1')]).decode([old!])).rejects.toThrow(/failed authentication/);
  });

  test('no double encryption; payloads in clear (histories from before encryption) decode unchanged', async () => {
    const codec = new AesGcmPayloadCodec([key('k1')]);
    const [once] = await codec.encode([toPayload(ballot)]);
    const [twice] = await codec.encode([once!]);
    expect(twice).toBe(once);
    const [opened] = await codec.decode([twice!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(ballot);
    const clear = toPayload(vietnamese);
    expect(isEncrypted(clear)).toBe(false);
    const [passed] = await codec.decode([clear]);
    expect(passed).toBe(clear);
  });

  test('encryption required (the production default): a payload in clear is refused, sealed ones still open', async () => {
    const k1 = key('k1');
    const strict = new AesGcmPayloadCodec([k1], { requireEncryption: true });
    const clear = toPayload(ballot);
    await expect(strict.decode([clear])).rejects.toThrow(PayloadDecryptionError);
    await expect(strict.decode([clear])).rejects.toThrow(/refused a payload in clear \(encoding "json\/plain"\)/);
    const [sealed] = await new AesGcmPayloadCodec([k1]).encode([clear]);
    const [opened] = await strict.decode([sealed!]);
    expect(defaultPayloadConverter.fromPayload(opened!)).toEqual(ballot);
    // One clear payload among sealed ones refuses the whole batch (an Update's args, a workflow input…).
    await expect(strict.decode([sealed!, toPayload(null)])).rejects.toThrow(/refused a payload in clear/);
    // From the configuration: production requires it by default; a migration may turn it off explicitly.
    const entry = keyEntry('k1', k1.key);
    const production = { NODE_ENV: 'production', JWT_SECRET: 'j'.repeat(40), PAYLOAD_ENCRYPTION_KEYS: entry };
    const fromConfig = (env: Record<string, string>) =>
      dataConverterFromConfig(loadConfig(env)).payloadCodecs![0] as AesGcmPayloadCodec;
    expect(fromConfig(production).requireEncryption).toBe(true);
    await expect(fromConfig(production).decode([clear])).rejects.toThrow(PayloadDecryptionError);
    expect(fromConfig({ ...production, PAYLOAD_ENCRYPTION_REQUIRED: 'false' }).requireEncryption).toBe(false);
    expect(fromConfig({ PAYLOAD_ENCRYPTION_KEYS: entry }).requireEncryption).toBe(false);
    expect(() => dataConverterFor(undefined, { requireEncryption: true })).toThrow(/required/);
  });

  test('keys must be 32 bytes, ids unique; dataConverterFor adds the codec only when keys are set', () => {
    expect(() => new AesGcmPayloadCodec([])).toThrow(/at least one key/);
    expect(() => new AesGcmPayloadCodec([{ id: 'k1', key: randomBytes(24) }])).toThrow(/32 bytes/);
    expect(() => new AesGcmPayloadCodec([key('k1'), key('k1')])).toThrow(/listed twice/);
    expect(dataConverterFor(undefined)).toEqual({});
    const [codec] = dataConverterFor([key('k9')]).payloadCodecs ?? [];
    expect(codec).toBeInstanceOf(AesGcmPayloadCodec);
    expect((codec as AesGcmPayloadCodec).currentKeyId).toBe('k9');
  });
});
