/**
 * Durability, for real. The worker runs in a SEPARATE process (`node --import tsx worker/main.ts`,
 * configured only by its environment, as in production); the API runs in this process against a
 * Temporal dev server and one SQLite file shared by both processes.
 *
 * A Cần Thơ year is driven over HTTP to the voting phase. In the middle of the first ballot round
 * the worker is killed with SIGKILL. Ballots keep coming. An Update needs a worker (its validator
 * runs there), so the API cannot accept them: it waits a bounded time (AppDeps.actTimeoutMs) and
 * answers 503 with `Retry-After` and the request's `Idempotency-Key`. The outcome of such a request
 * is UNKNOWN, not "refused": the server keeps the admitted Update and, here, the new worker applies
 * it without any retry. Clients retry with the SAME key and get the one answer; a new key for the
 * same vote is refused by the workflow (ALREADY_DONE). A new worker process starts and replays the
 * history; the year is finished and the database must hold every accepted ballot and submission
 * exactly once, with the right result. Payloads are encrypted (PAYLOAD_ENCRYPTION_KEYS): the worker
 * process reads the key from its environment, the API's client gets the same codec.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createApp } from '../../api/app';
import { dataConverterFor } from '../../worker/codec';
import { loadConfig } from '../../config';
import type { Db } from '../../db';
import {
  DAY,
  planFor,
  runCouncilAndHandover,
  runToVoting,
  waitFor,
  waitForPhase,
  type BlocCast,
} from '../support/scenario';
import { httpPort } from '../support/http-port';
import type { ContestView, CycleView } from '../../workflows/view';
import { seededSqlite, TEST_PASSWORD } from '../support/db';
import { keyEntry } from '../support/payload-keys';
import { devServerEnv } from '../support/temporal';
import { castOf } from '../support/workflow-port';
import { startWorkerProcess, stopWorkerProcesses, type WorkerProcess } from '../support/worker-process';

jest.setTimeout(420_000);

const ACT_TIMEOUT_MS = 3000;
const taskQueue = `fault-${randomUUID()}`;
const PAYLOAD_ENCRYPTION_KEYS = keyEntry('fault');

let env: TestWorkflowEnvironment;
let db: Db;
let dbUrl: string;
let cleanup: () => Promise<void>;
let server: Server;
let base: string;
const workers: WorkerProcess[] = [];

/** Starts worker/main.ts in its own process; resolves once it says it is polling. */
const startWorker = () =>
  startWorkerProcess(
    { dbUrl, temporalAddress: env.address, taskQueue, payloadEncryptionKeys: PAYLOAD_ENCRYPTION_KEYS },
    workers,
  );

beforeAll(async () => {
  ({ db, url: dbUrl, cleanup } = await seededSqlite());
  const config = loadConfig({
    NODE_ENV: 'test',
    TEMPORAL_TASK_QUEUE: taskQueue,
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'f'.repeat(40),
    PAYLOAD_ENCRYPTION_KEYS,
  });
  env = await devServerEnv({ dataConverter: dataConverterFor(config.PAYLOAD_ENCRYPTION_KEYS) });
  const app = createApp({
    config,
    db,
    logger: pino({ level: 'silent' }),
    temporal: { client: env.client, taskQueue, namespace: 'default' },
    actTimeoutMs: ACT_TIMEOUT_MS,
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 120_000);

afterAll(async () => {
  await stopWorkerProcesses(workers);
  server?.closeAllConnections();
  server?.close();
  await env?.teardown();
  await cleanup?.();
}, 60_000);

interface Sent {
  voter: string;
  contest: string;
  round: number;
  choices: string[];
  key: string;
}

test('SIGKILL of the worker mid-vote: 503 while it is gone, retries with the same key land once, the year finishes right', async () => {
  const bloc = await db.prisma.bloc.findUniqueOrThrow({ where: { code: 'CT-NOICHINH' } });
  const cast: BlocCast = await castOf(db, 'CT-NOICHINH');
  const head = cast.officerOf[bloc.headUnitId!]!;
  const plan = planFor(2026, Date.now(), 30 * DAY);
  const first = await startWorker();

  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: head, password: TEST_PASSWORD }),
  });
  const started = await fetch(`${base}/api/blocs/${bloc.id}/cycles`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${((await login.json()) as { token: string }).token}`,
    },
    body: JSON.stringify({ year: 2026, plan }),
  });
  expect(started.status).toBe(201);
  const cycleId = ((await started.json()) as { cycleId: string }).cycleId;
  const port = httpPort(base, cycleId, TEST_PASSWORD);
  const merit = (await waitForPhase(port, 'pledge')).units.map((u) => u.unitId);
  await runToVoting(port, cast, plan, { merit });

  /** One ballot over HTTP, answer kept whatever it is. */
  const ballot = async (s: Sent) => {
    const t0 = Date.now();
    const res = await fetch(`${base}/api/cycles/${cycleId}/ballots`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await port.token(cast.officerOf[s.voter]!)}`,
        'idempotency-key': s.key,
      },
      body: JSON.stringify({ unitId: s.voter, contest: s.contest, round: s.round, choices: s.choices }),
    });
    return {
      status: res.status,
      headers: res.headers,
      body: (await res.json()) as Record<string, unknown> & { error?: { code: string } },
      ms: Date.now() - t0,
    };
  };
  const accepted: Sent[] = [];
  /** The client's retry loop: same key until the API answers something other than 503. */
  const untilAnswered = async (s: Sent) => {
    const limit = Date.now() + 120_000;
    for (let tries = 1; ; tries++) {
      const res = await ballot(s);
      if (res.status !== 503 || Date.now() > limit) return { ...res, tries };
      await new Promise((r) => setTimeout(r, 500));
    }
  };
  const choicesFor = (voter: string, open: ContestView, v: CycleView): string[] => {
    const others = (ids: string[]) => ids.filter((id) => id !== voter);
    const byMerit = others(merit.filter((id) => open.candidates.includes(id)));
    if (open.contest === 'leader') return byMerit.slice(0, 1);
    if (open.contest === 'certificate') return byMerit.slice(0, open.seats);
    if (open.contest === 'nextHead')
      return others(open.candidates)
        .filter((id) => id !== v.headUnitId)
        .slice(0, 1);
    return others(open.candidates).slice(0, 1);
  };

  await port.act(head, '/meeting', { presentUnitIds: merit });
  let v = await waitFor('the first round to open', async () => {
    const now = await port.view();
    return now.contests.some((c) => c.status === 'open') ? now : undefined;
  });
  const open = v.contests.find((c) => c.status === 'open')!;
  expect([open.contest, open.round]).toEqual(['leader', 1]);
  const round1: Sent[] = merit.map((voter) => ({
    voter,
    contest: open.contest,
    round: open.round,
    choices: choicesFor(voter, open, v),
    key: randomUUID(),
  }));

  // ── three ballots go through while the worker is alive ──
  for (const s of round1.slice(0, 3)) {
    const res = await ballot(s);
    expect([res.status, res.body.message]).toEqual([200, 'ballot received']);
    accepted.push(s);
  }

  // ── SIGKILL: no clean shutdown, no in-flight task finished ──
  first.child.kill('SIGKILL');
  await first.exited;
  expect(first.child.signalCode).toBe('SIGKILL');

  // Three more voters vote now, concurrently: each waits the bounded time and gets 503. (The
  // last voter waits for the new worker, so the round is still open when the retries land.)
  const pending = round1.slice(3, -1);
  const last = round1.at(-1)!;
  const during = await Promise.all(pending.map(ballot));
  for (const [i, res] of during.entries()) {
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({ status: 503, code: 'UNAVAILABLE' });
    expect(res.headers.get('retry-after')).toBe('5');
    expect(res.headers.get('idempotency-key')).toBe(pending[i]!.key);
    expect(res.ms).toBeGreaterThanOrEqual(ACT_TIMEOUT_MS - 100);
    expect(res.ms).toBeLessThan(ACT_TIMEOUT_MS + 5000);
  }
  // The live view (a workflow query) is bounded too: 503 rather than a hanging request.
  const live = await fetch(`${base}/api/cycles/${encodeURIComponent(cycleId)}/live`, {
    headers: { authorization: `Bearer ${await port.token(cast.admin)}` },
  });
  expect([live.status, live.headers.get('retry-after')]).toEqual([503, '5']);
  // Nothing of theirs reached the database.
  const voterRows = () =>
    db.prisma.voterRecord.findMany({
      where: { round: { cycleId, contest: 'leader', round: 1 } },
      select: { voterKey: true },
    });
  expect((await voterRows()).map((r) => r.voterKey).sort()).toEqual(
    round1
      .slice(0, 3)
      .map((s) => s.voter)
      .sort(),
  );

  // ── a new worker process: it replays the workflow's history and carries on ──
  const second = await startWorker();
  expect(second.child.pid).not.toBe(first.child.pid);

  // What became of the ballots answered 503? The server kept them as ADMITTED Updates (in memory,
  // not yet in history); the new worker validates and applies them with no client retry, once the
  // dead worker's sticky queue times out. A 503 therefore means "outcome unknown", never "not applied".
  await waitFor(
    'the ballots sent during the outage to land by themselves',
    async () => ((await voterRows()).length === 6 ? true : undefined),
    60_000,
  );

  // The clients retry with the same keys: each gets the one answer, at once (no second ballot).
  const [firstRetry, ...restRetries] = pending;
  const retried = await untilAnswered(firstRetry!);
  expect([retried.status, retried.body.message, retried.tries]).toEqual([200, 'ballot received', 1]);
  accepted.push(firstRetry!);
  // The same voter again under a NEW key is a second ballot, and the workflow refuses it.
  const again = await ballot({ ...firstRetry!, key: randomUUID() });
  expect([again.status, again.body.error?.code]).toEqual([409, 'ALREADY_DONE']);
  // And an old, already answered key gets its first answer again (no second ballot).
  const replay = await ballot(round1[0]!);
  expect([replay.status, replay.body.message]).toEqual([200, 'ballot received']);
  for (const s of restRetries) {
    const res = await untilAnswered(s);
    expect([s.voter, res.status, res.body.message]).toEqual([s.voter, 200, 'ballot received']);
    accepted.push(s);
  }
  expect((await voterRows()).map((r) => r.voterKey).sort()).toEqual(
    round1
      .slice(0, -1)
      .map((s) => s.voter)
      .sort(),
  );
  // The last voter completes the round.
  const lastRes = await untilAnswered(last);
  expect([lastRes.status, lastRes.body.message]).toEqual([200, 'ballot received']);
  accepted.push(last);

  // ── the rest of the meeting, every contest and round, with the new worker ──
  for (;;) {
    v = await port.view();
    if (v.phase !== 'voting') break;
    const now = v.contests.find((c) => c.status === 'open');
    if (!now || (now.contest === open.contest && now.round === open.round)) {
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    const view = v;
    const ballots = merit.map((voter) => ({
      voter,
      contest: now.contest,
      round: now.round,
      choices: choicesFor(voter, now, view),
      key: randomUUID(),
    }));
    for (const s of ballots) {
      const res = await untilAnswered(s);
      expect([s.contest, s.voter, res.status]).toEqual([s.contest, s.voter, 200]);
      accepted.push(s);
    }
    await waitFor(`${now.contest} round ${now.round} to close`, async () => {
      const after = await port.view();
      const c = after.contests.find((x) => x.contest === now.contest)!;
      return after.phase !== 'voting' || c.status !== 'open' || c.round !== now.round ? after : undefined;
    });
  }
  await runCouncilAndHandover(port, cast, { decisionDate: '2027-01-15' });
  const closed = await waitFor(
    'the cycle to close',
    async () => {
      const row = await db.prisma.cycle.findUniqueOrThrow({ where: { id: cycleId } });
      return row.phase === 'closed' ? row : undefined;
    },
    60_000,
  );

  // ── exactly once, everywhere ──
  const allRounds = await db.prisma.votingRound.findMany({
    where: { cycleId },
    include: { voters: true, ballots: true },
    orderBy: [{ contest: 'asc' }, { round: 'asc' }],
  });
  // The council's secret votes (one round per proposal): every member once, one ballot each.
  const councilIds = (
    await db.prisma.person.findMany({ where: { username: { in: cast.councilMembers } }, select: { id: true } })
  )
    .map((p) => p.id)
    .sort();
  const councilRounds = allRounds.filter((r) => r.contest.startsWith('council:'));
  expect(councilRounds.length).toBeGreaterThan(0);
  for (const r of councilRounds) {
    expect([r.contest, r.voters.map((x) => x.voterKey).sort(), r.ballots.length]).toEqual([
      r.contest,
      councilIds,
      councilIds.length,
    ]);
  }
  const rounds = allRounds.filter((r) => !r.contest.startsWith('council:'));
  expect(rounds.length).toBeGreaterThanOrEqual(4); // leader, certificate, nextHead, nextDeputy
  for (const r of rounds) {
    const sent = accepted.filter((s) => s.contest === r.contest && s.round === r.round);
    expect(r.closedAt).toBeInstanceOf(Date);
    // Who voted: each present unit exactly once.
    expect([r.contest, r.round, r.voters.map((x) => x.voterKey).sort()]).toEqual([
      r.contest,
      r.round,
      sent.map((s) => s.voter).sort(),
    ]);
    // What was voted: the accepted ballots, each exactly once (as a multiset; no link to the voter).
    const key = (c: unknown) => JSON.stringify(c);
    expect([r.contest, r.round, r.ballots.map((b) => key(b.choices)).sort()]).toEqual([
      r.contest,
      r.round,
      sent.map((s) => key(s.choices)).sort(),
    ]);
    // The count is the count of those ballots.
    const counts: Record<string, number> = {};
    for (const s of sent) for (const c of s.choices) counts[c] = (counts[c] ?? 0) + 1;
    const result = r.result as { counts: Record<string, number> };
    expect(Object.fromEntries(Object.entries(result.counts).filter(([, n]) => n > 0))).toEqual(counts);
  }
  expect(accepted.filter((s) => s.contest === 'leader' && s.round === 1)).toHaveLength(merit.length);

  // The result: every unit but the best voted for the best; it leads the bloc and its flag is approved.
  const leader = rounds.find((r) => r.contest === 'leader' && r.round === 1)!;
  expect((leader.result as { winners: string[] }).winners).toEqual([merit[0]]);
  const proposals = await db.prisma.proposal.findMany({ where: { cycleId }, include: { decision: true } });
  expect(proposals.find((p) => p.awardType === 'emulation-flag')).toMatchObject({
    unitId: merit[0],
    status: 'approved',
  });
  expect(proposals.every((p) => p.status === 'approved' && p.decision !== null)).toBe(true);
  expect((closed.result as { nextYearWorkflowId: string }).nextYearWorkflowId).toBe('cycle-CT-NOICHINH-2027');

  // Submissions: one per unit and kind, never re-applied.
  const subs = await db.prisma.submission.findMany({ where: { cycleId } });
  const byKind = (k: string) => subs.filter((s) => s.kind === k);
  for (const k of ['pledge', 'midYearReport', 'selfScore']) {
    expect([k, byKind(k).length, new Set(byKind(k).map((s) => s.unitId)).size]).toEqual([
      k,
      merit.length,
      merit.length,
    ]);
  }
  expect(byKind('blocMidYearReport')).toHaveLength(1);
  expect(subs.every((s) => s.revision === 1)).toBe(true);
  // The audit trail has one row per request and action.
  const audit = await db.prisma.auditLog.findMany({
    where: { workflowId: cycleId },
    select: { requestId: true, action: true },
  });
  const auditKeys = audit.map((a) => `${a.requestId}|${a.action}`);
  expect(new Set(auditKeys).size).toBe(auditKeys.length);
  expect(audit.filter((a) => a.action === 'round.close')).toHaveLength(0); // rounds closed themselves (everyone voted)

  // The second worker is still the one running; the first never came back.
  expect(second.child.exitCode).toBeNull();
  expect(first.log.join('')).toContain('worker polling');
  for (const w of [first, second])
    expect(w.log.join('')).toContain('Temporal payloads encrypted (AES-256-GCM) with key \\"fault\\"');
});
