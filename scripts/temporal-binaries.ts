import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT as ROOT } from '../db/url';
const TOOLS_BIN = path.join(process.env.THIDUA_TOOLS_DIR ?? path.join(ROOT, '.tools'), 'bin');

const executable = (p: string | undefined): string | undefined => {
  if (!p) return undefined;
  const abs = path.resolve(p);
  try {
    fs.accessSync(abs, fs.constants.X_OK);
    return abs;
  } catch {
    return undefined;
  }
};

/**
 * The provisioned Temporal binaries (scripts/provision-temporal.sh), or undefined when absent —
 * then the SDK's own download is the fallback (needs internet). TEMPORAL_CLI_PATH and
 * TEMPORAL_TEST_SERVER_PATH override the tools folder.
 */
export function temporalCliPath(): string | undefined {
  return executable(process.env.TEMPORAL_CLI_PATH) ?? executable(path.join(TOOLS_BIN, 'temporal'));
}

/**
 * The Temporal CLI, provisioned first when absent (scripts/provision-temporal.sh: built through the
 * Go module proxy, cached in .tools/) — what `npm start`, `npm run demo` and `npm run bench` use,
 * so a fresh clone never depends on the SDK's download from the internet. Undefined when it could
 * not be provisioned (no Go): the caller falls back to the SDK's download.
 */
export function ensureTemporalCli(log: (message: string) => void = () => undefined): string | undefined {
  const found = temporalCliPath();
  if (found) return found;
  log('no temporal CLI yet: provisioning (scripts/provision-temporal.sh; the first build takes a few minutes)');
  spawnSync('bash', [path.join(ROOT, 'scripts', 'provision-temporal.sh')], { stdio: ['ignore', 'inherit', 'inherit'] });
  return temporalCliPath();
}

export function temporalTestServerPath(): string | undefined {
  return executable(process.env.TEMPORAL_TEST_SERVER_PATH) ?? executable(path.join(TOOLS_BIN, 'temporal-test-server'));
}

/** `server.executable` option for TestWorkflowEnvironment: existing-path when provisioned. */
export function existingPath(
  p: string | undefined,
): { executable: { type: 'existing-path'; path: string } } | Record<string, never> {
  return p ? { executable: { type: 'existing-path', path: p } } : {};
}
