import {
  allHandlersFinished,
  condition,
  setHandler,
  startChild,
  workflowInfo,
  ParentClosePolicy,
} from '@temporalio/workflow';
import { CycleInputSchema, type CycleInput, type Proposal } from '../contracts/cycle';
import { enableBatchedEffects, flushed, runFlusher, write } from './effects';
import { councilReviewWorkflow } from './council';
import { reminderOffsets } from './deadline';
import { handoverPhase, startNextYearChild } from './handover';
import { registerCycleHandlers } from './handlers';
import { getCycle, rosterChanged } from './messages';
import { RosterSchema } from '../contracts/common';
import { launchPhase, midYearPhase, pledgePhase, reviewPhase, selfScoringPhase } from './phases';
import { project } from './project';
import { initialState, toView, type CycleState } from './state';
import { votingPhase } from './voting';
import { asFailure } from './errors';

export interface CycleResult {
  bloc: string;
  year: number;
  ranking: { unitId: string; code: string; name: string; finalTotal: number | null; rank: number | null }[];
  awards: { type: string; unitId: string; code: string; status: string; decisionNumber?: string; amountVnd?: number }[];
  contests: { contest: string; winners: string[]; decidedBy: string | null; rounds: number }[];
  nextHead: string | null;
  nextDeputy: string | null;
  nextYearWorkflowId: string | null;
}

/** The year of one emulation bloc: launch → pledge → mid-year → self-scoring → review → vote → council ∥ handover. */
export async function blocCycleWorkflow(raw: CycleInput): Promise<CycleResult> {
  let input;
  try {
    input = CycleInputSchema.parse(raw);
  } catch (e) {
    asFailure(e);
  }
  const s = initialState(workflowInfo().workflowId, input);
  enableBatchedEffects(s);
  registerCycleHandlers(s);
  void runFlusher(s);
  setHandler(getCycle, () => toView(s));
  // The roster follows the registry while the year runs (api/rosters.ts); acts are authorised by the current one.
  setHandler(rosterChanged, (raw) => {
    const parsed = RosterSchema.safeParse(raw);
    if (parsed.success) s.roster = parsed.data;
  });

  await launchPhase(s);
  await pledgePhase(s);
  await midYearPhase(s);
  await selfScoringPhase(s);
  await reviewPhase(s);
  await votingPhase(s);

  s.proposals = proposalsFromVote(s);
  s.phase = 'council';
  await write(s, 'recordProposals', { cycleId: s.workflowId, proposals: s.proposals });
  await project(s);
  await flushed(s); // the proposals are stored before the council's own writes begin
  const council = await startChild(councilReviewWorkflow, {
    workflowId: `${s.workflowId}-council`,
    parentClosePolicy: ParentClosePolicy.ABANDON,
    args: [
      {
        cycleWorkflowId: s.workflowId,
        blocId: s.input.blocId,
        year: s.input.year,
        headUnitId: s.actingHeadUnitId,
        councilMemberIds: s.input.councilMemberIds,
        ruleSet: s.input.ruleSet,
        proposals: s.proposals,
        deadline: s.deadlines!.council,
        reminderOffsetsSeconds: reminderOffsets(s),
        ...(s.roster ? { roster: s.roster } : {}),
      },
    ],
  });
  s.councilWorkflowId = council.workflowId;
  await project(s);

  const handover = handoverPhase(s, (next) => startNextYearChild(next, 'blocCycleWorkflow'));
  s.proposals = (await council.result()).proposals;
  if (!s.handover) {
    s.phase = 'handover';
    await project(s);
  }
  await handover;

  s.phase = 'closed';
  const result = resultOf(s);
  await project(s, result);
  await flushed(s);
  await condition(allHandlersFinished);
  await flushed(s);
  return result;
}

function proposalsFromVote(s: CycleState): Proposal[] {
  const winnersOf = (contest: string) => s.contests.find((c) => c.contest === contest)?.winners ?? [];
  const shareOf = (contest: string, unitId: string) => {
    const rounds = s.contests.find((c) => c.contest === contest)?.rounds ?? [];
    return rounds.at(-1)?.shares[unitId] ?? null;
  };
  const make = (unitId: string, awardType: Proposal['awardType'], contest: string): Proposal => ({
    proposalId: `${s.workflowId}:${awardType}:${unitId}`,
    unitId,
    awardType,
    achievement: `Thành tích năm ${s.input.year}: điểm ${s.units[unitId]!.finalTotal?.toString().replace('.', ',') ?? '—'}, xếp hạng ${s.units[unitId]!.rank ?? '—'} trong ${s.input.blocName}.`,
    voteShare: shareOf(contest, unitId),
    // A unit under investigation is held, not rejected (ND 152/2025 Art. 4(4)).
    status:
      s.units[unitId]!.hold === 'onHold'
        ? 'onHold'
        : s.units[unitId]!.hold === 'disqualified'
          ? 'disqualified'
          : 'submitted',
    attempts: 1,
  });
  return [
    ...winnersOf('leader').map((id) => make(id, 'emulation-flag', 'leader')),
    ...winnersOf('certificate').map((id) => make(id, 'certificate-of-merit', 'certificate')),
  ];
}

function resultOf(s: CycleState): CycleResult {
  const units = Object.values(s.units);
  return {
    bloc: s.input.blocCode,
    year: s.input.year,
    ranking: units
      .filter((u) => u.active)
      .sort((a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9))
      .map((u) => ({ unitId: u.unitId, code: u.code, name: u.name, finalTotal: u.finalTotal, rank: u.rank })),
    awards: s.proposals.map((p) => ({
      type: p.awardType,
      unitId: p.unitId,
      code: s.units[p.unitId]?.code ?? p.unitId,
      status: p.status,
      decisionNumber: p.decisionNumber,
      amountVnd: p.amountVnd,
    })),
    contests: s.contests.map((c) => ({
      contest: c.contest,
      winners: c.winners,
      decidedBy: c.decidedBy,
      rounds: c.rounds.length,
    })),
    nextHead: s.handover?.headUnitId ?? null,
    nextDeputy: s.handover?.deputyUnitId ?? null,
    nextYearWorkflowId: s.handover?.nextYearWorkflowId ?? null,
  };
}
