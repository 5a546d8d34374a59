/**
 * The province's award year at a glance and its Excel export (issue 13 item 4), on the real system after a
 * whole Cần Thơ bloc-year driven over HTTP to its award decisions (the results tests' year,
 * test/api/results/context.ts): the overview agrees with the cycle's results and with the decisions in the
 * database, the read scope is the province's (another province's officer or council: 404; anonymous 401), bad
 * input is 400 with its path, and the workbook opens with exceljs with money totals equal to the decisions'.
 */
import ExcelJS from 'exceljs';
import { PEOPLE } from '../support/every-act';
import { expectError, expectStatus } from '../support/writes';
import { loadProvinceYear } from '../../api/routes/province-year/load';
import { before, sys, withResultsYear, year } from './results/context';

jest.setTimeout(60_000);

withResultsYear();

let provinceId: string;
let otherProvinceId: string;
const overviewPath = (id = provinceId, y: number | string = 2026) =>
  `/api/provinces/${encodeURIComponent(id)}/years/${y}`;
const exportPath = (id = provinceId, y: number | string = 2026) => `${overviewPath(id, y)}/export.xlsx`;

/** The money of the province's award decisions of 2026, read straight from the database (not revoked). */
async function decisionsMoney(): Promise<{ count: number; amountVnd: number; byKind: Record<string, number> }> {
  const rows = await sys.db.prisma.awardDecision.findMany({
    where: { revokedOn: null, proposal: { cycle: { year: 2026, bloc: { provinceId } } } },
    select: { amountVnd: true, proposal: { select: { awardType: true } } },
  });
  const byKind: Record<string, number> = {};
  for (const r of rows) byKind[r.proposal.awardType] = (byKind[r.proposal.awardType] ?? 0) + r.amountVnd;
  return { count: rows.length, amountVnd: rows.reduce((t, r) => t + r.amountVnd, 0), byKind };
}

beforeAll(async () => {
  provinceId = (await sys.db.prisma.bloc.findUniqueOrThrow({ where: { id: year.blocId } })).provinceId;
  otherProvinceId = (await sys.db.prisma.province.findUniqueOrThrow({ where: { code: 'TN' } })).id;
});

test('both routes are in /api/openapi.json', async () => {
  const doc = (await sys.call('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
  expect(Object.keys(doc.paths['/api/provinces/{provinceId}/years/{year}'] ?? {})).toEqual(['get']);
  expect(Object.keys(doc.paths['/api/provinces/{provinceId}/years/{year}/export.xlsx'] ?? {})).toEqual(['get']);
});

test('read scope: the province’s officers, council and the admin; another province 404; anonymous 401; bad input 400 with its path', async () => {
  for (const as of [PEOPLE.memberOfficer, PEOPLE.councilMember, PEOPLE.councilSecretary, PEOPLE.admin]) {
    expectStatus(await sys.call('GET', overviewPath(), { as }), 200);
    expectStatus(await sys.call('GET', exportPath(), { as }), 200);
  }
  for (const as of [PEOPLE.otherBlocOfficer, PEOPLE.otherCouncilMember, PEOPLE.otherCouncilSecretary]) {
    expectError(await sys.call('GET', overviewPath(), { as }), 404, 'NOT_FOUND');
    expectError(await sys.call('GET', exportPath(), { as }), 404, 'NOT_FOUND');
  }
  // Their own province they read (its blocs have no awards this year).
  expectStatus(await sys.call('GET', overviewPath(otherProvinceId), { as: PEOPLE.otherBlocOfficer }), 200);
  expectError(await sys.call('GET', overviewPath()), 401, 'UNAUTHENTICATED');
  expectError(await sys.call('GET', exportPath()), 401, 'UNAUTHENTICATED');
  expectError(await sys.call('GET', overviewPath('NO-SUCH-PROVINCE'), { as: PEOPLE.admin }), 404, 'NOT_FOUND');
  expectError(await sys.call('GET', overviewPath(provinceId, 'abc'), { as: PEOPLE.admin }), 400, undefined, ['year']);
  expectError(await sys.call('GET', exportPath(provinceId, 1999), { as: PEOPLE.admin }), 400, undefined, ['year']);
  expectError(await sys.call('GET', `${overviewPath()}?top=-1`, { as: PEOPLE.admin }), 400, undefined, ['top']);
});

test('the overview: the bloc’s phase, head and deputy, members, ranking top, proposals, council review, decisions and money', async () => {
  const res = await sys.call('GET', `${overviewPath()}?top=2`, { as: PEOPLE.memberOfficer });
  expectStatus(res, 200);
  const o = res.body;
  expect(o.province).toMatchObject({ id: provinceId, code: 'CT' });
  expect(o.year).toBe(2026);
  const bloc = o.blocs.find((b: { bloc: { code: string } }) => b.bloc.code === 'CT-NOICHINH');
  expect(bloc).toMatchObject({
    cycleId: year.cycleId,
    phase: 'closed',
    closed: true,
    head: { code: 'CT-CA' },
    deputy: { code: 'CT-VKSND' },
    council: { state: 'decided', votesOpen: 0 },
  });
  expect(bloc.head.name).toBe(before.cycle.head.name);
  // Members of the year: every unit that was a member some time in 2026 (the leaver too).
  const memberships = await sys.db.prisma.blocMembership.findMany({ where: { blocId: year.blocId } });
  const in2026 = memberships.filter(
    (m) => m.joinedOn < new Date('2027-01-01') && (!m.leftOn || m.leftOn > new Date('2026-01-01')),
  );
  expect(bloc.members).toBe(new Set(in2026.map((m) => m.unitId)).size);
  expect(in2026.some((m) => m.unitId === year.leaver)).toBe(true);
  expect(bloc.leaders.map((u: { id: string }) => u.id)).toEqual([year.merit[0]]);
  // The ranking top: the results' first two, with their final scores.
  expect(bloc.ranking).toEqual(
    before.ranking
      .slice(0, 2)
      .map((r: { rank: number; unit: { id: string }; selfTotal: number; finalTotal: number }) => ({
        rank: r.rank,
        unit: expect.objectContaining({ id: r.unit.id }),
        selfTotal: r.selfTotal,
        finalTotal: r.finalTotal,
      })),
  );
  // Proposals by kind and status: every proposal of the results, approved by the council.
  const expected: Record<string, number> = {};
  for (const p of before.proposals as { awardType: string; status: string }[]) {
    expect(p.status).toBe('approved');
    expected[p.awardType] = (expected[p.awardType] ?? 0) + 1;
  }
  for (const [kind, n] of Object.entries(expected))
    expect(bloc.proposals[kind]).toEqual({
      proposed: 0,
      councilReview: 0,
      approved: n,
      returned: 0,
      rejected: 0,
      onHold: 0,
      revoked: 0,
    });
  // Decisions as issued: number, date, awardees and money, equal to the results'.
  const fromResults = new Map<string, { units: string[]; amountVnd: number }>();
  for (const p of before.proposals as {
    unit: { id: string };
    decision: { decisionNumber: string; amountVnd: number };
  }[]) {
    const d = fromResults.get(p.decision.decisionNumber) ?? { units: [], amountVnd: 0 };
    d.units.push(p.unit.id);
    d.amountVnd += p.decision.amountVnd;
    fromResults.set(p.decision.decisionNumber, d);
  }
  expect(bloc.decisions).toHaveLength(fromResults.size);
  for (const d of bloc.decisions as {
    decisionNumber: string;
    decisionDate: string;
    signer: string;
    awardees: { id: string }[];
    amountVnd: number;
  }[]) {
    const r = fromResults.get(d.decisionNumber)!;
    expect(d.decisionDate).toBe('2027-01-15');
    expect(d.signer).toEqual(expect.any(String));
    expect(d.awardees.map((u) => u.id).sort()).toEqual([...r.units].sort());
    expect(d.amountVnd).toBe(r.amountVnd);
  }
  // Money: the bloc's and the province's totals are the decisions' in the database.
  const money = await decisionsMoney();
  expect(money.count).toBe(before.proposals.length);
  expect(bloc.amountVnd).toBe(money.amountVnd);
  expect(o.totals).toMatchObject({ awards: money.count, amountVnd: money.amountVnd });
  expect(o.totals.proposals.approved).toBe(money.count);
  for (const [kind, amountVnd] of Object.entries(money.byKind))
    expect(o.totals.awardsByKind[kind]).toEqual({ count: expected[kind], amountVnd });
  // Every bloc of the province is listed, with or without a cycle this year.
  const blocs = await sys.db.prisma.bloc.findMany({ where: { provinceId }, select: { code: true } });
  expect(o.blocs.map((b: { bloc: { code: string } }) => b.bloc.code).sort()).toEqual(blocs.map((b) => b.code).sort());
});

test('the workbook opens with exceljs: rankings, award list and money totals equal to the decisions', async () => {
  const res = await fetch(`${sys.base}${exportPath()}`, {
    headers: { authorization: `Bearer ${await sys.login(PEOPLE.councilSecretary)}` },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  expect(res.headers.get('content-disposition')).toContain('tong-hop-khen-thuong-CT-2026.xlsx');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await res.arrayBuffer());
  expect(wb.worksheets.map((w) => w.name)).toEqual([
    'Xếp hạng',
    'Danh sách khen thưởng',
    'Tổng hợp kinh phí',
    'Phiên xét khen thưởng tỉnh',
    'Quyết định của phiên họp',
  ]);
  const rows = (name: string) => {
    const out: unknown[][] = [];
    wb.getWorksheet(name)!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
    return out;
  };
  for (const w of wb.worksheets) {
    const title = String(w.getCell(1, 1).value);
    expect(title).toContain('Cần Thơ');
    expect(title).toContain('năm 2026');
    expect(title).toMatch(/lập lúc \d{2}\/\d{2}\/\d{4} \d{2}:\d{2} \(giờ Việt Nam\)/);
  }

  // Rankings: every unit of the results in order, with self and final scores.
  const ranking = rows('Xếp hạng').slice(2);
  expect(ranking).toHaveLength(before.ranking.length);
  ranking.forEach((r, i) => {
    const want = before.ranking[i];
    expect(r).toEqual([
      expect.stringContaining('Nội chính'),
      want.rank,
      want.unit.code,
      want.unit.name,
      want.selfTotal,
      want.finalTotal,
    ]);
  });

  // The award list: one row per awardee with decision number, date, signer and money.
  const money = await decisionsMoney();
  const awards = rows('Danh sách khen thưởng').slice(2);
  expect(awards).toHaveLength(money.count);
  expect(awards.reduce((t, r) => t + Number(r[7]), 0)).toBe(money.amountVnd);
  for (const r of awards) expect(r[5]).toBe('15/01/2027');
  expect(wb.getWorksheet('Danh sách khen thưởng')!.getCell(3, 8).numFmt).toContain('#,##0');

  // The money totals: per award kind, then the grand total, as numbers in a VND format.
  const totals = rows('Tổng hợp kinh phí').slice(2);
  const grand = totals.at(-1)!;
  expect(grand).toEqual(['Tổng cộng', money.count, money.amountVnd]);
  expect(totals.slice(0, -1).reduce((t, r) => t + Number(r[2]), 0)).toBe(money.amountVnd);
  const sheet = wb.getWorksheet('Tổng hợp kinh phí')!;
  expect(typeof sheet.getCell(totals.length + 2, 3).value).toBe('number');
  expect(sheet.getCell(totals.length + 2, 3).numFmt).toBe('#,##0" ₫"');
});

test('a bounded number of queries whatever the number of blocs (no query per bloc)', async () => {
  let queries = 0;
  const prisma = sys.db.prisma.$extends({
    query: {
      $allModels: {
        $allOperations({ args, query }) {
          queries++;
          return query(args);
        },
      },
    },
  });
  const deps = { db: { prisma } } as unknown as Parameters<typeof loadProvinceYear>[0];
  const count = async () => {
    queries = 0;
    const data = await loadProvinceYear(deps, otherProvinceId, 2026);
    return { queries, data };
  };
  const few = await count();
  // Ten more Tây Ninh blocs of 9 units, each with its 2026 cycle, ranking and an approved flag with its decision.
  for (let b = 0; b < 10; b++) {
    const units = await Promise.all(
      Array.from({ length: 9 }, (_, u) =>
        sys.db.prisma.unit.create({
          data: {
            code: `TN-PY${b}-${u}`,
            name: `Đơn vị ${u} khối ${b}`,
            shortName: `U${u}`,
            provinceId: otherProvinceId,
          },
        }),
      ),
    );
    const bloc = await sys.db.prisma.bloc.create({
      data: { code: `TN-PY${b}`, name: `Khối ${b}`, provinceId: otherProvinceId, ruleSetCode: 'tay-ninh' },
    });
    await sys.db.prisma.blocMembership.createMany({
      data: units.map((u) => ({ blocId: bloc.id, unitId: u.id, joinedOn: new Date('2025-01-01') })),
    });
    const cycleId = `py-${bloc.code}-2026`;
    await sys.db.prisma.cycle.create({
      data: {
        id: cycleId,
        blocId: bloc.id,
        year: 2026,
        phase: 'closed',
        headUnitId: units[0]!.id,
        deputyUnitId: units[1]!.id,
        ruleSetCode: 'tay-ninh',
        ruleSetVersion: 1,
        deadlines: {},
        startedAt: new Date(),
        closedAt: new Date(),
      },
    });
    await sys.db.prisma.scoreSummary.createMany({
      data: units.map((u, i) => ({
        cycleId,
        unitId: u.id,
        selfTotal: 90 - i,
        reviewedTotal: 90 - i,
        finalTotal: 90 - i,
        tasksGroupScore: 40,
        rank: i + 1,
      })),
    });
    await sys.db.prisma.proposal.create({
      data: {
        id: `${cycleId}:flag`,
        cycleId,
        unitId: units[0]!.id,
        awardType: 'emulation-flag',
        achievementPeriod: '2026',
        status: 'approved',
        decision: {
          create: {
            decisionNumber: `${b + 1}/QĐ-UBND`,
            decisionDate: new Date('2027-01-20'),
            signer: 'Chủ tịch UBND tỉnh',
            coefficient: 8,
            baseSalaryVnd: 2_340_000,
            amountVnd: 18_720_000,
          },
        },
      },
    });
  }
  const many = await count();
  expect(many.data.blocs.length).toBe(few.data.blocs.length + 10);
  expect(many.data.totals).toMatchObject({ awards: 10, amountVnd: 187_200_000 });
  expect(many.data.blocs.find((b) => b.bloc.code === 'TN-PY3')).toMatchObject({ members: 9, amountVnd: 18_720_000 });
  expect(many.queries).toBe(few.queries);
  expect(many.queries).toBeLessThanOrEqual(8);
});
