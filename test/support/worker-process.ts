/** A worker in its own process (`node --import tsx worker/main.ts`), for tests that kill it (test/api/fault.test.ts). */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export interface WorkerProcess {
  child: ChildProcess;
  log: string[];
  exited: Promise<number | null>;
}

export interface WorkerProcessOptions {
  dbUrl: string;
  temporalAddress: string;
  taskQueue: string;
  payloadEncryptionKeys: string;
}

/** Starts worker/main.ts in its own process (added to `workers`); resolves once it says it is polling. */
export async function startWorkerProcess(o: WorkerProcessOptions, workers: WorkerProcess[]): Promise<WorkerProcess> {
  const { dbUrl, taskQueue } = o;
  const childEnv: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^(SMTP_|WEBHOOK_|DATABASE_URL|TEMPORAL_|LOG_LEVEL|PAYLOAD_)/.test(k)) childEnv[k] = v;
  Object.assign(childEnv, {
    NODE_ENV: 'test',
    DATABASE_URL: dbUrl,
    TEMPORAL_ADDRESS: o.temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE: taskQueue,
    LOG_LEVEL: 'info',
    PAYLOAD_ENCRYPTION_KEYS: o.payloadEncryptionKeys,
  });
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    cwd: ROOT,
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const w = { child, log, exited };
  workers.push(w);
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`worker did not start in 120 s:\n${log.join('')}`)), 120_000);
    const onData = (chunk: Buffer) => {
      log.push(chunk.toString());
      if (log.join('').includes('worker polling')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (c: Buffer) => log.push(c.toString()));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`worker exited (${code}) before polling:\n${log.join('')}`));
    });
  });
  return w;
}

/** Stops every worker still running: SIGTERM, then SIGKILL after 10 s. */
export async function stopWorkerProcesses(workers: WorkerProcess[]): Promise<void> {
  for (const w of workers) {
    if (w.child.exitCode === null && w.child.signalCode === null) {
      w.child.kill('SIGTERM');
      await Promise.race([w.exited, new Promise((r) => setTimeout(r, 10_000).unref())]);
      if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    }
  }
}
