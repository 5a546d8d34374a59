/** Admin registry over HTTP: provinces. */
import { expectError, expectIdempotentWrite } from '../../support/writes';
import { sys, adminId, X } from './context';

/** Registered inside its `describe` by test/api/admin.test.ts (one real system for all admin tests). */
export function provinceTests(): void {
  test('create a province: 201 once per key with one audit row; duplicate code 409; 400 with paths', async () => {
    const body = { code: 'HG', name: 'Hậu Giang' };
    const { body: created, audit } = await expectIdempotentWrite(
      sys,
      'POST',
      '/api/admin/provinces',
      { as: 'admin', body, otherBody: { ...body, name: 'Tỉnh khác' } },
      201,
    );
    expect(created).toEqual({ id: expect.any(String), code: 'HG', name: 'Hậu Giang' });
    expect(audit).toMatchObject({
      action: 'admin.province.create',
      entity: 'province',
      entityId: created.id,
      actorPersonId: adminId,
      before: null,
      after: body,
    });
    expectError(
      await sys.call('POST', '/api/admin/provinces', { as: 'admin', body: { code: 'CT', name: 'Cần Thơ mới' } }),
      409,
      'CONFLICT',
      ['code'],
    );
    expectError(
      await sys.call('POST', '/api/admin/provinces', { as: 'admin', body: { code: 'H G', name: 'Hậu Giang' } }),
      400,
      'VALIDATION',
      ['code'],
    );
    expectError(
      await sys.call('POST', '/api/admin/provinces', { as: 'admin', body: { code: 'HG2', name: 'x' } }),
      400,
      'VALIDATION',
      ['name'],
    );
    expectError(
      await sys.call('POST', '/api/admin/provinces', {
        as: 'admin',
        body: { ...body, code: 'HG3', capital: 'Vị Thanh' },
      }),
      400,
      'VALIDATION',
    );
    const list = await sys.call('GET', '/api/admin/provinces', { as: 'admin' });
    expect(list.body.items.map((p: { code: string }) => p.code)).toEqual(['CT', 'HG', 'TN']);
  });

  test('rename a province: the old name stays in the audit row; the code is not changed here; missing 404; empty 400', async () => {
    const hg = await sys.db.prisma.province.findUniqueOrThrow({ where: { code: 'HG' } });
    const path = `/api/admin/provinces/${hg.id}`;
    const { body: after, audit } = await expectIdempotentWrite(
      sys,
      'PATCH',
      path,
      { as: 'admin', body: { name: 'Tỉnh Hậu Giang' }, otherBody: { name: 'Tên khác' } },
      200,
    );
    expect(after).toEqual({ id: hg.id, code: 'HG', name: 'Tỉnh Hậu Giang' });
    expect(audit).toMatchObject({
      action: 'admin.province.rename',
      entity: 'province',
      entityId: hg.id,
      before: { name: 'Hậu Giang' },
      after: { name: 'Tỉnh Hậu Giang' },
    });
    expectError(
      await sys.call('PATCH', `/api/admin/provinces/${X}`, { as: 'admin', body: { name: 'Không có' } }),
      404,
      'NOT_FOUND',
    );
    expectError(await sys.call('PATCH', path, { as: 'admin', body: {} }), 400, 'VALIDATION', ['name']);
    expectError(
      await sys.call('PATCH', path, { as: 'admin', body: { name: 'Hậu Giang', code: 'HGX' } }),
      400,
      'VALIDATION',
    );
    expect((await sys.db.prisma.province.findUniqueOrThrow({ where: { id: hg.id } })).code).toBe('HG');
  });
}
