/** Concurrent registry writes, run on SQLite (test/api/admin/units.ts) and on PostgreSQL (test/api/admin.test.ts). */
import { randomUUID } from 'node:crypto';
import { type System } from '../../support/system';
import { expectError } from '../../support/writes';

/** Concurrent registry writes: the database decides and the API answers 409 or the stored response, never 500. */
export function concurrentWrites(system: () => System): void {
  const unitBody = async (code: string) => ({
    code,
    name: `Đơn vị thử ${code}`,
    shortName: code,
    provinceId: (await system().db.prisma.province.findUniqueOrThrow({ where: { code: 'CT' } })).id,
  });

  test('two concurrent creates of the same code: one 201, one 409 naming the field', async () => {
    const body = await unitBody('CT-RACE');
    const answers = await Promise.all(
      [0, 1].map(() => system().call('POST', '/api/admin/units', { as: 'admin', body, key: randomUUID() })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    expectError(
      answers.find((a) => a.status === 409)!,
      409,
      'CONFLICT',
      ['code'],
    );
    expect(await system().db.prisma.unit.count({ where: { code: 'CT-RACE' } })).toBe(1);
  });

  test('two concurrent creates with the same key: the same answer twice, one row, one audit row', async () => {
    const body = await unitBody('CT-TWIN');
    const key = randomUUID();
    const answers = await Promise.all(
      [0, 1].map(() => system().call('POST', '/api/admin/units', { as: 'admin', body, key })),
    );
    expect(answers.map((a) => a.status)).toEqual([201, 201]);
    expect(answers[0]!.body).toEqual(answers[1]!.body);
    expect(await system().db.prisma.unit.count({ where: { code: 'CT-TWIN' } })).toBe(1);
    expect(await system().db.prisma.auditLog.count({ where: { requestId: key } })).toBe(1);
  });
}
