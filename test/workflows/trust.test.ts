/**
 * Workflow tests — the workflow's own records, not the Update payload, decide who may act
 * (issue 9): forged actors sent straight through the Temporal client are refused; the council's
 * secret vote leaks no count before it closes (the council-tally probe test). The council's deadline
 * and ballot rounds' closing: council-close.test.ts, round-close.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Actor } from '../../contracts/common';
import { waitForPhase } from '../support/scenario';
import * as m from '../../workflows/messages';
import { useCycleHarness } from './harness';

jest.setTimeout(180_000);

const h = useCycleHarness(2076);

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
const forge = (
  handle: { executeUpdate: (u: never, o: never) => Promise<unknown> },
  update: unknown,
  actor: Actor,
  body: Record<string, unknown>,
) => {
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
    expect(await refusal(forge(handle, m.publishPlan, { ...officer, unitId: head }, { plan }))).toMatchObject({
      type: 'FORBIDDEN',
    });
    expect(
      await refusal(
        forge(handle, m.publishPlan, { personId: randomUUID(), unitId: head, roles: ['unitOfficer'] }, { plan }),
      ),
    ).toMatchObject({ type: 'FORBIDDEN' });
    // A council member claiming admin or secretary: no membership change, no hold.
    expect(
      await refusal(
        forge(
          handle,
          m.changeMembership,
          { ...member, roles: ['admin'] },
          { unitId: h.units['CT-STP'], reason: 'Thử quyền quản trị' },
        ),
      ),
    ).toMatchObject({ type: 'FORBIDDEN' });
    expect(
      await refusal(
        forge(
          handle,
          m.putOnHold,
          { ...member, roles: ['councilSecretary'] },
          { unitId: h.units['CT-STP'], kind: 'complaint', reason: 'Thử quyền thư ký' },
        ),
      ),
    ).toMatchObject({ type: 'FORBIDDEN' });
    await port.act(h.cast.officerOf[head]!, '/plan', { plan });
    await waitForPhase(port, 'pledge');
    // An officer acting for ANOTHER member unit by claiming it.
    const pledge = { unitId: h.units['CT-STP'], targets: ['Hoàn thành nhiệm vụ'], signedBy: 'Thủ trưởng đơn vị' };
    expect(
      await refusal(forge(handle, m.submitPledge, { ...officer, unitId: h.units['CT-STP'] }, pledge)),
    ).toMatchObject({ type: 'FORBIDDEN' });
    // The real officers still act, and the real secretary and admin still hold and release.
    await port.act(h.cast.officerOf[h.units['CT-STP']!]!, '/pledges', pledge);
    await port.act(h.cast.councilSecretary, '/holds', {
      unitId: h.units['CT-STP'],
      kind: 'complaint',
      reason: 'Đơn tố cáo đang xác minh',
    });
    await port.act(h.cast.admin, '/holds/resolve', {
      unitId: h.units['CT-STP'],
      outcome: 'cleared',
      reason: 'Kết luận không vi phạm',
    });
    const view = await port.view();
    expect(view.units.find((u) => u.unitId === h.units['CT-STP'])).toMatchObject({ pledge: 'submitted', hold: 'none' });
  });

  test('the council refuses a member claiming to be its secretary, and a unit officer claiming the head unit', async () => {
    const { port, view, handle } = await h.toCouncil();
    const council = h.env.client.workflow.getHandle(`${view.workflowId}-council`);
    const flag = view.proposals.find((p) => p.awardType === 'emulation-flag')!;
    const member = await port.actorOf(h.cast.councilMembers[1]!);
    const officer = await port.actorOf(h.cast.officerOf[h.units['CT-TAND']!]!);
    expect(
      await refusal(
        forge(
          council,
          m.closeCouncilVote,
          { ...member, roles: ['councilMember', 'councilSecretary'] },
          { proposalId: flag.proposalId },
        ),
      ),
    ).toMatchObject({ type: 'FORBIDDEN' });
    expect(
      await refusal(
        forge(
          council,
          m.decideProposal,
          { ...member, roles: ['councilSecretary'] },
          { proposalId: flag.proposalId, decision: 'reject', reason: 'Thử quyền thư ký' },
        ),
      ),
    ).toMatchObject({ type: 'FORBIDDEN' });
    // Someone not seated on this council claiming to be a member.
    expect(
      await refusal(
        forge(
          council,
          m.castCouncilVote,
          { ...officer, roles: ['councilMember'] },
          { proposalId: flag.proposalId, approve: true },
        ),
      ),
    ).toMatchObject({ type: 'FORBIDDEN' });
    expect(
      await refusal(
        forge(
          council,
          m.resubmitProposal,
          { ...officer, unitId: view.actingHeadUnitId },
          { proposalId: flag.proposalId, achievement: 'Báo cáo thành tích bổ sung đầy đủ.' },
        ),
      ),
    ).toMatchObject({ type: 'FORBIDDEN' });
    void handle;
  });
});

describe('the council-tally probe test', () => {
  test('ballots cast one at a time, an approve tried after each: no count leaks before the close, every attempt is audited', async () => {
    const { port, view, year } = await h.toCouncil();
    const councilId = `${view.workflowId}-council`;
    const council = h.env.client.workflow.getHandle(councilId);
    const flag = view.proposals.find((p) => p.awardType === 'emulation-flag')!;
    const approve = {
      proposalId: flag.proposalId,
      decision: 'approve',
      decisionNumber: '01/QĐ-UBND',
      decisionDate: `${year + 1}-01-10`,
    };
    const answers: unknown[] = [];
    const probe = async () => {
      const r = await refusal(port.act(h.cast.councilSecretary, '/council/decisions', approve));
      answers.push(r);
      expect(r.type).toBe('WRONG_PHASE');
      expect(r.message).not.toMatch(/\d/);
      expect(r.details).toEqual([]);
      const q = (await council.query(m.getCouncil)).proposals.find((p) => p.proposalId === flag.proposalId)!;
      expect({ votesFor: q.votesFor, votesAgainst: q.votesAgainst, voteClosed: q.voteClosed }).toEqual({
        votesFor: null,
        votesAgainst: null,
        voteClosed: false,
      });
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
    answers.push(
      await refusal(
        port.act(h.cast.councilSecretary, '/council/decisions', {
          proposalId: flag.proposalId,
          decision: 'return',
          reason: 'Thử trả lại trước khi kết thúc',
        }),
      ),
    );
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
    const round = await h.db.prisma.votingRound.findFirstOrThrow({
      where: { cycleId: view.workflowId, contest: `council:${flag.proposalId}` },
    });
    expect(round.closedAt).toBeNull();
    expect(round.result).toBeNull();
    expect(await h.db.prisma.ballot.count({ where: { roundId: round.id } })).toBe(0);

    // The secretary closes the vote: the result is fixed and published; now the decision applies to it.
    const closed = await port.act(h.cast.councilSecretary, '/council/close-vote', { proposalId: flag.proposalId });
    expect(closed.data).toMatchObject({ yes: 3, no: 1, voted: 4, base: 5, passes: false });
    expect(
      (await refusal(port.act(h.cast.councilSecretary, '/council/close-vote', { proposalId: flag.proposalId }))).type,
    ).toBe('ALREADY_DONE');
    expect(
      (
        await refusal(
          port.act(h.cast.councilMembers[4]!, '/council/votes', { proposalId: flag.proposalId, approve: true }),
        )
      ).type,
    ).toBe('WRONG_PHASE');
    const failed = await refusal(port.act(h.cast.councilSecretary, '/council/decisions', approve));
    expect(failed).toMatchObject({
      type: 'RULE_VIOLATION',
      message: 'the council vote did not reach the threshold (3/5)',
    });
    const stored = await h.db.prisma.votingRound.findUniqueOrThrow({ where: { id: round.id } });
    expect(stored.closedAt).not.toBeNull();
    expect(stored.result).toMatchObject({ yes: 3, base: 5, passes: false });
    expect(
      await h.db.prisma.auditLog.count({
        where: { workflowId: councilId, action: 'proposal.vote.close', entityId: flag.proposalId },
      }),
    ).toBe(1);
    await port.act(h.cast.councilSecretary, '/council/decisions', {
      proposalId: flag.proposalId,
      decision: 'reject',
      reason: 'Không đạt 80% tổng số thành viên Hội đồng',
    });
    expect((await council.query(m.getCouncil)).proposals.find((p) => p.proposalId === flag.proposalId)).toMatchObject({
      status: 'rejected',
    });
  });
});
