/**
 * The province award session over HTTP against the real system (Temporal dev server, worker, SQLite). The dev
 * server runs in real time, so the bloc-years are not run here (the time-skipping test
 * test/workflows/province-session.test.ts runs four of them through their year-end meetings and hand-offs): sitting 1
 * is started with a submission deadline seconds ahead and three blocs' dossiers are handed in exactly as their cycles
 * do (the `handInDossier` Update of activities/province-session.ts). Everything after that goes over HTTP: appraisal
 * with a return and resubmission, the quorum refused then met, one secret ballot per present member, the 80%-of-all
 * flag threshold, a Bằng khen ceiling, one decision per award kind; who may do what and who reads what.
 */
import { randomUUID } from 'node:crypto';
import type { ProvinceSessionInput, ProvinceSessionView, Dossier } from '../../contracts/province-session';
import { provinceSessionWorkflowId } from '../../contracts/province-session';
import { CouncilRulesSchema } from '../../domain/ruleset';
import { vnDateOf } from '../../domain/vietnam-time';
import { addProvinceBlocs } from '../support/province-session';
import { waitFor } from '../support/scenario';
import { startSystem, type System } from '../support/system';

jest.setTimeout(180_000);

let sys: System;
beforeAll(async () => {
  sys = await startSystem();
});
afterAll(async () => {
  await sys?.stop();
});

test('one sitting over HTTP: appraisal, return and resubmission, quorum, secret ballots, thresholds, quota, decisions', async () => {
  const { prisma } = sys.db;
  const blocs = await addProvinceBlocs(sys.db);
  const person = async (username: string) => (await prisma.person.findUniqueOrThrow({ where: { username } })).id;
  const unit = async (code: string) => (await prisma.unit.findUniqueOrThrow({ where: { code } })).id;
  const provinceId = (await prisma.bloc.findUniqueOrThrow({ where: { id: blocs['CT-NOICHINH']! } })).provinceId;
  const year = 2031;
  const members = ['ct.hd1', 'ct.hd2', 'ct.hd3', 'ct.hd4', 'ct.hd5'];
  const memberIds = await Promise.all(members.map(person));
  const heads = { 'CT-NOICHINH': 'CT-CA', 'CT-KT': 'CT-TTR', 'CT-SOTP': 'CT-STP', 'CT-VX': 'CT-THADS' } as const;
  const dossier = async (code: keyof typeof heads, proposals: [string, string][]): Promise<Dossier> => ({
    cycleId: `cycle-${code}-${year}`,
    blocId: blocs[code]!,
    blocCode: code,
    blocName: code,
    headUnitId: await unit(heads[code]),
    headOfficerIds: [await person(heads[code].toLowerCase().replace(/-/g, '.'))],
    proposals: await Promise.all(
      proposals.map(async ([unitCode, awardType]) => ({
        proposalId: `cycle-${code}-${year}:${awardType}:${unitCode}`,
        unitId: await unit(unitCode),
        unitName: unitCode,
        awardType: awardType as never,
        achievement: `Thành tích năm ${year} của ${unitCode}`,
      })),
    ),
  });
  const dossiers = [
    await dossier('CT-NOICHINH', [
      ['CT-CA', 'emulation-flag'],
      ['CT-TAND', 'certificate-of-merit'],
      ['CT-VKSND', 'certificate-of-merit'],
    ]),
    await dossier('CT-KT', [
      ['CT-TTR', 'emulation-flag'],
      ['CT-THADS', 'certificate-of-merit'],
    ]),
    await dossier('CT-SOTP', [['CT-STP', 'excellent-labour-collective']]),
    // Returned and never completed: not considered by the session, back to its bloc as returned.
    await dossier('CT-VX', [['CT-BCHQS', 'emulation-flag']]),
  ];
  const workflowId = provinceSessionWorkflowId(provinceId, year, 1);
  const input: ProvinceSessionInput = {
    provinceId,
    year,
    n: 1,
    councilMemberIds: memberIds,
    secretaryIds: [await person('ct.tk')],
    adminIds: [await person('admin')],
    council: CouncilRulesSchema.parse({}),
    rules: {
      submissionDeadline: { month: 12, day: 10, yearOffset: 0 },
      carryOverDays: 30,
      flagsPerBloc: 1,
      certificatesTotal: 1,
    },
    submissionDeadline: new Date(Date.now() + 600_000).toISOString(),
  };
  const session = await sys.env.client.workflow.start('provinceAwardSessionWorkflow', {
    taskQueue: sys.real.taskQueue,
    workflowId,
    args: [input],
  });
  for (const d of dossiers)
    await session.executeUpdate('handInDossier', { args: [{ dossier: d }], updateId: `handin:${d.cycleId}:1` });

  const base = `/api/provinces/${provinceId}/years/${year}/sessions`;
  const get = (as?: string) => sys.call<ProvinceSessionView>('GET', `${base}/1`, { as });
  const post = (as: string | undefined, path: string, body: unknown, key = randomUUID()) =>
    sys.call('POST', `${base}/1${path}`, { as, body, key });

  // Reads: the council and the admin see all; a bloc head only its own dossier; others 404; nobody 401.
  let v = await waitFor('the projection', async () => {
    const r = await get('ct.tk');
    return r.status === 200 && r.body.dossiers.length === 4 ? r.body : undefined;
  });
  expect(v).toMatchObject({ phase: 'collecting', members: 5, quorum: { required: 4, present: null } });
  expect((await get('admin')).body.dossiers).toHaveLength(4);
  expect((await get('ct.hd3')).body.proposals).toHaveLength(7);
  const own = (await get('ct.ttr')).body;
  expect(own.dossiers.map((d) => d.blocCode)).toEqual(['CT-KT']);
  expect(own.proposals.map((p) => p.unitName)).toEqual(['CT-TTR', 'CT-THADS']);
  expect((await get('ct.vksnd')).status).toBe(404);
  expect((await get('tn.tk')).status).toBe(404);
  expect((await get(undefined)).status).toBe(401);
  expect((await sys.call('GET', base, { as: 'ct.hd1' })).body.sessions).toHaveLength(1);
  expect((await sys.call('GET', `${base}/2`, { as: 'ct.tk' })).status).toBe(404);

  // Appraisal (standing body only; Zod paths on bad bodies); KT returned, resubmitted by its head's officer only.
  const kt = dossiers[1]!.cycleId;
  for (const as of ['ct.hd1', 'ct.ttr', 'tn.tk'])
    expect((await post(as, '/appraisals', { cycleId: kt, decision: 'accept' })).status).toBe(403);
  expect((await post(undefined, '/appraisals', { cycleId: kt, decision: 'accept' })).status).toBe(401);
  const bad = await post('ct.tk', '/appraisals', { cycleId: kt, decision: 'return' });
  expect(bad.status).toBe(400);
  expect(bad.body.error.issues[0].path).toEqual(['reason']);
  expect(
    (await post('ct.tk', '/appraisals', { cycleId: kt, decision: 'return', reason: 'Thiếu xác nhận của cơ quan thuế' }))
      .status,
  ).toBe(200);
  expect((await get('ct.ttr')).body.dossiers[0]).toMatchObject({
    status: 'returned',
    reason: 'Thiếu xác nhận của cơ quan thuế',
  });
  expect((await post('ct.ca', '/resubmissions', { cycleId: kt, note: 'Bổ sung' })).status).toBe(403);
  expect((await post('ct.ttr', '/resubmissions', { cycleId: kt, note: 'Đã bổ sung xác nhận' })).status).toBe(200);
  for (const d of dossiers.slice(0, 3))
    expect((await post('admin', '/appraisals', { cycleId: d.cycleId, decision: 'accept' })).status).toBe(200);
  const vx = dossiers[3]!;
  expect(
    (
      await post('ct.tk', '/appraisals', {
        cycleId: vx.cycleId,
        decision: 'return',
        reason: 'Thiếu biên bản kiểm phiếu',
      })
    ).status,
  ).toBe(200);

  // Attendance only once the collection is over. The standing body closes it before the deadline (every bloc it
  // expects has handed in; the deadline itself is the workflow test's case); then a late dossier is refused by
  // sitting 1 (its cycle moves to sitting 2).
  const present = memberIds.slice(0, 4);
  expect((await post('ct.tk', '/attendance', { presentMemberIds: present })).status).toBe(409);
  expect((await post('ct.hd1', '/collection/close', {})).status).toBe(403);
  const closed = await post('ct.tk', '/collection/close', {});
  expect([closed.status, closed.body.message]).toEqual([200, 'collection closed: appraisal starts']);
  expect((await post('ct.tk', '/collection/close', {})).body.error.code).toBe('ALREADY_DONE');
  await waitFor('appraisal', async () => (await get('ct.tk')).body.phase === 'appraisal', 30_000);
  const late = { ...dossiers[0]!, cycleId: `cycle-CT-LATE-${year}`, blocCode: 'CT-LATE' };
  const refusedLate = (await session.executeUpdate('handInDossier', { args: [{ dossier: late }] }).catch((e) => e)) as {
    cause?: { type?: string; message: string };
  };
  expect(refusedLate.cause).toMatchObject({
    type: 'DEADLINE_PASSED',
    message: expect.stringMatching(/no longer takes dossiers/),
  });

  // Quorum: 3 of 5 refused (BN86 Art. 8(4)(b)), 4 of 5 opens the vote.
  const noQuorum = await post('ct.tk', '/attendance', { presentMemberIds: memberIds.slice(0, 3) });
  expect(noQuorum.status).toBe(409);
  expect(noQuorum.body.error.code).toBe('RULE_VIOLATION');
  expect((await post('ct.tk', '/attendance', { presentMemberIds: present })).status).toBe(200);

  // Ballots: every accepted proposal once; absentees and non-members refused; no count before the close.
  const ids = dossiers.slice(0, 3).flatMap((d) => d.proposals.map((p) => p.proposalId));
  const ktFlag = dossiers[1]!.proposals[0]!.proposalId;
  const ballot = (no: string[] = []) => ({
    votes: ids.map((proposalId) => ({ proposalId, approve: !no.includes(proposalId) })),
  });
  expect((await post('ct.hd5', '/ballots', ballot())).status).toBe(403);
  expect((await post('ct.tk', '/ballots', ballot())).status).toBe(403);
  const partial = await post('ct.hd1', '/ballots', { votes: [{ proposalId: ids[0], approve: true }] });
  expect(partial.status).toBe(400);
  expect(partial.body.error.issues[0].path).toEqual(['votes']);
  const key = randomUUID();
  expect((await post('ct.hd1', '/ballots', ballot([ktFlag]), key)).status).toBe(200);
  expect((await post('ct.hd1', '/ballots', ballot([ktFlag]), key)).status).toBe(200); // same key: the same answer
  expect((await post('ct.hd1', '/ballots', ballot())).status).toBe(409);
  v = (await get('ct.hd2')).body;
  expect(v.votedCount).toBe(1);
  expect(v.proposals.every((p) => p.yes === null)).toBe(true);
  for (const m of members.slice(1, 4)) expect((await post(m, '/ballots', ballot())).status).toBe(200);

  // Closed on the last present ballot: KT's flag 3/5 fails ≥ 80% of ALL; one Bằng khen over the total of 1.
  v = await waitFor('the close', async () => {
    const r = (await get('ct.tk')).body;
    return r.phase === 'decided' ? r : undefined;
  });
  const outcome = Object.fromEntries(v.proposals.map((p) => [p.proposalId, p.outcome]));
  expect(outcome[vx.proposals[0]!.proposalId]).toBe('notConsidered');
  expect(outcome[ktFlag]).toBe('belowThreshold');
  expect(v.proposals.find((p) => p.proposalId === ktFlag)).toMatchObject({ yes: 3, base: 5 });
  expect(
    v.proposals
      .filter((p) => p.awardType === 'certificate-of-merit')
      .map((p) => p.outcome)
      .sort(),
  ).toEqual(['awarded', 'overQuota', 'overQuota']);

  // Decisions: one per awarded kind, numbered from the provincial Chairman's register by the act (a typed number is
  // refused); then the session is closed.
  const decisionDate = vnDateOf(Date.now());
  const typed = [{ awardType: 'emulation-flag', decisionNumber: '201/QĐ-UBND' }];
  expect((await post('ct.hd1', '/decisions', { decisionDate })).status).toBe(403);
  expect((await post('ct.tk', '/decisions', { decisionDate, numbers: typed })).status).toBe(400);
  expect((await post('ct.tk', '/decisions', { decisionDate })).status).toBe(200);
  v = await waitFor('issued', async () => {
    const r = (await get('ct.tk')).body;
    return r.phase === 'issued' ? r : undefined;
  });
  expect(v.decisions.map((d) => [d.awardType, d.decisionNumber, d.awardees.map((a) => a.unitName)])).toEqual([
    ['emulation-flag', '01/QĐ-UBND', ['CT-CA']],
    ['certificate-of-merit', '02/QĐ-UBND', [expect.any(String)]],
    ['excellent-labour-collective', '03/QĐ-UBND', ['CT-STP']],
  ]);
  expect(v.decisions[0]!.awardees[0]!.amountVnd).toBeGreaterThan(0);
  // The bloc head of KT sees no decision line of its own (its flag failed).
  expect((await get('ct.ttr')).body.decisions).toEqual([]);
  await session.result();
  expect((await post('ct.tk', '/close', {})).status).toBe(409);
  // Every act of the sitting left its audit row, once, with who did it.
  const audit = await sys.db.prisma.auditLog.findMany({
    where: { workflowId: session.workflowId },
    orderBy: { id: 'asc' },
    select: { action: true, actorPersonId: true },
  });
  const actions = audit.map((r) => r.action);
  for (const action of [
    'provinceSession.collection.close',
    'provinceSession.dossier.return',
    'provinceSession.dossier.resubmit',
    'provinceSession.dossier.accept',
    'provinceSession.attendance',
    'provinceSession.vote.close',
    'provinceSession.decisions',
  ])
    expect([action, actions.includes(action)]).toEqual([action, true]);
  expect(actions.filter((a) => a === 'provinceSession.collection.close')).toHaveLength(1);
  expect(audit.find((r) => r.action === 'provinceSession.decisions')!.actorPersonId).toBe(await person('ct.tk'));
});
