/** Admin registry over HTTP: people and their roles. */
import { expectError, expectIdempotentWrite, expectStatus } from '../../support/writes';
import { sys, adminId, ct, X } from './context';

/** Registered inside its `describe` by test/api/admin.test.ts (one real system for all admin tests). */
export function peopleTests(): void {
  let unitId: string;
  let person: { id: string; roles: { id: string; role: string }[] };
  let ctCouncilId: string;

  beforeAll(async () => {
    unitId = (await sys.db.prisma.unit.findUniqueOrThrow({ where: { code: 'CT-THADS' } })).id;
    ctCouncilId = (await sys.db.prisma.council.findFirstOrThrow({ where: { provinceId: ct.id } })).id;
  });

  const body = () => ({
    username: 'CT.Thads2',
    fullName: 'Nguyễn Văn Phó',
    email: 'thads2@thidua.example',
    password: 'mat-khau-rat-dai',
    unitId,
    roles: [{ role: 'unitOfficer', unitId }],
  });

  test('create a person with a role: never a password hash out, the password works, one audit row', async () => {
    const { body: created, audit } = await expectIdempotentWrite(
      sys,
      'POST',
      '/api/admin/people',
      { as: 'admin', body: body(), otherBody: { ...body(), fullName: 'Người khác' } },
      201,
    );
    expect(created).toMatchObject({
      username: 'ct.thads2',
      fullName: 'Nguyễn Văn Phó',
      unitId,
      active: true,
      roles: [{ role: 'unitOfficer', unitId, councilId: null }],
    });
    expect(JSON.stringify(created)).not.toMatch(/passwordHash|mat-khau|scrypt/);
    expect(audit).toMatchObject({
      action: 'admin.person.create',
      entity: 'person',
      entityId: created.id,
      after: { username: 'ct.thads2', unitId, roles: [{ role: 'unitOfficer', unitId }] },
    });
    expect(JSON.stringify(audit)).not.toContain('mat-khau');
    person = created;
    const login = await sys.call('POST', '/api/auth/login', {
      body: { username: 'ct.thads2', password: 'mat-khau-rat-dai' },
    });
    expectStatus(login, 200);
    expect(login.body.principal.roles).toEqual(['unitOfficer']);
    const listed = await sys.call('GET', `/api/admin/people?unitId=${unitId}`, { as: 'admin' });
    expect(listed.body.items.map((p: { username: string }) => p.username).sort()).toEqual(['ct.thads', 'ct.thads2']);
    expect(JSON.stringify(listed.body)).not.toContain('passwordHash');
  });

  test('people: 400 with paths, 409 on a taken username (any case), 404 for unknown references', async () => {
    expectError(
      await sys.call('POST', '/api/admin/people', { as: 'admin', body: { ...body(), username: 'CT.THADS2' } }),
      409,
      'CONFLICT',
      ['username'],
    );
    expectError(
      await sys.call('POST', '/api/admin/people', {
        as: 'admin',
        body: { ...body(), username: 'new.one', email: 'not-an-email' },
      }),
      400,
      'VALIDATION',
      ['email'],
    );
    expectError(
      await sys.call('POST', '/api/admin/people', {
        as: 'admin',
        body: { ...body(), username: 'new.one', password: 'short' },
      }),
      400,
      'VALIDATION',
      ['password'],
    );
    expectError(
      await sys.call('POST', '/api/admin/people', {
        as: 'admin',
        body: { ...body(), username: 'new.one', roles: [{ role: 'king' }] },
      }),
      400,
      'VALIDATION',
      ['roles', 0, 'role'],
    );
    expectError(
      await sys.call('POST', '/api/admin/people', {
        as: 'admin',
        body: { ...body(), username: 'new.one', unitId: null, roles: [{ role: 'unitOfficer', unitId: X }] },
      }),
      404,
      'NOT_FOUND',
      ['roles', 0, 'unitId'],
    );
    expectError(
      await sys.call('POST', '/api/admin/people', {
        as: 'admin',
        body: { ...body(), username: 'new.one', unitId: null, roles: [{ role: 'councilSecretary', councilId: X }] },
      }),
      404,
      'NOT_FOUND',
      ['roles', 0, 'councilId'],
    );
    expectError(
      await sys.call('POST', '/api/admin/people', { as: 'admin', body: { ...body(), username: 'new.one', unitId: X } }),
      404,
      'NOT_FOUND',
      ['unitId'],
    );
    const ca = (await sys.db.prisma.unit.findUniqueOrThrow({ where: { code: 'CT-CA' } })).id;
    expectError(
      await sys.call('POST', '/api/admin/people', {
        as: 'admin',
        body: { ...body(), username: 'new.one', roles: [{ role: 'unitOfficer', unitId: ca }] },
      }),
      409,
      'CONFLICT',
      ['roles', 0, 'unitId'],
    );
    // Nothing of the refused creations was kept (one transaction each).
    expect(await sys.db.prisma.person.count({ where: { username: 'new.one' } })).toBe(0);
  });

  test('update a person: name, password (audited as changed, never the value); an officer cannot be moved; missing 404', async () => {
    const path = `/api/admin/people/${person.id}`;
    const { body: after, audit } = await expectIdempotentWrite(
      sys,
      'PATCH',
      path,
      {
        as: 'admin',
        body: { fullName: 'Nguyễn Văn Phó Hai', password: 'mat-khau-moi-dai-hon' },
        otherBody: { fullName: 'Khác' },
      },
      200,
    );
    expect(after.fullName).toBe('Nguyễn Văn Phó Hai');
    expect(audit).toMatchObject({
      action: 'admin.person.update',
      before: { fullName: 'Nguyễn Văn Phó' },
      after: { fullName: 'Nguyễn Văn Phó Hai', passwordChanged: true },
    });
    expect(JSON.stringify(audit)).not.toContain('mat-khau');
    expectStatus(
      await sys.call('POST', '/api/auth/login', { body: { username: 'ct.thads2', password: 'mat-khau-moi-dai-hon' } }),
      200,
    );
    expectError(await sys.call('PATCH', path, { as: 'admin', body: { unitId: null } }), 409, 'CONFLICT', ['unitId']);
    expectError(await sys.call('PATCH', path, { as: 'admin', body: { email: 'x' } }), 400, 'VALIDATION', ['email']);
    expectError(
      await sys.call('PATCH', `/api/admin/people/${X}`, { as: 'admin', body: { fullName: 'Không có ai' } }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await sys.call('PATCH', `/api/admin/people/${adminId}`, { as: 'admin', body: { active: false } }),
      409,
      'CONFLICT',
      ['active'],
    );
  });

  test('grant and take away roles', async () => {
    const path = `/api/admin/people/${person.id}/roles`;
    const { body: role, audit } = await expectIdempotentWrite(
      sys,
      'POST',
      path,
      { as: 'admin', body: { role: 'councilSecretary', councilId: ctCouncilId }, otherBody: { role: 'admin' } },
      201,
    );
    expect(role).toMatchObject({ role: 'councilSecretary', councilId: ctCouncilId, unitId: null });
    expect(audit).toMatchObject({
      action: 'admin.role.grant',
      entity: 'person',
      entityId: person.id,
      after: { role: 'councilSecretary', councilId: ctCouncilId },
    });
    expectError(
      await sys.call('POST', path, { as: 'admin', body: { role: 'councilSecretary', councilId: ctCouncilId } }),
      409,
      'ALREADY_DONE',
      ['councilId'],
    );
    expectError(
      await sys.call('POST', path, { as: 'admin', body: { role: 'councilMember', councilId: X } }),
      404,
      'NOT_FOUND',
      ['councilId'],
    );
    expectError(await sys.call('POST', path, { as: 'admin', body: { role: 'councilMember' } }), 400, 'VALIDATION', [
      'councilId',
    ]);
    expectError(
      await sys.call('POST', `/api/admin/people/${X}/roles`, { as: 'admin', body: { role: 'admin' } }),
      404,
      'NOT_FOUND',
    );
    const login = await sys.call('POST', '/api/auth/login', {
      body: { username: 'ct.thads2', password: 'mat-khau-moi-dai-hon' },
    });
    expect(login.body.principal.roles.sort()).toEqual(['councilSecretary', 'unitOfficer']);

    const { body: removed, audit: revoked } = await expectIdempotentWrite(
      sys,
      'DELETE',
      `${path}/${role.id}`,
      { as: 'admin' },
      200,
    );
    expect(removed).toEqual({
      removed: { id: role.id, role: 'councilSecretary', unitId: null, councilId: ctCouncilId },
    });
    expect(revoked).toMatchObject({
      action: 'admin.role.revoke',
      before: { role: 'councilSecretary', councilId: ctCouncilId },
      after: null,
    });
    expectError(await sys.call('DELETE', `${path}/${role.id}`, { as: 'admin' }), 404, 'NOT_FOUND');
    const adminRole = await sys.db.prisma.roleAssignment.findFirstOrThrow({
      where: { personId: adminId, role: 'admin' },
    });
    expectError(
      await sys.call('DELETE', `/api/admin/people/${adminId}/roles/${adminRole.id}`, { as: 'admin' }),
      409,
      'CONFLICT',
    );
    // A role id of someone else is not this person's role.
    expectError(await sys.call('DELETE', `${path}/${adminRole.id}`, { as: 'admin' }), 404, 'NOT_FOUND');
  });

  test('deactivate: the person is locked out at once; not twice; never oneself', async () => {
    const fresh = (
      await sys.call('POST', '/api/auth/login', { body: { username: 'ct.thads2', password: 'mat-khau-moi-dai-hon' } })
    ).body.token as string;
    expect(fresh).toEqual(expect.any(String));
    expectStatus(await sys.call('GET', '/api/me', { token: fresh }), 200);
    const path = `/api/admin/people/${person.id}/deactivate`;
    const { body: after, audit } = await expectIdempotentWrite(
      sys,
      'POST',
      path,
      { as: 'admin', body: { reason: 'Nghỉ hưu' }, otherBody: { reason: 'Chuyển công tác' } },
      200,
    );
    expect(after.active).toBe(false);
    expect(audit).toMatchObject({
      action: 'admin.person.deactivate',
      before: { active: true },
      after: { active: false, reason: 'Nghỉ hưu' },
    });
    expectError(await sys.call('GET', '/api/me', { token: fresh }), 401, 'UNAUTHENTICATED');
    expectError(
      await sys.call('POST', '/api/auth/login', { body: { username: 'ct.thads2', password: 'mat-khau-moi-dai-hon' } }),
      401,
    );
    expectError(await sys.call('POST', path, { as: 'admin', body: {} }), 409, 'ALREADY_DONE');
    expectError(await sys.call('POST', `/api/admin/people/${adminId}/deactivate`, { as: 'admin' }), 409, 'CONFLICT');
    expectError(await sys.call('POST', `/api/admin/people/${X}/deactivate`, { as: 'admin' }), 404, 'NOT_FOUND');
    const inactive = await sys.call('GET', '/api/admin/people?active=false', { as: 'admin' });
    expect(inactive.body.items.map((p: { username: string }) => p.username)).toEqual(['ct.thads2']);
    // Reactivation goes through the update.
    const { audit: back } = await expectIdempotentWrite(
      sys,
      'PATCH',
      `/api/admin/people/${person.id}`,
      { as: 'admin', body: { active: true } },
      200,
    );
    expect(back).toMatchObject({ before: { active: false }, after: { active: true } });
  });
}
