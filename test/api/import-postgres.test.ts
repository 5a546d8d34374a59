/**
 * The province import on a real PostgreSQL (test/support/postgres-system.ts): the dry run rolls back its
 * transaction there too, the real run imports the good rows with one audit row, and a repeat changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { startSystemOnPostgres } from '../support/postgres-system';
import type { System } from '../support/system';
import { INITIAL_PASSWORD, upload, workbook } from '../support/import-files';

jest.setTimeout(90_000);
let pg: { sys: System; stop: () => Promise<void> } | undefined;
beforeAll(async () => {
  pg = await startSystemOnPostgres();
}, 180_000);
afterAll(() => pg?.stop(), 60_000);

test('XLSX on PostgreSQL: dry run writes nothing, the real run imports the rest once, a repeat changes nothing', async () => {
  const sys = pg!.sys;
  const province = await sys.call('POST', '/api/admin/provinces', {
    as: 'admin',
    body: { code: 'HG', name: 'Hậu Giang' },
    key: randomUUID(),
  });
  const path = `/api/admin/provinces/${province.body.id}/import`;
  const file = { file: { name: 'hg.xlsx', data: await workbook() } };
  const token = await sys.login('admin');
  const dry = await upload(sys.base, token, `${path}?dryRun=true`, file, { password: INITIAL_PASSWORD });
  expect(dry.status).toBe(200);
  expect(dry.body.errors.map((e: { sheet: string; row: number; field: string }) => [e.sheet, e.row, e.field])).toEqual([
    ['units', 5, 'womenRatio'],
  ]);
  expect(await sys.db.prisma.unit.count({ where: { code: { startsWith: 'HG-' } } })).toBe(0);
  const real = await upload(sys.base, token, path, file, { password: INITIAL_PASSWORD }, randomUUID());
  expect(real.body.counts).toEqual(dry.body.counts);
  expect(await sys.db.prisma.cycle.count({ where: { id: { startsWith: 'imported-HG-' } } })).toBe(2);
  expect(await sys.db.prisma.handover.count({ where: { bloc: { code: 'HG-NOICHINH' } } })).toBe(2);
  const again = await upload(sys.base, token, path, file, {}, randomUUID());
  for (const c of Object.values(again.body.counts as Record<string, { created: number; updated: number }>))
    expect([c.created, c.updated]).toEqual([0, 0]);
  expect(await sys.db.prisma.auditLog.count({ where: { action: 'admin.import' } })).toBe(2);
});
