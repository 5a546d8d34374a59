/**
 * The Cần Thơ year the evidence tests share (test/api/evidence.test.ts and the modules beside this file): one
 * real system (Express, Temporal dev server, worker with real activities, seeded SQLite) started with a small
 * upload limit and quota, the logins, the cycle driven over HTTP to self-scoring, and the upload helpers.
 * Exported `let`s are live bindings, so the modules see the values once the setup and the first test have run.
 */
import request from 'supertest';
import type { Db } from '../../../db';
import { TEST_PASSWORD } from '../../support/db';
import { httpPort } from '../../support/http-port';
import { startRealSystem, type RealSystem } from '../../support/real-system';
import { DAY, planFor, runToVoting, waitForPhase, type BlocCast, type CyclePort } from '../../support/scenario';
import { castOf } from '../../support/workflow-port';
import { FILES, LIMIT, QUOTA } from './files';

let system: RealSystem;
export let db: Db;
export let base: string;

/** Registers the start (before all) and the stop (after all) of the one real system of the evidence tests. */
export function withEvidenceSystem(): void {
  beforeAll(async () => {
    system = await startRealSystem({ env: { UPLOAD_MAX_BYTES: String(LIMIT), EVIDENCE_QUOTA_BYTES: String(QUOTA) } });
    ({ db, base } = system);
  });

  afterAll(async () => {
    await system?.stop();
  });
}

const tokens = new Map<string, string>();
const login = async (username: string) => {
  if (!tokens.has(username))
    tokens.set(
      username,
      (await request(base).post('/api/auth/login').send({ username, password: TEST_PASSWORD }).expect(200)).body
        .token as string,
    );
  return tokens.get(username)!;
};
export const auth = async (username: string) => `Bearer ${await login(username)}`;

export let cycleId: string;
export let cast: BlocCast;
export let port: CyclePort;
export let unitA: string; // an ordinary member
export let unitB: string; // another ordinary member
export let officerA: string;
export let officerB: string;
export let headOfficer: string;
export let deputyOfficer: string;
export const plan = planFor(2026, Date.now(), 30 * DAY);

export const upload = async (
  username: string,
  file: Buffer,
  opts: { filename?: string; contentType?: string; unitId?: string; criterionId?: string | null } = {},
) => {
  const req = request(base)
    .post(`/api/cycles/${cycleId}/evidence`)
    .set('authorization', await auth(username));
  if (opts.unitId !== undefined || username === officerA) req.field('unitId', opts.unitId ?? unitA);
  if (opts.criterionId !== null) req.field('criterionId', opts.criterionId ?? 'tasks.targets');
  return req.attach('file', file, {
    filename: opts.filename ?? 'minh-chung.pdf',
    contentType: opts.contentType ?? 'application/pdf',
  });
};
/** The upload, expected to be stored (201). */
export const stored = async (...args: Parameters<typeof upload>) => {
  const res = await upload(...args);
  expect([res.status, res.body]).toEqual([201, expect.anything()]);
  return res;
};

class StopAtSelfScore extends Error {}

const waitFor = async (probe: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await probe()); i++) await new Promise((r) => setTimeout(r, 100));
};

/** Registered by test/api/evidence.test.ts: the year's first test, which the upload tests after it build on. */
export function toSelfScoringTest(): void {
  test('before self-scoring, uploads are refused (409 WRONG_PHASE); the cycle is then driven to self-scoring', async () => {
    const bloc = await db.prisma.bloc.findUniqueOrThrow({ where: { code: 'CT-NOICHINH' } });
    cast = await castOf(db, 'CT-NOICHINH');
    headOfficer = cast.officerOf[bloc.headUnitId!]!;
    deputyOfficer = cast.officerOf[bloc.deputyUnitId!]!;
    [unitA, unitB] = Object.keys(cast.officerOf).filter((id) => id !== bloc.headUnitId && id !== bloc.deputyUnitId) as [
      string,
      string,
    ];
    officerA = cast.officerOf[unitA]!;
    officerB = cast.officerOf[unitB]!;

    const started = await request(base)
      .post(`/api/blocs/${bloc.id}/cycles`)
      .set('authorization', await auth(headOfficer))
      .send({ year: 2026, plan })
      .expect(201);
    cycleId = started.body.cycleId;
    port = httpPort(base, cycleId, TEST_PASSWORD);
    await waitForPhase(port, 'pledge');
    const early = await upload(officerA, FILES.pdf);
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ status: 409, code: 'WRONG_PHASE' });

    // The scripted year stops at the first self-score: this test submits those itself.
    const stopping: CyclePort = {
      ...port,
      act: (u, path, body, id) =>
        path === '/self-scores' ? Promise.reject(new StopAtSelfScore()) : port.act(u, path, body, id),
    };
    const units = Object.keys(cast.officerOf);
    await expect(runToVoting(stopping, cast, plan, { merit: units })).rejects.toBeInstanceOf(StopAtSelfScore);
    await waitFor(
      async () => (await db.prisma.cycle.findUniqueOrThrow({ where: { id: cycleId } })).phase === 'selfScoring',
    );
  });
}
