import { NativeConnection, type LogLevel } from '@temporalio/worker';
import { installSdkLogger } from './runtime';
import { createActivities } from '../activities/create-activities';
import { loadConfig, ConfigError } from '../config';
import { createLogger } from '../config/logger';
import { describeTemporalConnection, temporalConnectionOptions } from '../config/temporal';
import { createDb } from '../db';
import { channelsFromConfig } from '../notifications/from-config';
import { createDeliveryOutbox } from '../notifications/outbox';
import { dataConverterFromConfig, payloadEncryptionNotice } from './codec';
import { createWorker } from './create-worker';

/** Worker process: scale by running more of these against the same task queue. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('worker', config);
  const sdkLevel: LogLevel =
    config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace'
      ? 'DEBUG'
      : config.LOG_LEVEL === 'info'
        ? 'WARN'
        : 'ERROR';
  installSdkLogger(sdkLevel);
  const db = createDb(config.DATABASE_URL);
  const temporal = temporalConnectionOptions(config);
  const connection = await NativeConnection.connect(temporal);
  // E-mail and webhook deliveries leave through the outbox, sent beside the worker, never inside an act.
  const outbox = createDeliveryOutbox({ db, channels: channelsFromConfig(config), log: logger });
  const dispatcher = outbox.start(config.NOTIFY_POLL_MS);
  const activities = createActivities({ db, outbox: { enqueue: outbox.enqueue, wake: dispatcher.wake } });
  const encryption = payloadEncryptionNotice(config);
  logger[encryption.level](encryption.message);
  const worker = await createWorker({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities,
    dataConverter: dataConverterFromConfig(config),
    maxCachedWorkflows: config.WORKER_MAX_CACHED_WORKFLOWS,
    workflowBundlePath: config.WORKFLOW_BUNDLE_PATH,
  });
  logger.info(`worker polling ${config.TEMPORAL_TASK_QUEUE} on ${describeTemporalConnection(temporal)}`);
  await worker.run(); // returns after SIGINT/SIGTERM (the SDK installs the handlers) once in-flight tasks finish
  await dispatcher.stop();
  await connection.close();
  await db.close();
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
