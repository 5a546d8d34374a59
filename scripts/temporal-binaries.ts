import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
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

export function temporalTestServerPath(): string | undefined {
  return executable(process.env.TEMPORAL_TEST_SERVER_PATH) ?? executable(path.join(TOOLS_BIN, 'temporal-test-server'));
}

/** `server.executable` option for TestWorkflowEnvironment: existing-path when provisioned. */
export function existingPath(p: string | undefined): { executable: { type: 'existing-path'; path: string } } | Record<string, never> {
  return p ? { executable: { type: 'existing-path', path: p } } : {};
}
