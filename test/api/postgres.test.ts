/**
 * The product's PostgreSQL path, end to end: a REAL PostgreSQL (a throwaway cluster from the local
 * binaries, or a fresh database on $TEST_DATABASE_URL_POSTGRES) migrated and seeded exactly as in
 * production, a Temporal dev server, a worker with real activities, and the API on an ephemeral
 * port. The thin slice, then one whole year over HTTP — with evidence files uploaded and named in
 * the self-scores (Bytes on PostgreSQL) — and the rows it leaves.
 */
import { createHash } from 'node:crypto';
import request from 'supertest';
import { createDb, type Db } from '../../db';
import { migrateDatabase } from '../../prisma/migrate';
import { seedDatabase } from '../../prisma/seed';
import {
  DAY,
  planFor,
  runCouncilAndHandover,
  runToVoting,
  runVoting,
  waitForPhase,
  type BlocCast,
  type CyclePort,
} from '../support/scenario';
import { httpPort } from '../support/http-port';
import { TEST_PASSWORD } from '../support/db';
import { startPostgres, type PostgresServer } from '../../scripts/local-postgres';
import { startRealSystem, type RealSystem } from '../support/real-system';
import { castOf } from '../support/workflow-port';

jest.setTimeout(240_000);

let pg: PostgresServer;
let db: Db;
let system: RealSystem;
let base: string;

beforeAll(async () => {
  pg = await startPostgres();
  const migrated = await migrateDatabase(pg.url);
  expect(migrated.provider).toBe('postgresql');
  db = createDb(pg.url);
  await seedDatabase(db, { demoPassword: TEST_PASSWORD });
  system = await startRealSystem({ db, env: { DATABASE_URL: pg.url } });
  base = system.base;
}, 180_000);

afterAll(async () => {
  await system?.stop();
  await db?.close();
  await pg?.stop();
}, 60_000);

const login = async (username: string) =>
  (await request(base).post('/api/auth/login').send({ username, password: TEST_PASSWORD }).expect(200)).body
    .token as string;

let cycleId: string;
let cast: BlocCast;
const plan = planFor(2026, Date.now(), 30 * DAY);

test('/healthz on PostgreSQL: database, Temporal and worker up', async () => {
  expect(db.provider).toBe('postgresql');
  const res = await request(base).get('/healthz').expect(200);
  expect(res.body).toEqual({ status: 'ok', database: 'up', temporal: 'up', worker: 'up' });
});

test('thin slice: the head starts the cycle, the workflow writes tasks to PostgreSQL, the unit sees its task', async () => {
  const bloc = await db.prisma.bloc.findUniqueOrThrow({ where: { code: 'TN-NOICHINH' } });
  cast = await castOf(db, 'TN-NOICHINH');
  const head = cast.officerOf[bloc.headUnitId!]!;
  const other = Object.entries(cast.officerOf).find(([id]) => id !== bloc.headUnitId)!;

  await request(base)
    .post(`/api/blocs/${bloc.id}/cycles`)
    .set('authorization', `Bearer ${await login(other[1])}`)
    .send({ year: 2026 })
    .expect(403);
  const invalid = await request(base)
    .post(`/api/blocs/${bloc.id}/cycles`)
    .set('authorization', `Bearer ${await login(head)}`)
    .send({ year: 1999 })
    .expect(400);
  expect(invalid.body.error.issues[0].path).toEqual(['year']);
  const started = await request(base)
    .post(`/api/blocs/${bloc.id}/cycles`)
    .set('authorization', `Bearer ${await login(head)}`)
    .send({ year: 2026, plan })
    .expect(201);
  cycleId = started.body.cycleId;
  await request(base)
    .post(`/api/blocs/${bloc.id}/cycles`)
    .set('authorization', `Bearer ${await login(head)}`)
    .send({ year: 2026 })
    .expect(409);

  const officerToken = await login(other[1]);
  let tasks: { cycleId: string; kind: string; status: string }[] = [];
  for (let i = 0; i < 100 && tasks.length === 0; i++) {
    tasks = (
      await request(base).get('/api/me/tasks').set('authorization', `Bearer ${officerToken}`).expect(200)
    ).body.filter((t: { cycleId: string }) => t.cycleId === cycleId);
    if (tasks.length === 0) await new Promise((r) => setTimeout(r, 100));
  }
  expect(tasks[0]).toMatchObject({ kind: 'pledge', status: 'open' });
  expect(await db.prisma.task.count({ where: { cycleId, kind: 'pledge' } })).toBe(Object.keys(cast.officerOf).length);

  const forbidden = await request(base)
    .post(`/api/cycles/${cycleId}/pledges`)
    .set('authorization', `Bearer ${officerToken}`)
    .send({ unitId: bloc.headUnitId, targets: ['Hoàn thành nhiệm vụ'], signedBy: 'Giám đốc' })
    .expect(403);
  expect(forbidden.body.error.issues[0].path).toEqual(['unitId']);
  const badPledge = await request(base)
    .post(`/api/cycles/${cycleId}/pledges`)
    .set('authorization', `Bearer ${officerToken}`)
    .send({ unitId: other[0], targets: [], signedBy: 'Giám đốc' })
    .expect(400);
  expect(badPledge.body.error.issues[0].path).toEqual(['targets']);
  const projection = await request(base)
    .get(`/api/cycles/${cycleId}`)
    .set('authorization', `Bearer ${officerToken}`)
    .expect(200);
  expect(projection.body).toMatchObject({ id: cycleId, phase: 'pledge', year: 2026 });
});

const pdfFor = (unitId: string) => Buffer.from(`%PDF-1.7\n% Minh chứng của đơn vị ${unitId}\n%%EOF\n`, 'utf8');

test('a whole year over HTTP on PostgreSQL, with uploaded evidence in the self-scores', async () => {
  const port = httpPort(base, cycleId, TEST_PASSWORD);
  await waitForPhase(port, 'pledge');
  const units = (await port.view()).units.map((u) => u.unitId);
  const uploaded = new Map<string, { id: string; sha256: string }>();

  // Each unit uploads one file (multipart, as a browser would) and names it in its self-score.
  const withEvidence: CyclePort = {
    ...port,
    async act(username, path, body, requestId) {
      if (path !== '/self-scores') return port.act(username, path, body, requestId);
      const unitId = String(body.unitId);
      const entries = body.entries as { criterionId: string; evidence: string[] }[];
      const target = entries.find((e) => e.evidence.length > 0)!;
      const form = new FormData();
      form.set('unitId', unitId);
      form.set('criterionId', target.criterionId);
      form.set(
        'file',
        new Blob([new Uint8Array(pdfFor(unitId))], { type: 'application/pdf' }),
        `Minh chứng ${target.criterionId}.pdf`,
      );
      const res = await fetch(`${base}/api/cycles/${cycleId}/evidence`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await port.token(username)}` },
        body: form,
      });
      expect(res.status).toBe(201);
      const file = (await res.json()) as { id: string; sha256: string };
      uploaded.set(unitId, file);
      return port.act(
        username,
        path,
        { ...body, entries: entries.map((e) => (e === target ? { ...e, evidence: [file.id] } : e)) },
        requestId,
      );
    },
  };

  await runToVoting(withEvidence, cast, plan, { merit: units });
  await runVoting(port, cast, { merit: units });
  const late = await request(base)
    .post(`/api/cycles/${cycleId}/pledges`)
    .set('authorization', `Bearer ${await login(cast.officerOf[units[1]!]!)}`)
    .send({ unitId: units[1], targets: ['Hoàn thành nhiệm vụ'], signedBy: 'Giám đốc' })
    .expect(409);
  expect(late.body.error.code).toBe('WRONG_PHASE');
  await runCouncilAndHandover(port, cast, { decisionDate: '2027-01-15' });

  const admin = await login('admin');
  let closed:
    | {
        phase: string;
        proposals: { status: string; unitId: string; awardType: string }[];
        result: { nextYearWorkflowId: string };
      }
    | undefined;
  for (let i = 0; i < 300; i++) {
    const res = await request(base).get(`/api/cycles/${cycleId}`).set('authorization', `Bearer ${admin}`).expect(200);
    if (res.body.phase === 'closed') {
      closed = res.body;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(closed?.phase).toBe('closed');
  expect(closed!.proposals.some((p) => p.status === 'approved')).toBe(true);
  expect(closed!.result.nextYearWorkflowId).toBe('cycle-TN-NOICHINH-2027');

  // What the year left in PostgreSQL.
  const p = db.prisma;
  expect(await p.submission.count({ where: { cycleId, kind: 'selfScore' } })).toBe(units.length);
  expect(await p.submission.count({ where: { cycleId, kind: 'pledge', status: 'accepted' } })).toBe(units.length);
  const rounds = await p.votingRound.findMany({
    where: { cycleId, NOT: { contest: { startsWith: 'council:' } } },
    include: { _count: { select: { voters: true, ballots: true } } },
  });
  expect(rounds.length).toBeGreaterThan(0);
  for (const r of rounds)
    expect([r.contest, r._count.voters, r._count.ballots]).toEqual([r.contest, units.length, units.length]);
  expect(await p.scoreSummary.count({ where: { cycleId } })).toBe(units.length);
  expect(await p.awardDecision.count({ where: { proposal: { cycleId } } })).toBe(
    closed!.proposals.filter((x) => x.status === 'approved').length,
  );
  expect(await p.handover.count({ where: { fromYear: 2026, bloc: { code: 'TN-NOICHINH' } } })).toBe(1);
  expect(await p.notification.count({ where: { cycleId } })).toBeGreaterThan(units.length);

  // Evidence: bytea round trip, named in the stored self-scores, downloadable by the council.
  expect(uploaded.size).toBe(units.length);
  const council = await login(cast.councilMembers[0]!);
  for (const [unitId, file] of uploaded) {
    const sub = await p.submission.findFirstOrThrow({ where: { cycleId, unitId, kind: 'selfScore' } });
    expect(JSON.stringify(sub.payload)).toContain(file.id);
    const row = await p.evidenceFile.findUniqueOrThrow({ where: { id: file.id } });
    expect(Buffer.from(row.content).equals(pdfFor(unitId))).toBe(true);
    expect(createHash('sha256').update(row.content).digest('hex')).toBe(file.sha256);
    const res = await fetch(`${base}/api/evidence/${file.id}`, { headers: { authorization: `Bearer ${council}` } });
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(pdfFor(unitId))).toBe(true);
  }
});
