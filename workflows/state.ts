import type { Actor, Roster } from '../contracts/common';
import type { Contest, CycleInputParsed, DeadlinePhase, Deadlines, Plan, Proposal } from '../contracts/cycle';
import type { ActResult } from './messages';
import type { EffectQueue } from './effects';
import type { ContestView, CycleView, RoundView, UnitView } from './view';

export interface ScoreDraft {
  entries: { criterionId: string; self: number; reviewed: number | null; reason?: string }[];
  bonusClaimed: number;
  bonusGranted: number | null;
}

export interface UnitState extends UnitView {
  code: string;
  womenRatio?: number;
  penalties: { ruleId: string; points: number; reason: string }[];
  score: ScoreDraft | null;
  tasksGroupScore: number | null;
}

export interface ContestState extends Omit<ContestView, 'votedCount' | 'expectedVoters'> {
  /** Who has voted in the current round (public: "unit X has voted"). */
  voted: string[];
  /** What was voted in the current round, without voters. Never exposed by a query. */
  box: { choices: string[] }[];
  closeRequested: boolean;
  /** Final say after failed rounds: the head's and the deputy's choice must agree. */
  decisions: Record<string, string[]>;
}

export interface CycleState {
  workflowId: string;
  input: CycleInputParsed;
  phase: CycleView['phase'];
  plan: Plan | null;
  deadlines: Deadlines | null;
  deadlineVersion: number;
  /** Reminders sent per phase so far (optional: histories from before it existed). */
  remindersSent?: Partial<Record<DeadlinePhase, number>>;
  headUnitId: string;
  deputyUnitId: string;
  actingHeadUnitId: string;
  units: Record<string, UnitState>;
  blocReport: string | null;
  reviewClosed: boolean;
  meeting: { presentUnitIds: string[]; quorumMet: boolean } | null;
  contests: ContestState[];
  proposals: Proposal[];
  councilWorkflowId: string | null;
  handover: CycleView['handover'];
  /** Who holds which office, by the workflow's own records (absent in histories from before it). */
  roster?: Roster;
  handoverRequest: { actor: Actor; requestId: string; appointed?: { headUnitId: string; deputyUnitId: string } } | null;
  processed: Record<string, ActResult>;
  /** Batched effects (workflows/effects.ts); absent in runs recorded before that patch. */
  fx?: EffectQueue;
}

export function initialState(workflowId: string, input: CycleInputParsed): CycleState {
  const units: Record<string, UnitState> = {};
  for (const m of input.members) {
    units[m.unitId] = {
      unitId: m.unitId,
      code: m.code,
      name: m.name,
      womenRatio: m.womenRatio,
      active: true,
      pledge: 'none',
      midYear: 'none',
      selfScore: 'none',
      late: [],
      hold: 'none',
      penaltyPoints: 0,
      finalTotal: null,
      rank: null,
      penalties: [],
      score: null,
      tasksGroupScore: null,
    };
  }
  return {
    workflowId,
    input,
    phase: 'launch',
    plan: null,
    deadlines: null,
    deadlineVersion: 0,
    headUnitId: input.headUnitId,
    deputyUnitId: input.deputyUnitId,
    actingHeadUnitId: input.headUnitId,
    units,
    blocReport: null,
    reviewClosed: false,
    meeting: null,
    contests: [],
    proposals: [],
    councilWorkflowId: null,
    handover: null,
    handoverRequest: null,
    ...(input.roster ? { roster: input.roster } : {}),
    processed: {},
  };
}

export const activeUnits = (s: CycleState): UnitState[] => Object.values(s.units).filter((u) => u.active);
export const activeUnitIds = (s: CycleState): string[] => activeUnits(s).map((u) => u.unitId);

export function contestOf(s: CycleState, contest: Contest): ContestState | undefined {
  return s.contests.find((c) => c.contest === contest);
}

export function toView(s: CycleState): CycleView {
  const present = s.meeting?.presentUnitIds.filter((id) => s.units[id]?.active).length ?? 0;
  return {
    workflowId: s.workflowId,
    blocId: s.input.blocId,
    year: s.input.year,
    phase: s.phase,
    headUnitId: s.headUnitId,
    deputyUnitId: s.deputyUnitId,
    actingHeadUnitId: s.actingHeadUnitId,
    deadlines: s.deadlines,
    plan: s.plan,
    units: Object.values(s.units).map(
      ({ penalties: _p, score: _s, tasksGroupScore: _t, code: _c, womenRatio: _w, ...view }) => view,
    ),
    meeting: s.meeting,
    contests: s.contests.map(({ voted, box: _box, closeRequested: _c, decisions: _d, rounds, ...c }) => ({
      ...c,
      rounds: rounds.map((r: RoundView) => ({ ...r })),
      votedCount: voted.length,
      expectedVoters: present,
    })),
    proposals: s.proposals,
    councilWorkflowId: s.councilWorkflowId,
    handover: s.handover,
  };
}
