import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { existingPath, temporalCliPath, temporalTestServerPath } from '../../scripts/temporal-binaries';
import { devServerTuningArgs } from '../../scripts/temporal-tuning';

/** Time-skipping test server from .tools (official Java build) or the SDK download as fallback. */
export const timeSkippingEnv = () =>
  TestWorkflowEnvironment.createTimeSkipping({ server: existingPath(temporalTestServerPath()) });

/**
 * Real Temporal dev server (the provisioned CLI) on loopback, in memory unless `dbFilename` is
 * given, tuned as `npm start` tunes it (scripts/temporal-tuning.ts); `dataConverter` is for
 * env.client (e.g. the payload codec).
 */
export const devServerEnv = (opts: { dataConverter?: DataConverter; dbFilename?: string } = {}) =>
  TestWorkflowEnvironment.createLocal({
    server: {
      ...existingPath(temporalCliPath()),
      ip: '127.0.0.1',
      log: { format: 'pretty', level: 'error' },
      ...(opts.dbFilename ? { dbFilename: opts.dbFilename } : {}),
      extraArgs: devServerTuningArgs({ withFile: opts.dbFilename !== undefined }),
    },
    client: { dataConverter: opts.dataConverter },
  });
