import { condition, patched, setHandler, workflowInfo, allHandlersFinished } from '@temporalio/workflow';
import * as c from '../contracts/cycle';
import type { Proposal } from '../contracts/cycle';
import type { Actor } from '../contracts/common';
import { proposalStatusFor } from '../domain/eligibility';
import { awardAmount } from '../domain/money';
import { meetsThreshold, thresholdBase } from '../domain/threshold';
import { reminderTimes } from '../domain/calendar';
import { acts } from './activities';
import { shuffled } from './shuffle';
import { officialUnitOf, ok, registerAct, requireRole, requireSecretaryOrAdmin } from './act';
import { reject } from './errors';
import {
  castCouncilVote,
  closeCouncilVote,
  decideProposal,
  getCouncil,
  holdChanged,
  resubmitProposal,
  rosterChanged,
  type ActResult,
} from './messages';
import { RosterSchema, type Roster } from '../contracts/common';
import type { CouncilView } from './view';

interface VoteTally {
  voters: string[];
  box: { choices: string[] }[];
  /** Set once the vote is closed (every member voted, the council's deadline, or the secretary): the fixed result. */
  closed?: VoteResult;
}

interface VoteResult {
  yes: number;
  no: number;
  voted: number;
  base: number;
  share: number;
  passes: boolean;
  closedBy: 'allVoted' | 'deadline' | 'secretary';
}

const TERMINAL: Proposal['status'][] = ['approved', 'rejected', 'disqualified'];
const FLAG_TYPES = new Set(['emulation-flag', 'government-flag']);

/** Proposal review by the emulation council: secret vote, then approve / return / reject; holds pause it. */
export async function councilReviewWorkflow(raw: c.CouncilInput): Promise<{ proposals: Proposal[] }> {
  const input = c.CouncilInputSchema.parse(raw);
  const { workflowId } = workflowInfo();
  // The secret vote closes before any decision (every member voted, the deadline, or the secretary
  // closes it); until then no answer carries a count, and a decision attempted early is refused and
  // audited. Reviews started before this rule keep deciding on the open tally (their histories replay).
  const closesVotes = patched('council-vote-close');
  /** Who holds which office: the cycle's roster when the review started, replaced by rosterChanged. */
  let roster: Roster | undefined = input.roster;
  const proposals: Proposal[] = input.proposals.map((p) => ({ ...p }));
  const tallies: Record<string, VoteTally> = {};
  const processed: Record<string, ActResult> = {};
  const find = (id: string) => proposals.find((p) => p.proposalId === id);
  const roundRecord = (p: Proposal) => ({
    cycleId: input.cycleWorkflowId,
    contest: `council:${p.proposalId}`,
    round: p.attempts,
    candidates: ['yes'],
    seats: 1,
    eligibleVoters: input.councilMemberIds.length,
    present: input.councilMemberIds.length,
  });
  const thresholdOf = (p: Proposal) =>
    FLAG_TYPES.has(p.awardType) ? input.ruleSet.council.flagThreshold : input.ruleSet.council.certificateThreshold;
  const yesShare = (p: Proposal) => {
    const t = tallies[p.proposalId];
    const yes = t?.box.filter((b) => b.choices.includes('yes')).length ?? 0;
    const th = thresholdOf(p);
    // Flags: ≥80% of ALL council members (ND 152/2025 Art. 33(5); ND 98/2023 Art. 30(7)).
    const base = thresholdBase(th.base, {
      members: input.councilMemberIds.length,
      present: t?.voters.length ?? 0,
      validBallots: t?.box.length ?? 0,
    });
    return { yes, base, share: base === 0 ? 0 : yes / base, passes: meetsThreshold(yes, base, th) };
  };
  // The tally (and so the vote) opens only once its round row is stored: voter records point at it.
  // Between a dossier's (re)submission and its round row being stored the vote is "opening": a
  // member who votes then is not refused — the handler waits the moment until the tally is open.
  const opening = new Set<string>();
  const openVote = async (p: Proposal) => {
    opening.add(p.proposalId);
    await acts.openRound(roundRecord(p));
    tallies[p.proposalId] = { voters: [], box: [] };
    opening.delete(p.proposalId);
  };
  const closeVote = async (p: Proposal) => {
    const t = tallies[p.proposalId];
    if (!t) return;
    await acts.closeRound({
      ...roundRecord(p),
      present: t.voters.length,
      ballots: shuffled(t.box),
      result: yesShare(p),
    });
  };
  /** Fixes the result (at once, before any await: a twin close sees it) and publishes it with the round. */
  const fixVote = async (
    p: Proposal,
    closedBy: VoteResult['closedBy'],
    actor?: { personId: string; requestId: string },
  ) => {
    const t = tallies[p.proposalId];
    if (!t || t.closed) return;
    const v = yesShare(p);
    t.closed = {
      yes: v.yes,
      no: t.box.length - v.yes,
      voted: t.voters.length,
      base: v.base,
      share: v.share,
      passes: v.passes,
      closedBy,
    };
    await closeVote(p);
    await acts.audit({
      action: 'proposal.vote.close',
      entity: 'proposal',
      entityId: p.proposalId,
      actorPersonId: actor?.personId,
      after: { round: p.attempts, ...t.closed },
      workflowId,
      requestId: actor?.requestId,
    });
    await acts.notify({
      dedupeKey: `${workflowId}:vote-closed:${p.proposalId}:${p.attempts}`,
      personIds: [...input.councilMemberIds, ...(roster?.secretaryIds ?? [])],
      cycleId: input.cycleWorkflowId,
      kind: 'result',
      title: 'Kết quả biểu quyết của Hội đồng',
      body: `Đề nghị ${p.awardType} (lần ${p.attempts}): ${t.closed.yes}/${t.closed.base} phiếu đồng ý — ${t.closed.passes ? 'đạt' : 'không đạt'}.`,
    });
  };
  const requireSecretary = (actor: Actor) => {
    requireRole(actor, 'councilSecretary');
    requireSecretaryOrAdmin(roster, actor, false);
  };
  const persist = (p: Proposal) => acts.recordProposals({ cycleId: input.cycleWorkflowId, proposals: [p] });

  registerAct(
    processed,
    castCouncilVote,
    c.CouncilVoteSchema,
    (a) => {
      requireRole(a.actor, 'councilMember');
      if (!input.councilMemberIds.includes(a.actor.personId)) reject('FORBIDDEN', 'only members of this council vote');
      const p = find(a.proposalId);
      if (!p) reject('NOT_FOUND', `no proposal ${a.proposalId}`);
      if (p.status !== 'submitted') reject('WRONG_PHASE', `the proposal is ${p.status}`);
      const tally = tallies[p.proposalId];
      if (!tally && !opening.has(p.proposalId)) reject('WRONG_PHASE', 'voting on this proposal has not opened yet');
      if (tally?.voters.includes(a.actor.personId)) reject('ALREADY_DONE', 'you have already voted on this proposal');
      if (tally?.closed) reject('WRONG_PHASE', 'the council vote on this proposal is closed');
    },
    async (a) => {
      const p = find(a.proposalId)!;
      await condition(() => tallies[p.proposalId] !== undefined || p.status !== 'submitted');
      const t = tallies[p.proposalId];
      // Re-checked after the wait: a hold may have come, or a twin of this vote may have landed first.
      if (!t || p.status !== 'submitted') reject('WRONG_PHASE', `the proposal is ${p.status}`);
      if (t.voters.includes(a.actor.personId)) reject('ALREADY_DONE', 'you have already voted on this proposal');
      if (t.closed) reject('WRONG_PHASE', 'the council vote on this proposal is closed');
      t.voters.push(a.actor.personId);
      t.box.push({ choices: a.approve ? ['yes'] : [] });
      await acts.recordVoter({
        cycleId: input.cycleWorkflowId,
        contest: `council:${p.proposalId}`,
        round: p.attempts,
        voterKey: a.actor.personId,
      });
      // The last member's vote closes it: nothing is left to wait for.
      if (closesVotes && input.councilMemberIds.every((id) => t.voters.includes(id))) await fixVote(p, 'allVoted');
      return ok('council vote received');
    },
  );

  registerAct(
    processed,
    closeCouncilVote,
    c.CloseCouncilVoteSchema,
    (a) => {
      requireSecretary(a.actor);
      if (!closesVotes)
        reject('WRONG_PHASE', 'this review decides on the open tally (it started before votes were closed explicitly)');
      const p = find(a.proposalId);
      if (!p) reject('NOT_FOUND', `no proposal ${a.proposalId}`);
      if (p.status !== 'submitted') reject('WRONG_PHASE', `the proposal is ${p.status}`);
      const t = tallies[p.proposalId];
      if (!t) reject('WRONG_PHASE', 'voting on this proposal has not opened yet');
      if (t.closed) reject('ALREADY_DONE', 'the council vote on this proposal is already closed');
    },
    async (a) => {
      const p = find(a.proposalId)!;
      await fixVote(p, 'secretary', { personId: a.actor.personId, requestId: a.requestId });
      const r = tallies[p.proposalId]!.closed!;
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
    processed,
    decideProposal,
    c.CouncilDecisionSchema,
    (a) => {
      requireSecretary(a.actor);
      const p = find(a.proposalId);
      if (!p) reject('NOT_FOUND', `no proposal ${a.proposalId}`);
      if (p.status !== 'submitted') reject('WRONG_PHASE', `the proposal is ${p.status}`);
      // While the vote is open the validator lets the attempt through so that the handler records it
      // (a refused Update leaves no trace) and refuses it there, without a count.
      if (closesVotes && !tallies[p.proposalId]?.closed) return;
      if (a.decision === 'approve') {
        const v = closesVotes ? tallies[p.proposalId]!.closed! : yesShare(p);
        // After the close the result is published: the count may be named.
        if (!v.passes)
          reject('RULE_VIOLATION', `the council vote did not reach the threshold (${v.yes}/${v.base})`, {
            yes: v.yes,
            base: v.base,
          });
      }
    },
    async (a) => {
      const p = find(a.proposalId)!;
      if (closesVotes && !tallies[p.proposalId]?.closed) {
        await acts.audit({
          action: 'proposal.decision.refused',
          entity: 'proposal',
          entityId: p.proposalId,
          actorPersonId: a.actor.personId,
          after: { decision: a.decision, round: p.attempts, why: 'voteOpen' },
          workflowId,
          requestId: a.requestId,
        });
        reject(
          'WRONG_PHASE',
          'the council vote on this proposal is still open: a decision follows its close (this attempt is recorded)',
        );
      }
      if (!closesVotes) await closeVote(p);
      p.reason = a.reason;
      if (a.decision === 'approve') {
        const money = awardAmount(p.awardType, 'collective', a.decisionDate!);
        Object.assign(p, {
          status: 'approved',
          decisionNumber: a.decisionNumber,
          decisionDate: a.decisionDate,
          amountVnd: money.amountVnd,
        }); // voteShare stays the bloc's peer-vote share; the council's is in its round record
        await acts.recordDecision({
          cycleId: input.cycleWorkflowId,
          proposal: p,
          coefficient: money.coefficient,
          baseSalaryVnd: money.baseSalaryVnd,
        });
      } else {
        p.status = a.decision === 'return' ? 'returned' : 'rejected';
        delete tallies[p.proposalId]; // a resubmitted dossier is voted afresh
      }
      await persist(p);
      await acts.notify({
        dedupeKey: `${workflowId}:decision:${a.requestId}`,
        cycleId: input.cycleWorkflowId,
        unitIds: [input.headUnitId, p.unitId],
        kind: 'result',
        title: `Hội đồng Thi đua - Khen thưởng: ${p.status}`,
        body: a.reason ?? `Quyết định số ${a.decisionNumber} ngày ${a.decisionDate}.`,
      });
      await acts.audit({
        action: `proposal.${a.decision}`,
        entity: 'proposal',
        entityId: p.proposalId,
        actorPersonId: a.actor.personId,
        after: { status: p.status, reason: a.reason, decisionNumber: a.decisionNumber },
        workflowId,
        requestId: a.requestId,
      });
      return ok(`proposal ${p.status}`);
    },
  );

  registerAct(
    processed,
    resubmitProposal,
    c.ResubmitProposalSchema,
    (a) => {
      if (officialUnitOf(roster, a.actor) !== input.headUnitId)
        reject('FORBIDDEN', 'only the bloc head resubmits the bloc proposal');
      const p = find(a.proposalId);
      if (!p) reject('NOT_FOUND', `no proposal ${a.proposalId}`);
      if (p.status !== 'returned') reject('WRONG_PHASE', `the proposal is ${p.status}, not returned`);
    },
    async (a) => {
      const p = find(a.proposalId)!;
      Object.assign(p, {
        status: 'submitted',
        achievement: a.achievement,
        attempts: p.attempts + 1,
        reason: undefined,
      });
      await openVote(p);
      await persist(p);
      await acts.audit({
        action: 'proposal.resubmit',
        entity: 'proposal',
        entityId: p.proposalId,
        actorPersonId: a.actor.personId,
        workflowId,
        requestId: a.requestId,
      });
      return ok('proposal resubmitted');
    },
  );

  // ND 152/2025 Art. 4(4): a pending investigation puts the unit on hold, never rejects it.
  setHandler(holdChanged, ({ unitId, state }) => {
    for (const p of proposals.filter((x) => x.unitId === unitId && !TERMINAL.includes(x.status))) {
      if (state === 'onHold') p.status = 'onHold';
      else if (p.status === 'onHold') p.status = proposalStatusFor(state === 'cleared' ? 'none' : state);
    }
  });

  setHandler(rosterChanged, (raw) => {
    const parsed = RosterSchema.safeParse(raw);
    if (parsed.success) roster = parsed.data;
  });

  setHandler(getCouncil, (): CouncilView => {
    const statusCounts: CouncilView['statusCounts'] = {};
    for (const p of proposals) statusCounts[p.status] = (statusCounts[p.status] ?? 0) + 1;
    return {
      workflowId,
      done: proposals.every((p) => TERMINAL.includes(p.status)),
      statusCounts,
      proposals: proposals.map((p) => {
        const t = tallies[p.proposalId];
        // Counts only once the vote is closed (or, in reviews from before closing, never from this query).
        const r = t?.closed;
        return {
          ...p,
          voted: t?.voters.length ?? 0,
          voteClosed: r !== undefined,
          votesFor: r ? r.yes : null,
          votesAgainst: r ? r.no : null,
        };
      }),
    };
  });

  for (const p of proposals) if (p.status === 'submitted') opening.add(p.proposalId);
  for (const p of proposals) {
    if (p.status === 'submitted') await openVote(p);
    await persist(p);
  }
  const members = input.councilMemberIds;
  await acts.notify({
    dedupeKey: `${workflowId}:opened`,
    personIds: members,
    cycleId: input.cycleWorkflowId,
    kind: 'task',
    title: 'Hồ sơ đề nghị khen thưởng chờ Hội đồng xét',
    body: `${proposals.length} đề nghị của khối năm ${input.year}. Hạn: ${input.deadline}.`,
  });

  const allDone = () => proposals.every((p) => TERMINAL.includes(p.status));
  const deadline = Date.parse(input.deadline);
  for (const t of reminderTimes(deadline, input.reminderOffsetsSeconds, Date.now())) {
    if (await condition(allDone, Math.max(1, t - Date.now()))) break;
    await acts.notify({
      dedupeKey: `${workflowId}:reminder:${t}`,
      personIds: members,
      cycleId: input.cycleWorkflowId,
      kind: 'reminder',
      title: 'Nhắc hạn xét hồ sơ khen thưởng',
      body: `Hạn: ${input.deadline}.`,
    });
  }
  if (!(await condition(allDone, Math.max(1, deadline - Date.now())))) {
    // The council's deadline closes every vote still open: the secretary decides on the fixed results.
    if (closesVotes) for (const p of proposals.filter((x) => x.status === 'submitted')) await fixVote(p, 'deadline');
    await acts.notify({
      dedupeKey: `${workflowId}:escalation`,
      personIds: members,
      unitIds: [input.headUnitId],
      cycleId: input.cycleWorkflowId,
      kind: 'escalation',
      title: 'Quá hạn xét hồ sơ khen thưởng',
      body: 'Hội đồng chưa quyết định xong các đề nghị; hồ sơ vẫn được giữ nguyên để xét tiếp.',
    });
    await condition(allDone);
  }
  await condition(allHandlersFinished);
  return { proposals };
}
