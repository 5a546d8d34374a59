/** Fast layer: the council step on the real workflow code with stubbed activities — a hold, a return. */
import { getCouncil } from '../../../workflows/messages';
import { runToVoting, runVoting, waitFor } from '../../support/scenario';
import { useStubbedCycle } from '../../support/stub-bloc';
import { rejection } from '../../support/workflow-port';

jest.setTimeout(60_000);

const h = useStubbedCycle(2070);

async function toCouncil() {
  const y = await h.startYear();
  await runToVoting(y.port, h.cast, y.plan, { merit: h.merit() });
  await runVoting(y.port, h.cast, { merit: h.merit() });
  const view = await waitFor('council', async () => {
    const v = await y.port.view();
    return v.councilWorkflowId ? v : undefined;
  });
  const council = h.env.client.workflow.getHandle(view.councilWorkflowId!);
  const flag = view.proposals.find((p) => p.awardType === 'emulation-flag')!;
  const votesYes = async () => {
    for (const m of h.cast.councilMembers)
      await y.port.act(m, '/council/votes', { proposalId: flag.proposalId, approve: true });
  };
  const statusOf = async () =>
    (await council.query(getCouncil)).proposals.find((p) => p.proposalId === flag.proposalId)?.status;
  /** Approve the flag with this decision: the act, and the refusal type when it is refused. */
  const approval = (decisionNumber: string, decisionDate: string) => {
    const body = { proposalId: flag.proposalId, decision: 'approve', decisionNumber, decisionDate };
    const send = () => y.port.act(h.cast.councilSecretary, '/council/decisions', body);
    return { send, refused: async () => (await rejection(send())).type };
  };
  return { ...y, view, council, flag, votesYes, statusOf, approval };
}

test('a hold after the vote: the council holds the proposal, the reason goes to the unit only; cleared, it is approved', async () => {
  const { port, view, flag, votesYes, workflowId, statusOf, approval } = await toCouncil();
  const reason = 'Đơn tố cáo đang được xác minh';
  await port.act(h.cast.admin, '/holds', { unitId: flag.unitId, kind: 'complaint', reason });
  await waitFor('the hold to reach the council', async () => ((await statusOf()) === 'onHold' ? true : undefined));
  expect(h.stub.inputs('recordHold')).toContainEqual(
    expect.objectContaining({ cycleId: workflowId, unitId: flag.unitId, reason }),
  );
  const holdNotes = h.stub.inputs('notify').filter((n) => n.dedupeKey.includes(`:hold:${flag.unitId}:`));
  expect(holdNotes.filter((n) => n.unitIds?.includes(flag.unitId)).map((n) => n.body)).toContain(reason);
  const toHead = holdNotes.filter((n) => n.unitIds?.includes(view.actingHeadUnitId));
  expect(toHead).toHaveLength(1);
  expect(toHead[0]!.body).not.toContain(reason);

  await votesYes().catch(() => undefined);
  const approve = approval('01/QĐ-UBND', '2071-01-10');
  expect(await approve.refused()).toBe('WRONG_PHASE');
  await port.act(h.cast.admin, '/holds/resolve', {
    unitId: flag.unitId,
    outcome: 'cleared',
    reason: 'Kết luận không vi phạm',
  });
  await waitFor('cleared', async () => ((await statusOf()) === 'submitted' ? true : undefined));
  await votesYes();
  await approve.send();
  expect(
    h.stub
      .inputs('recordHold')
      .filter((x) => x.unitId === flag.unitId)
      .map((x) => x.outcome),
  ).toEqual([undefined, 'cleared']);
  expect(
    h.stub
      .inputs('recordDecision')
      .filter((d) => d.proposal.proposalId === flag.proposalId)
      .at(-1),
  ).toMatchObject({
    proposal: { status: 'approved' },
  });
});

test('a proposal returned by the council: resubmitted, voted afresh, then approved', async () => {
  const { port, view, council, flag, votesYes, approval } = await toCouncil();
  await votesYes();
  await port.act(h.cast.councilSecretary, '/council/decisions', {
    proposalId: flag.proposalId,
    decision: 'return',
    reason: 'Bổ sung báo cáo thành tích có xác nhận',
  });
  const approve = approval('02/QĐ-UBND', '2071-01-20');
  expect(await approve.refused()).toBe('WRONG_PHASE');
  await port.act(h.cast.officerOf[view.actingHeadUnitId]!, '/council/resubmit', {
    proposalId: flag.proposalId,
    achievement: 'Báo cáo thành tích đã bổ sung xác nhận của cấp trình.',
  });
  expect((await council.query(getCouncil)).proposals.find((p) => p.proposalId === flag.proposalId)).toMatchObject({
    attempts: 2,
    voted: 0,
    voteClosed: false,
  });
  expect(await approve.refused()).toBe('WRONG_PHASE');
  await votesYes();
  await approve.send();
  // The head heard of the return; the decision recorded is the second attempt's.
  expect(h.stub.notificationsTo(view.actingHeadUnitId).some((n) => n.body.includes('Bổ sung báo cáo thành tích'))).toBe(
    true,
  );
  expect(
    h.stub
      .inputs('recordDecision')
      .filter((d) => d.proposal.proposalId === flag.proposalId)
      .at(-1),
  ).toMatchObject({
    proposal: { status: 'approved', attempts: 2 },
  });
});
