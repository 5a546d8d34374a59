import { DefaultLogger, Runtime } from '@temporalio/worker';

// Workers log every state change at INFO; tests want warnings only. Installed once per Jest worker process.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // already installed by an earlier test file in this process
}
