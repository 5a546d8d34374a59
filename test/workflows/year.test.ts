/** Workflow tests — a whole year for the Cần Thơ bloc on the time-skipping server, deadlines, extensions and duplicates. */
import { randomUUID } from 'node:crypto';
import { cycleWorkflowId } from '../../contracts/cycle';
import {
  DAY,
  REAL_TIME_STEP_MS,
  planFor,
  pledgeAndAccept,
  runCouncilAndHandover,
  runToVoting,
  runVoting,
  waitFor,
  waitForPhase,
} from '../support/scenario';
import type { CycleResult } from '../../workflows/cycle';
import { workflowPort } from '../support/workflow-port';
import { useCycleHarness } from './harness';

jest.setTimeout(120_000);
// The late-unit tests once hung under load in a 31-day time skip taken right after many Updates (the skip never
// returned); they now let their deadlines pass in real time. One retry, with the first error logged, stays as a guard.
jest.retryTimes(1, { logErrorsBeforeRetry: true });

const h = useCycleHarness(2030);

test('a late unit is flagged, penalised and escalated to the head when the pledge deadline passes', async () => {
  const { port, year } = await h.startYear();
  // Deadlines seconds ahead on the server's clock, which runs at real speed while the test does not skip time: they
  // pass without a time skip (a skip right after many Updates could stall on a loaded machine: the late-unit hang).
  const plan = planFor(year, await h.env.currentTimeMs(), REAL_TIME_STEP_MS, [10]);
  const head = h.cast.officerOf[(await port.view()).actingHeadUnitId]!;
  await port.act(head, '/plan', { plan });
  await waitForPhase(port, 'pledge');
  const late = h.units['CT-THADS']!;
  await pledgeAndAccept(
    port,
    h.cast,
    head,
    Object.values(h.units).filter((id) => id !== late),
  );
  const view = await waitForPhase(port, 'midYear', 2 * REAL_TIME_STEP_MS);
  const lateUnit = view.units.find((u) => u.unitId === late)!;
  expect(lateUnit.late).toEqual(['pledge']);
  expect(lateUnit.penaltyPoints).toBeGreaterThan(0);
  const task = await h.db.prisma.task.findFirstOrThrow({
    where: { cycleId: view.workflowId, unitId: late, kind: 'pledge' },
  });
  expect(task.status).toBe('late');
  expect(task.remindersSent).toBeGreaterThanOrEqual(1);
  expect(
    await h.db.prisma.notification.count({
      where: { cycleId: view.workflowId, kind: 'escalation', recipientUnitId: view.actingHeadUnitId },
    }),
  ).toBe(1);
  expect(
    await h.db.prisma.notification.count({
      where: { cycleId: view.workflowId, kind: 'reminder', recipientUnitId: late },
    }),
  ).toBeGreaterThanOrEqual(1);
  // After the deadline the unit can no longer pledge.
  const rejected = await h.rejection(
    port.act(h.cast.officerOf[late]!, '/pledges', { unitId: late, targets: ['x'], signedBy: 'Thủ trưởng' }),
  );
  expect(rejected.type).toBe('WRONG_PHASE');
}, 120_000);

test('the head extends a deadline: the phase stays open past the old date', async () => {
  const { port, plan } = await h.startYear();
  const head = h.cast.officerOf[(await port.view()).actingHeadUnitId]!;
  await port.act(head, '/plan', { plan });
  await waitForPhase(port, 'pledge');
  const newDeadline = new Date(Date.parse(plan.deadlines.pledge) + 10 * DAY).toISOString();
  await port.act(head, '/deadlines/extend', { phase: 'pledge', newDeadline, reason: 'Chờ đơn vị kiện toàn lãnh đạo' });
  await port.sleep(33 * DAY);
  let view = await port.view();
  expect(view.phase).toBe('pledge');
  expect(view.deadlines!.pledge).toBe(newDeadline);
  await port.sleep(10 * DAY);
  view = await waitForPhase(port, 'midYear');
  expect(view.units.every((u) => u.late.includes('pledge'))).toBe(true);
  // An extension to before the current deadline is refused.
  const rejected = await h.rejection(
    port.act(head, '/deadlines/extend', {
      phase: 'midYear',
      newDeadline: new Date(Date.parse(plan.deadlines.midYear) - DAY).toISOString(),
      reason: 'thử rút ngắn',
    }),
  );
  expect(rejected.type).toBe('VALIDATION');
});

test('a duplicate submission is answered once; a second pledge with a new request id is refused', async () => {
  const { port, plan, workflowId } = await h.startYear();
  const head = h.cast.officerOf[(await port.view()).actingHeadUnitId]!;
  await port.act(head, '/plan', { plan });
  await waitForPhase(port, 'pledge');
  const unitId = h.units['CT-CA']!;
  const requestId = randomUUID();
  const body = { unitId, targets: ['Kéo giảm tội phạm'], signedBy: 'Giám đốc' };
  const first = await port.act(h.cast.officerOf[unitId]!, '/pledges', body, requestId);
  const again = await port.act(h.cast.officerOf[unitId]!, '/pledges', body, requestId);
  expect(again).toEqual(first);
  expect(await h.db.prisma.submission.count({ where: { cycleId: workflowId, unitId, kind: 'pledge' } })).toBe(1);
  const rejected = await h.rejection(port.act(h.cast.officerOf[unitId]!, '/pledges', body));
  expect(rejected.type).toBe('ALREADY_DONE');
  // Wrong unit: an officer cannot pledge for another unit.
  const other = h.units['CT-STP']!;
  expect((await h.rejection(port.act(h.cast.officerOf[unitId]!, '/pledges', { ...body, unitId: other }))).type).toBe(
    'FORBIDDEN',
  );
});

// Last: its handover leaves next year's workflow running, which can hold the time-skipping clock for the
// tests that sleep past a deadline (the late-unit hang noted in issue 10's closing note).
test('a whole year for the Cần Thơ 7-unit bloc, from launch to the next year’s start', async () => {
  const { handle, port, plan, workflowId, year } = await h.startYear();
  await runToVoting(port, h.cast, plan, { merit: h.merit() });
  await runVoting(port, h.cast, { merit: h.merit() });
  await runCouncilAndHandover(port, h.cast, { decisionDate: `${year + 1}-01-15` });
  const result = (await handle.result()) as CycleResult;
  await h.recordHistory(handle);
  await h.recordHistory(h.env.client.workflow.getHandle(`${workflowId}-council`));

  expect(result.ranking.map((r) => r.unitId)).toEqual(h.merit());
  expect(result.ranking[0]!.rank).toBe(1);
  const flag = result.awards.find((a) => a.type === 'emulation-flag')!;
  expect(flag).toMatchObject({ unitId: h.units['CT-TTR'], status: 'approved' });
  // 8.0 × 2,340,000 VND (ND 152/2025 Art. 50(2)(e), base salary ND 73/2024)
  expect(flag.amountVnd).toBe(18_720_000);
  expect(result.awards.filter((a) => a.type === 'certificate-of-merit').every((a) => a.status === 'approved')).toBe(
    true,
  );
  expect(result.nextYearWorkflowId).toBe(cycleWorkflowId('CT-NOICHINH', year + 1));
  expect(result.nextHead).toBeTruthy();
  expect(result.nextDeputy).toBeTruthy();
  expect(result.nextHead).not.toBe(result.nextDeputy);

  // The next year exists and waits for its new head's plan.
  const next = workflowPort(h.env, h.db, result.nextYearWorkflowId!);
  const nextView = await waitFor('next year to start', async () => next.view().catch(() => undefined));
  expect(nextView).toMatchObject({ phase: 'launch', year: year + 1, headUnitId: result.nextHead });

  // Projections: the read model the API serves.
  const cycle = await h.db.prisma.cycle.findUniqueOrThrow({
    where: { id: workflowId },
    include: { tasks: true, scoreSummaries: true, proposals: { include: { decision: true } } },
  });
  expect(cycle.phase).toBe('closed');
  expect(cycle.tasks.filter((t) => t.kind === 'pledge' && t.status === 'done')).toHaveLength(7);
  expect(cycle.scoreSummaries).toHaveLength(7);
  expect(cycle.proposals.find((p) => p.awardType === 'emulation-flag')?.decision?.amountVnd).toBe(18_720_000);
  const handover = await h.db.prisma.handover.findUniqueOrThrow({
    where: { blocId_fromYear: { blocId: h.blocId, fromYear: year } },
  });
  expect(handover.newHeadUnitId).toBe(result.nextHead);
  // Secret ballot: as many anonymous ballots as voter records, and ballots carry no voter.
  const rounds = await h.db.prisma.votingRound.findMany({
    where: { cycleId: workflowId },
    include: { _count: { select: { ballots: true, voters: true } } },
  });
  expect(rounds.length).toBeGreaterThan(0);
  for (const r of rounds) expect(r._count.ballots).toBe(r._count.voters);
  expect(await h.db.prisma.notification.count({ where: { cycleId: workflowId } })).toBeGreaterThan(7);
  expect(await h.db.prisma.auditLog.count({ where: { workflowId } })).toBeGreaterThan(20);
});
