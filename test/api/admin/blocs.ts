/** Admin registry over HTTP: blocs, effective-dated membership, head and deputy, leaving. */
import { expectError, expectIdempotentWrite, expectStatus } from '../../support/writes';
import { sys, ct, tn, X, bloc, unitIds, newUnit, setBloc } from './context';

/** Registered inside its `describe` by test/api/admin.test.ts (one real system for all admin tests). */
export function blocTests(): void {
  test('create a bloc: 201 with audit; duplicate 409; unknown province or rule-set code 404; a rotation field 400', async () => {
    const body = {
      code: 'CT-KHOI2',
      name: 'Khối thi đua thử nghiệm',
      provinceId: ct.id,
      ruleSetCode: 'can-tho',
    };
    const { body: created, audit } = await expectIdempotentWrite(
      sys,
      'POST',
      '/api/admin/blocs',
      { as: 'admin', body, otherBody: { ...body, code: 'CT-KHOI3' } },
      201,
    );
    expect(created).toMatchObject({
      code: 'CT-KHOI2',
      headUnit: null,
      deputyUnit: null,
      memberships: [],
      province: { code: 'CT' },
    });
    expect(audit).toMatchObject({ action: 'admin.bloc.create', entity: 'bloc', entityId: created.id, after: body });
    setBloc(created);
    expectError(await sys.call('POST', '/api/admin/blocs', { as: 'admin', body }), 409, 'CONFLICT', ['code']);
    expectError(
      await sys.call('POST', '/api/admin/blocs', { as: 'admin', body: { ...body, code: 'CT-KHOI9', provinceId: X } }),
      404,
      'NOT_FOUND',
      ['provinceId'],
    );
    expectError(
      await sys.call('POST', '/api/admin/blocs', {
        as: 'admin',
        body: { ...body, code: 'CT-KHOI9', ruleSetCode: 'no-such-code' },
      }),
      404,
      'NOT_FOUND',
      ['ruleSetCode'],
    );
    expectError(
      await sys.call('POST', '/api/admin/blocs', {
        as: 'admin',
        // Rotation is the rule-set's (one home): a bloc has no rotation field.
        body: { ...body, code: 'CT-KHOI9', rotationPolicy: 'vote' },
      }),
      400,
      'VALIDATION',
      [],
    );
    expect(await sys.db.prisma.bloc.count({ where: { code: 'CT-KHOI9' } })).toBe(0);
  });

  test('list blocs by province, page by page', async () => {
    const all = await sys.call('GET', '/api/admin/blocs?province=CT', { as: 'admin' });
    expectStatus(all, 200);
    expect(all.body.items.map((b: { code: string }) => b.code)).toEqual(['CT-KHOI2', 'CT-NOICHINH']);
    const first = await sys.call('GET', '/api/admin/blocs?take=1', { as: 'admin' });
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toBe(first.body.items[0].code);
    const second = await sys.call('GET', `/api/admin/blocs?take=1&cursor=${first.body.nextCursor}`, { as: 'admin' });
    expect(second.body.items[0].code > first.body.items[0].code).toBe(true);
    expectError(await sys.call('GET', '/api/admin/blocs?take=0', { as: 'admin' }), 400, 'VALIDATION', ['take']);
    const seeded = all.body.items.find((b: { code: string }) => b.code === 'CT-NOICHINH');
    expect(seeded.headUnit.code).toBe('CT-CA');
    expect(seeded.memberships.length).toBeGreaterThanOrEqual(7);
  });

  test('members join from a date; only same-province, live, non-member units; 404 for unknown ones', async () => {
    for (const code of ['CT-A1', 'CT-A2', 'CT-A3']) await newUnit(code);
    const { body: joined, audit } = await expectIdempotentWrite(
      sys,
      'POST',
      `/api/admin/blocs/${bloc.id}/members`,
      {
        as: 'admin',
        body: { unitId: unitIds['CT-A1'], joinedOn: '2026-01-01', reason: 'Thành lập khối' },
        otherBody: { unitId: unitIds['CT-A2'], joinedOn: '2026-01-01' },
      },
      201,
    );
    expect(joined).toMatchObject({
      blocId: bloc.id,
      joinedOn: '2026-01-01T00:00:00.000Z',
      leftOn: null,
      unit: { code: 'CT-A1' },
    });
    expect(joined.note).toBeUndefined();
    expect(audit).toMatchObject({
      action: 'admin.membership.join',
      entity: 'bloc',
      entityId: bloc.id,
      after: { unitId: unitIds['CT-A1'], joinedOn: '2026-01-01' },
    });
    for (const code of ['CT-A2', 'CT-A3', 'CT-SNV'])
      expectStatus(
        await sys.call('POST', `/api/admin/blocs/${bloc.id}/members`, {
          as: 'admin',
          body: { unitId: unitIds[code], joinedOn: '2026-02-01' },
        }),
        201,
      );
    expectError(
      await sys.call('POST', `/api/admin/blocs/${bloc.id}/members`, {
        as: 'admin',
        body: { unitId: unitIds['CT-A1'], joinedOn: '2026-03-01' },
      }),
      409,
      'ALREADY_DONE',
      ['unitId'],
    );
    const tnUnit = await newUnit('TN-SNV', tn.id);
    expectError(
      await sys.call('POST', `/api/admin/blocs/${bloc.id}/members`, {
        as: 'admin',
        body: { unitId: tnUnit, joinedOn: '2026-03-01' },
      }),
      409,
      'CONFLICT',
      ['unitId'],
    );
    expectError(
      await sys.call('POST', `/api/admin/blocs/${bloc.id}/members`, {
        as: 'admin',
        body: { unitId: X, joinedOn: '2026-03-01' },
      }),
      404,
      'NOT_FOUND',
      ['unitId'],
    );
    expectError(
      await sys.call('POST', `/api/admin/blocs/${X}/members`, {
        as: 'admin',
        body: { unitId: unitIds['CT-A1'], joinedOn: '2026-03-01' },
      }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await sys.call('POST', `/api/admin/blocs/${bloc.id}/members`, {
        as: 'admin',
        body: { unitId: unitIds['CT-A1'], joinedOn: '2026-02-30' },
      }),
      400,
      'VALIDATION',
      ['joinedOn'],
    );
  });

  test('recognise head and deputy: current members, different units', async () => {
    const path = `/api/admin/blocs/${bloc.id}`;
    const { body: after, audit } = await expectIdempotentWrite(
      sys,
      'PATCH',
      path,
      {
        as: 'admin',
        body: { headUnitId: unitIds['CT-A1'], deputyUnitId: unitIds['CT-A2'] },
        otherBody: { headUnitId: unitIds['CT-A2'] },
      },
      200,
    );
    expect(after).toMatchObject({ headUnit: { code: 'CT-A1' }, deputyUnit: { code: 'CT-A2' } });
    expect(audit).toMatchObject({
      action: 'admin.bloc.recognise',
      before: { headUnitId: null, deputyUnitId: null },
      after: { headUnitId: unitIds['CT-A1'], deputyUnitId: unitIds['CT-A2'] },
    });
    expectError(
      await sys.call('PATCH', path, { as: 'admin', body: { deputyUnitId: unitIds['CT-A1'] } }),
      422,
      'VALIDATION',
      ['deputyUnitId'],
    );
    expectError(
      await sys.call('PATCH', path, { as: 'admin', body: { deputyUnitId: unitIds['CT-VP'] } }),
      409,
      'CONFLICT',
      ['deputyUnitId'],
    );
    expectError(await sys.call('PATCH', path, { as: 'admin', body: { headUnitId: X } }), 404, 'NOT_FOUND', [
      'headUnitId',
    ]);
    expectError(
      await sys.call('PATCH', `/api/admin/blocs/${X}`, { as: 'admin', body: { name: 'Không có' } }),
      404,
      'NOT_FOUND',
    );
    expectError(await sys.call('PATCH', path, { as: 'admin', body: {} }), 400, 'VALIDATION');
    const { audit: renamed } = await expectIdempotentWrite(
      sys,
      'PATCH',
      path,
      { as: 'admin', body: { name: 'Khối thi đua số 2' } },
      200,
    );
    expect(renamed).toMatchObject({
      action: 'admin.bloc.update',
      before: { name: 'Khối thi đua thử nghiệm', ruleSetCode: 'can-tho' },
      after: { name: 'Khối thi đua số 2', ruleSetCode: 'can-tho' },
    });
  });

  test('a unit leaves on a date, not before it joined; never the head; not twice', async () => {
    const path = (code: string) => `/api/admin/blocs/${bloc.id}/members/${unitIds[code]}/leave`;
    expectError(
      await sys.call('POST', path('CT-A3'), {
        as: 'admin',
        body: { leftOn: '2026-01-15', reason: 'Ngày trước khi gia nhập' },
      }),
      422,
      'VALIDATION',
      ['leftOn'],
    );
    expectError(
      await sys.call('POST', path('CT-A1'), {
        as: 'admin',
        body: { leftOn: '2026-06-30', reason: 'Khối trưởng rời khối' },
      }),
      409,
      'CONFLICT',
    );
    expectError(
      await sys.call('POST', path('CT-A3'), { as: 'admin', body: { leftOn: '2026-06-30' } }),
      400,
      'VALIDATION',
      ['reason'],
    );
    const { body: left, audit } = await expectIdempotentWrite(
      sys,
      'POST',
      path('CT-A3'),
      {
        as: 'admin',
        body: { leftOn: '2026-06-30', reason: 'Chuyển khối theo quyết định' },
        otherBody: { leftOn: '2026-07-01', reason: 'Chuyển khối theo quyết định' },
      },
      200,
    );
    expect(left).toMatchObject({ leftOn: '2026-06-30T00:00:00.000Z', unit: { code: 'CT-A3' } });
    expect(audit).toMatchObject({
      action: 'admin.membership.leave',
      before: { unitId: unitIds['CT-A3'], leftOn: null },
      after: { leftOn: '2026-06-30', reason: 'Chuyển khối theo quyết định' },
    });
    expectError(
      await sys.call('POST', path('CT-A3'), { as: 'admin', body: { leftOn: '2026-07-30', reason: 'Lần nữa' } }),
      404,
      'NOT_FOUND',
    );
    // Re-joining may not reach back into the period it was away.
    expectError(
      await sys.call('POST', `/api/admin/blocs/${bloc.id}/members`, {
        as: 'admin',
        body: { unitId: unitIds['CT-A3'], joinedOn: '2026-03-01' },
      }),
      409,
      'CONFLICT',
      ['joinedOn'],
    );
    expectStatus(
      await sys.call('POST', `/api/admin/blocs/${bloc.id}/members`, {
        as: 'admin',
        body: { unitId: unitIds['CT-A3'], joinedOn: '2026-09-01', reason: 'Trở lại khối' },
      }),
      201,
    );
    const history = await sys.call('GET', `/api/admin/blocs/${bloc.id}/members`, { as: 'admin' });
    const a3 = history.body.items.filter((m: { unit: { code: string } }) => m.unit.code === 'CT-A3');
    expect(
      a3.map((m: { joinedOn: string; leftOn: string | null }) => [
        m.joinedOn.slice(0, 10),
        m.leftOn?.slice(0, 10) ?? null,
      ]),
    ).toEqual([
      ['2026-09-01', null],
      ['2026-02-01', '2026-06-30'],
    ]);
  });
}
