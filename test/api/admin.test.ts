/**
 * The administrator's registry over HTTP against the real system (seeded SQLite, Temporal dev
 * server, worker, Express): blocs, units (rename, merger with a successor link, effective-dated
 * membership), people and roles, councils and their members, rule-set versions. Every endpoint:
 * anonymous 401, non-admin 403, Zod issues 400 with paths, duplicates 409, missing rows 404,
 * Idempotency-Key replay with one audit row (actor, action, before/after), key reuse 422.
 */
import { startSystemOnPostgres } from '../support/postgres-system';
import { type System } from '../support/system';
import { expectError, expectGuarded, expectIdempotentWrite } from '../support/writes';
import { blocTests } from './admin/blocs';
import { concurrentWrites } from './admin/concurrent';
import { adminId, NON_ADMINS, sys, withAdminSystem, X } from './admin/context';
import { councilTests } from './admin/councils';
import { peopleTests } from './admin/people';
import { provinceTests } from './admin/provinces';
import { ruleSetTests } from './admin/rulesets';
import { unitHistoryTests } from './admin/unit-history';
import { unitTests } from './admin/units';

jest.setTimeout(60_000);

withAdminSystem();

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
  unitTests();
  blocTests();
  unitHistoryTests();
});

describe('people and roles', () => peopleTests());

describe('provinces', () => provinceTests());

describe('councils and their members', () => councilTests());

describe('rule-sets', () => ruleSetTests());

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
