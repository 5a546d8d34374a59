/**
 * Shared set-up of the workflow tests: the time-skipping test server, a worker with real
 * activities on a migrated, seeded SQLite file, and helpers to start and drive a bloc-year.
 * Each test file gets its own server and connection: the Java test server answers a client
 * connection older than ~90 s with GOAWAY (keep-alive "too many pings"), which can strand a
 * time-skipping sleep, so files stay short.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { randomUUID } from 'node:crypto';
import { createActivities } from '../../activities/create-activities';
import { buildCycleInput } from '../../api/cycle-input';
import { cycleWorkflowId, type CycleInput } from '../../contracts/cycle';
import type { Db } from '../../db';
import { createWorker } from '../../worker/create-worker';
import { DAY, planFor, runToVoting, runVoting, waitFor, type BlocCast, type CyclePort } from '../support/scenario';
import { seededSqlite } from '../support/db';
import { recordHistory } from '../support/histories';
import { timeSkippingEnv } from '../support/temporal';
import { castOf, rejection, workflowPort } from '../support/workflow-port';

export function useCycleHarness(firstYear: number) {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  let db: Db;
  let cleanup: () => Promise<void>;
  let cast: BlocCast;
  let blocId: string;
  let units: Record<string, string>; // code → id
  const taskQueue = `test-${randomUUID()}`;
  let nextYear = firstYear;

  beforeAll(async () => {
    ({ db, cleanup } = await seededSqlite());
    env = await timeSkippingEnv();
    worker = await createWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      activities: createActivities({ db }),
    });
    running = worker.run();
    const bloc = await db.prisma.bloc.findUniqueOrThrow({ where: { code: 'CT-NOICHINH' } });
    blocId = bloc.id;
    cast = await castOf(db, 'CT-NOICHINH');
    units = Object.fromEntries(
      (await db.prisma.unit.findMany({ where: { code: { startsWith: 'CT-' } } })).map((u) => [u.code, u.id]),
    );
  });

  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
    await cleanup?.();
  });

  /**
   * Cycles started by a test and the next years their handovers start; terminated after it so no stray timers or
   * activities run during later time skips (a leftover next year kept the late-unit tests waiting).
   */
  const started: string[] = [];
  afterEach(async () => {
    for (const id of started.splice(0)) {
      for (const wf of [id, `${id}-council`])
        await env.client.workflow
          .getHandle(wf)
          .terminate('test finished')
          .catch(() => undefined);
    }
  });

  async function startYear(tweak: (input: CycleInput) => CycleInput = (i) => i) {
    const year = nextYear;
    nextYear += 3; // each test owns its year and the next one its handover starts
    const person = await db.prisma.person.findUniqueOrThrow({
      where: {
        username: cast.officerOf[(await db.prisma.bloc.findUniqueOrThrow({ where: { id: blocId } })).headUnitId!]!,
      },
    });
    const input = tweak(await buildCycleInput(db, blocId, year, person.id));
    const workflowId = cycleWorkflowId(input.blocCode, year);
    const handle = await env.client.workflow.start('blocCycleWorkflow', { taskQueue, workflowId, args: [input] });
    started.push(workflowId, cycleWorkflowId(input.blocCode, year + 1)); // and the next year its handover starts
    const port = workflowPort(env, db, workflowId);
    const start = await env.currentTimeMs();
    const plan = planFor(year, start, 30 * DAY, [3 * 86_400, 86_400]);
    return { year, input, handle, port, plan, workflowId };
  }

  const merit = () => [
    units['CT-TTR']!,
    units['CT-CA']!,
    units['CT-VKSND']!,
    units['CT-TAND']!,
    units['CT-BCHQS']!,
    units['CT-STP']!,
    units['CT-THADS']!,
  ];

  async function toCouncil(tweak?: (i: CycleInput) => CycleInput) {
    const y = await startYear(tweak);
    await runToVoting(y.port, cast, y.plan, { merit: merit() });
    await runVoting(y.port, cast, { merit: merit() });
    const view = await waitFor('council', async () => {
      const v = await y.port.view();
      return v.councilWorkflowId ? v : undefined;
    });
    return { ...y, view };
  }

  async function councilVotesYes(port: CyclePort, proposalId: string) {
    for (const member of cast.councilMembers) await port.act(member, '/council/votes', { proposalId, approve: true });
  }

  return {
    get env() {
      return env;
    },
    get db() {
      return db;
    },
    get cast() {
      return cast;
    },
    get blocId() {
      return blocId;
    },
    get units() {
      return units;
    },
    taskQueue,
    startYear,
    merit,
    rejection,
    recordHistory,
    toCouncil,
    councilVotesYes,
  };
}
