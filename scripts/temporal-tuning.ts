/**
 * Dev-server tuning for this workload (issue 11), used by `npm start`, the tests and the bench.
 * The same values belong in a production cluster's dynamic config (README, Scaling).
 */

/**
 * Dynamic config of the embedded Temporal dev server (`--dynamic-config-value KEY=VALUE`).
 *
 * - `history.transferProcessorMaxPollRPS` (default 20): how often per second the history service
 *   may poll its transfer queue — the queue that hands workflow and activity tasks to matching and
 *   starts children. At 20/s, after the first few tasks of a burst every next one waits for the
 *   rate limiter: the ~40 ms "activity hop" measured in issue 11, and the 100 s it took 700 new
 *   cycles to reach their first phase.
 * - `history.timerProcessorMaxPollRPS` (default 20): the same limit on the timer queue (deadlines,
 *   reminders, activity retry backoff, workflow-task timeouts after a worker dies).
 * - `history.visibilityProcessorMaxPollRPS` (default 20): the same on visibility (list/search in
 *   the Web UI); raised so 700 starts are listed at once.
 * - `matching.numTaskqueueReadPartitions` / `…WritePartitions` (default 4): one partition per task
 *   queue. With one or a few workers, four partitions make a task land on a partition nobody polls
 *   at that moment and be forwarded; one partition matches every task to a waiting poll at once.
 *   (A cluster with many workers and > ~1,000 tasks/s per queue keeps the default.)
 */
export const DEV_SERVER_DYNAMIC_CONFIG: Record<string, number> = {
  'history.transferProcessorMaxPollRPS': 10_000,
  'history.timerProcessorMaxPollRPS': 10_000,
  'history.visibilityProcessorMaxPollRPS': 10_000,
  'matching.numTaskqueueReadPartitions': 1,
  'matching.numTaskqueueWritePartitions': 1,
};

/**
 * SQLite pragmas of the dev server's persistence file (`--sqlite-pragma NAME=VALUE`; only with a
 * file — the tests' in-memory server has no journal to tune).
 *
 * - `journal_mode=wal`: readers (pollers, the Web UI) no longer block the writer, and a commit
 *   appends to the log instead of rewriting pages through a rollback journal.
 * - `synchronous=normal`: with WAL, fsync at checkpoints instead of at every commit. A power cut
 *   may lose the last commits (never corrupt the file); the dev server is the single-node default
 *   — a production cluster runs on PostgreSQL/MySQL/Cassandra with their own durability settings.
 * - `busy_timeout=10000`: a statement that meets a lock waits up to 10 s instead of failing.
 */
export const DEV_SERVER_SQLITE_PRAGMAS: Record<string, string> = {
  journal_mode: 'wal',
  synchronous: 'normal',
  busy_timeout: '10000',
};

/** Extra `temporal server start-dev` arguments: the dynamic config, and the pragmas when a file is used. */
export function devServerTuningArgs(opts: { withFile: boolean }): string[] {
  const args = Object.entries(DEV_SERVER_DYNAMIC_CONFIG).flatMap(([k, v]) => ['--dynamic-config-value', `${k}=${v}`]);
  if (opts.withFile)
    args.push(...Object.entries(DEV_SERVER_SQLITE_PRAGMAS).flatMap(([k, v]) => ['--sqlite-pragma', `${k}=${v}`]));
  return args;
}
