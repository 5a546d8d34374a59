/**
 * Encryption required (the production default), against a real Temporal dev server: a workflow
 * started in clear — as with the bare `temporal` CLI or a client without the keys — is refused by
 * the worker (its workflow task fails, no workflow code runs), while the same start sealed by a
 * client with the keys is accepted.
 */
import { randomUUID } from 'node:crypto';
import { Client } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { loadConfig } from '../../config';
import { dataConverterFromConfig } from '../../worker/codec';
import { createWorker } from '../../worker/create-worker';
import { installSdkLogger } from '../../worker/runtime';
import { devServerEnv } from '../support/temporal';
import { keyEntry } from '../support/payload-keys';

jest.setTimeout(120_000);
const config = loadConfig({
  NODE_ENV: 'production',
  JWT_SECRET: 'r'.repeat(40),
  PAYLOAD_ENCRYPTION_KEYS: keyEntry('k1'),
});
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  installSdkLogger('ERROR');
  env = await devServerEnv();
});
afterAll(async () => {
  await env?.teardown();
});

test('the worker refuses a workflow input in clear, and accepts it sealed', async () => {
  const taskQueue = `strict-${randomUUID()}`;
  const activities = new Proxy({}, { get: () => async () => undefined }) as never;
  const worker = await createWorker({
    connection: env.nativeConnection,
    namespace: 'default',
    taskQueue,
    activities,
    dataConverter: dataConverterFromConfig(config),
  });
  await worker.runUntil(async () => {
    const clear = new Client({ connection: env.connection, namespace: 'default' }); // no codec
    const handle = await clear.workflow.start('blocCycleWorkflow', {
      taskQueue,
      workflowId: `clear-${randomUUID()}`,
      args: [{ blocId: 'x' }],
    });
    let failure: string | undefined;
    for (let i = 0; i < 100 && !failure; i++) {
      const history = await handle.fetchHistory();
      const failed = history.events?.find((e) => e.workflowTaskFailedEventAttributes);
      failure = failed?.workflowTaskFailedEventAttributes?.failure?.message ?? undefined;
      if (!failure) await new Promise((r) => setTimeout(r, 200));
    }
    expect(failure).toMatch(/refused a payload in clear/);
    await handle.terminate('test done');

    // Sealed by a client holding the keys: the worker opens it and the workflow code runs (it then
    // rejects this dummy input with its own validation — not a decoding failure).
    const sealed = new Client({
      connection: env.connection,
      namespace: 'default',
      dataConverter: dataConverterFromConfig(config),
    });
    const ok = await sealed.workflow.start('blocCycleWorkflow', {
      taskQueue,
      workflowId: `sealed-${randomUUID()}`,
      args: [{ blocId: 'x' }],
    });
    let decoded = false;
    for (let i = 0; i < 100 && !decoded; i++) {
      const events = (await ok.fetchHistory()).events ?? [];
      const refused = events.some((e) =>
        /refused a payload in clear/.test(e.workflowTaskFailedEventAttributes?.failure?.message ?? ''),
      );
      expect(refused).toBe(false);
      decoded = events.some(
        (e) =>
          e.workflowTaskCompletedEventAttributes ||
          e.workflowTaskFailedEventAttributes ||
          e.workflowExecutionFailedEventAttributes,
      );
      if (!decoded) await new Promise((r) => setTimeout(r, 200));
    }
    expect(decoded).toBe(true);
    await ok.terminate('test done').catch(() => undefined);
  });
});
