import { NativeConnection, type LogLevel } from '@temporalio/worker';
import { installSdkLogger } from './runtime';
import pino from 'pino';
import { createActivities } from '../activities/create-activities';
import { loadConfig, ConfigError } from '../config';
import { createDb } from '../db';
import { channelsFromConfig } from '../notifications/from-config';
import { createWorker } from './create-worker';

/** Worker process: scale by running more of these against the same task queue. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL, name: 'worker' });
  const sdkLevel: LogLevel = config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace' ? 'DEBUG' : config.LOG_LEVEL === 'info' ? 'WARN' : 'ERROR';
  installSdkLogger(sdkLevel);
  const db = createDb(config.DATABASE_URL);
  const address = config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
  const connection = await NativeConnection.connect({ address });
  const activities = createActivities({ db, channels: channelsFromConfig(config), log: logger });
  const worker = await createWorker({ connection, namespace: config.TEMPORAL_NAMESPACE, taskQueue: config.TEMPORAL_TASK_QUEUE, activities });
  logger.info(`worker polling ${config.TEMPORAL_TASK_QUEUE} on ${address}`);
  await worker.run(); // returns after SIGINT/SIGTERM (the SDK installs the handlers) once in-flight tasks finish
  await connection.close();
  await db.close();
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
