/** Admin registry over HTTP: membership on a cycle's start day, merger into a successor, dissolution. */
import { buildCycleInput } from '../../../api/cycle-input';
import { expectError, expectIdempotentWrite, expectStatus } from '../../support/writes';
import { sys, adminId, X, bloc, unitIds, newUnit } from './context';

/** Registered inside its `describe` by test/api/admin.test.ts (one real system for all admin tests). */
export function unitHistoryTests(): void {
  test('a cycle takes the members whose membership is in force on the day it starts', async () => {
    const membersOn = async (day: string) =>
      (await buildCycleInput(sys.db, bloc.id, 2026, adminId, undefined, new Date(day))).members
        .map((m) => m.code)
        .sort();
    expect(await membersOn('2026-03-01')).toEqual(['CT-A1', 'CT-A2', 'CT-A3', 'CT-SNV']);
    expect(await membersOn('2026-07-15')).toEqual(['CT-A1', 'CT-A2', 'CT-SNV']); // CT-A3 left on 30 June
    expect(await membersOn('2026-09-15')).toEqual(['CT-A1', 'CT-A2', 'CT-A3', 'CT-SNV']); // and came back on 1 September
  });

  test('a unit may not leave a bloc whose cycle is running: 409 naming the cycle act', async () => {
    const seeded = await sys.db.prisma.bloc.findUniqueOrThrow({ where: { code: 'CT-NOICHINH' } });
    const tand = await sys.db.prisma.unit.findUniqueOrThrow({ where: { code: 'CT-TAND' } });
    // A cycle row as the workflow's projection would leave it mid-year.
    await sys.db.prisma.cycle.create({
      data: {
        id: 'CT-NOICHINH-2099',
        blocId: seeded.id,
        year: 2099,
        phase: 'pledge',
        headUnitId: seeded.headUnitId!,
        deputyUnitId: seeded.deputyUnitId!,
        ruleSetCode: 'can-tho',
        ruleSetVersion: 1,
        deadlines: {},
        startedAt: new Date(),
      },
    });
    try {
      const res = await sys.call('POST', `/api/admin/blocs/${seeded.id}/members/${tand.id}/leave`, {
        as: 'admin',
        body: { leftOn: '2099-03-01', reason: 'Tổ chức lại' },
      });
      expectError(res, 409, 'CONFLICT');
      expect(res.body.error.message).toContain('/api/cycles/CT-NOICHINH-2099/membership/leave');
      expectError(
        await sys.call('POST', `/api/admin/units/${tand.id}/dissolve`, {
          as: 'admin',
          body: { dissolvedOn: '2099-03-01', reason: 'Tổ chức lại' },
        }),
        409,
        'CONFLICT',
      );
      // Joining is allowed, from the next cycle on: the answer says so.
      const joined = await sys.call('POST', `/api/admin/blocs/${seeded.id}/members`, {
        as: 'admin',
        body: { unitId: await newUnit('CT-MOI'), joinedOn: '2099-02-01' },
      });
      expectStatus(joined, 201);
      expect(joined.body.note).toContain('cycle CT-NOICHINH-2099 keeps the members it started with');
    } finally {
      await sys.db.prisma.cycle.delete({ where: { id: 'CT-NOICHINH-2099' } });
    }
  });

  test('merge a unit into a successor: memberships end on the date, the successor link shows both ways, history keeps the periods', async () => {
    const from = unitIds['CT-SNV']!;
    const into = unitIds['CT-A2']!;
    const path = `/api/admin/units/${from}/dissolve`;
    expectError(
      await sys.call('POST', path, {
        as: 'admin',
        body: { dissolvedOn: '2026-12-31', successorId: from, reason: 'Sáp nhập' },
      }),
      422,
      'VALIDATION',
      ['successorId'],
    );
    expectError(
      await sys.call('POST', path, {
        as: 'admin',
        body: { dissolvedOn: '2026-12-31', successorId: X, reason: 'Sáp nhập' },
      }),
      404,
      'NOT_FOUND',
      ['successorId'],
    );
    expectError(
      await sys.call('POST', path, {
        as: 'admin',
        body: { dissolvedOn: '2026-01-15', successorId: into, reason: 'Sáp nhập' },
      }),
      422,
      'VALIDATION',
      ['dissolvedOn'],
    );
    expectError(
      await sys.call('POST', `/api/admin/units/${unitIds['CT-A1']}/dissolve`, {
        as: 'admin',
        body: { dissolvedOn: '2026-12-31', reason: 'Khối trưởng' },
      }),
      409,
      'CONFLICT',
    );
    expectError(
      await sys.call('POST', `/api/admin/units/${X}/dissolve`, {
        as: 'admin',
        body: { dissolvedOn: '2026-12-31', reason: 'Không có' },
      }),
      404,
      'NOT_FOUND',
    );
    const body = { dissolvedOn: '2026-12-31', successorId: into, reason: 'Sáp nhập theo Nghị quyết sắp xếp bộ máy' };
    const { body: merged, audit } = await expectIdempotentWrite(
      sys,
      'POST',
      path,
      { as: 'admin', body, otherBody: { ...body, successorId: unitIds['CT-A1'] } },
      200,
    );
    expect(merged).toMatchObject({
      id: from,
      dissolvedOn: '2026-12-31T00:00:00.000Z',
      successor: { id: into, code: 'CT-A2' },
    });
    expect(audit).toMatchObject({
      action: 'admin.unit.merge',
      entity: 'unit',
      entityId: from,
      before: { dissolvedOn: null, successorId: null },
      after: { dissolvedOn: '2026-12-31', successorId: into, membershipsEnded: ['CT-KHOI2'] },
    });
    expectError(await sys.call('POST', path, { as: 'admin', body }), 409, 'ALREADY_DONE');
    // The dissolved unit can join nothing and lead nothing any more.
    expectError(
      await sys.call('POST', `/api/admin/blocs/${bloc.id}/members`, {
        as: 'admin',
        body: { unitId: from, joinedOn: '2027-01-01' },
      }),
      409,
      'CONFLICT',
      ['unitId'],
    );
    expectError(
      await sys.call('POST', `/api/admin/units/${unitIds['CT-A3']}/dissolve`, {
        as: 'admin',
        body: { dissolvedOn: '2027-01-01', successorId: from, reason: 'Sáp nhập' },
      }),
      409,
      'CONFLICT',
      ['successorId'],
    );

    const dissolved = await sys.call('GET', '/api/admin/units?dissolved=true', { as: 'admin' });
    expect(dissolved.body.items.map((u: { code: string }) => u.code)).toEqual(['CT-SNV']);
    const live = await sys.call('GET', '/api/admin/units?province=CT&dissolved=false&take=200', { as: 'admin' });
    const successor = live.body.items.find((u: { id: string }) => u.id === into);
    expect(successor.predecessors).toEqual([{ id: from, code: 'CT-SNV', name: 'Sở Nội vụ thành phố' }]);
    expect(live.body.items.some((u: { code: string }) => u.code === 'CT-SNV')).toBe(false);
    const members = await sys.call('GET', `/api/admin/blocs/${bloc.id}/members`, { as: 'admin' });
    expect(members.body.items.find((m: { unit: { id: string } }) => m.unit.id === from)).toMatchObject({
      leftOn: '2026-12-31T00:00:00.000Z',
      reason: body.reason,
    });
    // The unit's own history (read by the province's council, among others) shows the link and the dated membership.
    const history = await sys.call('GET', `/api/units/${from}/history`, { as: 'ct.hd3' });
    expect(history.body.unit).toMatchObject({ dissolvedOn: '2026-12-31', successor: { id: into } });
    expect(history.body.memberships).toEqual([
      {
        bloc: { id: bloc.id, code: 'CT-KHOI2', name: 'Khối thi đua số 2' },
        joinedOn: '2026-02-01',
        leftOn: '2026-12-31',
        reason: body.reason,
      },
    ]);
    const successorHistory = await sys.call('GET', `/api/units/${into}/history`, { as: 'ct.hd3' });
    expect(successorHistory.body.unit.predecessors).toEqual([
      { id: from, code: 'CT-SNV', name: 'Sở Nội vụ thành phố', dissolvedOn: '2026-12-31' },
    ]);
  });

  test('dissolve without a successor', async () => {
    const id = await newUnit('CT-GIAITHE');
    const { audit } = await expectIdempotentWrite(
      sys,
      'POST',
      `/api/admin/units/${id}/dissolve`,
      { as: 'admin', body: { dissolvedOn: '2026-05-01', reason: 'Giải thể' } },
      200,
    );
    expect(audit).toMatchObject({
      action: 'admin.unit.dissolve',
      after: { dissolvedOn: '2026-05-01', successorId: null, membershipsEnded: [] },
    });
  });
}
