import { Client, Connection } from '@temporalio/client';
import pino from 'pino';
import { loadConfig, ConfigError } from '../config';
import { createDb } from '../db';
import { dataConverterFor, payloadEncryptionNotice } from '../worker/codec';
import { createApp } from './app';

/** API process: validated config → database → Temporal client → Express. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = pino({ level: config.LOG_LEVEL, name: 'api', redact: ['*.password', '*.token', 'JWT_SECRET', 'WEBHOOK_SECRET', 'PAYLOAD_ENCRYPTION_KEYS'] });
  const encryption = payloadEncryptionNotice(config);
  logger[encryption.level](encryption.message);
  const db = createDb(config.DATABASE_URL);
  const address = config.TEMPORAL_ADDRESS ?? `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, dataConverter: dataConverterFor(config.PAYLOAD_ENCRYPTION_KEYS) });
  const app = createApp({ config, db, logger, actTimeoutMs: config.ACT_TIMEOUT_MS, temporal: { client, taskQueue: config.TEMPORAL_TASK_QUEUE, namespace: config.TEMPORAL_NAMESPACE } });
  const server = app.listen(config.PORT, config.HOST, () => logger.info(`API listening on http://${config.HOST}:${config.PORT}`));
  const stop = () => {
    server.close(() => void Promise.all([connection.close(), db.close()]).finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((err) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
