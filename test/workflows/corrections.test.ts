/**
 * Corrections on the time-skipping server with real activities (issue 12): a re-opened pledge whose new
 * deadline passes marks the unit late again; a year cancelled in its vote completes as cancelled.
 */
import { DAY, pledgeAndAccept, runToVoting, waitForPhase } from '../support/scenario';
import type { CycleResult } from '../../workflows/cycle';
import { useCycleHarness } from './harness';

jest.setTimeout(120_000);

const h = useCycleHarness(2060);

test('a re-opened pledge: the late mark is lifted, and comes back when the new deadline passes unpledged', async () => {
  const { port, plan, workflowId } = await h.startYear();
  const v0 = await port.view();
  const head = h.cast.officerOf[v0.actingHeadUnitId]!;
  await port.act(head, '/plan', { plan });
  await waitForPhase(port, 'pledge');
  const [late = '', ...others] = v0.units.map((u) => u.unitId).filter((u) => u !== v0.actingHeadUnitId);
  await pledgeAndAccept(port, h.cast, head, [v0.actingHeadUnitId, ...others]);
  await port.sleep(31 * DAY);
  const v1 = await waitForPhase(port, 'midYear');
  expect(v1.units.find((u) => u.unitId === late)!.late).toEqual(['pledge']);

  const until = new Date((await h.env.currentTimeMs()) + 5 * DAY).toISOString();
  const refused = await h.rejection(
    port.act(head, '/deadlines/reopen', { phase: 'pledge', newDeadline: until, unitIds: [others[0]], reason: 'thử' }),
  );
  expect(refused.type).toBe('ALREADY_DONE');
  await port.act(head, '/deadlines/reopen', { phase: 'pledge', newDeadline: until, reason: 'Sự cố đường truyền' });
  expect((await port.view()).units.find((u) => u.unitId === late)!.late).toEqual([]);
  const task = () =>
    h.db.prisma.task.findFirstOrThrow({ where: { cycleId: workflowId, unitId: late, kind: 'pledge' } });
  expect(await task()).toMatchObject({ status: 'open', dueAt: new Date(until) });

  await port.sleep(6 * DAY);
  expect((await port.view()).units.find((u) => u.unitId === late)!.late).toEqual(['pledge']);
  expect((await task()).status).toBe('late');
  const refusedLate = await h.rejection(
    port.act(h.cast.officerOf[late]!, '/pledges', { unitId: late, targets: ['Hoàn thành'], signedBy: 'Thủ trưởng' }),
  );
  expect(refusedLate.type).toBe('WRONG_PHASE');
});

test('a year cancelled during its vote completes as cancelled; after the vote it may not be', async () => {
  const { handle, port, plan } = await h.startYear();
  await runToVoting(port, h.cast, plan, { merit: h.merit() });
  const refused = await h.rejection(port.act(h.cast.officerOf[h.merit()[3]!]!, '/cancel', { reason: 'thử hủy' }));
  expect(refused.type).toBe('FORBIDDEN');
  await port.act(h.cast.councilSecretary, '/cancel', { reason: 'Khối giải thể theo quyết định của UBND tỉnh' });
  const result = (await handle.result()) as CycleResult;
  expect(result).toMatchObject({ status: 'cancelled', nextYearWorkflowId: null });
  expect((await handle.describe()).status.name).toBe('COMPLETED');

  const { port: next } = await h.toCouncil();
  const late = await h.rejection(next.act(h.cast.admin, '/cancel', { reason: 'quá muộn để hủy' }));
  expect(late.type).toBe('WRONG_PHASE');
});
