/**
 * Workflow tests — the workflow's own records, not the Update payload, decide who may act
 * (issue 9): forged actors sent straight through the Temporal client are refused; the council's
 * secret vote leaks no count before it closes (the council-tally probe test); ballot rounds close
 * only when every present unit voted, at the deadline, or at the rule-set's early-close share.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Actor } from '../../contracts/common';
import { DAY, runToVoting, waitFor, waitForPhase } from '../../scripts/scenario';
import * as m from '../../workflows/messages';
import { useCycleHarness } from './harness';

jest.setTimeout(180_000);

const h = useCycleHarness(2110);

/** The failure of a refused act: its type, message and details (what the API puts in its answer). */
async function refusal(p: Promise<unknown>): Promise<{ type: string; message: string; details: unknown[] }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WorkflowUpdateFailedError) {
      const cause = e.cause as { type?: string; message: string; details?: unknown[] };
      return { type: cause.type ?? '?', message: cause.message, details: cause.details ?? [] };
    }
    throw e;
  }
  throw new Error('expected the act to be refused');
}

/** Sends an Update with whatever actor the caller makes up (no API in between). */
const forge = (handle: { executeUpdate: (u: never, o: never) => Promise<unknown> }, update: unknown, actor: Actor, body: Record<string, unknown>) => {
  const requestId = randomUUID();
  return handle.executeUpdate(update as never, { args: [{ ...body, requestId, actor }], updateId: requestId } as never);
};

describe('forged actors sent through the Temporal client', () => {
  test('a cycle refuses acts whose actor claims a unit, head-ness, admin or secretary it does not hold in its records', async () => {
    const { port, plan, handle, input } = await h.startYear();
    expect(input.roster?.officers.length).toBeGreaterThanOrEqual(7);
    const officer = await port.actorOf(h.cast.officerOf[h.units['CT-TAND']!]!);
    const member = await port.actorOf(h.cast.councilMembers[0]!);
    const head = input.headUnitId;
    // An ordinary unit's officer claiming the head unit publishes no plan; nor does a stranger.
    expect(await refusal(forge(handle, m.publishPlan, { ...officer, unitId: head }, { plan }))).toMatchObject({ type: 'FORBIDDEN' });
    expect(await refusal(forge(handle, m.publishPlan, { personId: randomUUID(), unitId: head, roles: ['unitOfficer'] }, { plan }))).toMatchObject({ type: 'FORBIDDEN' });
    // A council member claiming admin or secretary: no membership change, no hold.
    expect(await refusal(forge(handle, m.changeMembership, { ...member, roles: ['admin'] }, { unitId: h.units['CT-STP'], reason: 'Thử quyền quản trị' }))).toMatchObject({ type: 'FORBIDDEN' });
    expect(await refusal(forge(handle, m.putOnHold, { ...member, roles: ['councilSecretary'] }, { unitId: h.units['CT-STP'], kind: 'complaint', reason: 'Thử quyền thư ký' }))).toMatchObject({ type: 'FORBIDDEN' });
    await port.act(h.cast.officerOf[head]!, '/plan', { plan });
    await waitForPhase(port, 'pledge');
    // An officer acting for ANOTHER member unit by claiming it.
    const pledge = { unitId: h.units['CT-STP'], targets: ['Hoàn thành nhiệm vụ'], signedBy: 'Thủ trưởng đơn vị' };
    expect(await refusal(forge(handle, m.submitPledge, { ...officer, unitId: h.units['CT-STP'] }, pledge))).toMatchObject({ type: 'FORBIDDEN' });
    // The real officers still act, and the real secretary and admin still hold and release.
    await port.act(h.cast.officerOf[h.units['CT-STP']!]!, '/pledges', pledge);
    await port.act(h.cast.councilSecretary, '/holds', { unitId: h.units['CT-STP'], kind: 'complaint', reason: 'Đơn tố cáo đang xác minh' });
    await port.act(h.cast.admin, '/holds/resolve', { unitId: h.units['CT-STP'], outcome: 'cleared', reason: 'Kết luận không vi phạm' });
    const view = await port.view();
    expect(view.units.find((u) => u.unitId === h.units['CT-STP'])).toMatchObject({ pledge: 'submitted', hold: 'none' });
  });

  test('the council refuses a member claiming to be its secretary, and a unit officer claiming the head unit', async () => {
    const { port, view, handle } = await h.toCouncil();
    const council = h.env.client.workflow.getHandle(`${view.workflowId}-council`);
    const flag = view.proposals.find((p) => p.awardType === 'emulation-flag')!;
    const member = await port.actorOf(h.cast.councilMembers[1]!);
    const officer = await port.actorOf(h.cast.officerOf[h.units['CT-TAND']!]!);
    expect(await refusal(forge(council, m.closeCouncilVote, { ...member, roles: ['councilMember', 'councilSecretary'] }, { proposalId: flag.proposalId }))).toMatchObject({ type: 'FORBIDDEN' });
    expect(await refusal(forge(council, m.decideProposal, { ...member, roles: ['councilSecretary'] }, { proposalId: flag.proposalId, decision: 'reject', reason: 'Thử quyền thư ký' }))).toMatchObject({ type: 'FORBIDDEN' });
    // Someone not seated on this council claiming to be a member.
    expect(await refusal(forge(council, m.castCouncilVote, { ...officer, roles: ['councilMember'] }, { proposalId: flag.proposalId, approve: true }))).toMatchObject({ type: 'FORBIDDEN' });
    expect(await refusal(forge(council, m.resubmitProposal, { ...officer, unitId: view.actingHeadUnitId }, { proposalId: flag.proposalId, achievement: 'Báo cáo thành tích bổ sung đầy đủ.' }))).toMatchObject({ type: 'FORBIDDEN' });
    void handle;
  });
});

describe('the council-tally probe test', () => {
  test('ballots cast one at a time, an approve tried after each: no count leaks before the close, every attempt is audited', async () => {
    const { port, view } = await h.toCouncil();
    const councilId = `${view.workflowId}-council`;
    const council = h.env.client.workflow.getHandle(councilId);
    const flag = view.proposals.find((p) => p.awardType === 'emulation-flag')!;
    const approve = { proposalId: flag.proposalId, decision: 'approve', decisionNumber: '01/QĐ-UBND', decisionDate: '2111-01-10' };
    const answers: unknown[] = [];
    const probe = async () => {
      const r = await refusal(port.act(h.cast.councilSecretary, '/council/decisions', approve));
      answers.push(r);
      expect(r.type).toBe('WRONG_PHASE');
      expect(r.message).not.toMatch(/\d/);
      expect(r.details).toEqual([]);
      const q = (await council.query(m.getCouncil)).proposals.find((p) => p.proposalId === flag.proposalId)!;
      expect({ votesFor: q.votesFor, votesAgainst: q.votesAgainst, voteClosed: q.voteClosed }).toEqual({ votesFor: null, votesAgainst: null, voteClosed: false });
    };
    // 5 members; the flag needs 4 "yes" of all 5. Votes: yes, no, yes, yes — probing before and after each.
    const members = h.cast.councilMembers.slice(0, 4);
    const choices = [true, false, true, true];
    await probe();
    for (const [i, member] of members.entries()) {
      const answer = await port.act(member, '/council/votes', { proposalId: flag.proposalId, approve: choices[i] });
      expect(answer).toEqual({ ok: true, message: 'council vote received' });
      await probe();
    }
    // Returning or rejecting before the close is refused alike (a decision applies to the closed result).
    answers.push(await refusal(port.act(h.cast.councilSecretary, '/council/decisions', { proposalId: flag.proposalId, decision: 'return', reason: 'Thử trả lại trước khi kết thúc' })));
    const probes = answers.length;
    expect(JSON.stringify(answers)).not.toMatch(/\d/);

    // Nothing the workflow wrote before the close names a count: audit rows, notifications, the round.
    const auditBefore = await h.db.prisma.auditLog.findMany({ where: { workflowId: councilId } });
    const refused = auditBefore.filter((a) => a.action === 'proposal.decision.refused');
    expect(refused).toHaveLength(probes);
    const secretary = await port.actorOf(h.cast.councilSecretary);
    for (const a of refused) {
      expect(a).toMatchObject({ entity: 'proposal', entityId: flag.proposalId, actorPersonId: secretary.personId });
      expect(Object.keys(a.after as object).sort()).toEqual(['decision', 'round', 'why']);
    }
    const countKeys = /"(yes|no|base|share|passes|votesFor|votesAgainst)"/;
    for (const a of auditBefore) expect(JSON.stringify([a.before, a.after])).not.toMatch(countKeys);
    const round = await h.db.prisma.votingRound.findFirstOrThrow({ where: { cycleId: view.workflowId, contest: `council:${flag.proposalId}` } });
    expect(round.closedAt).toBeNull();
    expect(round.result).toBeNull();
    expect(await h.db.prisma.ballot.count({ where: { roundId: round.id } })).toBe(0);

    // The secretary closes the vote: the result is fixed and published; now the decision applies to it.
    const closed = await port.act(h.cast.councilSecretary, '/council/close-vote', { proposalId: flag.proposalId });
    expect(closed.data).toMatchObject({ yes: 3, no: 1, voted: 4, base: 5, passes: false });
    expect((await refusal(port.act(h.cast.councilSecretary, '/council/close-vote', { proposalId: flag.proposalId }))).type).toBe('ALREADY_DONE');
    expect((await refusal(port.act(h.cast.councilMembers[4]!, '/council/votes', { proposalId: flag.proposalId, approve: true }))).type).toBe('WRONG_PHASE');
    const failed = await refusal(port.act(h.cast.councilSecretary, '/council/decisions', approve));
    expect(failed).toMatchObject({ type: 'RULE_VIOLATION', message: 'the council vote did not reach the threshold (3/5)' });
    const stored = await h.db.prisma.votingRound.findUniqueOrThrow({ where: { id: round.id } });
    expect(stored.closedAt).not.toBeNull();
    expect(stored.result).toMatchObject({ yes: 3, base: 5, passes: false });
    expect(await h.db.prisma.auditLog.count({ where: { workflowId: councilId, action: 'proposal.vote.close', entityId: flag.proposalId } })).toBe(1);
    await port.act(h.cast.councilSecretary, '/council/decisions', { proposalId: flag.proposalId, decision: 'reject', reason: 'Không đạt 80% tổng số thành viên Hội đồng' });
    expect((await council.query(m.getCouncil)).proposals.find((p) => p.proposalId === flag.proposalId)).toMatchObject({ status: 'rejected' });
  });

  test("the last member's vote closes the vote; the council's deadline closes the rest", async () => {
    const { port, view, plan } = await h.toCouncil();
    const council = h.env.client.workflow.getHandle(`${view.workflowId}-council`);
    const [flag, cert] = [view.proposals.find((p) => p.awardType === 'emulation-flag')!, view.proposals.find((p) => p.awardType === 'certificate-of-merit')!];
    await h.councilVotesYes(port, flag.proposalId);
    const q = (await council.query(m.getCouncil)).proposals.find((p) => p.proposalId === flag.proposalId)!;
    expect(q).toMatchObject({ voteClosed: true, votesFor: 5, votesAgainst: 0 });
    await port.act(h.cast.councilSecretary, '/council/decisions', { proposalId: flag.proposalId, decision: 'approve', decisionNumber: '01/QĐ-UBND', decisionDate: '2114-01-10' });
    // Two of five vote on the certificate; the deadline passes; the result (2 of 2 present) is fixed.
    for (const member of h.cast.councilMembers.slice(0, 2)) await port.act(member, '/council/votes', { proposalId: cert.proposalId, approve: true });
    expect((await refusal(port.act(h.cast.councilSecretary, '/council/decisions', { proposalId: cert.proposalId, decision: 'approve', decisionNumber: '02/QĐ-UBND', decisionDate: '2114-01-10' }))).type).toBe('WRONG_PHASE');
    await port.sleep(Date.parse(plan.deadlines.council) - (await h.env.currentTimeMs()) + DAY);
    await waitFor('the deadline to close the vote', async () => (await council.query(m.getCouncil)).proposals.find((p) => p.proposalId === cert.proposalId)?.voteClosed || undefined);
    expect((await refusal(port.act(h.cast.councilMembers[2]!, '/council/votes', { proposalId: cert.proposalId, approve: false }))).type).toBe('WRONG_PHASE');
    await port.act(h.cast.councilSecretary, '/council/decisions', { proposalId: cert.proposalId, decision: 'approve', decisionNumber: '02/QĐ-UBND', decisionDate: '2114-01-10' });
    const round = await h.db.prisma.votingRound.findFirstOrThrow({ where: { cycleId: view.workflowId, contest: `council:${cert.proposalId}` } });
    expect(round.result).toMatchObject({ yes: 2, base: 2, passes: true });
  });
});

describe('closing a ballot round', () => {
  test('not after one ballot; when every present unit voted; at the deadline', async () => {
    // Without an early-close share in the rule-set (the default).
    const { port, plan } = await h.startYear((i) => ({ ...i, ruleSet: { ...i.ruleSet, voting: { ...i.ruleSet.voting, earlyClose: undefined }, quotas: { ...i.ruleSet.quotas, certificateOfMerit: 0 } } }));
    await runToVoting(port, h.cast, plan, { merit: h.merit() });
    const v = await port.view();
    const head = h.cast.officerOf[v.actingHeadUnitId]!;
    const all = Object.values(h.units);
    await port.act(head, '/meeting', { presentUnitIds: all });
    await waitFor('leader round', async () => ((await port.view()).contests[0]?.status === 'open' ? true : undefined));
    const voter = h.units['CT-STP']!;
    await port.act(h.cast.officerOf[voter]!, '/ballots', { unitId: voter, contest: 'leader', round: 1, choices: [h.units['CT-TTR']] });
    const early = await refusal(port.act(head, '/rounds/close', { contest: 'leader', round: 1 }));
    expect(early).toMatchObject({ type: 'RULE_VIOLATION', message: 'the round closes when every present unit has voted or at the voting deadline' });
    expect((await port.view()).contests[0]).toMatchObject({ status: 'open', round: 1, votedCount: 1 });
    // The deadline closes the round with the one ballot in it.
    await port.sleep(Date.parse(plan.deadlines.voting) - (await h.env.currentTimeMs()) + DAY);
    const after = await waitFor('the deadline to close the round', async () => {
      const now = await port.view();
      return now.contests[0]?.status === 'decided' ? now : undefined;
    });
    expect(after.contests[0]!.rounds[0]).toMatchObject({ round: 1, validBallots: 1 });
    expect(after.contests[0]).toMatchObject({ noWinnerReason: 'deadline' });
  });

  test("the rule-set's early-close share: refused below it, accepted from it; every present unit voting closes the round", async () => {
    const { port, plan, input } = await h.startYear((i) => ({ ...i, ruleSet: { ...i.ruleSet, quotas: { ...i.ruleSet.quotas, certificateOfMerit: 0 } } }));
    expect(input.ruleSet.voting?.earlyClose).toEqual({ ratio: 2 / 3, base: 'present', strict: false });
    await runToVoting(port, h.cast, plan, { merit: h.merit() });
    const v = await port.view();
    const head = h.cast.officerOf[v.actingHeadUnitId]!;
    const all = Object.values(h.units);
    await port.act(head, '/meeting', { presentUnitIds: all });
    await waitFor('leader round', async () => ((await port.view()).contests[0]?.status === 'open' ? true : undefined));
    const target = h.units['CT-TTR']!;
    const voters = all.filter((u) => u !== target);
    for (const [i, voter] of voters.slice(0, 4).entries()) {
      await port.act(h.cast.officerOf[voter]!, '/ballots', { unitId: voter, contest: 'leader', round: 1, choices: [target] });
      expect({ after: i + 1, ...(await refusal(port.act(head, '/rounds/close', { contest: 'leader', round: 1 }))) }).toMatchObject({ after: i + 1, type: 'RULE_VIOLATION', message: 'the round closes when every present unit has voted, at the voting deadline, or once 5 of 7 units have voted' });
    }
    await port.act(h.cast.officerOf[voters[4]!]!, '/ballots', { unitId: voters[4], contest: 'leader', round: 1, choices: [target] });
    await port.act(head, '/rounds/close', { contest: 'leader', round: 1 });
    const closed = await waitFor('round 1 counted', async () => {
      const now = await port.view();
      return now.contests[0]!.rounds.length === 1 ? now : undefined;
    });
    expect(closed.contests[0]!.rounds[0]).toMatchObject({ validBallots: 5 });
    // Round 2: every present unit votes and the round closes by itself, without the head.
    await waitFor('leader round 2', async () => ((await port.view()).contests[0]!.round === 2 && (await port.view()).contests[0]!.status === 'open' ? true : undefined));
    for (const voter of all) await port.act(h.cast.officerOf[voter]!, '/ballots', { unitId: voter, contest: 'leader', round: 2, choices: [voter === target ? h.units['CT-CA'] : target] });
    const done = await waitFor('leader decided', async () => {
      const now = await port.view();
      return now.contests[0]!.status === 'decided' ? now : undefined;
    });
    expect(done.contests[0]).toMatchObject({ winners: [target], decidedBy: 'ballot' });
    expect(done.contests[0]!.rounds[1]).toMatchObject({ validBallots: 7 });
  });
});
