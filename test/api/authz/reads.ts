/**
 * The authorisation matrix's reads (test/api/authz.test.ts), over the year ./acts.ts drove: read scope
 * (api/scope.ts; outside it 404, as if absent) for the cycle, its live view, results, the bloc's and a unit's
 * history, the bloc list, hold reasons, documents, evidence downloads, the inbox and the audit log.
 */
import { BLOC_CODE, OTHER_BLOC_CODE, PEOPLE, type Person } from '../../support/every-act';
import { expectError, expectStatus } from '../../support/act-calls';
import { evidence, leaverOfficer, year } from './acts';
import { PDF, everyone, sys } from './context';

/** Registered by test/api/authz.test.ts after the year (./acts.ts). */
export function readTests(): void {
  /** Who of the matrix reads what; anonymous is always 401. */
  const READERS = {
    everyone: everyone,
    members: ['memberOfficer', 'head', 'deputy', 'councilMember', 'councilSecretary', 'admin'] as Person[],
  };
  /** The people of the OTHER province (Tây Ninh): officer, council member, council secretary. */
  const OTHER_PROVINCE: Person[] = ['otherBlocOfficer', 'otherCouncilMember', 'otherCouncilSecretary'];

  /**
   * Everyone of the matrix: `mayRead` 200; another province's people `foreign` (404 by default: a
   * province's records are not even confirmed to others); the rest `denied`.
   */
  const expectReads = async (
    url: string,
    mayRead: Person[],
    extra: { as: string; status: number }[] = [],
    denied: 403 | 404 = 403,
    foreign: 403 | 404 = 404,
  ) => {
    expectError(await sys.call('GET', url), 401, 'UNAUTHENTICATED', `GET ${url} anonymously`);
    expectError(
      await sys.call('GET', url, { token: 'garbage' }),
      401,
      'UNAUTHENTICATED',
      `GET ${url} with a garbage token`,
    );
    for (const person of everyone) {
      const res = await sys.call('GET', url, { as: PEOPLE[person] });
      if (mayRead.includes(person)) expectStatus(res, 200, `GET ${url} as ${person}`);
      else {
        const status = OTHER_PROVINCE.includes(person) ? foreign : denied;
        expectError(res, status, status === 404 ? 'NOT_FOUND' : 'FORBIDDEN', `GET ${url} as ${person}`);
      }
    }
    for (const e of extra) {
      const res = await sys.call('GET', url, { as: e.as });
      if (e.status === 200) expectStatus(res, 200, `GET ${url} as ${e.as}`);
      else expectError(res, e.status, undefined, `GET ${url} as ${e.as}`);
    }
  };

  test("cross-province reads: another province's officer, council member and secretary get 404 on this cycle, its live view, results, the bloc's and a unit's history and the bloc list; nobody anonymous", async () => {
    const id = encodeURIComponent(year.cycleId);
    // The cycle and its bloc: officers of member units (also the one that left during the year), this council, the admin.
    for (const url of [
      `/api/cycles/${id}`,
      `/api/cycles/${id}/live`,
      `/api/cycles/${id}/results`,
      `/api/blocs/${year.blocId}/history`,
    ]) {
      await expectReads(url, READERS.members, [{ as: leaverOfficer, status: 200 }], 404);
    }
    // A unit's history: its own officer, this council, the admin; other units' officers 404 as well.
    const meritOfficer = year.cast.officerOf[year.merit[0]!]!;
    expect(Object.values(PEOPLE)).not.toContain(meritOfficer);
    await expectReads(
      `/api/units/${year.merit[0]}/history`,
      ['councilMember', 'councilSecretary', 'admin'],
      [{ as: meritOfficer, status: 200 }],
      404,
    );
    await expectReads(
      `/api/units/${year.unitIdOf['CT-TAND']}/history`,
      ['memberOfficer', 'councilMember', 'councilSecretary', 'admin'],
      [],
      404,
    );
    // Another province's people are refused exactly as for what does not exist.
    const missing = await sys.call('GET', '/api/cycles/no-such-cycle', { as: PEOPLE.otherBlocOfficer });
    const foreign = await sys.call('GET', `/api/cycles/${id}`, { as: PEOPLE.otherBlocOfficer });
    expect([foreign.status, Object.keys(foreign.body.error).sort()]).toEqual([
      missing.status,
      Object.keys(missing.body.error).sort(),
    ]);
    expectError(
      await sys.call('GET', '/api/cycles/no-such-cycle/live', { as: PEOPLE.memberOfficer }),
      404,
      'NOT_FOUND',
      'live view of no cycle',
    );
    // The bloc list: everyone, but only their own province's blocs; another province by code is 404.
    await expectReads('/api/blocs', READERS.everyone);
    const codesOf = async (person: Person, query = '') =>
      ((await sys.call('GET', `/api/blocs${query}`, { as: PEOPLE[person] })).body as { code: string }[]).map(
        (b) => b.code,
      );
    for (const person of OTHER_PROVINCE) {
      expect({ person, codes: await codesOf(person) }).toEqual({ person, codes: [OTHER_BLOC_CODE] });
      expectError(
        await sys.call('GET', '/api/blocs?province=CT', { as: PEOPLE[person] }),
        404,
        'NOT_FOUND',
        `the Cần Thơ bloc list as ${person}`,
      );
    }
    for (const person of ['memberOfficer', 'councilMember', 'councilSecretary'] as Person[]) {
      expect({ person, codes: await codesOf(person) }).toEqual({ person, codes: [BLOC_CODE] });
      expectError(
        await sys.call('GET', '/api/blocs?province=TN', { as: PEOPLE[person] }),
        404,
        'NOT_FOUND',
        `the Tây Ninh bloc list as ${person}`,
      );
    }
    expect(await codesOf('admin', '?province=TN')).toEqual([OTHER_BLOC_CODE]);
    expect((await codesOf('admin')).sort()).toEqual(expect.arrayContaining([BLOC_CODE, OTHER_BLOC_CODE]));
  });

  test("hold reasons: the held unit's own officer, this council and the admin read them in its history; nobody else reads that history", async () => {
    const url = `/api/units/${year.held}/history`;
    const heldOfficer = year.cast.officerOf[year.held]!;
    await expectReads(url, ['councilMember', 'councilSecretary', 'admin'], [{ as: heldOfficer, status: 200 }], 404);
    for (const as of [heldOfficer, PEOPLE.councilMember, PEOPLE.councilSecretary, PEOPLE.admin]) {
      const holds = (
        (await sys.call('GET', url, { as })).body.years as { year: number; holds: { reason: string | null }[] }[]
      ).find((y) => y.year === 2026)!.holds;
      expect({ as, reasons: holds.map((h) => typeof h.reason === 'string' && h.reason.length > 0) }).toEqual({
        as,
        reasons: [true],
      });
    }
  });

  test("the province's year and its export: this province's officers (also one that left), council and admin; another province 404", async () => {
    const bloc = await sys.db.prisma.bloc.findUniqueOrThrow({
      where: { id: year.blocId },
      select: { provinceId: true },
    });
    const readers = everyone.filter((p) => !OTHER_PROVINCE.includes(p));
    const cycle = await sys.db.prisma.cycle.findUniqueOrThrow({ where: { id: year.cycleId }, select: { year: true } });
    const overview = `/api/provinces/${bloc.provinceId}/years/${cycle.year}`;
    await expectReads(overview, readers, [{ as: leaverOfficer, status: 200 }]);
    await expectReads(`${overview}/export.xlsx`, readers);
  });

  test('documents: member units (also one that left during the year), this council, admin', async () => {
    const id = encodeURIComponent(year.cycleId);
    const outsiders = [{ as: leaverOfficer, status: 200 }];
    await expectReads(`/api/cycles/${id}/documents`, READERS.members, outsiders);
    // The download checks the reader before generating: refused ones are cheap; one real download.
    // Everyone outside the readers is of another province: 404, as for a cycle that does not exist.
    for (const person of everyone.filter((p) => !READERS.members.includes(p))) {
      expect(OTHER_PROVINCE).toContain(person);
      expectError(
        await sys.call('GET', `/api/cycles/${id}/documents/ballot-count.docx`, { as: PEOPLE[person] }),
        404,
        'NOT_FOUND',
        `ballot-count download as ${person}`,
      );
    }
    expectError(
      await sys.call('GET', `/api/cycles/${id}/documents/ballot-count.docx`),
      401,
      'UNAUTHENTICATED',
      'ballot-count download anonymously',
    );
    const res = await sys.call('GET', `/api/cycles/${id}/documents/ballot-count.docx`, { as: PEOPLE.memberOfficer });
    expectStatus(res, 200, 'ballot-count download as a member officer');
  });

  test('evidence download: the unit, the head and deputy, this council, the admin', async () => {
    expect(evidence).toBeDefined();
    const url = `/api/evidence/${evidence!.id}`;
    // memberOfficer is another member unit's officer: not its evidence
    await expectReads(
      url,
      ['head', 'deputy', 'councilMember', 'councilSecretary', 'admin'],
      [{ as: evidence!.owner, status: 200 }],
    );
    const res = await fetch(`${sys.base}${url}`, {
      headers: { authorization: `Bearer ${await sys.login(evidence!.owner)}` },
    });
    expect(Buffer.from(await res.arrayBuffer())).toEqual(PDF);
  });

  test('inbox: own unit and own person only; the audit log: admin only', async () => {
    await expectReads('/api/audit', ['admin'], [], 403, 403);
    const all = await sys.db.prisma.notification.findMany({
      select: { id: true, recipientUnitId: true, recipientPersonId: true },
    });
    for (const person of everyone) {
      const me = await sys.db.prisma.person.findUniqueOrThrow({ where: { username: PEOPLE[person] } });
      const mine = (n: { recipientUnitId: string | null; recipientPersonId: string | null }) =>
        n.recipientPersonId === me.id || (me.unitId !== null && n.recipientUnitId === me.unitId);
      const tasks = await sys.call('GET', '/api/me/tasks?take=500', { as: PEOPLE[person] });
      expectStatus(tasks, 200, `tasks of ${person}`);
      expect({ person, foreign: (tasks.body as { unitId: string }[]).filter((t) => t.unitId !== me.unitId) }).toEqual({
        person,
        foreign: [],
      });
      const notes = await sys.call('GET', '/api/me/notifications?take=500', { as: PEOPLE[person] });
      expectStatus(notes, 200, `notifications of ${person}`);
      expect({
        person,
        foreign: (notes.body as { recipientUnitId: string | null; recipientPersonId: string | null }[]).filter(
          (n) => !mine(n),
        ),
      }).toEqual({ person, foreign: [] });
      // Someone else's notification cannot be marked read: 404, as if it did not exist.
      const foreign = all.find((n) => !mine(n));
      expectError(
        await sys.call('POST', `/api/me/notifications/${foreign!.id}/read`, { as: PEOPLE[person] }),
        404,
        'NOT_FOUND',
        `mark another's notification read as ${person}`,
      );
    }
    // Not vacuous: the member unit has tasks of this year, the head notifications.
    const memberTasks = await sys.call('GET', '/api/me/tasks?take=500', { as: PEOPLE.memberOfficer });
    expect((memberTasks.body as { cycleId: string }[]).some((t) => t.cycleId === year.cycleId)).toBe(true);
    expect(
      ((await sys.call('GET', '/api/me/notifications', { as: PEOPLE.head })).body as unknown[]).length,
    ).toBeGreaterThan(0);
    const otherTasks = await sys.call('GET', '/api/me/tasks?take=500', { as: PEOPLE.otherBlocOfficer });
    expect((otherTasks.body as { cycleId: string }[]).filter((t) => t.cycleId === year.cycleId)).toEqual([]);
  });
}
