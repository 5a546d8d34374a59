import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';

/**
 * The SDK logs every worker state change at INFO; the product and its tests want warnings.
 * The Runtime is a per-process singleton, so a second install (another test file in the same
 * Jest worker) is ignored.
 */
export function installSdkLogger(level: LogLevel = 'WARN'): void {
  try {
    Runtime.install({ logger: new DefaultLogger(level) });
  } catch {
    // already installed in this process
  }
}
