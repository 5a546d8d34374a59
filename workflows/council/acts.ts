import { condition } from '@temporalio/workflow';
import * as c from '../../contracts/cycle';
import type { Actor } from '../../contracts/common';
import { awardAmount } from '../../domain/money';
import { officialUnitOf, ok, registerAct, requireRole, requireSecretaryOrAdmin } from '../act';
import { write } from '../effects';
import { reject } from '../errors';
import { castCouncilVote, closeCouncilVote, decideProposal, resubmitProposal } from './messages';
import { find, type CouncilState } from './state';
import { closeVote, fixVote, openVote, persist, yesShare } from './vote';
import { councilNotices } from '../../notifications/catalogue';

const requireSecretary = (s: CouncilState, actor: Actor) => {
  requireRole(actor, 'councilSecretary');
  requireSecretaryOrAdmin(s.roster, actor, false);
};

/** The council's acts: members vote; the secretary closes the vote and decides; the bloc head resubmits. */
export function registerCouncilActs(s: CouncilState): void {
  registerAct(
    s.processed,
    castCouncilVote,
    c.CouncilVoteSchema,
    (a) => {
      requireRole(a.actor, 'councilMember');
      if (!s.input.councilMemberIds.includes(a.actor.personId))
        reject('FORBIDDEN', 'only members of this council vote');
      const p = find(s, a.proposalId);
      if (!p) reject('NOT_FOUND', `no proposal ${a.proposalId}`);
      if (p.status !== 'submitted') reject('WRONG_PHASE', `the proposal is ${p.status}`);
      const tally = s.tallies[p.proposalId];
      if (!tally && !s.opening.has(p.proposalId)) reject('WRONG_PHASE', 'voting on this proposal has not opened yet');
      if (tally?.voters.includes(a.actor.personId)) reject('ALREADY_DONE', 'you have already voted on this proposal');
      if (tally?.closed) reject('WRONG_PHASE', 'the council vote on this proposal is closed');
    },
    async (a) => {
      const p = find(s, a.proposalId)!;
      await condition(() => s.tallies[p.proposalId] !== undefined || p.status !== 'submitted');
      const t = s.tallies[p.proposalId];
      // Re-checked after the wait: a hold may have come, or a twin of this vote may have landed first.
      if (!t || p.status !== 'submitted') reject('WRONG_PHASE', `the proposal is ${p.status}`);
      if (t.voters.includes(a.actor.personId)) reject('ALREADY_DONE', 'you have already voted on this proposal');
      if (t.closed) reject('WRONG_PHASE', 'the council vote on this proposal is closed');
      t.voters.push(a.actor.personId);
      t.box.push({ choices: a.approve ? ['yes'] : [] });
      await write(s, 'recordVoter', {
        cycleId: s.input.cycleWorkflowId,
        contest: `council:${p.proposalId}`,
        round: p.attempts,
        voterKey: a.actor.personId,
      });
      // The last member's vote closes it: nothing is left to wait for.
      if (s.closesVotes && s.input.councilMemberIds.every((id) => t.voters.includes(id)))
        await fixVote(s, p, 'allVoted');
      return ok('council vote received');
    },
  );

  registerAct(
    s.processed,
    closeCouncilVote,
    c.CloseCouncilVoteSchema,
    (a) => {
      requireSecretary(s, a.actor);
      if (!s.closesVotes)
        reject('WRONG_PHASE', 'this review decides on the open tally (it started before votes were closed explicitly)');
      const p = find(s, a.proposalId);
      if (!p) reject('NOT_FOUND', `no proposal ${a.proposalId}`);
      if (p.status !== 'submitted') reject('WRONG_PHASE', `the proposal is ${p.status}`);
      const t = s.tallies[p.proposalId];
      if (!t) reject('WRONG_PHASE', 'voting on this proposal has not opened yet');
      if (t.closed) reject('ALREADY_DONE', 'the council vote on this proposal is already closed');
    },
    async (a) => {
      const p = find(s, a.proposalId)!;
      await fixVote(s, p, 'secretary', { personId: a.actor.personId, requestId: a.requestId });
      const r = s.tallies[p.proposalId]!.closed!;
      return ok('council vote closed', {
        yes: r.yes,
        no: r.no,
        voted: r.voted,
        base: r.base,
        share: r.share,
        passes: r.passes,
      });
    },
  );

  registerAct(
    s.processed,
    decideProposal,
    c.CouncilDecisionSchema,
    (a) => {
      requireSecretary(s, a.actor);
      const p = find(s, a.proposalId);
      if (!p) reject('NOT_FOUND', `no proposal ${a.proposalId}`);
      if (p.status !== 'submitted') reject('WRONG_PHASE', `the proposal is ${p.status}`);
      // While the vote is open the validator lets the attempt through so that the handler records it
      // (a refused Update leaves no trace) and refuses it there, without a count.
      if (s.closesVotes && !s.tallies[p.proposalId]?.closed) return;
      if (a.decision === 'approve') {
        const v = s.closesVotes ? s.tallies[p.proposalId]!.closed! : yesShare(s, p);
        // After the close the result is published: the count may be named.
        if (!v.passes)
          reject('RULE_VIOLATION', `the council vote did not reach the threshold (${v.yes}/${v.base})`, {
            yes: v.yes,
            base: v.base,
          });
        // The money needs a decree in force on the decision date (domain/money.ts): NO_RULESET before 2024.
        awardAmount(p.awardType, 'collective', a.decisionDate!);
      }
    },
    async (a) => {
      const p = find(s, a.proposalId)!;
      if (s.closesVotes && !s.tallies[p.proposalId]?.closed) {
        await write(s, 'audit', {
          action: 'proposal.decision.refused',
          entity: 'proposal',
          entityId: p.proposalId,
          actorPersonId: a.actor.personId,
          after: { decision: a.decision, round: p.attempts, why: 'voteOpen' },
          workflowId: s.workflowId,
          requestId: a.requestId,
        });
        reject(
          'WRONG_PHASE',
          'the council vote on this proposal is still open: a decision follows its close (this attempt is recorded)',
        );
      }
      if (!s.closesVotes) await closeVote(s, p);
      p.reason = a.reason;
      if (a.decision === 'approve') {
        const money = awardAmount(p.awardType, 'collective', a.decisionDate!);
        Object.assign(p, {
          status: 'approved',
          decisionNumber: a.decisionNumber,
          decisionDate: a.decisionDate,
          amountVnd: money.amountVnd,
        }); // voteShare stays the bloc's peer-vote share; the council's is in its round record
        await write(s, 'recordDecision', {
          cycleId: s.input.cycleWorkflowId,
          proposal: p,
          coefficient: money.coefficient,
          baseSalaryVnd: money.baseSalaryVnd,
        });
      } else {
        p.status = a.decision === 'return' ? 'returned' : 'rejected';
        delete s.tallies[p.proposalId]; // a resubmitted dossier is voted afresh
      }
      await persist(s, p);
      await write(s, 'notify', {
        dedupeKey: `${s.workflowId}:decision:${a.requestId}`,
        cycleId: s.input.cycleWorkflowId,
        unitIds: [s.input.headUnitId, p.unitId],
        kind: 'result',
        ...councilNotices.decided(p.status, a.reason, a.decisionNumber, a.decisionDate),
      });
      await write(s, 'audit', {
        action: `proposal.${a.decision}`,
        entity: 'proposal',
        entityId: p.proposalId,
        actorPersonId: a.actor.personId,
        after: { status: p.status, reason: a.reason, decisionNumber: a.decisionNumber },
        workflowId: s.workflowId,
        requestId: a.requestId,
      });
      return ok(`proposal ${p.status}`);
    },
  );

  registerAct(
    s.processed,
    resubmitProposal,
    c.ResubmitProposalSchema,
    (a) => {
      if (officialUnitOf(s.roster, a.actor) !== s.input.headUnitId)
        reject('FORBIDDEN', 'only the bloc head resubmits the bloc proposal');
      const p = find(s, a.proposalId);
      if (!p) reject('NOT_FOUND', `no proposal ${a.proposalId}`);
      if (p.status !== 'returned') reject('WRONG_PHASE', `the proposal is ${p.status}, not returned`);
    },
    async (a) => {
      const p = find(s, a.proposalId)!;
      Object.assign(p, {
        status: 'submitted',
        achievement: a.achievement,
        attempts: p.attempts + 1,
        reason: undefined,
      });
      await openVote(s, p);
      await persist(s, p);
      await write(s, 'audit', {
        action: 'proposal.resubmit',
        entity: 'proposal',
        entityId: p.proposalId,
        actorPersonId: a.actor.personId,
        workflowId: s.workflowId,
        requestId: a.requestId,
      });
      return ok('proposal resubmitted');
    },
  );
}
