/** Admin registry over HTTP: the provinces list and units (create, update, rename). */
import { randomUUID } from 'node:crypto';
import { auditRowsOf, expectError, expectIdempotentWrite, expectStatus } from '../../support/writes';
import { sys, adminId, ct, tn, setProvinces, X, unitIds, newUnit } from './context';
import { concurrentWrites } from './concurrent';

/** Registered inside its `describe` by test/api/admin.test.ts (one real system for all admin tests). */
export function unitTests(): void {
  test('provinces are listed for the forms', async () => {
    const res = await sys.call('GET', '/api/admin/provinces', { as: 'admin' });
    expectStatus(res, 200);
    const byCode = Object.fromEntries((res.body.items as { id: string; code: string }[]).map((p) => [p.code, p]));
    setProvinces(byCode['CT']!, byCode['TN']!);
    expect(ct && tn).toBeTruthy();
  });

  test('create a unit: 201 once per key with one audit row; 400 with paths; duplicate code 409; unknown province 404', async () => {
    const body = {
      code: 'CT-SNV',
      name: 'Sở Nội vụ thành phố',
      shortName: 'Sở Nội vụ',
      provinceId: ct.id,
      womenRatio: 0.55,
    };
    const { body: unit, audit } = await expectIdempotentWrite(
      sys,
      'POST',
      '/api/admin/units',
      { as: 'admin', body, otherBody: { ...body, name: 'Sở Nội vụ (khác)' } },
      201,
    );
    expect(unit).toMatchObject({
      code: 'CT-SNV',
      name: body.name,
      womenRatio: 0.55,
      successor: null,
      predecessors: [],
      dissolvedOn: null,
    });
    expect(audit).toMatchObject({
      action: 'admin.unit.create',
      entity: 'unit',
      entityId: unit.id,
      actorPersonId: adminId,
      actorRole: 'admin',
      before: null,
      after: body,
    });
    unitIds['CT-SNV'] = unit.id;

    expectError(
      await sys.call('POST', '/api/admin/units', { as: 'admin', body: { ...body, code: 'ct-snv-2', womenRatio: 1.5 } }),
      400,
      'VALIDATION',
      ['womenRatio'],
    );
    expectError(
      await sys.call('POST', '/api/admin/units', { as: 'admin', body: { ...body, code: 'x' } }),
      400,
      'VALIDATION',
      ['code'],
    );
    expectError(
      await sys.call('POST', '/api/admin/units', { as: 'admin', body: { ...body, code: 'CT-SNV2', extra: 1 } }),
      400,
      'VALIDATION',
    );
    expectError(
      await sys.call('POST', '/api/admin/units', {
        as: 'admin',
        body: { ...body, code: 'CT-SNV2', provinceId: undefined },
      }),
      400,
      'VALIDATION',
      ['provinceId'],
    );
    const dupKey = randomUUID();
    expectError(await sys.call('POST', '/api/admin/units', { as: 'admin', key: dupKey, body }), 409, 'CONFLICT', [
      'code',
    ]);
    expectError(
      await sys.call('POST', '/api/admin/units', { as: 'admin', body: { ...body, code: 'CT-SNV2', provinceId: X } }),
      404,
      'NOT_FOUND',
      ['provinceId'],
    );
    // A refused write stored nothing under its key: a retry meets the same refusal, and no audit row.
    expectError(await sys.call('POST', '/api/admin/units', { as: 'admin', key: dupKey, body }), 409, 'CONFLICT', [
      'code',
    ]);
    expect(await auditRowsOf(sys, dupKey)).toHaveLength(0);
    expect(await sys.db.prisma.idempotencyKey.count({ where: { key: dupKey } })).toBe(0);
  });

  concurrentWrites(() => sys);

  test('update and rename a unit: the old name stays in the audit row; code clash 409; missing 404; empty patch 400', async () => {
    const id = await newUnit('CT-VPUB');
    const { body: after, audit } = await expectIdempotentWrite(
      sys,
      'PATCH',
      `/api/admin/units/${id}`,
      { as: 'admin', body: { name: 'Văn phòng UBND thành phố', code: 'CT-VP' }, otherBody: { name: 'Khác hẳn' } },
      200,
    );
    expect(after).toMatchObject({ id, code: 'CT-VP', name: 'Văn phòng UBND thành phố' });
    expect(audit).toMatchObject({
      action: 'admin.unit.rename',
      entity: 'unit',
      entityId: id,
      before: { code: 'CT-VPUB', name: 'Đơn vị CT-VPUB', shortName: 'CT-VPUB', womenRatio: 0.5 },
      after: { code: 'CT-VP', name: 'Văn phòng UBND thành phố' },
    });
    unitIds['CT-VP'] = id;
    const { audit: plain } = await expectIdempotentWrite(
      sys,
      'PATCH',
      `/api/admin/units/${id}`,
      { as: 'admin', body: { womenRatio: null } },
      200,
    );
    expect(plain).toMatchObject({
      action: 'admin.unit.update',
      before: { womenRatio: 0.5 },
      after: { womenRatio: null },
    });
    expectError(
      await sys.call('PATCH', `/api/admin/units/${id}`, { as: 'admin', body: { code: 'CT-CA' } }),
      409,
      'CONFLICT',
      ['code'],
    );
    expectError(await sys.call('PATCH', `/api/admin/units/${id}`, { as: 'admin', body: {} }), 400, 'VALIDATION');
    expectError(
      await sys.call('PATCH', `/api/admin/units/${X}`, { as: 'admin', body: { name: 'Không có' } }),
      404,
      'NOT_FOUND',
    );
  });
}
