import { acts } from './activities';
import type { CycleState } from './state';

/** Writes the cycle's projection (the read model the API serves). Idempotent upsert. */
export async function project(s: CycleState, result?: unknown): Promise<void> {
  await acts.projectCycle({
    cycleId: s.workflowId,
    blocId: s.input.blocId,
    year: s.input.year,
    phase: s.phase,
    headUnitId: s.headUnitId,
    deputyUnitId: s.deputyUnitId,
    ruleSetCode: s.input.ruleSet.code,
    ruleSetVersion: s.input.ruleSet.version,
    deadlines: s.deadlines,
    plan: s.plan,
    ...(result !== undefined ? { result, closed: true } : {}),
  });
}
