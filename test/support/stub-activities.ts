/**
 * In-memory activities for the fast workflow tests (test/workflows/fast): the real workflow code
 * runs on the time-skipping server, every activity of activities/types.ts is a recorder instead of a
 * database write. A batch (applyEffects, the batched-effects path) is recorded as its projection
 * and its effects, in order, so a test sees the same calls whichever path the workflow took.
 */
import type { CycleActivities, CycleProjection, EffectKind, NotifyInput } from '../../activities/types';

export type StubCall = { [K in EffectKind]: { name: K; input: Parameters<CycleActivities[K]>[0] } }[EffectKind];

/** Every write activity; `satisfies` makes a new activity in the contract a compile error here until stubbed. */
const WRITES = {
  projectCycle: true,
  openTasks: true,
  updateTasks: true,
  recordSubmission: true,
  recordScores: true,
  recordVoter: true,
  openRound: true,
  closeRound: true,
  recordProposals: true,
  recordDecision: true,
  recordGovernmentFlagProposals: true,
  recordHold: true,
  recordMembershipChange: true,
  recordHandover: true,
  recordLeadership: true,
  notify: true,
  audit: true,
  recordProvinceSession: true,
} as const satisfies Record<EffectKind, true>;

export interface StubActivities {
  activities: CycleActivities;
  /** Every write, in the order the workflows made them. */
  calls: StubCall[];
  /** The inputs of one activity, in order. */
  inputs<K extends EffectKind>(name: K): Parameters<CycleActivities[K]>[0][];
  /** The phases the read model was given, in order, repeats collapsed. */
  phasesProjected(cycleId: string): CycleProjection['phase'][];
  /** The notifications that reached a unit. */
  notificationsTo(unitId: string): NotifyInput[];
}

export function stubActivities(): StubActivities {
  const calls: StubCall[] = [];
  const push = (call: StubCall) => void calls.push(call);
  const writes = Object.fromEntries(
    Object.keys(WRITES).map((name) => [name, async (input: unknown) => push({ name, input } as StubCall)]),
  ) as unknown as Omit<CycleActivities, 'applyEffects' | 'adoptNextYear' | 'handToProvinceSession'>;
  const activities: CycleActivities = {
    ...writes,
    async adoptNextYear() {
      return { adopted: false, message: 'stubbed: no Temporal client in the fast layer' };
    },
    async handToProvinceSession() {
      throw new Error('stubbed: the fast layer has no province session (rule-sets without provinceSession)');
    },
    async applyEffects(batch) {
      if (batch.projection) push({ name: 'projectCycle', input: batch.projection });
      for (const e of batch.effects) push({ name: e.kind, input: e.input } as StubCall);
    },
  };
  const inputs = <K extends EffectKind>(name: K) =>
    calls.filter((c) => c.name === name).map((c) => c.input as Parameters<CycleActivities[K]>[0]);
  return {
    activities,
    calls,
    inputs,
    phasesProjected: (cycleId) =>
      inputs('projectCycle')
        .filter((p) => p.cycleId === cycleId)
        .map((p) => p.phase)
        .filter((phase, i, all) => phase !== all[i - 1]),
    notificationsTo: (unitId) => inputs('notify').filter((n) => n.unitIds?.includes(unitId)),
  };
}
