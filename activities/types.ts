/**
 * The activity contract the workflows call. Type-only: workflows import this file with
 * `import type`, so no database or network code is ever bundled into workflow code.
 */
import type { Contest, Deadlines, Phase, Plan, Proposal } from '../contracts/cycle';
import type { Meetings } from '../contracts/meeting';
import type { CouncilRules, Threshold } from '../domain/ruleset';
import type { ProvinceSessionRules } from '../domain/province-session';
import type { Dossier, ProvinceSessionView } from '../contracts/province-session';

export interface NotifyInput {
  /** Same key on a retry → one notification (activities are at-least-once). */
  dedupeKey: string;
  cycleId?: string;
  unitIds?: string[];
  personIds?: string[];
  kind: 'task' | 'reminder' | 'escalation' | 'result' | 'info';
  title: string;
  body: string;
}

export interface AuditInput {
  action: string;
  entity: string;
  entityId: string;
  actorPersonId?: string;
  actorRole?: string;
  before?: unknown;
  after?: unknown;
  workflowId: string;
  requestId?: string;
}

export interface CycleProjection {
  cycleId: string;
  blocId: string;
  year: number;
  phase: Phase;
  headUnitId: string;
  deputyUnitId: string;
  ruleSetCode: string;
  ruleSetVersion: number;
  deadlines: Deadlines | null;
  plan: Plan | null;
  result?: unknown;
  closed?: boolean;
  /** The year-end contests as the workflow has recorded them so far (Cycle.contests). */
  contests?: ContestOutcome[];
  /** The conferences as scheduled and recorded (Cycle.meetings; absent in runs before issue 12). */
  meetings?: Meetings;
}

/**
 * One year-end contest's outcome as the workflow recorded it, projected to Cycle.contests the moment
 * it changes. Documents and results read it; nothing recomputes it from the stored rounds.
 */
export interface ContestOutcome {
  contest: Contest;
  seats: number;
  status: 'pending' | 'open' | 'awaitingDecision' | 'decided';
  /** Elected by ballot, chosen by the tie-break criteria, or by the head and deputy, in the order decided. */
  winners: string[];
  decidedBy: 'ballot' | 'tieBreak' | 'headAndDeputy' | 'noWinner' | null;
  noWinnerReason?: string;
  /** Ballot rounds held. */
  rounds: number;
  /** The threshold every round of the contest was counted against (the cycle's rule-set). */
  threshold: Threshold;
}

export interface TaskSpec {
  cycleId: string;
  kind: string;
  title: string;
  dueAt: string;
  unitIds: string[];
}

export interface SubmissionRecord {
  cycleId: string;
  unitId: string;
  kind: 'pledge' | 'midYearReport' | 'blocMidYearReport' | 'selfScore';
  payload: unknown;
  status: 'submitted' | 'accepted' | 'returned';
  reason?: string;
  requestId: string;
}

export interface ScoreRecord {
  cycleId: string;
  unitId: string;
  entries: {
    criterionId: string;
    selfScore: number | null;
    reviewedScore: number | null;
    finalScore: number | null;
    adjustReason?: string;
  }[];
  summary: {
    selfTotal: number;
    reviewedTotal: number;
    finalTotal: number;
    tasksGroupScore: number;
    bonus: number;
    penalty: number;
    rank?: number;
  };
}

export interface RoundRecord {
  cycleId: string;
  contest: string;
  round: number;
  candidates: string[];
  seats: number;
  eligibleVoters: number;
  present: number;
}

export interface CloseRoundRecord extends RoundRecord {
  /** Anonymous, already shuffled: no voter, no time, nothing to re-link a ballot to a unit. */
  ballots: { choices: string[] }[];
  result: unknown;
}

export interface DecisionRecord {
  cycleId: string;
  proposal: Proposal;
  coefficient?: number;
  baseSalaryVnd?: number;
  /** Who signed the decision; default 'Chủ tịch UBND' (the Government flag: 'Thủ tướng Chính phủ'). */
  signer?: string;
}

/** A Government-flag proposal (awardType 'government-flag') on the unit's own bloc cycle; statuses in contracts/government-flag.ts. */
export interface GovernmentFlagProposalRecord {
  proposalId: string;
  cycleId: string;
  unitId: string;
  achievementPeriod: string;
  achievement: string;
  status: string;
  reason: string | null;
  voteShare: number | null;
}

export interface HandoverRecord {
  cycleId: string;
  blocId: string;
  fromYear: number;
  outgoingHeadUnitId: string;
  newHeadUnitId: string;
  newDeputyUnitId: string;
  policy: string;
}

export interface CycleActivities {
  projectCycle(p: CycleProjection): Promise<void>;
  openTasks(p: TaskSpec): Promise<void>;
  updateTasks(p: {
    cycleId: string;
    kind: string;
    unitIds: string[];
    status?: 'open' | 'done' | 'late' | 'cancelled';
    /** Change only the tasks still open (a cancelled year closes what is open, never what is done). */
    onlyOpen?: boolean;
    dueAt?: string;
    remindersSent?: number;
    /** @deprecated histories before remindersSent */ reminded?: boolean;
  }): Promise<void>;
  recordSubmission(p: SubmissionRecord): Promise<void>;
  recordScores(p: ScoreRecord): Promise<void>;
  recordVoter(p: { cycleId: string; contest: string; round: number; voterKey: string }): Promise<void>;
  openRound(p: RoundRecord): Promise<void>;
  closeRound(p: CloseRoundRecord): Promise<void>;
  recordProposals(p: { cycleId: string; proposals: Proposal[] }): Promise<void>;
  recordDecision(p: DecisionRecord): Promise<void>;
  recordGovernmentFlagProposals(p: { proposals: GovernmentFlagProposalRecord[] }): Promise<void>;
  recordHold(p: {
    cycleId: string;
    unitId: string;
    kind?: string;
    reason: string;
    outcome?: 'cleared' | 'disciplined';
    at: string;
  }): Promise<void>;
  recordMembershipChange(p: {
    cycleId: string;
    blocId: string;
    unitId: string;
    reason: string;
    at: string;
    /** Absent: the unit leaves (runs before joins existed). */
    change?: 'leave' | 'join';
  }): Promise<void>;
  recordHandover(p: HandoverRecord): Promise<void>;
  /** The bloc's current head and deputy (Bloc row) follow a year's, unless a later year of the bloc exists. */
  recordLeadership(p: { blocId: string; year: number; headUnitId: string; deputyUnitId: string }): Promise<void>;
  notify(p: NotifyInput): Promise<void>;
  audit(p: AuditInput): Promise<void>;
  /**
   * A batch of a cycle's writes in one transaction (workflows/effects.ts): the projection
   * snapshot first, then each effect in order. Run as a local activity; every effect is
   * idempotent, so a repeat after a worker kill changes nothing.
   */
  applyEffects(p: EffectBatch): Promise<void>;
  /**
   * Year N's handover found year N+1 already running (started by hand): hands it the elected head and
   * deputy through N+1's `adoptHandover` Update (id = the handover's request id, so a retry is answered
   * once). A refusal or a closed N+1 is an answer, never a failure.
   */
  adoptNextYear(p: AdoptNextYear): Promise<{ adopted: boolean; message: string }>;
  /** The province award session's read model (one row per sitting; workflows/province-session.ts). */
  recordProvinceSession(p: ProvinceSessionView): Promise<void>;
  /**
   * A bloc cycle hands its provincial-council proposals to the open session of its province and year: the first
   * sitting still collecting takes them (started if absent); after its deadline the next one (carried over).
   */
  handToProvinceSession(p: HandToProvinceSession): Promise<{ workflowId: string; n: number }>;
}

export interface HandToProvinceSession {
  blocId: string;
  year: number;
  /** The cycle's (workflow) time of the hand-off: a carried-over sitting collects until at + carryOverDays. */
  at: string;
  councilMemberIds: string[];
  secretaryIds: string[];
  adminIds: string[];
  council: CouncilRules;
  rules: ProvinceSessionRules;
  dossier: Dossier;
}

export interface AdoptNextYear {
  workflowId: string;
  act: {
    requestId: string;
    actor: { personId: string; unitId?: string; roles: string[] };
    fromWorkflowId: string;
    fromYear: number;
    headUnitId: string;
    deputyUnitId: string;
    recentHeads: string[];
  };
}

/** The writes a workflow may queue as effects (every activity but the batch itself). */
export type EffectKind = Exclude<keyof CycleActivities, 'applyEffects' | 'adoptNextYear' | 'handToProvinceSession'>;
export type Effect = { [K in EffectKind]: { kind: K; input: Parameters<CycleActivities[K]>[0] } }[EffectKind];

export interface EffectBatch {
  workflowId: string;
  /** The flush's number in this run (logs; idempotency is per effect). */
  seq: number;
  projection?: CycleProjection;
  effects: Effect[];
}
