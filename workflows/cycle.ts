import { allHandlersFinished, condition, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { CycleInputSchema, type CycleInput } from '../contracts/cycle';
import { RosterSchema } from '../contracts/common';
import { enableBatchedEffects, flushed, projectionOf, runFlusher } from './effects';
import { asFailure } from './errors';
import { getCycle, rosterChanged } from './messages';
import { registerCycleHandlers } from './cycle/acts';
import { cancelled } from './cycle/corrections/cancel';
import { closeCycle, enterPhase } from './cycle/projection';
import { councilPhase } from './cycle/phases/council/run';
import { PROVINCE_SESSION_PATCH, provinceCouncilPhase } from './cycle/phases/council/province';
import { handoverPhase, startNextYearChild } from './cycle/phases/handover/run';
import { launchPhase } from './cycle/phases/launch/run';
import { midYearPhase } from './cycle/phases/mid-year/run';
import { pledgePhase } from './cycle/phases/pledge/run';
import { reviewPhase } from './cycle/phases/review/run';
import { selfScoringPhase } from './cycle/phases/self-scoring/run';
import { votingPhase } from './cycle/phases/voting/run';
import { initialState, toView, type CycleState } from './cycle/state';

export interface CycleResult {
  bloc: string;
  year: number;
  ranking: { unitId: string; code: string; name: string; finalTotal: number | null; rank: number | null }[];
  awards: { type: string; unitId: string; code: string; status: string; decisionNumber?: string; amountVnd?: number }[];
  contests: { contest: string; winners: string[]; decidedBy: string | null; rounds: number }[];
  nextHead: string | null;
  nextDeputy: string | null;
  nextYearWorkflowId: string | null;
  /** Present when the year was cancelled (workflows/cycle/corrections/cancel.ts). */
  status?: 'cancelled';
  cancellation?: { reason: string; personId: string; at: string };
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
  void runFlusher(s, () => projectionOf(s));
  setHandler(getCycle, () => toView(s));
  // The roster follows the registry while the year runs (api/rosters.ts); acts are authorised by the current one.
  setHandler(rosterChanged, (raw) => {
    const parsed = RosterSchema.safeParse(raw);
    if (parsed.success) s.roster = parsed.data;
  });

  // A cancelled year stops its calendar and completes (never fails) with status cancelled.
  const cancellable = patched('cycle-cancel-v1');
  const year = runYear(s);
  if (cancellable) await Promise.race([year, cancelled(s)]);
  else await year;
  if (s.cancellation) {
    const { requestId: _r, ...cancellation } = s.cancellation;
    return finish(s, { ...resultOf(s), status: 'cancelled', cancellation });
  }
  return finish(s, resultOf(s));
}

async function runYear(s: CycleState): Promise<void> {
  await launchPhase(s);
  await pledgePhase(s);
  await midYearPhase(s);
  await selfScoringPhase(s);
  await reviewPhase(s);
  await votingPhase(s);

  // council ∥ handover: the council's review runs as its own workflow while the head hands over.
  // A rule-set with a province session (issue 13): the provincial-council proposals go to the province's sitting.
  const council =
    s.input.ruleSet.provinceSession && patched(PROVINCE_SESSION_PATCH)
      ? await provinceCouncilPhase(s)
      : await councilPhase(s);
  const handover = handoverPhase(s, (next) => startNextYearChild(next, 'blocCycleWorkflow'));
  await council.decided();
  if (!s.handover) await enterPhase(s, 'handover');
  await handover;
}

async function finish(s: CycleState, result: CycleResult): Promise<CycleResult> {
  await closeCycle(s, result);
  await flushed(s);
  await condition(allHandlersFinished);
  await flushed(s);
  return result;
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
