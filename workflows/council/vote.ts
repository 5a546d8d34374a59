/** The council's secret yes/no vote on one proposal: its round row, its tally, its close. */
import type { Proposal } from '../../contracts/cycle';
import { meetsThreshold, thresholdBase } from '../../domain/threshold';
import { councilThresholdOf } from '../../domain/province-session';
import { write } from '../effects';
import { shuffled } from '../shuffle';
import type { CouncilState, VoteResult } from './state';
import { councilNotices } from '../../notifications/catalogue';

const roundRecord = (s: CouncilState, p: Proposal) => ({
  cycleId: s.input.cycleWorkflowId,
  contest: `council:${p.proposalId}`,
  round: p.attempts,
  candidates: ['yes'],
  seats: 1,
  eligibleVoters: s.input.councilMemberIds.length,
  present: s.input.councilMemberIds.length,
});

const thresholdOf = (s: CouncilState, p: Proposal) => councilThresholdOf(p.awardType, s.input.ruleSet.council);

export const yesShare = (s: CouncilState, p: Proposal) => {
  const t = s.tallies[p.proposalId];
  const yes = t?.box.filter((b) => b.choices.includes('yes')).length ?? 0;
  const th = thresholdOf(s, p);
  // Flags: ≥80% of ALL council members (ND 152/2025 Art. 33(5); ND 98/2023 Art. 30(7)).
  const base = thresholdBase(th.base, {
    members: s.input.councilMemberIds.length,
    present: t?.voters.length ?? 0,
    validBallots: t?.box.length ?? 0,
  });
  return { yes, base, share: base === 0 ? 0 : yes / base, passes: meetsThreshold(yes, base, th) };
};

/** The tally (and so the vote) opens only once its round row is stored: voter records point at it. */
export async function openVote(s: CouncilState, p: Proposal): Promise<void> {
  s.opening.add(p.proposalId);
  await write(s, 'openRound', roundRecord(s, p));
  s.tallies[p.proposalId] = { voters: [], box: [] };
  s.opening.delete(p.proposalId);
}

export async function closeVote(s: CouncilState, p: Proposal): Promise<void> {
  const t = s.tallies[p.proposalId];
  if (!t) return;
  await write(s, 'closeRound', {
    ...roundRecord(s, p),
    present: t.voters.length,
    ballots: shuffled(t.box),
    result: yesShare(s, p),
  });
}

/** Fixes the result (at once, before any await: a twin close sees it) and publishes it with the round. */
export async function fixVote(
  s: CouncilState,
  p: Proposal,
  closedBy: VoteResult['closedBy'],
  actor?: { personId: string; requestId: string },
): Promise<void> {
  const t = s.tallies[p.proposalId];
  if (!t || t.closed) return;
  const v = yesShare(s, p);
  t.closed = {
    yes: v.yes,
    no: t.box.length - v.yes,
    voted: t.voters.length,
    base: v.base,
    share: v.share,
    passes: v.passes,
    closedBy,
  };
  await closeVote(s, p);
  await write(s, 'audit', {
    action: 'proposal.vote.close',
    entity: 'proposal',
    entityId: p.proposalId,
    actorPersonId: actor?.personId,
    after: { round: p.attempts, ...t.closed },
    workflowId: s.workflowId,
    requestId: actor?.requestId,
  });
  await write(s, 'notify', {
    dedupeKey: `${s.workflowId}:vote-closed:${p.proposalId}:${p.attempts}`,
    personIds: [...s.input.councilMemberIds, ...(s.roster?.secretaryIds ?? [])],
    cycleId: s.input.cycleWorkflowId,
    kind: 'result',
    ...councilNotices.voteClosed(p.awardType, p.attempts, t.closed.yes, t.closed.base, t.closed.passes),
  });
}

export const persist = (s: CouncilState, p: Proposal) =>
  write(s, 'recordProposals', { cycleId: s.input.cycleWorkflowId, proposals: [p] });
