/**
 * `npm run bench -- --acts [--provinces 35 --blocs 20 --units 9]` (issue 11). In ONE run on one
 * Temporal dev server (SQLite file, tuned as `npm start` tunes it) it measures:
 *   1. a bare Update (a counter workflow, state change only) at concurrency 1, 8, 32;
 *   2. 700 cycle starts through the API with their plan, and the time until every projection
 *      shows the pledge phase with its tasks;
 *   3. API acts (`/pledges`, `/pledges/review`) at concurrency 1, 8, 32 on those cycles;
 *   4. the worker's RSS with all 700 live;
 *   5. the worker SIGKILLed and restarted: the next act's latency on every cycle;
 *   6. the replay time of a recorded year-long history.
 * The app database is its own (DATABASE_URL, default data/bench-acts.db; a PostgreSQL database
 * given here is emptied first). Prints a table and, last, one JSON line. Asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { generateCountry, tokenFor } from './country';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { Client as PgClient } from 'pg';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createApp } from '../../api/app';
import { defaultPlan } from '../../api/routes/cycles';
import { hashPassword } from '../../api/security/passwords';
import { loadConfig } from '../../config';
import { createDb } from '../../db';
import { migrateDatabase } from '../../prisma/migrate';
import { seedDatabase } from '../../prisma/seed';
import { writeWorkflowBundle } from '../../worker/bundle';
import { installSdkLogger } from '../../worker/runtime';
import { existingPath, temporalCliPath } from '../temporal-binaries';
import { devServerTuningArgs } from '../temporal-tuning';
import { increment } from './counter-workflow';
import { cpuMs, load, r1, rssMiB, type Level } from './measure';
import { replayYear } from './replay';

const ROOT = path.resolve(__dirname, '../..');
const args = process.argv.slice(2);
const num = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};

const log = (msg: string) => console.log(`[bench:acts] ${msg}`);
/** `--skip bare,acts,recovery,replay`: leave parts out (a shorter run to compare one change; the summary shows null). */
const skip = new Set(args.includes('--skip') ? args[args.indexOf('--skip') + 1]!.split(',') : []);

async function freshDatabase(url: string): Promise<void> {
  if (url.startsWith('file:')) {
    for (const f of ['', '-wal', '-shm']) fs.rmSync(url.slice(5) + f, { force: true });
    fs.mkdirSync(path.dirname(url.slice(5)), { recursive: true });
  } else {
    const pg = new PgClient({ connectionString: url });
    await pg.connect();
    await pg.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    await pg.end();
  }
  await migrateDatabase(url);
}

function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  // BENCH_CPU_PROF=<dir>: the worker writes a V8 CPU profile there when it exits (to see where an act's time goes).
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  // BENCH_WORKER_FLAGS: extra node flags for the worker only (to compare heap settings; default: worker/flags.ts).
  const flags = (process.env.BENCH_WORKER_FLAGS ?? '').split(' ').filter(Boolean);
  const proc = spawn(process.execPath, [...prof, ...flags, '--import', 'tsx', 'worker/main.ts'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (d: Buffer) => {
      out += d.toString();
      if (out.includes('worker polling')) {
        proc.stdout!.off('data', onData);
        proc.stdout!.resume();
        resolve(proc);
      }
    };
    proc.stdout!.on('data', onData);
    proc.once('exit', (code) => reject(new Error(`worker exited (${code}) before polling: ${out.slice(-2000)}`)));
  });
}

export async function benchActs(): Promise<void> {
  const P = num('provinces', 35);
  const B = num('blocs', 20);
  const U = Math.max(9, num('units', 9));
  const url = process.env.DATABASE_URL ?? `file:${path.join(ROOT, 'data/bench-acts.db')}`;
  const provider = url.startsWith('file:') ? 'sqlite' : 'postgresql';
  installSdkLogger('ERROR');
  const errors: Record<string, number> = {};
  const addErrors = (what: string, statuses: Record<string, number>) => {
    for (const [s, n] of Object.entries(statuses))
      if (!s.startsWith('2')) errors[`${what} ${s}`] = (errors[`${what} ${s}`] ?? 0) + n;
  };

  // --- database: the seed's rule-sets + a country of generated provinces, blocs, units, officers
  await freshDatabase(url);
  const db = createDb(url);
  const { prisma } = db;
  await seedDatabase(db, { demoPassword: 'bench-password' });
  const passwordHash = await hashPassword('bench-password');
  const t0 = Date.now();
  let blocs = await generateCountry(db, { provinces: P, blocs: B, units: U, passwordHash });
  log(`${provider}: generated ${blocs.length} blocs × ${U} units in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  // --- one dev server (SQLite file), the worker as its own process, the API in this process
  const temporalDb = path.join(ROOT, 'data/bench-acts-temporal.db');
  for (const f of ['', '-wal', '-shm']) fs.rmSync(temporalDb + f, { force: true });
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      ...existingPath(temporalCliPath()),
      ip: '127.0.0.1',
      dbFilename: temporalDb,
      log: { format: 'pretty', level: 'error' },
      extraArgs: devServerTuningArgs({ withFile: true }),
    },
  });
  const taskQueue = 'bench-acts';
  // The worker runs as in production: on the prebuilt bundle (worker/bundle.ts), not webpack at its start.
  const bundlePath = path.join(ROOT, 'data', 'bench-workflow-bundle.js');
  await writeWorkflowBundle(bundlePath);
  const workerEnv = {
    WORKFLOW_BUNDLE_PATH: bundlePath,
    ...process.env,
    DATABASE_URL: url,
    TEMPORAL_ADDRESS: env.address,
    TEMPORAL_TASK_QUEUE: taskQueue,
    LOG_LEVEL: 'info',
    NODE_ENV: 'development',
  };
  let worker = await startWorker(workerEnv);
  const idleRssMiB = rssMiB(worker.pid!);
  const secret = 'b'.repeat(40);
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: url,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '100000000',
    JWT_SECRET: secret,
    TEMPORAL_TASK_QUEUE: taskQueue,
  });
  const app = createApp({
    config,
    db,
    logger: pino({ level: 'silent' }),
    temporal: { client: env.client, taskQueue, namespace: 'default' },
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const tokenOf = (personId: string) => tokenFor(personId, secret);
  const post = async (pathname: string, personId: string, body: unknown): Promise<number> => {
    const res = await fetch(`${base}${pathname}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokenOf(personId)}`,
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify(body),
    });
    await res.arrayBuffer();
    return res.status;
  };

  try {
    // --- 1. bare Update: the counter workflow on its own worker (this process)
    const bareWorker = await Worker.create({
      connection: env.nativeConnection,
      taskQueue: 'bench-bare',
      workflowsPath: require.resolve('./counter-workflow'),
    });
    const bareRun = bareWorker.run();
    const bare: Record<string, Level> = {};
    for (const C of skip.has('bare') ? [] : [1, 8, 32]) {
      const handles = await Promise.all(
        Array.from({ length: C }, (_, k) =>
          env.client.workflow.start('benchCounterWorkflow', {
            taskQueue: 'bench-bare',
            workflowId: `bare-${C}-${k}-${randomUUID()}`,
          }),
        ),
      );
      await Promise.all(handles.map((h) => h.executeUpdate(increment, { args: [1] }))); // warm
      const perClient = C === 1 ? 200 : C === 8 ? 60 : 25;
      const out = await load(
        C,
        perClient,
        async (c) => (await handles[c]!.executeUpdate(increment, { args: [1] }), 200),
      );
      bare[`c${C}`] = out.level;
      addErrors('bare', out.statuses);
      log(`bare Update C=${C}: ${JSON.stringify(out.level)}`);
      await Promise.all(handles.map((h) => h.terminate()));
    }
    bareWorker.shutdown();
    await bareRun;

    // --- 2. 700 cycle starts through the API (with the plan: straight to the pledge phase)
    const year = new Date().getUTCFullYear();
    const plan = defaultPlan(year);
    const startedAt = performance.now();
    const startCpu = cpuMs(worker.pid!);
    let nextStart = 0;
    const startStatuses: Record<string, number> = {};
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (nextStart < blocs.length) {
          const b = blocs[nextStart++]!;
          const s = await post(`/api/blocs/${b.id}/cycles`, b.officers[0]!, { year, plan }).catch(() => -1);
          startStatuses[s] = (startStatuses[s] ?? 0) + 1;
        }
      }),
    );
    const httpSeconds = (performance.now() - startedAt) / 1000;
    log(`start statuses ${JSON.stringify(startStatuses)} after ${httpSeconds.toFixed(1)} s`);
    const started = startStatuses['201'] ?? 0;
    for (;;) {
      const inPledge = await prisma.cycle.count({ where: { phase: 'pledge' } });
      const tasks = await prisma.task.count({ where: { kind: 'pledge' } });
      if (inPledge >= started && tasks >= started * U) break;
      if ((performance.now() - startedAt) / 1000 > 600)
        throw new Error(`after 600 s only ${inPledge} of ${started} started cycles in the pledge phase`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const startSeconds = r1((performance.now() - startedAt) / 1000);
    const workerCpuPerStartMs = r1((cpuMs(worker.pid!) - startCpu) / blocs.length);
    addErrors('start', startStatuses);
    const startErrors = Object.entries(startStatuses)
      .filter(([s]) => !s.startsWith('2'))
      .reduce((t, [, n]) => t + n, 0);
    log(
      `starts: ${blocs.length} in ${httpSeconds.toFixed(1)} s of HTTP, all in the pledge phase with tasks after ${startSeconds} s (worker CPU ${workerCpuPerStartMs} ms a start); statuses ${JSON.stringify(startStatuses)}`,
    );
    // The rest runs on the cycles that started (a refused start is counted in the errors above).
    const rows = await prisma.cycle.findMany({ where: { year }, select: { id: true, blocId: true } });
    const cycleOfBloc = new Map(rows.map((r) => [r.blocId, r.id]));
    const attempted = blocs.length;
    blocs = blocs.filter((b) => cycleOfBloc.has(b.id));
    const cycleIds = blocs.map((b) => cycleOfBloc.get(b.id)!);

    // --- 3. API acts: each client on its own cycles; per unit 0..U-2 a pledge, then the head accepts it
    const act: Record<string, Level> = {};
    let nextCycle = 0;
    const ACTS_PER_CYCLE = (U - 1) * 2; // the last unit's pledge is kept for the recovery act
    for (const C of skip.has('acts') ? [] : [1, 8, 32]) {
      const perClient = C === 1 ? 60 : C === 8 ? 40 : 28;
      const mine: number[][] = Array.from({ length: C }, () => []);
      const need = Math.ceil(perClient / ACTS_PER_CYCLE);
      for (let c = 0; c < C; c++) for (let k = 0; k < need; k++) mine[c]!.push(nextCycle++);
      const cpu0 = cpuMs(worker.pid!);
      const out = await load(C, perClient, async (c, i) => {
        const idx = mine[c]![Math.floor(i / ACTS_PER_CYCLE)]!;
        const b = blocs[idx]!;
        const step = i % ACTS_PER_CYCLE;
        const unit = Math.floor(step / 2);
        const unitId = b.unitIds[unit]!;
        return step % 2 === 0
          ? post(`/api/cycles/${cycleIds[idx]}/pledges`, b.officers[unit]!, {
              unitId,
              targets: ['Hoàn thành xuất sắc nhiệm vụ'],
              signedBy: 'Thủ trưởng',
            })
          : post(`/api/cycles/${cycleIds[idx]}/pledges/review`, b.officers[0]!, { unitId, decision: 'accept' });
      });
      act[`c${C}`] = { ...out.level, workerCpuMs: r1((cpuMs(worker.pid!) - cpu0) / (C * perClient)) };
      addErrors(`act C=${C}`, out.statuses);
      log(`API act C=${C}: ${JSON.stringify(act[`c${C}`])} statuses ${JSON.stringify(out.statuses)}`);
    }

    // --- 4. worker RSS with all 700 live
    const workerRssMiB = rssMiB(worker.pid!);
    log(
      `worker RSS with ${blocs.length} live bloc-years: ${workerRssMiB} MiB (idle before the first workflow: ${idleRssMiB} MiB; cache ${config.WORKER_MAX_CACHED_WORKFLOWS})`,
    );

    // --- 5. SIGKILL the worker, restart it, then the next act on every cycle
    let recovery: { level: Level } | undefined;
    if (!skip.has('recovery')) {
      const killedAt = Date.now();
      // With BENCH_CPU_PROF the worker is stopped gracefully instead, so that it writes its profile.
      worker.kill(process.env.BENCH_CPU_PROF ? 'SIGTERM' : 'SIGKILL');
      await new Promise((r) => worker.once('exit', r));
      worker = await startWorker(workerEnv);
      const restartSeconds = r1((Date.now() - killedAt) / 1000);
      // Matching treats a sticky queue as gone once no poll came for 10 s (server constant): before
      // that a workflow task would wait on the dead worker's sticky queue first.
      const stickyWait = Math.max(0, killedAt + 10_500 - Date.now());
      await new Promise((r) => setTimeout(r, stickyWait));
      let nextRecovery = 0;
      const last = U - 1;
      const cpu0 = cpuMs(worker.pid!);
      const out = await load(8, Math.ceil(blocs.length / 8), async () => {
        const idx = nextRecovery++;
        if (idx >= blocs.length) return 200;
        const b = blocs[idx]!;
        return post(`/api/cycles/${cycleIds[idx]}/pledges`, b.officers[last]!, {
          unitId: b.unitIds[last],
          targets: ['Sau khi worker khởi động lại'],
          signedBy: 'Thủ trưởng',
        });
      });
      recovery = { level: { ...out.level, workerCpuMs: r1((cpuMs(worker.pid!) - cpu0) / blocs.length) } };
      addErrors('recovery', out.statuses);
      log(
        `after SIGKILL (worker back in ${restartSeconds} s, +${(stickyWait / 1000).toFixed(1)} s sticky window): next act on each of ${blocs.length} cycles ${JSON.stringify(recovery.level)} statuses ${JSON.stringify(out.statuses)}`,
      );
    }

    // --- 6. replay of a recorded year-long history (what a woken, evicted bloc-year costs)
    let replayMs: number | null = null;
    if (!skip.has('replay')) {
      const r = await replayYear(path.join(ROOT, 'test/workflows/histories'));
      replayMs = r1(r.p50);
      log(
        `replay of a year-long history (${r.events} events): p50 ${replayMs} ms (first, with the replay worker's start: ${r1(r.first)} ms)`,
      );
    }

    const summary = {
      provider,
      bare,
      act,
      starts: { n: attempted, seconds: startSeconds, errors: startErrors, workerCpuMs: workerCpuPerStartMs },
      workerRssMiB,
      recovery: recovery
        ? { p50: recovery.level.p50, p99: recovery.level.p99, workerCpuMs: recovery.level.workerCpuMs }
        : null,
      replayMs,
      errors,
    };
    console.log('\n| concurrency | bare Update | API act | act/bare throughput |');
    console.log('| --- | --- | --- | --- |');
    for (const C of skip.has('bare') || skip.has('acts') ? [] : ['c1', 'c8', 'c32'])
      console.log(
        `| ${C.slice(1)} | ${bare[C]!.perSecond} /s, p50 ${bare[C]!.p50} ms, p99 ${bare[C]!.p99} ms | ${act[C]!.perSecond} /s, p50 ${act[C]!.p50} ms, p95 ${act[C]!.p95} ms, p99 ${act[C]!.p99} ms | ${(act[C]!.perSecond / bare[C]!.perSecond).toFixed(2)} |`,
      );
    console.log('');
    console.log(JSON.stringify(summary));
  } finally {
    // Whatever happened, leave no worker or dev server behind.
    if (worker.exitCode === null && worker.signalCode === null) {
      worker.kill('SIGTERM');
      await new Promise((r) => worker.once('exit', r));
    }
    server.close();
    await env.teardown();
    await db.close();
  }
}
