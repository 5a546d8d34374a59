import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { existingPath, temporalCliPath, temporalTestServerPath } from '../../scripts/temporal-binaries';
import { devServerTuningArgs } from '../../scripts/temporal-tuning';

/**
 * The SDK gives an ephemeral server a fixed 5 s to answer (sdk-core ephemeral_server, not configurable); a JVM
 * started while both cores are busy can miss it. A server that did not come up is tried again on a new port.
 */
async function withStartupRetry<T>(start: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await start();
    } catch (e) {
      if (i >= attempts || !/did not start within/.test(String((e as Error)?.message))) throw e;
    }
  }
}

/** Time-skipping test server from .tools (official Java build) or the SDK download as fallback. */
export const timeSkippingEnv = () =>
  withStartupRetry(() =>
    TestWorkflowEnvironment.createTimeSkipping({ server: existingPath(temporalTestServerPath()) }),
  );

/**
 * Real Temporal dev server (the provisioned CLI) on loopback, in memory unless `dbFilename` is
 * given, tuned as `npm start` tunes it (scripts/temporal-tuning.ts); `dataConverter` is for
 * env.client (e.g. the payload codec).
 */
export const devServerEnv = (opts: { dataConverter?: DataConverter; dbFilename?: string } = {}) =>
  withStartupRetry(() =>
    TestWorkflowEnvironment.createLocal({
      server: {
        ...existingPath(temporalCliPath()),
        ip: '127.0.0.1',
        log: { format: 'pretty', level: 'error' },
        ...(opts.dbFilename ? { dbFilename: opts.dbFilename } : {}),
        extraArgs: devServerTuningArgs({ withFile: opts.dbFilename !== undefined }),
      },
      client: { dataConverter: opts.dataConverter },
    }),
  );
