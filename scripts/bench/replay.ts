import fs from 'node:fs';
import path from 'node:path';
import { Worker } from '@temporalio/worker';
import { temporal } from '@temporalio/proto';
import { workflowBundle } from '../../worker/bundle';

/**
 * The act bench's part 6: the newest recorded year-long history (test/workflows/histories/<date>/) replayed `times`
 * times by ONE replay worker. The first replay includes the worker's start; the median of the others is what a
 * bloc-year evicted from the cache costs when its next act or timer wakes it.
 */
export async function replayYear(
  histories: string,
  times = 6,
): Promise<{ events: number; first: number; p50: number }> {
  const yearFile = (fs.readdirSync(histories, { recursive: true }) as string[])
    .filter((f) => /(^|\/)cycle-[^/]*-\d{4}\.history\.bin$/.test(f))
    .sort()
    .pop()!;
  const history = temporal.api.history.v1.History.decode(fs.readFileSync(path.join(histories, yearFile)));
  const workflowId = path.basename(yearFile).replace(/\.history\.bin$/, '');
  const marks: number[] = [];
  let t = performance.now();
  const runs = Worker.runReplayHistories(
    { workflowBundle: await workflowBundle() },
    (function* () {
      for (let i = 0; i < times; i++) yield { workflowId, history };
    })(),
  );
  for await (const r of runs) {
    if (r.error) throw r.error;
    marks.push(performance.now() - t);
    t = performance.now();
  }
  const rest = marks.slice(1).sort((a, b) => a - b);
  return { events: history.events.length, first: marks[0]!, p50: rest[Math.floor(rest.length / 2)]! };
}
