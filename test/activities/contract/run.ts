/**
 * The one retried-activity run the activity contract shares (test/activities/contract.ts and the modules beside
 * this file): the activities of createActivities over the given database with a capturing webhook outbox, the
 * seeded Cần Thơ bloc and the cycle of 2031 they write to, and `twice`, which runs an activity twice with the
 * same input as Temporal's at-least-once delivery may. The tests read each other's rows, so they run in order.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../../activities/create-activities';
import type { CycleActivities, CycleProjection } from '../../../activities/types';
import type { Db } from '../../../db';
import type { Channel, OutgoingMessage } from '../../../notifications/channels';
import { createDeliveryOutbox, type DeliveryOutbox } from '../../../notifications/outbox';

/** Registers the set-up (before all) and returns the run; its fields are read inside the tests. */
export function contractRun(provider: 'sqlite' | 'postgresql', getDb: () => Db) {
  let db: Db;
  let acts: CycleActivities;
  const sent: OutgoingMessage[] = [];
  const env = new MockActivityEnvironment({ activityType: 'contract', attempt: 1 });
  /** Runs the activity in the mock activity context twice with the same input (a retry). */
  const twice = async <K extends keyof CycleActivities>(name: K, input: Parameters<CycleActivities[K]>[0]) => {
    const fn = acts[name] as (i: typeof input) => Promise<void>;
    await env.run(fn, input);
    await env.run(fn, input);
  };

  // Seeded Cần Thơ bloc: 7 units.
  const year = 2031;
  let cycleId: string;
  let blocId: string;
  let unitIds: string[];
  let head: string;
  let deputy: string;
  let projection: CycleProjection;
  let outbox: DeliveryOutbox;

  beforeAll(async () => {
    db = getDb();
    expect(db.provider).toBe(provider);
    const capture: Channel = { name: 'webhook', send: async (m) => void sent.push(m) };
    outbox = createDeliveryOutbox({ db, channels: [capture] });
    acts = createActivities({ db, outbox });
    const bloc = await db.prisma.bloc.findUniqueOrThrow({
      where: { code: 'CT-NOICHINH' },
      include: { memberships: { where: { leftOn: null }, orderBy: { unitId: 'asc' } } },
    });
    blocId = bloc.id;
    head = bloc.headUnitId!;
    deputy = bloc.deputyUnitId!;
    unitIds = bloc.memberships.map((m) => m.unitId);
    cycleId = `cycle-${bloc.code}-${year}`;
    projection = {
      cycleId,
      blocId,
      year,
      phase: 'launch',
      headUnitId: head,
      deputyUnitId: deputy,
      ruleSetCode: bloc.ruleSetCode,
      ruleSetVersion: 1,
      deadlines: null,
      plan: null,
    };
  });

  return {
    get db() {
      return db;
    },
    get acts() {
      return acts;
    },
    sent,
    get outbox() {
      return outbox;
    },
    twice,
    year,
    get cycleId() {
      return cycleId;
    },
    get blocId() {
      return blocId;
    },
    get unitIds() {
      return unitIds;
    },
    get head() {
      return head;
    },
    get deputy() {
      return deputy;
    },
    get projection() {
      return projection;
    },
  };
}

export type ContractRun = ReturnType<typeof contractRun>;
