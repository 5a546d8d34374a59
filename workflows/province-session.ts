import {
  allHandlersFinished,
  condition,
  getExternalWorkflowHandle,
  patched,
  setHandler,
  sleep,
  workflowInfo,
} from '@temporalio/workflow';
import * as ps from '../contracts/province-session';
import { awardAmount } from '../domain/money';
import { flushed, runFlusher } from './effects';
import { asFailure } from './errors';
import { rosterChanged } from './messages';
import { RosterSchema } from '../contracts/common';
import { registerAppraisalActs } from './province-session/appraisal-acts';
import { getProvinceSession, provinceSessionOutcome, type ProposalOutcome } from './province-session/messages';
import { project, toView, type SessionState } from './province-session/state';
import { registerVoteActs } from './province-session/vote-acts';
import { provinceSessionReasons } from '../notifications/catalogue';

/** Patch marker: the standing body can close the collection before the deadline. */
export const CLOSE_COLLECTION_PATCH = 'session-close-collection-v1';

/**
 * One sitting of the provincial council for every bloc of a province and year (id
 * province-session:<provinceId>:<year>:<n>): collecting until the submission deadline → appraisal by the standing
 * body → attendance (quorum) and one secret ballot per present member → thresholds and province quotas
 * (domain/province-session.ts) → one decision per award kind → each bloc cycle is told its proposals' outcome.
 * Started only by a bloc cycle's hand-off (activity handToProvinceSession); no bloc act opens or decides it.
 */
export async function provinceAwardSessionWorkflow(raw: ps.ProvinceSessionInput): Promise<ps.ProvinceSessionView> {
  let input;
  try {
    input = ps.ProvinceSessionInputSchema.parse(raw);
  } catch (e) {
    asFailure(e);
  }
  const s: SessionState = {
    workflowId: workflowInfo().workflowId,
    input,
    phase: 'collecting',
    processed: {},
    dossiers: [],
    proposals: [],
    present: null,
    voters: [],
    yes: {},
    decisions: [],
    // A workflow type born batched (workflows/effects.ts): one local activity per workflow task, no patch needed.
    fx: { seq: 0, queue: [], dirty: false, busy: false },
  };
  void runFlusher(s);
  // The standing body may close the collection before the deadline (closeCollection); sittings started before that
  // act existed slept until the deadline, and their histories replay so.
  s.closesCollectionEarly = patched(CLOSE_COLLECTION_PATCH);
  registerAppraisalActs(s);
  registerVoteActs(s);
  setHandler(getProvinceSession, () => toView(s));
  // The standing body follows the registry (api/rosters.ts); the council's members are those it started with.
  setHandler(rosterChanged, (raw) => {
    const parsed = RosterSchema.safeParse(raw);
    if (!parsed.success) return;
    s.input.secretaryIds = parsed.data.secretaryIds;
    s.input.adminIds = parsed.data.adminIds;
  });
  await project(s);

  // Dossiers arrive until the deadline (BN86 Art. 6(2)–(3), 10(2)); a later one goes to the next sitting.
  const wait = Date.parse(s.input.submissionDeadline) - Date.now();
  if (wait > 0) {
    if (s.closesCollectionEarly) await condition(() => s.collectionClosed === true, wait);
    else await sleep(wait);
  }
  s.phase = 'appraisal';
  await project(s);

  await condition(() => s.phase === 'issued');
  await condition(allHandlersFinished);
  await flushed(s);
  for (const d of s.dossiers) {
    const outcomes = s.proposals.filter((p) => p.cycleId === d.cycleId).map((p) => outcomeOf(s, p, d.reason));
    try {
      await getExternalWorkflowHandle(d.cycleId).signal(provinceSessionOutcome, { sessionId: s.workflowId, outcomes });
    } catch {
      // A cycle no longer running (cancelled, terminated) keeps its proposals as they were; the session still ends.
    }
  }
  return toView(s);
}

function outcomeOf(s: SessionState, p: SessionState['proposals'][number], returnReason?: string): ProposalOutcome {
  const decision = s.decisions.find((d) => d.awardees.some((a) => a.proposalId === p.proposalId));
  if (p.outcome === 'awarded' && decision) {
    const money = awardAmount(p.awardType, 'collective', decision.decisionDate!);
    return {
      proposalId: p.proposalId,
      status: 'approved',
      decisionNumber: decision.decisionNumber!,
      decisionDate: decision.decisionDate!,
      amountVnd: money.amountVnd,
      coefficient: money.coefficient,
      baseSalaryVnd: money.baseSalaryVnd,
    };
  }
  if (p.outcome === 'notConsidered')
    return { proposalId: p.proposalId, status: 'returned', reason: provinceSessionReasons.notConsidered(returnReason) };
  const reason =
    p.outcome === 'overQuota'
      ? provinceSessionReasons.overQuota(s.input.n, s.input.year)
      : provinceSessionReasons.belowThreshold(p.yes ?? 0, p.base ?? 0);
  return { proposalId: p.proposalId, status: 'rejected', reason };
}
