import { DEFAULT_SCRYPT_PARAMS, hashPassword, needsRehash, verifyPassword } from '../../api/security/passwords';

const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('passwords (scrypt)', () => {
  test('hash then verify; wrong passwords fail', async () => {
    const hash = await hashPassword('mật khẩu đúng');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword('mật khẩu đúng', hash)).toBe(true);
    expect(await verifyPassword('mật khẩu sai', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  test('salted: the same password hashes differently', async () => {
    const a = await hashPassword('same', FAST);
    const b = await hashPassword('same', FAST);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same', a)).toBe(true);
    expect(await verifyPassword('same', b)).toBe(true);
  });

  test('Unicode normalisation: NFC and NFD spellings match', async () => {
    const nfc = 'Đồng Tháp'.normalize('NFC');
    const hash = await hashPassword(nfc, FAST);
    expect(await verifyPassword(nfc.normalize('NFD'), hash)).toBe(true);
  });

  test('malformed or hostile hashes are rejected without throwing', async () => {
    for (const bad of [
      '',
      'plain',
      'scrypt$1$1$1$AA==$AA==',
      `scrypt$${2 ** 30}$8$1$c2FsdHNhbHQ=$${'A'.repeat(44)}`,
      'bcrypt$2$x$y$z$w',
    ]) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
    await expect(hashPassword('')).rejects.toThrow();
  });

  test('needsRehash flags weaker parameters', async () => {
    expect(needsRehash(await hashPassword('x', FAST))).toBe(true);
    expect(needsRehash(await hashPassword('x', DEFAULT_SCRYPT_PARAMS))).toBe(false);
    expect(needsRehash('garbage')).toBe(true);
  });
});
