import fs from 'node:fs';

/** One load level of the act bench (scripts/bench/acts.ts). */
export interface Level {
  perSecond: number;
  /** Worker CPU per operation (acts only). */
  workerCpuMs?: number;
  p50: number;
  p95: number;
  p99: number;
}
export const pct = (xs: number[], p: number) =>
  xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
export const r1 = (x: number) => Math.round(x * 10) / 10;

/** C clients, each running its own sequence of operations; latency and status of each. */
export async function load(
  clients: number,
  perClient: number,
  op: (client: number, i: number) => Promise<number>,
): Promise<{ level: Level; statuses: Record<string, number> }> {
  const times: number[] = [];
  const statuses: Record<string, number> = {};
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, c) => {
      for (let i = 0; i < perClient; i++) {
        const t = performance.now();
        let status: number;
        try {
          status = await op(c, i);
        } catch {
          status = -1;
        }
        times.push(performance.now() - t);
        statuses[status] = (statuses[status] ?? 0) + 1;
      }
    }),
  );
  const secs = (performance.now() - t0) / 1000;
  return {
    level: {
      perSecond: r1(times.length / secs),
      p50: r1(pct(times, 50)),
      p95: r1(pct(times, 95)),
      p99: r1(pct(times, 99)),
    },
    statuses,
  };
}

/** CPU time (user + system, ms) the process has used: what a part costs the worker, whatever else the machine runs. */
export const cpuMs = (pid: number): number => {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ = 100)
};

export const rssMiB = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
};
