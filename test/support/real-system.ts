import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { createApp } from '../../api/app';
import { createActivities, type ActivityDeps } from '../../activities/create-activities';
import { loadConfig, type Config } from '../../config';
import type { Db } from '../../db';
import { dataConverterFor } from '../../worker/codec';
import { createWorker } from '../../worker/create-worker';
import type { Channel } from '../../notifications/channels';
import { createDeliveryOutbox } from '../../notifications/outbox';
import { seededSqlite } from './db';
import { devServerEnv } from './temporal';

export interface RealSystem {
  base: string;
  db: Db;
  env: TestWorkflowEnvironment;
  config: Config;
  taskQueue: string;
  stop(): Promise<void>;
}

/**
 * The whole product for a test, all real: a migrated and seeded SQLite file (or the given db),
 * a Temporal dev server (the provisioned CLI), a worker with real activities and the Express app
 * listening on an ephemeral loopback port.
 */
export async function startRealSystem(
  opts: {
    env?: Record<string, string>;
    activities?: Partial<ActivityDeps>;
    db?: Db;
    channels?: Channel[];
    onChannelWarning?: (obj: object) => void;
  } = {},
): Promise<RealSystem> {
  const seeded = opts.db ? undefined : await seededSqlite();
  const db = opts.db ?? seeded!.db;
  const taskQueue = `test-${randomUUID()}`;
  const config = loadConfig({
    NODE_ENV: 'test',
    TEMPORAL_TASK_QUEUE: taskQueue,
    LOG_LEVEL: 'silent',
    JWT_SECRET: 's'.repeat(40),
    RATE_LIMIT_PER_MINUTE: '100000',
    ...opts.env,
  });
  // As in api/main.ts and worker/main.ts: the client and the worker share the codec of PAYLOAD_ENCRYPTION_KEYS.
  const dataConverter = dataConverterFor(config.PAYLOAD_ENCRYPTION_KEYS);
  const env = await devServerEnv({ dataConverter });
  // As in worker/main.ts: deliveries go through the outbox, dispatched beside the worker.
  const outbox = createDeliveryOutbox({
    db,
    channels: opts.channels ?? [],
    log: { warn: (obj) => opts.onChannelWarning?.(obj) },
  });
  const dispatcher = outbox.start(200);
  const worker: Worker = await createWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue,
    activities: createActivities({
      db,
      outbox: { enqueue: outbox.enqueue, wake: dispatcher.wake },
      ...opts.activities,
    }),
    dataConverter,
  });
  const running = worker.run();
  const app = createApp({
    config,
    db,
    logger: pino({ level: 'silent' }),
    temporal: { client: env.client, taskQueue, namespace: 'default' },
  });
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    db,
    env,
    config,
    taskQueue,
    async stop() {
      server.close();
      worker.shutdown();
      await running;
      await dispatcher.stop();
      await env.teardown();
      await seeded?.cleanup();
    },
  };
}
