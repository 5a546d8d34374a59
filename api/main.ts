import { Client, Connection } from '@temporalio/client';
import { loadConfig, ConfigError } from '../config';
import { createLogger } from '../config/logger';
import { describeTemporalConnection, temporalConnectionOptions } from '../config/temporal';
import { createDb } from '../db';
import { assertNoDefaultPasswords, StartupRefused } from '../prisma/setup';
import { dataConverterFromConfig, payloadEncryptionNotice } from '../worker/codec';
import { createApp } from './app';

/** API process: validated config → database → Temporal client → Express. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger('api', config);
  const encryption = payloadEncryptionNotice(config);
  logger[encryption.level](encryption.message);
  const db = createDb(config.DATABASE_URL);
  // Production refuses to serve while an account still opens with a published demo password.
  if (config.NODE_ENV === 'production') await assertNoDefaultPasswords(db, config);
  const temporal = temporalConnectionOptions(config);
  const connection = await Connection.connect(temporal);
  const client = new Client({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    dataConverter: dataConverterFromConfig(config),
  });
  logger.info(`Temporal at ${describeTemporalConnection(temporal)}`);
  const app = createApp({
    config,
    db,
    logger,
    actTimeoutMs: config.ACT_TIMEOUT_MS,
    temporal: { client, taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE },
  });
  const server = app.listen(config.PORT, config.HOST, () =>
    logger.info(`API listening on http://${config.HOST}:${config.PORT}`),
  );
  const stop = () => {
    server.close(() => void Promise.all([connection.close(), db.close()]).finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  console.error(err instanceof ConfigError || err instanceof StartupRefused ? err.message : err);
  process.exit(1);
});
