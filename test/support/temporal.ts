import { TestWorkflowEnvironment } from '@temporalio/testing';
import { existingPath, temporalCliPath, temporalTestServerPath } from '../../scripts/temporal-binaries';

/** Time-skipping test server from .tools (official Java build) or the SDK download as fallback. */
export const timeSkippingEnv = () => TestWorkflowEnvironment.createTimeSkipping({ server: existingPath(temporalTestServerPath()) });

/** Real Temporal dev server (the provisioned CLI) on loopback, in memory. */
export const devServerEnv = () => TestWorkflowEnvironment.createLocal({ server: { ...existingPath(temporalCliPath()), ip: '127.0.0.1', log: { format: 'pretty', level: 'error' } } });
