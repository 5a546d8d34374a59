import type { Roster } from '../../contracts/common';
import type { Contest, CycleInputParsed, DeadlinePhase, Deadlines } from '../../contracts/cycle';
import type { ActResult } from '../act';
import type { EffectQueue } from '../effects';
import type { CycleView, RoundView, UnitView } from '../view';
import type { CorrectionsState } from './corrections/state';
import type { CouncilStepState } from './phases/council/state';
import type { HandoverState } from './phases/handover/state';
import type { LaunchState } from './phases/launch/state';
import { noMeetings, type MeetingsState } from './meetings/state';
import type { MidYearState } from './phases/mid-year/state';
import type { ReviewState } from './phases/review/state';
import type { ScoreDraft } from './phases/self-scoring/state';
import type { ContestState, VotingState } from './phases/voting/state';

export type { ContestState } from './phases/voting/state';
export type { ScoreDraft } from './phases/self-scoring/state';

export interface UnitState extends UnitView {
  code: string;
  womenRatio?: number;
  penalties: { ruleId: string; points: number; reason: string }[];
  score: ScoreDraft | null;
  tasksGroupScore: number | null;
}

/** The bloc-year's state: the calendar's own fields, the units, and each phase's slice (phases/<phase>/state.ts). */
export interface CycleState
  extends
    LaunchState,
    MidYearState,
    ReviewState,
    VotingState,
    CouncilStepState,
    HandoverState,
    CorrectionsState,
    MeetingsState {
  workflowId: string;
  input: CycleInputParsed;
  phase: CycleView['phase'];
  deadlines: Deadlines | null;
  deadlineVersion: number;
  /** Reminders sent per phase so far (optional: histories from before it existed). */
  remindersSent?: Partial<Record<DeadlinePhase, number>>;
  headUnitId: string;
  deputyUnitId: string;
  actingHeadUnitId: string;
  units: Record<string, UnitState>;
  /** Who holds which office, by the workflow's own records (absent in histories from before it). */
  roster?: Roster;
  processed: Record<string, ActResult>;
  /** Batched effects (workflows/effects.ts); absent in runs recorded before that patch. */
  fx?: EffectQueue;
}

/** A member unit's state before it has done anything this year (at the start, or when it joins: corrections/membership.ts). */
export function freshUnit(m: Pick<UnitState, 'unitId' | 'code' | 'name' | 'womenRatio'>): UnitState {
  return {
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

export function initialState(workflowId: string, input: CycleInputParsed): CycleState {
  const units: Record<string, UnitState> = {};
  for (const m of input.members) units[m.unitId] = freshUnit(m);
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
    meetings: noMeetings(),
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
    meetings: s.meetings ?? noMeetings(),
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
