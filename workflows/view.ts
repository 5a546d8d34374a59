/** What queries return: the cycle's public state. Never contains ballot contents. */
import type { Contest, Deadlines, Phase, Plan, Proposal, ProposalStatus } from '../contracts/cycle';
import type { Meetings } from '../contracts/meeting';

export type UnitProgress = 'none' | 'submitted' | 'accepted' | 'returned';

export interface UnitView {
  unitId: string;
  name: string;
  active: boolean;
  pledge: UnitProgress;
  midYear: UnitProgress;
  selfScore: UnitProgress;
  late: string[];
  hold: 'none' | 'onHold' | 'disqualified';
  penaltyPoints: number;
  finalTotal: number | null;
  rank: number | null;
}

export interface RoundView {
  round: number;
  candidates: string[];
  outcome: string;
  counts: Record<string, number>;
  shares: Record<string, number>;
  base: number;
  validBallots: number;
  invalidBallots: number;
}

export interface ContestView {
  contest: Contest;
  seats: number;
  status: 'pending' | 'open' | 'awaitingDecision' | 'decided';
  round: number;
  candidates: string[];
  votedCount: number;
  expectedVoters: number;
  rounds: RoundView[];
  winners: string[];
  decidedBy: 'ballot' | 'tieBreak' | 'headAndDeputy' | 'noWinner' | null;
  noWinnerReason?: string;
}

export interface CycleView {
  workflowId: string;
  blocId: string;
  year: number;
  phase: Phase;
  headUnitId: string;
  deputyUnitId: string;
  actingHeadUnitId: string;
  deadlines: Deadlines | null;
  plan: Plan | null;
  units: UnitView[];
  meeting: { presentUnitIds: string[]; quorumMet: boolean } | null;
  /** The mid-year review and the year-end conference as scheduled and recorded (issue 12). */
  meetings: Meetings;
  contests: ContestView[];
  proposals: Proposal[];
  councilWorkflowId: string | null;
  handover: { headUnitId: string; deputyUnitId: string; nextYearWorkflowId: string } | null;
}

export interface CouncilView {
  workflowId: string;
  /** votesFor / votesAgainst: null until the proposal's vote is closed (the count is secret while it runs). */
  proposals: (Proposal & {
    votesFor: number | null;
    votesAgainst: number | null;
    voted: number;
    voteClosed: boolean;
  })[];
  done: boolean;
  statusCounts: Partial<Record<ProposalStatus, number>>;
}
