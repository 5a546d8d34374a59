/**
 * Recorded workflow histories, replayed by test/workflows/replay.test.ts on the current code.
 * They live in test/workflows/histories/<set>/<workflowId>.history.bin: one folder per recording
 * session (named by its date), so a new recording never replaces an older code's history. The file
 * name is the workflow id, which the replay needs (the cycle names its council child and its next
 * year after its own id), URI-encoded: a province session's id has ':' (no file on Windows).
 *
 * Record: `RECORD_HISTORIES=1 CI=true npx jest test/workflows/year.test.ts test/workflows/government-flag.test.ts`
 * writes the histories those tests pass to `recordHistory` into the folder of today's date (UTC);
 * `RECORD_HISTORIES=<name>` names the folder instead. Without the variable nothing is written.
 */
import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';

export const HISTORIES_DIR = path.join(__dirname, '..', 'workflows', 'histories');
const SUFFIX = '.history.bin';

export interface Recording {
  /** `<set>/<workflowId>.history.bin`, relative to HISTORIES_DIR */
  file: string;
  workflowId: string;
}

/** Every recording of every set, oldest set first. */
export function recordings(): Recording[] {
  return fs
    .readdirSync(HISTORIES_DIR, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort()
    .flatMap((set) =>
      fs
        .readdirSync(path.join(HISTORIES_DIR, set))
        .filter((f) => f.endsWith(SUFFIX))
        .sort()
        .map((f) => ({ file: `${set}/${f}`, workflowId: decodeURIComponent(f.slice(0, -SUFFIX.length)) })),
    );
}

export const readHistoryBytes = (r: Recording): Buffer => fs.readFileSync(path.join(HISTORIES_DIR, r.file));

export const readHistory = (r: Recording): temporal.api.history.v1.History =>
  temporal.api.history.v1.History.decode(readHistoryBytes(r));

/** The folder RECORD_HISTORIES asks for, or undefined when not recording. */
function recordingSet(): string | undefined {
  const v = process.env.RECORD_HISTORIES;
  if (!v) return undefined;
  const set = /^(1|true)$/i.test(v) ? new Date().toISOString().slice(0, 10) : v;
  if (!/^[\w.-]+$/.test(set)) throw new Error(`RECORD_HISTORIES=${v}: not a folder name`);
  return set;
}

/** Writes the workflow's history when RECORD_HISTORIES is set; a no-op otherwise. */
export async function recordHistory(handle: {
  workflowId: string;
  fetchHistory(): Promise<temporal.api.history.v1.IHistory>;
}): Promise<void> {
  const set = recordingSet();
  if (!set) return;
  const bytes = temporal.api.history.v1.History.encode(await handle.fetchHistory()).finish();
  fs.mkdirSync(path.join(HISTORIES_DIR, set), { recursive: true });
  fs.writeFileSync(path.join(HISTORIES_DIR, set, `${encodeURIComponent(handle.workflowId)}${SUFFIX}`), bytes);
}
