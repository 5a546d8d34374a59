/**
 * The fast workflow layer's set-up: the seeded Cần Thơ bloc (prisma/seed-data.ts) as an in-memory
 * cycle input with made-up ids, the real workflow code on the time-skipping server and a worker
 * whose activities are recorders (test/support/stub-activities.ts). No database: a whole year runs
 * in seconds. The tests: test/workflows/fast/.
 */
import { randomUUID } from 'node:crypto';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import type { Actor } from '../../contracts/common';
import { CycleInputSchema, cycleWorkflowId, type CycleInput } from '../../contracts/cycle';
import { DEFAULT_PROVINCIAL_RULESETS, resolveRuleSet } from '../../domain/ruleset';
import { SEED_PROVINCES, officerUsername } from '../../prisma/seed-data';
import { createWorker } from '../../worker/create-worker';
import { DAY, planFor, type BlocCast } from './scenario';
import { stubActivities, type StubActivities } from './stub-activities';
import { timeSkippingEnv } from './temporal';
import { clientPort } from './workflow-port';

export interface StubBloc {
  /** unit code → unit id */
  units: Record<string, string>;
  cast: BlocCast;
  /** username → the actor the API would send for that person */
  actors: Map<string, Actor>;
  input(year: number): CycleInput;
}

/** The seeded bloc of a province (default Cần Thơ), every person and unit with a fresh id. */
export function stubBloc(provinceCode = 'CT'): StubBloc {
  const province = SEED_PROVINCES.find((p) => p.code === provinceCode)!;
  const units = Object.fromEntries(province.units.map((u) => [u.code, randomUUID()]));
  const actors = new Map<string, Actor>();
  const person = (username: string, roles: Actor['roles'], unitId?: string) => {
    const actor: Actor = { personId: randomUUID(), roles, ...(unitId ? { unitId } : {}) };
    actors.set(username, actor);
    return actor;
  };
  const officerOf = Object.fromEntries(
    province.units.map((u) => {
      person(officerUsername(u.code), ['unitOfficer'], units[u.code]);
      return [units[u.code]!, officerUsername(u.code)];
    }),
  );
  const members = province.council.members.map((m) => person(m.username, ['councilMember']));
  const secretary = person(province.council.secretary.username, ['councilSecretary']);
  const admin = person('admin', ['admin']);
  const blocId = randomUUID();
  return {
    units,
    actors,
    cast: {
      officerOf,
      councilMembers: province.council.members.map((m) => m.username),
      councilSecretary: province.council.secretary.username,
      admin: 'admin',
    },
    input: (year) =>
      CycleInputSchema.parse({
        blocId,
        blocCode: province.bloc.code,
        blocName: province.bloc.name,
        year,
        headUnitId: units[province.bloc.headUnitCode],
        deputyUnitId: units[province.bloc.deputyUnitCode],
        members: province.units.map((u) => ({
          unitId: units[u.code],
          code: u.code,
          name: u.name,
          womenRatio: u.womenRatio,
        })),
        councilMemberIds: members.map((m) => m.personId),
        ruleSet: resolveRuleSet(DEFAULT_PROVINCIAL_RULESETS, province.bloc.ruleSetCode, `${year}-01-01`),
        startedBy: actors.get(officerOf[units[province.bloc.headUnitCode]!]!)!.personId,
        roster: {
          officers: province.units.map((u) => ({
            personId: actors.get(officerUsername(u.code))!.personId,
            unitId: units[u.code]!,
          })),
          secretaryIds: [secretary.personId],
          adminIds: [admin.personId],
        },
      }),
  };
}

/** Jest set-up of a fast workflow test file: one time-skipping server and stubbed worker per file. */
export function useStubbedCycle(firstYear: number) {
  let env: TestWorkflowEnvironment;
  let worker: Worker;
  let running: Promise<void>;
  const stub: StubActivities = stubActivities();
  const bloc = stubBloc();
  const taskQueue = `fast-${randomUUID()}`;
  let nextYear = firstYear;
  const started: string[] = [];

  beforeAll(async () => {
    env = await timeSkippingEnv();
    worker = await createWorker({
      connection: env.nativeConnection,
      namespace: 'default',
      taskQueue,
      activities: stub.activities,
    });
    running = worker.run();
  });
  afterEach(async () => {
    for (const id of started.splice(0))
      for (const wf of [id, `${id}-council`])
        await env.client.workflow
          .getHandle(wf)
          .terminate('test finished')
          .catch(() => undefined);
  });
  afterAll(async () => {
    worker?.shutdown();
    await running;
    await env?.teardown();
  });

  /** Starts a bloc-year with its own year (and room for the next one its handover starts). */
  async function startYear() {
    const year = nextYear;
    nextYear += 3;
    const input = bloc.input(year);
    const workflowId = cycleWorkflowId(input.blocCode, year);
    const handle = await env.client.workflow.start('blocCycleWorkflow', { taskQueue, workflowId, args: [input] });
    started.push(workflowId, cycleWorkflowId(input.blocCode, year + 1)); // and the next year its handover starts
    const port = clientPort(env, workflowId, async (username) => bloc.actors.get(username)!);
    const plan = planFor(year, await env.currentTimeMs(), 30 * DAY, [3 * 86_400, 86_400]);
    return { year, input, handle, port, plan, workflowId };
  }

  /** The seeded bloc's units in order of merit, as the real workflow tests rank them. */
  const merit = () =>
    ['CT-TTR', 'CT-CA', 'CT-VKSND', 'CT-TAND', 'CT-BCHQS', 'CT-STP', 'CT-THADS'].map((c) => bloc.units[c]!);

  return {
    get env() {
      return env;
    },
    stub,
    bloc,
    cast: bloc.cast,
    units: bloc.units,
    startYear,
    merit,
  };
}
