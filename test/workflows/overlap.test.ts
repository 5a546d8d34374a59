/**
 * Overlapping years (issue 12) on the time-skipping server with real activities: every ordering of
 * "year N+1 started by hand" and "year N's handover starts N+1" ends with every workflow COMPLETED (or
 * N+1 running), N's projection closed, N+1 chaired by the head and deputy N elected, and the bloc's
 * head and deputy in the database updated.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { buildCycleInput } from '../../api/cycle-input';
import { cycleWorkflowId } from '../../contracts/cycle';
import type { CycleResult } from '../../workflows/cycle';
import { DAY, planFor, runCouncilAndHandover, waitFor } from '../support/scenario';
import { workflowPort } from '../support/workflow-port';
import { useCycleHarness } from './harness';

jest.setTimeout(150_000);

const h = useCycleHarness(2040);

/** Starts year `year` by hand, as POST /api/blocs/{id}/cycles does, as the bloc's head in the registry. */
async function startByHand(year: number) {
  const bloc = await h.db.prisma.bloc.findUniqueOrThrow({ where: { id: h.blocId } });
  const head = await h.db.prisma.person.findUniqueOrThrow({ where: { username: h.cast.officerOf[bloc.headUnitId!]! } });
  const input = await buildCycleInput(h.db, h.blocId, year, head.id);
  const workflowId = cycleWorkflowId(input.blocCode, year);
  return h.env.client.workflow.start('blocCycleWorkflow', { taskQueue: h.taskQueue, workflowId, args: [input] });
}

const statusOf = async (workflowId: string) =>
  (await h.env.client.workflow.getHandle(workflowId).describe()).status.name;

/** What every ordering must end with. */
async function expectHandedOver(workflowId: string, year: number, result: CycleResult) {
  const handover = await h.db.prisma.auditLog.findFirstOrThrow({ where: { workflowId, action: 'handover.record' } });
  expect(handover.after).toMatchObject({ head: result.nextHead, deputy: result.nextDeputy });
  expect((handover.after as { adoption?: unknown }).adoption ?? { adopted: true, message: '' }).toEqual({
    adopted: true,
    message: expect.any(String),
  });
  expect(await statusOf(workflowId)).toBe('COMPLETED');
  expect(await statusOf(`${workflowId}-council`)).toBe('COMPLETED');
  const nextId = cycleWorkflowId('CT-NOICHINH', year + 1);
  expect(result.nextYearWorkflowId).toBe(nextId);
  expect(await statusOf(nextId)).toBe('RUNNING');
  const next = workflowPort(h.env, h.db, nextId);
  const view = await waitFor('N+1 to take the elected head', async () => {
    const v = await next.view();
    return v.headUnitId === result.nextHead ? v : undefined;
  });
  expect(view).toMatchObject({
    year: year + 1,
    headUnitId: result.nextHead,
    deputyUnitId: result.nextDeputy,
    actingHeadUnitId: result.nextHead,
  });
  const closed = await h.db.prisma.cycle.findUniqueOrThrow({ where: { id: workflowId } });
  expect(closed.phase).toBe('closed');
  expect(closed.closedAt).not.toBeNull();
  expect(closed.result).toMatchObject({ nextHead: result.nextHead, nextDeputy: result.nextDeputy });
  const bloc = await h.db.prisma.bloc.findUniqueOrThrow({ where: { id: h.blocId } });
  expect({ head: bloc.headUnitId, deputy: bloc.deputyUnitId }).toEqual({
    head: result.nextHead,
    deputy: result.nextDeputy,
  });
  const projected = await waitFor('N+1 projection', async () => {
    const c = await h.db.prisma.cycle.findUnique({ where: { id: nextId } });
    return c?.headUnitId === result.nextHead ? c : undefined;
  });
  expect(projected.deputyUnitId).toBe(result.nextDeputy);
  return next;
}

/** Years these tests start by hand or by handover: terminated after each test so no timers run into later time skips. */
const nextYears: string[] = [];
afterEach(async () => {
  for (const id of nextYears.splice(0))
    await h.env.client.workflow
      .getHandle(id)
      .terminate('test finished')
      .catch(() => undefined);
});

test('N+1 started by hand during N’s council review: N’s handover hands it the elected head and deputy', async () => {
  const { handle, port, workflowId, year } = await h.toCouncil();
  nextYears.push(cycleWorkflowId('CT-NOICHINH', year + 1));
  const before = await h.db.prisma.bloc.findUniqueOrThrow({ where: { id: h.blocId } });
  const byHand = await startByHand(year + 1);
  expect((await workflowPort(h.env, h.db, byHand.workflowId).view()).headUnitId).toBe(before.headUnitId);

  await runCouncilAndHandover(port, h.cast, { decisionDate: `${year + 1}-01-15` });
  const result = (await handle.result()) as CycleResult;
  await h.recordHistory(handle); // the adoption path: the child start refused, the adoptNextYear activity
  const next = await expectHandedOver(workflowId, year, result);
  // The same execution (not a second one) now has the elected head: the new head publishes, the old one may not.
  expect((await byHand.describe()).runId).toBe(byHand.firstExecutionRunId);
  const adopt = await h.db.prisma.auditLog.findFirstOrThrow({
    where: { workflowId: byHand.workflowId, action: 'handover.adopt' },
  });
  expect(adopt.after).toMatchObject({ headUnitId: result.nextHead, fromWorkflowId: workflowId });
  const handover = await h.db.prisma.auditLog.findFirstOrThrow({ where: { workflowId, action: 'handover.record' } });
  expect(handover.after).toMatchObject({ adoption: { adopted: true } });
  if (before.headUnitId !== result.nextHead) {
    const old = await h.rejection(
      next.act(h.cast.officerOf[before.headUnitId!]!, '/plan', { plan: await planOf(year + 1) }),
    );
    expect(old.type).toBe('FORBIDDEN');
  }
  const ok = await next.act(h.cast.officerOf[result.nextHead!]!, '/plan', { plan: await planOf(year + 1) });
  expect(ok.ok).toBe(true);
});

test('N’s handover starts N+1; a later start by hand is refused as already started, nothing fails', async () => {
  const { handle, port, workflowId, year } = await h.toCouncil();
  nextYears.push(cycleWorkflowId('CT-NOICHINH', year + 1));
  await runCouncilAndHandover(port, h.cast, { decisionDate: `${year + 1}-01-15` });
  const result = (await handle.result()) as CycleResult;
  await expectHandedOver(workflowId, year, result);
  await expect(startByHand(year + 1)).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
  expect(await statusOf(cycleWorkflowId('CT-NOICHINH', year + 1))).toBe('RUNNING');
});

test('the start by hand and the handover at the same moment: either wins, both years go on', async () => {
  const { handle, port, workflowId, year } = await h.toCouncil();
  nextYears.push(cycleWorkflowId('CT-NOICHINH', year + 1));
  const view = await port.view();
  for (const p of view.proposals) {
    await h.councilVotesYes(port, p.proposalId);
    await port.act(h.cast.councilSecretary, '/council/decisions', {
      proposalId: p.proposalId,
      decision: 'approve',
      decisionNumber: '01/QĐ-UBND',
      decisionDate: `${year + 1}-01-15`,
    });
  }
  const [hand] = await Promise.allSettled([
    startByHand(year + 1),
    port.act(h.cast.officerOf[view.actingHeadUnitId]!, '/handover', {}),
  ]);
  if (hand.status === 'rejected') expect(hand.reason).toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
  const result = (await handle.result()) as CycleResult;
  await expectHandedOver(workflowId, year, result);
});

test('N+1 started by hand and cancelled: N’s handover starts it afresh with the elected head', async () => {
  const { handle, port, workflowId, year } = await h.toCouncil();
  nextYears.push(cycleWorkflowId('CT-NOICHINH', year + 1));
  const byHand = await startByHand(year + 1);
  const first = workflowPort(h.env, h.db, byHand.workflowId);
  await first.act(h.cast.admin, '/cancel', { reason: 'khởi tạo nhầm trước hội nghị tổng kết' });
  const cancelled = (await byHand.result()) as CycleResult;
  expect(cancelled.status).toBe('cancelled');
  expect(await statusOf(byHand.workflowId)).toBe('COMPLETED');
  await h.recordHistory(byHand); // a cancelled year

  await runCouncilAndHandover(port, h.cast, { decisionDate: `${year + 1}-01-15` });
  const result = (await handle.result()) as CycleResult;
  await expectHandedOver(workflowId, year, result);
});

const planOf = async (year: number) => planFor(year, await h.env.currentTimeMs(), 30 * DAY);
