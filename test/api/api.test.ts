/**
 * The front door, for real: Express on an ephemeral port, a Temporal dev server (the
 * provisioned CLI), a worker with real activities and a migrated, seeded SQLite file.
 */
import request from 'supertest';
import pino from 'pino';
import { createApp } from '../../api/app';
import type { Db } from '../../db';
import { DAY, planFor, runCouncilAndHandover, runToVoting, runVoting } from '../support/scenario';
import { httpPort } from '../support/http-port';
import { TEST_PASSWORD } from '../support/db';
import { startSystem, type System } from '../support/system';
import { castOf } from '../support/workflow-port';

jest.setTimeout(180_000);

let system: System;
let db: Db;
let base: string;

beforeAll(async () => {
  system = await startSystem();
  ({ db, base } = system);
});

afterAll(() => system?.stop());

const login = (username: string) => system.login(username);

test('/healthz reports Temporal, database and worker up', async () => {
  const res = await request(base).get('/healthz').expect(200);
  expect(res.body).toEqual({ status: 'ok', database: 'up', temporal: 'up', worker: 'up' });
});

test('/healthz answers 503 when the worker is down', async () => {
  const { config, env, taskQueue } = system.real;
  const app = createApp({
    config,
    db,
    logger: pino({ level: 'silent' }),
    temporal: { client: env.client, taskQueue, namespace: 'default' },
    workerAlive: async () => false,
  });
  const res = await request(app).get('/healthz').expect(503);
  expect(res.body.worker).toBe('down');
});

test('login: wrong password is 401, a malformed body is 400 with the Zod issue path, no token is 401', async () => {
  await request(base).post('/api/auth/login').send({ username: 'ct.ca', password: 'wrong' }).expect(401);
  const bad = await request(base).post('/api/auth/login').send({ username: 'ct.ca' }).expect(400);
  expect(bad.body.error.issues[0].path).toEqual(['password']);
  const none = await request(base).get('/api/me').expect(401);
  expect(none.body.error.code).toBe('UNAUTHENTICATED');
});

test('OpenAPI 3.1 document lists every act', async () => {
  const doc = (await request(base).get('/api/openapi.json').expect(200)).body;
  expect(doc.openapi).toBe('3.1.0');
  expect(Object.keys(doc.paths)).toEqual(
    expect.arrayContaining([
      '/api/blocs/{blocId}/cycles',
      '/api/cycles/{cycleId}/ballots',
      '/api/cycles/{cycleId}/council/decisions',
      '/healthz',
    ]),
  );
});

test('thin slice: the head starts the cycle, the workflow writes tasks, the unit sees its task; then a whole year over HTTP', async () => {
  const bloc = await db.prisma.bloc.findUniqueOrThrow({ where: { code: 'TN-NOICHINH' } });
  const cast = await castOf(db, 'TN-NOICHINH');
  const head = cast.officerOf[bloc.headUnitId!]!;
  const other = Object.entries(cast.officerOf).find(([id]) => id !== bloc.headUnitId)!;
  const plan = planFor(2026, Date.now(), 30 * DAY);

  // Only the head starts the cycle; bad input is a 400 with the path.
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
  const cycleId = started.body.cycleId as string;
  await request(base)
    .post(`/api/blocs/${bloc.id}/cycles`)
    .set('authorization', `Bearer ${await login(head)}`)
    .send({ year: 2026 })
    .expect(409);

  const officerToken = await login(other[1]);
  const tasks = await waitForTasks(officerToken, cycleId);
  expect(tasks[0]).toMatchObject({ kind: 'pledge', status: 'open' });

  // An officer acting for another unit is refused at the door.
  const forbidden = await request(base)
    .post(`/api/cycles/${cycleId}/pledges`)
    .set('authorization', `Bearer ${officerToken}`)
    .send({ unitId: bloc.headUnitId, targets: ['Hoàn thành nhiệm vụ'], signedBy: 'Giám đốc' })
    .expect(403);
  expect(forbidden.body.error.issues[0].path).toEqual(['unitId']);
  // A body that fails the contract is a 400 naming the path.
  const badPledge = await request(base)
    .post(`/api/cycles/${cycleId}/pledges`)
    .set('authorization', `Bearer ${officerToken}`)
    .send({ unitId: other[0], targets: [], signedBy: 'Giám đốc' })
    .expect(400);
  expect(badPledge.body.error.issues[0].path).toEqual(['targets']);

  const port = httpPort(base, cycleId, TEST_PASSWORD);
  const units = (await port.view()).units.map((u) => u.unitId);
  await runToVoting(port, cast, plan, { merit: units });
  await runVoting(port, cast, { merit: units });
  // Wrong phase is a 409 with the envelope.
  const late = await request(base)
    .post(`/api/cycles/${cycleId}/pledges`)
    .set('authorization', `Bearer ${officerToken}`)
    .send({ unitId: other[0], targets: ['Hoàn thành nhiệm vụ'], signedBy: 'Giám đốc' })
    .expect(409);
  expect(late.body.error.code).toBe('WRONG_PHASE');
  await runCouncilAndHandover(port, cast, { decisionDate: '2027-01-15' });
  const closed = await waitForProjection(cycleId);
  expect(closed.phase).toBe('closed');
  expect(closed.proposals.some((p: { status: string }) => p.status === 'approved')).toBe(true);
  expect((closed.result as { nextYearWorkflowId: string }).nextYearWorkflowId).toBe('cycle-TN-NOICHINH-2027');
});

async function waitForTasks(token: string, cycleId: string) {
  for (let i = 0; i < 100; i++) {
    const res = await request(base).get('/api/me/tasks').set('authorization', `Bearer ${token}`).expect(200);
    const mine = res.body.filter((t: { cycleId: string }) => t.cycleId === cycleId);
    if (mine.length > 0) return mine;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('no task appeared');
}

async function waitForProjection(cycleId: string) {
  const token = await login('admin');
  for (let i = 0; i < 200; i++) {
    const res = await request(base).get(`/api/cycles/${cycleId}`).set('authorization', `Bearer ${token}`).expect(200);
    if (res.body.phase === 'closed') return res.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('cycle did not close');
}
