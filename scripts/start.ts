/**
 * `npm start`: the whole system on the embedded default — Temporal dev server (SQLite file,
 * Web UI), migrated database (seeded with the demo accounts in development only), worker,
 * API + UI. Ctrl-C stops every child cleanly. Compiled (`node dist/scripts/start.js`) it starts
 * the compiled worker and API; from source (`npm start`, tsx) it starts them through tsx.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { loadConfig, ConfigError, type Config } from '../config';
import { PROJECT_ROOT as ROOT } from '../db/url';
import { prepareDatabase, StartupRefused } from '../prisma/setup';
import { ensureTemporalCli } from './temporal-binaries';
import { devServerTuningArgs } from './temporal-tuning';

/** How to run one of our entry points (e.g. 'api/main') the way this launcher itself runs. */
function entryPoint(module: string): string[] {
  const compiled = __filename.endsWith('.js');
  return compiled ? [path.join(__dirname, '..', `${module}.js`)] : ['--import', 'tsx', path.join(ROOT, `${module}.ts`)];
}
const children: { name: string; proc: ChildProcess }[] = [];
let stopping = false;

const log = (msg: string) => console.log(`[start] ${msg}`);

function waitForPort(port: number, host: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, host);
      socket.once('connect', () => {
        socket.end();
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`nothing listens on ${host}:${port} after ${timeoutMs} ms`));
        else setTimeout(attempt, 250);
      });
    };
    attempt();
  });
}

function launch(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  const proc = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'inherit', 'inherit'] });
  children.push({ name, proc });
  proc.once('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[start] ${name} exited unexpectedly (code ${code}, signal ${signal}); stopping everything`);
      void shutdown(1);
    }
  });
  return proc;
}

async function shutdown(code: number): Promise<never> {
  stopping = true;
  for (const { name, proc } of [...children].reverse()) {
    if (proc.exitCode !== null || proc.signalCode !== null) continue;
    log(`stopping ${name}`);
    proc.kill('SIGTERM');
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        proc.kill('SIGKILL');
        resolve();
      }, 10_000);
      proc.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
  process.exit(code);
}

async function startTemporal(config: Config): Promise<string> {
  if (config.TEMPORAL_ADDRESS) {
    log(`using external Temporal at ${config.TEMPORAL_ADDRESS}`);
    return config.TEMPORAL_ADDRESS;
  }
  const cli = ensureTemporalCli(log);
  const address = `127.0.0.1:${config.TEMPORAL_DEV_PORT}`;
  fs.mkdirSync(path.dirname(config.TEMPORAL_DB_FILE), { recursive: true });
  if (cli) {
    launch('temporal dev server', cli, [
      'server',
      'start-dev',
      '--ip',
      '127.0.0.1',
      '--port',
      String(config.TEMPORAL_DEV_PORT),
      '--ui-port',
      String(config.TEMPORAL_UI_PORT),
      '--db-filename',
      config.TEMPORAL_DB_FILE,
      '--namespace',
      config.TEMPORAL_NAMESPACE,
      '--log-level',
      'error',
      ...devServerTuningArgs({ withFile: true }),
    ]);
    await waitForPort(config.TEMPORAL_DEV_PORT, '127.0.0.1', 60_000);
    return address;
  }
  // Machines with internet but no Go: the SDK downloads its dev server.
  log('no temporal CLI could be provisioned: falling back to the SDK download of the dev server');
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      ip: '127.0.0.1',
      port: config.TEMPORAL_DEV_PORT,
      ui: true,
      uiPort: config.TEMPORAL_UI_PORT,
      dbFilename: config.TEMPORAL_DB_FILE,
      namespace: config.TEMPORAL_NAMESPACE,
      extraArgs: devServerTuningArgs({ withFile: true }),
    },
  });
  process.once('exit', () => void env.teardown());
  return address;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const t0 = Date.now();
  await prepareDatabase(config, (m) => log(m));
  log(config.SEED_DEMO ? 'database migrated and seeded' : 'database migrated (no demo accounts)');
  const address = await startTemporal(config);
  // The worker and the API read the same environment, PAYLOAD_ENCRYPTION_KEYS included: they must agree.
  const env: NodeJS.ProcessEnv = { ...process.env, TEMPORAL_ADDRESS: address };
  // Compiled (`npm run start:prod`): the worker loads the bundle the build wrote instead of running webpack.
  const prebuilt = path.join(__dirname, '..', 'workflow-bundle.js');
  if (__filename.endsWith('.js') && !env.WORKFLOW_BUNDLE_PATH && fs.existsSync(prebuilt))
    env.WORKFLOW_BUNDLE_PATH = prebuilt;
  launch('worker', process.execPath, entryPoint('worker/main'), env);
  launch('api', process.execPath, entryPoint('api/main'), env);
  await waitForPort(config.PORT, config.HOST, 60_000);
  const base = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${config.PORT}`;
  for (let i = 0; i < 120; i++) {
    const res = await fetch(`${base}/healthz`).catch(() => undefined);
    if (res?.status === 200) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  log(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  log(`  UI and API     ${base}/`);
  log(`  API docs       ${base}/api/docs  (OpenAPI: ${base}/api/openapi.json)`);
  log(`  health         ${base}/healthz`);
  if (!config.TEMPORAL_ADDRESS) log(`  Temporal UI    http://127.0.0.1:${config.TEMPORAL_UI_PORT}/`);
  if (config.SEED_DEMO)
    log(`  demo accounts  admin / ct.ca / ct.vksnd / ct.hd1 / ct.tk … password "${config.DEMO_PASSWORD}" (see README)`);
  log('Ctrl-C stops everything');
}

// If this launcher is terminated some other way, take the children with it.
process.once('exit', () => {
  for (const { proc } of children) if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
});
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));
main().catch((err) => {
  console.error(err instanceof ConfigError || err instanceof StartupRefused ? err.message : err);
  void shutdown(1);
});
