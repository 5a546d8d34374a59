import { condition, setHandler } from '@temporalio/workflow';
import type { Proposal } from '../../../../contracts/cycle';
import { acts } from '../../../activities';
import { flushed, write } from '../../../effects';
import { provinceSessionOutcome, type ProposalOutcome } from '../../../province-session/messages';
import { change, phaseUpdated } from '../../projection';
import type { CycleState } from '../../state';
import { proposalsFromVote, startReview } from './run';

/** Bloc-years whose rule-set has a province session hand their provincial-council proposals to it (issue 13). */
export const PROVINCE_SESSION_PATCH = 'province-session-v1';

/** Which council considers a proposal's award kind for this bloc (domain/award-catalogue.ts; absent: the province's). */
const councilOf = (s: CycleState, p: Proposal) =>
  s.input.awardCatalogue?.find((e) => e.awardType === p.awardType)?.council ?? 'provincialCouncil';

/**
 * The council step with a province session: the vote's proposals are stored; those the provincial council considers
 * (and that are not on hold) are handed in as the bloc's dossier to the open sitting of the province
 * (activity handToProvinceSession; a late one is carried to the next sitting); the others (a department bloc's
 * Giấy khen) keep the bloc's own council review. `decided()` waits for both and takes their outcomes over.
 */
export async function provinceCouncilPhase(s: CycleState): Promise<{ decided: () => Promise<void> }> {
  setHandler(provinceSessionOutcome, ({ sessionId, outcomes }) => {
    if (s.provinceSession?.workflowId === sessionId) s.provinceSession.outcomes = outcomes;
  });
  s.proposals = proposalsFromVote(s);
  s.phase = 'council';
  await write(s, 'recordProposals', { cycleId: s.workflowId, proposals: s.proposals });
  await phaseUpdated(s);
  await flushed(s);
  const local = s.proposals.filter((p) => councilOf(s, p) !== 'provincialCouncil');
  const provincial = s.proposals.filter((p) => councilOf(s, p) === 'provincialCouncil' && p.status === 'submitted');
  const review = local.length > 0 ? await startReview(s, local) : undefined;
  if (review) await change(s, s, { councilWorkflowId: review.workflowId });
  if (provincial.length > 0) {
    const headUnitId = s.actingHeadUnitId;
    const handed = await acts.handToProvinceSession({
      blocId: s.input.blocId,
      year: s.input.year,
      at: new Date().toISOString(),
      councilMemberIds: s.input.councilMemberIds,
      secretaryIds: s.roster?.secretaryIds ?? [],
      adminIds: s.roster?.adminIds ?? [],
      council: s.input.ruleSet.council,
      rules: s.input.ruleSet.provinceSession!,
      dossier: {
        cycleId: s.workflowId,
        blocId: s.input.blocId,
        blocCode: s.input.blocCode,
        blocName: s.input.blocName,
        headUnitId,
        ...(s.roster
          ? { headOfficerIds: s.roster.officers.filter((o) => o.unitId === headUnitId).map((o) => o.personId) }
          : {}),
        proposals: provincial.map((p) => ({
          proposalId: p.proposalId,
          unitId: p.unitId,
          unitName: s.units[p.unitId]?.name ?? p.unitId,
          awardType: p.awardType,
          achievement: p.achievement,
        })),
      },
    });
    s.provinceSession = { workflowId: handed.workflowId };
  }
  // Each outcome is taken over as it comes: the province's decisions do not wait for the bloc's own review.
  const takeReview = (reviewed: Proposal[]) => {
    for (const r of reviewed) {
      const i = s.proposals.findIndex((p) => p.proposalId === r.proposalId);
      if (i >= 0) s.proposals[i] = r;
    }
  };
  const takeSession = async (outcomes: ProposalOutcome[]) => {
    const changed: Proposal[] = [];
    for (const o of outcomes) {
      const p = s.proposals.find((x) => x.proposalId === o.proposalId);
      if (!p) continue;
      Object.assign(p, {
        status: o.status,
        reason: o.reason,
        decisionNumber: o.decisionNumber,
        decisionDate: o.decisionDate,
        amountVnd: o.amountVnd,
      });
      if (o.status === 'approved')
        await write(s, 'recordDecision', {
          cycleId: s.workflowId,
          proposal: p,
          coefficient: o.coefficient,
          baseSalaryVnd: o.baseSalaryVnd,
        });
      changed.push(p);
    }
    if (changed.length > 0) await write(s, 'recordProposals', { cycleId: s.workflowId, proposals: changed });
  };
  return {
    decided: async () => {
      const session = s.provinceSession;
      await Promise.all([
        review ? review.result().then((r) => takeReview(r.proposals)) : undefined,
        session
          ? condition(() => session.outcomes !== undefined).then(() => takeSession(session.outcomes!))
          : undefined,
      ]);
    },
  };
}
