/**
 * `npm run demo [-- --json] [-- --bloc CT-NOICHINH] [-- --year 2026]`
 * Drives a whole year for a seeded bloc through the real HTTP API on the embedded default
 * (SQLite file data/demo.db, the provisioned Temporal dev server, an in-process worker),
 * with deadlines compressed to seconds. One unit reports late on purpose, so the reminder
 * and the escalation fire. With --json the last line is the year's result as JSON.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { createApp } from '../api/app';
import { createActivities } from '../activities/create-activities';
import { loadConfig } from '../config';
import { createDb } from '../db';
import { migrateDatabase } from '../prisma/migrate';
import { seedDatabase } from '../prisma/seed';
import { dataConverterFor } from '../worker/codec';
import { createWorker } from '../worker/create-worker';
import { installSdkLogger } from '../worker/runtime';
import { httpPort } from '../test/support/http-port';
import {
  planFor,
  runCouncilAndHandover,
  runToVoting,
  runVoting,
  waitFor,
  waitForPhase,
  type BlocCast,
} from '../test/support/scenario';
import { ensureTemporalCli, existingPath } from './temporal-binaries';

const args = process.argv.slice(2);
const json = args.includes('--json');
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : fallback;
};
const blocCode = opt('bloc', 'CT-NOICHINH');
const year = Number(opt('year', String(new Date().getFullYear())));
const stepSeconds = Number(opt('step-seconds', '15'));
const say = (line: string) => console.log(`[demo ${new Date().toISOString().slice(11, 19)}] ${line}`);

async function main(): Promise<void> {
  installSdkLogger('ERROR');
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const dbFile = path.resolve('data/demo.db');
  for (const f of [dbFile, `${dbFile}-wal`, `${dbFile}-shm`]) fs.rmSync(f, { force: true });
  const url = `file:${dbFile}`;
  await migrateDatabase(url);
  const db = createDb(url);
  await seedDatabase(db, { demoPassword: config.DEMO_PASSWORD });
  say(`database ${dbFile} migrated and seeded`);

  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const dataConverter = dataConverterFor(config.PAYLOAD_ENCRYPTION_KEYS);
  const env = config.TEMPORAL_ADDRESS
    ? await TestWorkflowEnvironment.createFromExistingServer({
        address: config.TEMPORAL_ADDRESS,
        client: { dataConverter },
      })
    : await TestWorkflowEnvironment.createLocal({
        server: { ...existingPath(ensureTemporalCli(say)), ip: '127.0.0.1', log: { format: 'pretty', level: 'error' } },
        client: { dataConverter },
      });
  const taskQueue = `demo-${randomUUID()}`;
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue,
    activities: createActivities({ db }),
    dataConverter,
  });
  const running = worker.run();
  const app = createApp({
    config: { ...config, TEMPORAL_TASK_QUEUE: taskQueue },
    db,
    logger: pino({ level: 'silent' }),
    temporal: { client: env.client, taskQueue, namespace: 'default' },
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  say(`Temporal, worker and API up (${base})`);

  try {
    const bloc = await db.prisma.bloc.findUniqueOrThrow({
      where: { code: blocCode },
      include: { memberships: { include: { unit: { include: { people: { include: { roles: true } } } } } } },
    });
    const officerOf: Record<string, string> = {};
    for (const m of bloc.memberships)
      officerOf[m.unitId] = m.unit.people.find((p) => p.roles.some((r) => r.role === 'unitOfficer'))!.username;
    const council = await db.prisma.council.findFirstOrThrow({
      where: { provinceId: bloc.provinceId },
      include: { members: { include: { person: true } }, roleAssignments: { include: { person: true } } },
    });
    const cast: BlocCast = {
      officerOf,
      councilMembers: council.members.map((m) => m.person.username),
      councilSecretary: council.roleAssignments.find((r) => r.role === 'councilSecretary')!.person.username,
      admin: 'admin',
    };
    const headUser = officerOf[bloc.headUnitId!]!;
    const plan = planFor(year, Date.now(), stepSeconds * 1000, [Math.max(1, Math.floor(stepSeconds / 3))]);

    const login = await httpPort(base, '', config.DEMO_PASSWORD).token(headUser);
    const res = await fetch(`${base}/api/blocs/${bloc.id}/cycles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${login}`, 'content-type': 'application/json' },
      body: JSON.stringify({ year }),
    });
    if (res.status !== 201) throw new Error(`start: ${res.status} ${await res.text()}`);
    const { cycleId } = (await res.json()) as { cycleId: string };
    say(`${bloc.name}: cycle ${cycleId} started by ${headUser}`);
    const port = httpPort(base, cycleId, config.DEMO_PASSWORD);
    const units = bloc.memberships.map((m) => m.unitId);
    const lateUnit = units.at(-1)!;
    const merit = [...units].sort((a, b) => a.localeCompare(b));

    // Launch and pledge through the scenario, then let one unit miss the mid-year deadline.
    await port.act(headUser, '/plan', { plan });
    say(`plan published; deadlines every ${stepSeconds} s`);
    await waitForPhase(port, 'pledge');
    for (const unitId of units) {
      await port.act(officerOf[unitId]!, '/pledges', {
        unitId,
        targets: ['Hoàn thành xuất sắc nhiệm vụ được giao'],
        titlesAimed: ['emulation-flag'],
        signedBy: 'Thủ trưởng đơn vị',
      });
      await port.act(headUser, '/pledges/review', { unitId, decision: 'accept' });
    }
    say(`pledge: ${units.length} units signed the pledge`);
    await waitForPhase(port, 'midYear');
    for (const unitId of units.filter((u) => u !== lateUnit)) {
      await port.act(officerOf[unitId]!, '/reports/mid-year', {
        unitId,
        summary: 'Hoàn thành tốt chỉ tiêu 6 tháng đầu năm.',
      });
    }
    await port.act(headUser, '/reports/bloc', { summary: 'Báo cáo sơ kết 6 tháng của khối.' });
    say(`mid-year: ${officerOf[lateUnit]} has not reported; waiting for the deadline (reminder, then escalation)`);
    await waitForPhase(port, 'selfScoring', stepSeconds * 4000);
    const late = (await port.view()).units.find((u) => u.unitId === lateUnit)!;
    say(
      `mid-year: deadline passed — ${late.name} flagged late (${late.late.join(', ')}), penalty ${late.penaltyPoints} points`,
    );

    await runToVoting(port, cast, plan, { merit, log: say });
    const voted = await runVoting(port, cast, { merit, log: say });
    const codeOf = (id: string) => bloc.memberships.find((m) => m.unitId === id)?.unit.code ?? id;
    for (const c of voted.contests)
      say(
        `result ${c.contest}: ${c.winners.map(codeOf).join(', ') || '—'} (${c.decidedBy}, ${c.rounds.length} round(s))`,
      );
    await runCouncilAndHandover(port, cast, { decisionDate: new Date().toISOString().slice(0, 10), log: say });

    const closed = await waitFor(
      'the cycle to close',
      async () => {
        const r = await fetch(`${base}/api/cycles/${cycleId}`, {
          headers: { authorization: `Bearer ${await port.token('admin')}` },
        });
        const body = (await r.json()) as { phase: string; result: unknown };
        return body.phase === 'closed' ? body : undefined;
      },
      60_000,
    );
    const result = closed.result as {
      bloc: string;
      year: number;
      ranking: { code: string; name: string; finalTotal: number }[];
      awards: { type: string; code: string; status: string }[];
      nextHead: string;
      nextDeputy: string;
      nextYearWorkflowId: string;
    };
    const summary = {
      bloc: result.bloc,
      year: result.year,
      ranking: result.ranking.map((r) => ({ unit: r.code, name: r.name, finalScore: r.finalTotal })),
      awards: result.awards.map((a) => ({ type: a.type, unit: a.code, status: a.status })),
      nextHead: codeOf(result.nextHead),
      nextDeputy: codeOf(result.nextDeputy),
      nextYearWorkflowId: result.nextYearWorkflowId,
    };
    say(
      `closed: next head ${summary.nextHead}, deputy ${summary.nextDeputy}; ${summary.nextYearWorkflowId} awaits its plan`,
    );
    if (json) console.log(JSON.stringify(summary));
    else console.log(JSON.stringify(summary, null, 2));
  } finally {
    server.close();
    worker.shutdown();
    await running;
    await env.teardown();
    await db.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
