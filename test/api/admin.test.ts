/**
 * The administrator's registry over HTTP against the real system (seeded SQLite, Temporal dev
 * server, worker, Express): blocs, units (rename, merger with a successor link, effective-dated
 * membership), people and roles, councils and their members, rule-set versions. Every endpoint:
 * anonymous 401, non-admin 403, Zod issues 400 with paths, duplicates 409, missing rows 404,
 * Idempotency-Key replay with one audit row (actor, action, before/after), key reuse 422.
 */
import { randomUUID } from 'node:crypto';
import { buildCycleInput } from '../../api/cycle-input';
import { startSystem, type System } from '../support/system';
import { startSystemOnPostgres } from '../support/postgres-system';
import {
  auditRowsOf,
  expectError,
  expectGuarded,
  expectIdempotentWrite,
  expectStatus,
  personIdOf,
} from '../support/writes';

jest.setTimeout(60_000);

let sys: System;
let adminId: string;
let ct: { id: string; code: string };
let tn: { id: string; code: string };
const NON_ADMINS = ['ct.ca', 'ct.tk', 'ct.hd1'] as const;
const X = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  sys = await startSystem();
  adminId = await personIdOf(sys, 'admin');
}, 120_000);

afterAll(() => sys?.stop());

/** Every admin route (OpenAPI form) with a sample body, for the door and the OpenAPI check. */
const ROUTES: [method: string, path: string][] = [
  ['get', '/api/admin/provinces'],
  ['post', '/api/admin/provinces'],
  ['patch', '/api/admin/provinces/{provinceId}'],
  ['get', '/api/admin/blocs'],
  ['post', '/api/admin/blocs'],
  ['patch', '/api/admin/blocs/{blocId}'],
  ['get', '/api/admin/blocs/{blocId}/members'],
  ['post', '/api/admin/blocs/{blocId}/members'],
  ['post', '/api/admin/blocs/{blocId}/members/{unitId}/leave'],
  ['get', '/api/admin/units'],
  ['post', '/api/admin/units'],
  ['patch', '/api/admin/units/{unitId}'],
  ['post', '/api/admin/units/{unitId}/dissolve'],
  ['get', '/api/admin/people'],
  ['post', '/api/admin/people'],
  ['patch', '/api/admin/people/{personId}'],
  ['post', '/api/admin/people/{personId}/deactivate'],
  ['post', '/api/admin/people/{personId}/roles'],
  ['delete', '/api/admin/people/{personId}/roles/{roleId}'],
  ['get', '/api/admin/councils'],
  ['post', '/api/admin/councils'],
  ['patch', '/api/admin/councils/{councilId}'],
  ['post', '/api/admin/councils/{councilId}/members'],
  ['delete', '/api/admin/councils/{councilId}/members/{personId}'],
  ['get', '/api/admin/rulesets'],
  ['post', '/api/admin/rulesets'],
  ['get', '/api/admin/rulesets/{ruleSetId}'],
  ['get', '/api/admin/import/template'],
  ['post', '/api/admin/provinces/{provinceId}/import'],
];

/** Concurrent registry writes: the database decides and the API answers 409 or the stored response, never 500. */
function concurrentWrites(system: () => System): void {
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

const concrete = (p: string) => p.replace(/\{\w+\}/g, X);

describe('the door and the document', () => {
  test('every admin route is in /api/openapi.json (and nothing else under /api/admin)', async () => {
    const doc = (await sys.call('GET', '/api/openapi.json')).body as {
      paths: Record<string, Record<string, { tags?: string[]; responses: Record<string, unknown> }>>;
    };
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      p.startsWith('/api/admin') ? Object.keys(ops).map((m) => `${m} ${p}`) : [],
    );
    expect(documented.sort()).toEqual(ROUTES.map(([m, p]) => `${m} ${p}`).sort());
    for (const [m, p] of ROUTES) {
      const op = doc.paths[p]![m]!;
      expect(op.tags).toEqual(['admin']);
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '403']));
      if (m !== 'get') expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['409', '422']));
    }
  });

  test.each(ROUTES)(
    '%s %s: anonymous 401, unit officer / secretary / council member 403, before any lookup or validation',
    async (m, p) => {
      await expectGuarded(
        sys,
        m.toUpperCase(),
        concrete(p),
        NON_ADMINS,
        m === 'get' || m === 'delete' ? undefined : { bogus: true },
      );
    },
  );

  test('a malformed Idempotency-Key is 400 naming the header', async () => {
    expectError(
      await sys.call('POST', '/api/admin/units', { as: 'admin', body: {}, key: 'not-a-uuid' }),
      400,
      'VALIDATION',
      ['headers', 'idempotency-key'],
    );
  });
});

describe('blocs, units and effective-dated membership', () => {
  let bloc: { id: string; code: string };
  const unitIds: Record<string, string> = {};

  const newUnit = async (code: string, province = ct.id) => {
    const res = await sys.call('POST', '/api/admin/units', {
      as: 'admin',
      key: randomUUID(),
      body: { code, name: `Đơn vị ${code}`, shortName: code, provinceId: province, womenRatio: 0.5 },
    });
    expectStatus(res, 201);
    unitIds[code] = res.body.id;
    return res.body.id as string;
  };

  test('provinces are listed for the forms', async () => {
    const res = await sys.call('GET', '/api/admin/provinces', { as: 'admin' });
    expectStatus(res, 200);
    const byCode = Object.fromEntries((res.body.items as { id: string; code: string }[]).map((p) => [p.code, p]));
    ct = byCode['CT']!;
    tn = byCode['TN']!;
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

  test('create a bloc: 201 with audit; duplicate 409; unknown province or rule-set code 404; bad policy 400', async () => {
    const body = {
      code: 'CT-KHOI2',
      name: 'Khối thi đua thử nghiệm',
      provinceId: ct.id,
      ruleSetCode: 'can-tho',
      rotationPolicy: 'deputySucceeds',
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
    bloc = created;
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
        body: { ...body, code: 'CT-KHOI9', rotationPolicy: 'lottery' },
      }),
      400,
      'VALIDATION',
      ['rotationPolicy'],
    );
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
      { as: 'admin', body: { name: 'Khối thi đua số 2', rotationPolicy: 'vote' } },
      200,
    );
    expect(renamed).toMatchObject({
      action: 'admin.bloc.update',
      before: { name: 'Khối thi đua thử nghiệm', rotationPolicy: 'deputySucceeds' },
      after: { name: 'Khối thi đua số 2', rotationPolicy: 'vote' },
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
});

describe('people and roles', () => {
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
});

describe('provinces', () => {
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
});

describe('councils and their members', () => {
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
});

describe('rule-sets', () => {
  const ruleSet = (over: Record<string, unknown> = {}) => ({
    code: 'can-tho',
    version: 2,
    name: 'Cần Thơ – Khối Nội chính, sửa đổi 2027',
    scope: 'provincial',
    effectiveFrom: '2027-01-01',
    legalBasis: ['Quyết định của UBND thành phố (ví dụ)'],
    voting: { threshold: { ratio: 0.7, base: 'allMembers', strict: false }, maxRounds: 3 },
    ...over,
  });

  test('publish a provincial rule-set version with its effective date; defaults filled in; one audit row', async () => {
    const { body: row, audit } = await expectIdempotentWrite(
      sys,
      'POST',
      '/api/admin/rulesets',
      {
        as: 'admin',
        body: { provinceId: ct.id, ruleSet: ruleSet() },
        otherBody: { provinceId: ct.id, ruleSet: ruleSet({ version: 3 }) },
      },
      201,
    );
    expect(row).toMatchObject({
      code: 'can-tho',
      version: 2,
      scope: 'provincial',
      provinceId: ct.id,
      effectiveFrom: '2027-01-01T00:00:00.000Z',
      effectiveTo: null,
    });
    expect(row.body.voting).toMatchObject({
      threshold: { ratio: 0.7 },
      maxRounds: 3,
      quorum: expect.any(Object),
      afterFailedRounds: 'headAndDeputyDecide',
    });
    expect(row.body.quotas).toEqual({ emulationFlag: 1, certificateOfMerit: 3, governmentFlagShare: 0.2 });
    expect(audit).toMatchObject({
      action: 'admin.ruleset.publish',
      entity: 'ruleSet',
      entityId: row.id,
      before: { code: 'can-tho', version: 1 },
      after: { code: 'can-tho', version: 2, effectiveFrom: '2027-01-01' },
    });

    const listed = await sys.call('GET', '/api/admin/rulesets?code=can-tho', { as: 'admin' });
    expect(listed.body.items.map((r: { version: number }) => r.version)).toEqual([2, 1]);
    const one = await sys.call('GET', `/api/admin/rulesets/${row.id}`, { as: 'admin' });
    expect(one.body).toEqual(row);
    expectError(await sys.call('GET', `/api/admin/rulesets/${X}`, { as: 'admin' }), 404, 'NOT_FOUND');
    // Published versions are never edited.
    for (const m of ['PATCH', 'PUT', 'DELETE'])
      expectError(
        await sys.call(m, `/api/admin/rulesets/${row.id}`, { as: 'admin', body: { ruleSet: ruleSet() } }),
        405,
        'IMMUTABLE',
      );
  });

  test('an invalid rule-set is 400 with the Zod issue path; an old version 409; provincial scope needs a province', async () => {
    const bad = (rs: Record<string, unknown>, provinceId: string | null = ct.id) =>
      sys.call('POST', '/api/admin/rulesets', {
        as: 'admin',
        body: { provinceId, ruleSet: ruleSet({ version: 5, ...rs }) },
      });
    expectError(
      await bad({ voting: { threshold: { ratio: 1.5, base: 'allMembers', strict: false } } }),
      400,
      'VALIDATION',
      ['ruleSet', 'voting', 'threshold', 'ratio'],
    );
    // A rule the JSON Schema cannot state (a date after another): 422, with the path.
    expectError(await bad({ effectiveTo: '2026-12-31' }), 422, 'VALIDATION', ['ruleSet', 'effectiveTo']);
    expectError(await bad({ rotation: { policy: 'fixedOrder' } }), 400, 'VALIDATION', [
      'ruleSet',
      'rotation',
      'fixedOrder',
    ]);
    expectError(await bad({ effectiveFrom: '2027-13-01' }), 400, 'VALIDATION', ['ruleSet', 'effectiveFrom']);
    expectError(await bad({ version: 0 }), 400, 'VALIDATION', ['ruleSet', 'version']);
    expectError(await bad({}, null), 400, 'VALIDATION', ['provinceId']);
    expectError(await bad({ scope: 'national' }), 400, 'VALIDATION', ['provinceId']);
    expectError(await bad({}, X), 404, 'NOT_FOUND', ['provinceId']);
    expectError(await bad({ version: 2 }), 409, 'CONFLICT', ['ruleSet', 'version']);
    expectError(await bad({ version: 1 }), 409, 'CONFLICT', ['ruleSet', 'version']);
    expect(await sys.db.prisma.ruleSet.count({ where: { code: 'can-tho' } })).toBe(2);
  });

  test('a bloc can switch to a published rule-set code', async () => {
    expectStatus(
      await sys.call('POST', '/api/admin/rulesets', {
        as: 'admin',
        body: { provinceId: tn.id, ruleSet: ruleSet({ code: 'tay-ninh-2027', version: 1 }) },
      }),
      201,
    );
    const bloc = await sys.db.prisma.bloc.findUniqueOrThrow({ where: { code: 'CT-KHOI2' } });
    const { audit } = await expectIdempotentWrite(
      sys,
      'PATCH',
      `/api/admin/blocs/${bloc.id}`,
      { as: 'admin', body: { ruleSetCode: 'tay-ninh-2027' } },
      200,
    );
    expect(audit).toMatchObject({ before: { ruleSetCode: 'can-tho' }, after: { ruleSetCode: 'tay-ninh-2027' } });
    expectError(
      await sys.call('PATCH', `/api/admin/blocs/${bloc.id}`, { as: 'admin', body: { ruleSetCode: 'nope' } }),
      404,
      'NOT_FOUND',
      ['ruleSetCode'],
    );
  });
});

test('every admin write of this file left exactly one audit row per act, each with the admin as actor', async () => {
  const rows = await sys.db.prisma.auditLog.findMany({ where: { action: { startsWith: 'admin.' } } });
  expect(rows.length).toBeGreaterThan(20);
  for (const r of rows)
    expect(r).toMatchObject({ actorPersonId: adminId, actorRole: 'admin', requestId: expect.any(String) });
  const perRequest = new Map<string, number>();
  for (const r of rows) perRequest.set(r.requestId!, (perRequest.get(r.requestId!) ?? 0) + 1);
  expect([...perRequest.values()].every((n) => n === 1)).toBe(true);
});

describe('on PostgreSQL', () => {
  let pg: { sys: System; stop: () => Promise<void> } | undefined;
  const system = () => pg!.sys;

  beforeAll(async () => {
    pg = await startSystemOnPostgres();
  }, 180_000);
  afterAll(() => pg?.stop(), 60_000);

  concurrentWrites(system);

  test('a person with a council role: once per key, the audit row as JSON, the seat taken; a taken username 409', async () => {
    const councilId = (await system().db.prisma.council.findFirstOrThrow({ where: { province: { code: 'TN' } } })).id;
    const body = {
      username: 'tn.hd6',
      fullName: 'Trần Thị Sáu',
      email: 'tn.hd6@thidua.example',
      password: 'mat-khau-rat-dai',
      roles: [{ role: 'councilMember', councilId, position: 'viceChair' }],
    };
    const { body: created, audit } = await expectIdempotentWrite(
      system(),
      'POST',
      '/api/admin/people',
      { as: 'admin', body, otherBody: { ...body, fullName: 'Người khác' } },
      201,
    );
    expect(created).toMatchObject({ username: 'tn.hd6', roles: [{ role: 'councilMember', councilId }] });
    expect(audit).toMatchObject({
      action: 'admin.person.create',
      before: null,
      after: { username: 'tn.hd6', roles: [{ role: 'councilMember', councilId, position: 'viceChair' }] },
    });
    expect(
      await system().db.prisma.councilMember.findFirst({ where: { councilId, personId: created.id } }),
    ).toMatchObject({ position: 'viceChair' });
    expectError(
      await system().call('POST', '/api/admin/people', { as: 'admin', body: { ...body, username: 'TN.HD6' } }),
      409,
      'CONFLICT',
      ['username'],
    );
  });
});
