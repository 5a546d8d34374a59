/** Workflow tests — council review: holds after the vote, returned proposals, a unit leaving mid-year. */
import { runToVoting, runVoting, waitFor, waitForPhase } from '../support/scenario';
import { useCycleHarness } from './harness';
import { getCouncil } from '../../workflows/messages';

jest.setTimeout(120_000);

const h = useCycleHarness(2070);

test('a unit put on hold after the vote is held, not rejected; then cleared — or disqualified', async () => {
  const { port, view } = await h.toCouncil();
  const flag = view.proposals.find((p) => p.awardType === 'emulation-flag')!;
  const cert = view.proposals.find((p) => p.awardType === 'certificate-of-merit')!;
  await port.act(h.cast.admin, '/holds', {
    unitId: flag.unitId,
    kind: 'complaint',
    reason: 'Đơn tố cáo đang được xác minh',
  });
  await port.act(h.cast.admin, '/holds', {
    unitId: cert.unitId,
    kind: 'investigation',
    reason: 'Đang thanh tra có dấu hiệu vi phạm',
  });
  const council = h.env.client.workflow.getHandle(`${view.workflowId}-council`);
  await waitFor('holds to reach the council', async () =>
    (await council.query(getCouncil)).proposals.filter((p) => p.status === 'onHold').length === 2 ? true : undefined,
  );
  // The reason goes to the held unit (and the council through the API), never to the acting head: it is told only that the unit is held.
  const reasons = ['Đơn tố cáo đang được xác minh', 'Đang thanh tra có dấu hiệu vi phạm'];
  const notes = await h.db.prisma.notification.findMany({
    where: { cycleId: view.workflowId, title: 'Tạm dừng xét khen thưởng' },
  });
  for (const [unitId, reason] of [
    [flag.unitId, reasons[0]!],
    [cert.unitId, reasons[1]!],
  ] as const)
    expect(notes.filter((n) => n.recipientUnitId === unitId).map((n) => n.body)).toContain(reason);
  // (Here the certificate's unit is the head itself: its own hold's reason is its own.)
  expect(flag.unitId).not.toBe(view.actingHeadUnitId);
  const toHead = notes.filter(
    (n) => n.recipientUnitId === view.actingHeadUnitId && n.dedupeKey.includes(`:hold:${flag.unitId}:`),
  );
  expect(toHead.length).toBe(1);
  expect({ body: toHead[0]!.body, leaks: toHead[0]!.body.includes(reasons[0]!) }).toEqual({
    body: expect.stringContaining('tạm dừng xét khen thưởng'),
    leaks: false,
  });
  await h.councilVotesYes(port, flag.proposalId).catch(() => undefined);
  const blocked = await h.rejection(
    port.act(h.cast.councilSecretary, '/council/decisions', {
      proposalId: flag.proposalId,
      decision: 'approve',
      decisionNumber: '01/QĐ-UBND',
      decisionDate: '2031-01-10',
    }),
  );
  expect(blocked.type).toBe('WRONG_PHASE');
  await port.act(h.cast.admin, '/holds/resolve', {
    unitId: flag.unitId,
    outcome: 'cleared',
    reason: 'Kết luận không vi phạm',
  });
  await port.act(h.cast.admin, '/holds/resolve', {
    unitId: cert.unitId,
    outcome: 'disciplined',
    reason: 'Kết luận có vi phạm, bị kỷ luật',
  });
  await waitFor('cleared', async () =>
    (await council.query(getCouncil)).proposals.find((p) => p.proposalId === flag.proposalId)?.status === 'submitted'
      ? true
      : undefined,
  );
  await h.councilVotesYes(port, flag.proposalId);
  await port.act(h.cast.councilSecretary, '/council/decisions', {
    proposalId: flag.proposalId,
    decision: 'approve',
    decisionNumber: '01/QĐ-UBND',
    decisionDate: '2031-01-10',
  });
  const state = await council.query(getCouncil);
  expect(state.proposals.find((p) => p.proposalId === flag.proposalId)!.status).toBe('approved');
  expect(state.proposals.find((p) => p.proposalId === cert.proposalId)!.status).toBe('disqualified');
  expect(await h.db.prisma.unitHold.count({ where: { unitId: cert.unitId, outcome: 'disciplined' } })).toBe(1);
});

test('a proposal returned by the council is resubmitted and then approved', async () => {
  const { port, view } = await h.toCouncil();
  const flag = view.proposals.find((p) => p.awardType === 'emulation-flag')!;
  await h.councilVotesYes(port, flag.proposalId);
  await port.act(h.cast.councilSecretary, '/council/decisions', {
    proposalId: flag.proposalId,
    decision: 'return',
    reason: 'Bổ sung báo cáo thành tích có xác nhận',
  });
  const head = h.cast.officerOf[view.actingHeadUnitId]!;
  // A returned proposal cannot be approved until resubmitted.
  expect(
    (
      await h.rejection(
        port.act(h.cast.councilSecretary, '/council/decisions', {
          proposalId: flag.proposalId,
          decision: 'approve',
          decisionNumber: '02/QĐ-UBND',
          decisionDate: '2031-01-20',
        }),
      )
    ).type,
  ).toBe('WRONG_PHASE');
  await port.act(head, '/council/resubmit', {
    proposalId: flag.proposalId,
    achievement: 'Báo cáo thành tích đã bổ sung xác nhận của cấp trình.',
  });
  // Votes start afresh on the resubmitted dossier: a new, open vote with nobody's vote in it yet —
  // approving now is refused until that vote closes (workflows/council.ts).
  expect(
    (
      await h.rejection(
        port.act(h.cast.councilSecretary, '/council/decisions', {
          proposalId: flag.proposalId,
          decision: 'approve',
          decisionNumber: '02/QĐ-UBND',
          decisionDate: '2031-01-20',
        }),
      )
    ).type,
  ).toBe('WRONG_PHASE');
  expect(
    (await h.env.client.workflow.getHandle(`${view.workflowId}-council`).query(getCouncil)).proposals.find(
      (p) => p.proposalId === flag.proposalId,
    ),
  ).toMatchObject({ attempts: 2, voted: 0, voteClosed: false });
  await h.councilVotesYes(port, flag.proposalId);
  await port.act(h.cast.councilSecretary, '/council/decisions', {
    proposalId: flag.proposalId,
    decision: 'approve',
    decisionNumber: '02/QĐ-UBND',
    decisionDate: '2031-01-20',
  });
  const stored = await h.db.prisma.proposal.findUniqueOrThrow({
    where: { id: flag.proposalId },
    include: { decision: true },
  });
  expect(stored).toMatchObject({ status: 'approved', attempts: 2 });
  expect(stored.decision?.decisionNumber).toBe('02/QĐ-UBND');
});

test('a unit leaving mid-year drops out of tasks, quorum and the vote', async () => {
  const { port, plan } = await h.startYear();
  const head = h.cast.officerOf[(await port.view()).actingHeadUnitId]!;
  await port.act(head, '/plan', { plan });
  await waitForPhase(port, 'pledge');
  const leaving = h.units['CT-THADS']!;
  await port.act(h.cast.admin, '/membership/leave', { unitId: leaving, reason: 'Sắp xếp tổ chức bộ máy, chuyển khối' });
  let view = await port.view();
  expect(view.units.find((u) => u.unitId === leaving)!.active).toBe(false);
  await runToVoting(port, h.cast, plan, { merit: h.merit().filter((id) => id !== leaving) });
  view = await runVoting(port, h.cast, { merit: h.merit().filter((id) => id !== leaving) });
  expect(view.contests[0]!.rounds[0]!.candidates).not.toContain(leaving);
  expect(view.units.filter((u) => u.active)).toHaveLength(6);
  expect(
    (await h.db.prisma.task.findFirstOrThrow({ where: { cycleId: view.workflowId, unitId: leaving, kind: 'pledge' } }))
      .status,
  ).toBe('cancelled');
});
