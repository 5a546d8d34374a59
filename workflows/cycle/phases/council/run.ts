import { ParentClosePolicy, startChild } from '@temporalio/workflow';
import type { Proposal } from '../../../../contracts/cycle';
import { proposalStatusFor } from '../../../../domain/eligibility';
import { awardOfContest } from '../../../../domain/award-catalogue';
import { councilReviewWorkflow } from '../../../council';
import { flushed, write } from '../../../effects';
import { change, phaseUpdated } from '../../projection';
import { reminderOffsets } from '../../deadline';
import type { CycleState } from '../../state';

/**
 * The council step: the vote's winners become proposals, stored, and the emulation council's review
 * starts as its own workflow (id <cycle>-council, abandoned on close: it may outlive the year).
 * Returns once the review has started; `decided()` waits for its decisions and takes them over.
 */
export async function councilPhase(s: CycleState): Promise<{ decided: () => Promise<void> }> {
  s.proposals = proposalsFromVote(s);
  s.phase = 'council';
  // The proposals are stored before the read model shows the council step.
  await write(s, 'recordProposals', { cycleId: s.workflowId, proposals: s.proposals });
  await phaseUpdated(s);
  await flushed(s); // the proposals are stored before the council's own writes begin
  const council = await startReview(s, s.proposals);
  await change(s, s, { councilWorkflowId: council.workflowId });
  return {
    decided: async () => {
      s.proposals = (await council.result()).proposals;
    },
  };
}

/** The emulation council's review of `proposals` as its own workflow (id <cycle>-council, abandoned on close). */
export function startReview(s: CycleState, proposals: Proposal[]) {
  return startChild(councilReviewWorkflow, {
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
        proposals,
        deadline: s.deadlines!.council,
        reminderOffsetsSeconds: reminderOffsets(s),
        ...(s.roster ? { roster: s.roster } : {}),
      },
    ],
  });
}

/** The proposals the vote makes: the leader(s) for the emulation flag, the certificate winners for the Bằng khen. */
export function proposalsFromVote(s: CycleState): Proposal[] {
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
    status: proposalStatusFor(s.units[unitId]!.hold),
    attempts: 1,
  });
  return [
    // The award each contest proposes: the bloc level's catalogue (domain/award-catalogue.ts); a province bloc's
    // (and every input before the catalogue): the provincial flag and the Chairman's Bằng khen.
    ...winnersOf('leader').map((id) => make(id, awardOfContest(s.input.awardCatalogue, 'leader'), 'leader')),
    ...winnersOf('certificate').map((id) =>
      make(id, awardOfContest(s.input.awardCatalogue, 'certificate'), 'certificate'),
    ),
  ];
}
