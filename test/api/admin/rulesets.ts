/** Admin registry over HTTP: rule-set versions. */
import { expectError, expectIdempotentWrite, expectStatus } from '../../support/writes';
import { sys, ct, tn, X } from './context';

/** Registered inside its `describe` by test/api/admin.test.ts (one real system for all admin tests). */
export function ruleSetTests(): void {
  const ruleSet = (over: Record<string, unknown> = {}) => ({
    code: 'can-tho',
    // The seed ships versions 1 (ND 152/2025) and 2 (ND 98/2023, 2024 – 30/6/2025): the next is 3.
    version: 3,
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
        otherBody: { provinceId: ct.id, ruleSet: ruleSet({ version: 4 }) },
      },
      201,
    );
    expect(row).toMatchObject({
      code: 'can-tho',
      version: 3,
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
      before: { code: 'can-tho', version: 2 },
      after: { code: 'can-tho', version: 3, effectiveFrom: '2027-01-01' },
    });

    const listed = await sys.call('GET', '/api/admin/rulesets?code=can-tho', { as: 'admin' });
    expect(listed.body.items.map((r: { version: number }) => r.version)).toEqual([3, 2, 1]);
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
    expectError(await bad({ version: 3 }), 409, 'CONFLICT', ['ruleSet', 'version']);
    expectError(await bad({ version: 2 }), 409, 'CONFLICT', ['ruleSet', 'version']);
    expectError(await bad({ version: 1 }), 409, 'CONFLICT', ['ruleSet', 'version']);
    expect(await sys.db.prisma.ruleSet.count({ where: { code: 'can-tho' } })).toBe(3);
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
}
