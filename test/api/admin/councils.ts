/** Admin registry over HTTP: councils and their members. */
import { expectError, expectIdempotentWrite, personIdOf } from '../../support/writes';
import { sys, ct, X } from './context';

/** Registered inside its `describe` by test/api/admin.test.ts (one real system for all admin tests). */
export function councilTests(): void {
  let province: { id: string };
  let council: { id: string };

  beforeAll(async () => {
    // The third province, created through the API above.
    province = await sys.db.prisma.province.findUniqueOrThrow({ where: { code: 'HG' } });
  });

  test('create a council: one per province (409), unknown province 404, 400 with paths', async () => {
    const body = { provinceId: province.id, name: 'Hội đồng Thi đua - Khen thưởng tỉnh Hậu Giang' };
    const { body: created, audit } = await expectIdempotentWrite(
      sys,
      'POST',
      '/api/admin/councils',
      { as: 'admin', body, otherBody: { ...body, name: 'Hội đồng khác' } },
      201,
    );
    expect(created).toMatchObject({ provinceId: province.id, name: body.name, members: [], roleAssignments: [] });
    expect(audit).toMatchObject({
      action: 'admin.council.create',
      entity: 'council',
      entityId: created.id,
      after: body,
    });
    council = created;
    expectError(await sys.call('POST', '/api/admin/councils', { as: 'admin', body }), 409, 'CONFLICT', ['provinceId']);
    expectError(
      await sys.call('POST', '/api/admin/councils', { as: 'admin', body: { ...body, provinceId: ct.id } }),
      409,
      'CONFLICT',
      ['provinceId'],
    );
    expectError(
      await sys.call('POST', '/api/admin/councils', { as: 'admin', body: { ...body, provinceId: X } }),
      404,
      'NOT_FOUND',
      ['provinceId'],
    );
    expectError(
      await sys.call('POST', '/api/admin/councils', { as: 'admin', body: { provinceId: province.id, name: 'x' } }),
      400,
      'VALIDATION',
      ['name'],
    );
  });

  test('rename a council', async () => {
    const { body: after, audit } = await expectIdempotentWrite(
      sys,
      'PATCH',
      `/api/admin/councils/${council.id}`,
      { as: 'admin', body: { name: 'Hội đồng TĐKT tỉnh Hậu Giang' }, otherBody: { name: 'Tên khác nữa' } },
      200,
    );
    expect(after.name).toBe('Hội đồng TĐKT tỉnh Hậu Giang');
    expect(audit).toMatchObject({
      action: 'admin.council.update',
      before: { name: 'Hội đồng Thi đua - Khen thưởng tỉnh Hậu Giang' },
      after: { name: 'Hội đồng TĐKT tỉnh Hậu Giang' },
    });
    expectError(
      await sys.call('PATCH', `/api/admin/councils/${X}`, { as: 'admin', body: { name: 'Không có' } }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await sys.call('PATCH', `/api/admin/councils/${council.id}`, { as: 'admin', body: {} }),
      400,
      'VALIDATION',
      ['name'],
    );
  });

  test('seat and unseat members; the council-member role follows the seat', async () => {
    const hd = await personIdOf(sys, 'tn.hd4');
    const path = `/api/admin/councils/${council.id}/members`;
    const { body: seat, audit } = await expectIdempotentWrite(
      sys,
      'POST',
      path,
      { as: 'admin', body: { personId: hd, position: 'chair' }, otherBody: { personId: hd, position: 'member' } },
      201,
    );
    expect(seat).toMatchObject({ councilId: council.id, personId: hd, position: 'chair' });
    expect(audit).toMatchObject({
      action: 'admin.council.seat',
      entity: 'council',
      entityId: council.id,
      after: { personId: hd, position: 'chair' },
    });
    expect(
      await sys.db.prisma.roleAssignment.count({
        where: { personId: hd, councilId: council.id, role: 'councilMember' },
      }),
    ).toBe(1);
    expectError(await sys.call('POST', path, { as: 'admin', body: { personId: hd } }), 409, 'ALREADY_DONE', [
      'councilId',
    ]);
    expectError(await sys.call('POST', path, { as: 'admin', body: { personId: X } }), 404, 'NOT_FOUND', ['personId']);
    expectError(
      await sys.call('POST', path, { as: 'admin', body: { personId: hd, position: 'king' } }),
      400,
      'VALIDATION',
      ['position'],
    );
    expectError(
      await sys.call('POST', `/api/admin/councils/${X}/members`, { as: 'admin', body: { personId: hd } }),
      404,
      'NOT_FOUND',
    );

    const listed = await sys.call('GET', '/api/admin/councils', { as: 'admin' });
    const mine = listed.body.items.find((c: { id: string }) => c.id === council.id);
    expect(mine.members).toEqual([
      expect.objectContaining({ position: 'chair', person: expect.objectContaining({ username: 'tn.hd4' }) }),
    ]);
    expect(listed.body.items).toHaveLength(3);

    const { body: removed, audit: unseat } = await expectIdempotentWrite(
      sys,
      'DELETE',
      `${path}/${hd}`,
      { as: 'admin' },
      200,
    );
    expect(removed).toEqual({ removed: { councilId: council.id, personId: hd, position: 'chair' } });
    expect(unseat).toMatchObject({ action: 'admin.council.unseat', before: { personId: hd, position: 'chair' } });
    expect(await sys.db.prisma.roleAssignment.count({ where: { personId: hd, councilId: council.id } })).toBe(0);
    expectError(await sys.call('DELETE', `${path}/${hd}`, { as: 'admin' }), 404, 'NOT_FOUND');
  });
}
