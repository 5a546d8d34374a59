/**
 * Any year under its own rules (issue 12, Done-when (c)), on the real system: Express on an ephemeral port,
 * a Temporal dev server, a worker with real activities, a migrated and seeded SQLite file.
 * - The Tây Ninh bloc runs its 2024 year (head VKSND, as in domain-rules §5.5): the cycle resolves the
 *   ND 98/2023 rule-set version (v2, 2024-01-01 – 2025-06-30); the council decides on 20/3/2025, so the award
 *   money takes the ND 98/2023 coefficient on the 2,340,000 base salary and the decision cites the 2022 Law and
 *   ND 98/2023, not ND 152/2025; the proposal letter cites the decree in force on its own date.
 * - A year with no rule-set in force answers 409 NO_RULESET saying what to publish; a year before 2024 is
 *   400 at `year`, pointing at history import.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { Db } from '../../db';
import { loadDocumentData } from '../../documents/from-cycle';
import { DECREE_98, LAW_ON_EMULATION, emulationLegalBases } from '../../domain/legal-bases';
import { DAY, planFor, runCouncilAndHandover, runToVoting, runVoting, waitFor } from '../support/scenario';
import { httpPort } from '../support/http-port';
import { TEST_PASSWORD } from '../support/db';
import { startRealSystem, type RealSystem } from '../support/real-system';
import { castOf } from '../support/workflow-port';

jest.setTimeout(240_000);

let system: RealSystem;
let db: Db;
let base: string;

beforeAll(async () => {
  system = await startRealSystem();
  ({ db, base } = system);
});

afterAll(() => system?.stop());

async function login(username: string): Promise<string> {
  const res = await request(base).post('/api/auth/login').send({ username, password: TEST_PASSWORD }).expect(200);
  return res.body.token as string;
}

test('the Tây Ninh 2024 year runs under ND 98/2023: rule-set v2, ND 98 money on a 2025-H1 decision, ND 98 legal bases', async () => {
  const bloc = await db.prisma.bloc.findUniqueOrThrow({
    where: { code: 'TN-NOICHINH' },
    include: { headUnit: true, deputyUnit: true, memberships: { include: { unit: true } } },
  });
  // The seeded bloc follows its source: VKSND heads it in 2024; the Border Guard, not Sở Tư pháp, is a member.
  expect(bloc.headUnit!.code).toBe('TN-VKSND');
  expect(bloc.memberships.map((m) => m.unit.code).sort()).toEqual(
    ['TN-BCHQS', 'TN-BDBP', 'TN-CA', 'TN-TAND', 'TN-THADS', 'TN-VKSND'].sort(),
  );
  const cast = await castOf(db, 'TN-NOICHINH');
  const head = cast.officerOf[bloc.headUnitId!]!;
  const plan = planFor(2024, Date.now(), 30 * DAY);
  const started = await request(base)
    .post(`/api/blocs/${bloc.id}/cycles`)
    .set('authorization', `Bearer ${await login(head)}`)
    .send({ year: 2024, plan })
    .expect(201);
  const cycleId = started.body.cycleId as string;
  const row = await db.prisma.cycle.findUniqueOrThrow({ where: { id: cycleId } });
  expect([row.year, row.ruleSetCode, row.ruleSetVersion]).toEqual([2024, 'tay-ninh', 2]);
  const ruleSet = await db.prisma.ruleSet.findUniqueOrThrow({
    where: { code_version: { code: 'tay-ninh', version: 2 } },
  });
  expect((ruleSet.body as { legalBasis: string[] }).legalBasis).toEqual(
    expect.arrayContaining(['Luật Thi đua, khen thưởng 06/2022/QH15', 'Nghị định 98/2023/NĐ-CP']),
  );

  const port = httpPort(base, cycleId, TEST_PASSWORD);
  const units = (await port.view()).units.map((u) => u.unitId);
  await runToVoting(port, cast, plan, { merit: units });
  await runVoting(port, cast, { merit: units });
  await runCouncilAndHandover(port, cast, { decisionDate: '2025-03-20' });
  await waitFor('the closed 2024 projection', async () => {
    const c = await db.prisma.cycle.findUnique({ where: { id: cycleId } });
    return c?.phase === 'closed' ? c : undefined;
  });

  // Money: the decree in force on the decision date (ND 98/2023 Art. 54(2)(e): 8.0 for the provincial flag).
  const decisions = await db.prisma.awardDecision.findMany({
    where: { proposal: { cycleId } },
    include: { proposal: true },
  });
  const flag = decisions.find((d) => d.proposal.awardType === 'emulation-flag');
  expect(flag).toBeDefined();
  expect([flag!.coefficient, flag!.baseSalaryVnd, flag!.amountVnd]).toEqual([8, 2_340_000, 18_720_000]);

  // The decision of 20/3/2025 cites the 2015 Local Government Law, the 2022 Law and ND 98/2023 — never ND 152.
  const decision = await loadDocumentData(db, cycleId, 'decision');
  expect(decision.legalBases.slice(0, 3)).toEqual([
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015',
    LAW_ON_EMULATION,
    DECREE_98,
  ]);
  expect(decision.legalBases).toContain('Căn cứ điểm e khoản 2 Điều 54 Nghị định số 98/2023/NĐ-CP về mức tiền thưởng');
  expect(decision.legalBases.join('\n')).not.toContain('152/2025');

  // The proposal letter cites the decree in force on its own date: the year is entered now, but the letter precedes
  // the decision of 20/3/2025 it led to, so it is dated then and cites ND 98/2023 (not today's ND 152/2025).
  const proposal = await loadDocumentData(db, cycleId, 'proposal');
  expect(proposal.header.date).toBe('2025-03-20');
  expect(proposal.legalBases.slice(0, 2)).toEqual(emulationLegalBases('2025-03-20'));
  expect(proposal.legalBases[1]).toBe(DECREE_98);
  expect(proposal.legalBases.join('\n')).not.toContain('152/2025');
  expect(decision.proposedBy).toContain('ngày 20 tháng 3 năm 2025');
});

test('a year with no rule-set in force: 409 NO_RULESET naming what to publish; a year before 2024: 400 with the way forward', async () => {
  const admin = await login('admin');
  const province = await db.prisma.province.findUniqueOrThrow({ where: { code: 'TN' } });
  await request(base)
    .post('/api/admin/rulesets')
    .set('authorization', `Bearer ${admin}`)
    .set('idempotency-key', randomUUID())
    .send({
      provinceId: province.id,
      ruleSet: {
        code: 'tay-ninh-2030',
        version: 1,
        name: 'Tây Ninh 2030 (test)',
        scope: 'provincial',
        effectiveFrom: '2030-01-01',
      },
    })
    .expect(201);
  const bloc = await db.prisma.bloc.findUniqueOrThrow({ where: { code: 'TN-NOICHINH' } });
  await request(base)
    .patch(`/api/admin/blocs/${bloc.id}`)
    .set('authorization', `Bearer ${admin}`)
    .set('idempotency-key', randomUUID())
    .send({ ruleSetCode: 'tay-ninh-2030' })
    .expect(200);
  const cast = await castOf(db, 'TN-NOICHINH');
  const now = await db.prisma.bloc.findUniqueOrThrow({ where: { id: bloc.id } });
  const head = await login(cast.officerOf[now.headUnitId!]!);

  const none = await request(base)
    .post(`/api/blocs/${bloc.id}/cycles`)
    .set('authorization', `Bearer ${head}`)
    .send({ year: 2029 })
    .expect(409);
  expect(none.body.error.code).toBe('NO_RULESET');
  expect(none.body.error.issues[0].path).toEqual(['year']);
  for (const part of ["'tay-ninh-2030'", 'TN-NOICHINH', province.name, '2029-01-01', 'POST /api/admin/rulesets'])
    expect(none.body.error.message).toContain(part);
  expect(await db.prisma.cycle.count({ where: { blocId: bloc.id, year: 2029 } })).toBe(0);

  const old = await request(base)
    .post(`/api/blocs/${bloc.id}/cycles`)
    .set('authorization', `Bearer ${head}`)
    .send({ year: 2023 })
    .expect(400);
  expect(old.body.error.issues[0].path).toEqual(['year']);
  expect(old.body.error.issues[0].message).toMatch(/Law on Emulation and Commendation 2003.*91\/2017.*history/);
});
