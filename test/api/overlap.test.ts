/**
 * Overlapping years on the real system (issue 12, Done-when (a)): (a1) year N+1 started by hand before N's
 * handover, (a2) N's handover starts N+1 — both end with every workflow completed (N+1 running on),
 * N's projection closed with its result, the bloc's head and deputy updated, N+1 chaired by the elected head.
 * Starting N+1 while N's election is still to come is refused with a 409 naming N.
 */
import type { Db } from '../../db';
import { DAY, planFor, runCouncilAndHandover, runToVoting, runVoting, waitFor } from '../support/scenario';
import { httpPort } from '../support/http-port';
import { TEST_PASSWORD } from '../support/db';
import { systemForThisFile } from '../support/system';
import { castOf } from '../support/workflow-port';
import { expectError, expectStatus } from '../support/writes';
import type { CycleView } from '../../workflows/view';

jest.setTimeout(240_000);

const sys = systemForThisFile();

const start = async (db: Db, blocCode: string, year: number, plan?: unknown) => {
  const bloc = await db.prisma.bloc.findUniqueOrThrow({ where: { code: blocCode } });
  const cast = await castOf(db, blocCode);
  return sys.call('POST', `/api/blocs/${bloc.id}/cycles`, {
    as: cast.officerOf[bloc.headUnitId!]!,
    body: { year, ...(plan ? { plan } : {}) },
  });
};

const statusOf = async (workflowId: string) =>
  (await sys.env.client.workflow.getHandle(workflowId).describe()).status.name;

/** Starts year N of a bloc over HTTP with its plan. */
async function startYear(blocCode: string, year: number) {
  const cast = await castOf(sys.db, blocCode);
  const plan = planFor(year, Date.now(), 30 * DAY);
  const started = await start(sys.db, blocCode, year, plan);
  expectStatus(started, 201);
  const cycleId = started.body.cycleId as string;
  const port = httpPort(sys.base, cycleId, TEST_PASSWORD);
  const units = (await port.view()).units.map((u) => u.unitId);
  return { cast, cycleId, port, units, plan };
}

/** What both orderings end with. */
async function expectHandedOver(blocCode: string, cycleId: string, year: number) {
  const closed = await waitFor('N closed', async () => {
    const c = await sys.db.prisma.cycle.findUnique({ where: { id: cycleId } });
    return c?.closedAt ? c : undefined;
  });
  expect(closed.phase).toBe('closed');
  const result = closed.result as { nextHead: string; nextDeputy: string; nextYearWorkflowId: string };
  expect(result.nextYearWorkflowId).toBe(`cycle-${blocCode}-${year + 1}`);
  await sys.env.client.workflow.getHandle(cycleId).result(); // the projection closes just before the run ends
  expect(await statusOf(cycleId)).toBe('COMPLETED');
  expect(await statusOf(`${cycleId}-council`)).toBe('COMPLETED');
  expect(await statusOf(result.nextYearWorkflowId)).toBe('RUNNING');
  const bloc = await sys.db.prisma.bloc.findUniqueOrThrow({ where: { code: blocCode } });
  expect({ head: bloc.headUnitId, deputy: bloc.deputyUnitId }).toEqual({
    head: result.nextHead,
    deputy: result.nextDeputy,
  });
  const next = await waitFor('N+1 chaired by the elected head', async () => {
    const v = await sys.call<CycleView>('GET', `/api/cycles/${result.nextYearWorkflowId}/live`, { as: 'admin' });
    return v.body.headUnitId === result.nextHead ? v.body : undefined;
  });
  expect(next).toMatchObject({ deputyUnitId: result.nextDeputy, actingHeadUnitId: result.nextHead });
  const projected = await sys.call('GET', `/api/cycles/${result.nextYearWorkflowId}`, { as: 'admin' });
  expect(projected.body).toMatchObject({ headUnitId: result.nextHead, deputyUnitId: result.nextDeputy });
  return result;
}

test('(a1) N+1 started by hand before N’s handover: refused while N’s election is open, accepted in the council review, then adopts the elected head', async () => {
  const { cast, cycleId, port, units, plan: planN } = await startYear('TN-NOICHINH', 2026);
  const early = await start(sys.db, 'TN-NOICHINH', 2027);
  expectError(early, 409, 'CONFLICT', ['year']);
  expect(early.body.error.message).toContain('year 2026');

  await runToVoting(port, cast, planN, { merit: units });
  expectError(await start(sys.db, 'TN-NOICHINH', 2027), 409, 'CONFLICT', ['year']);
  await runVoting(port, cast, { merit: units });
  await waitFor('the council review', async () => (await port.view()).councilWorkflowId);
  const oldHead = (await sys.db.prisma.bloc.findUniqueOrThrow({ where: { code: 'TN-NOICHINH' } })).headUnitId!;
  const byHand = await start(sys.db, 'TN-NOICHINH', 2027);
  expectStatus(byHand, 201);
  expect(byHand.body.workflowId).toBe('cycle-TN-NOICHINH-2027');

  await runCouncilAndHandover(port, cast, { decisionDate: '2027-01-15' });
  const result = await expectHandedOver('TN-NOICHINH', cycleId, 2026);
  const adopted = await sys.db.prisma.auditLog.findFirstOrThrow({
    where: { workflowId: 'cycle-TN-NOICHINH-2027', action: 'handover.adopt' },
  });
  expect(adopted.after).toMatchObject({ headUnitId: result.nextHead, fromWorkflowId: cycleId });
  // The elected head publishes N+1's plan; the head N+1 started with no longer may (unless re-elected).
  const plan = planFor(2027, Date.now(), 30 * DAY);
  if (oldHead !== result.nextHead)
    expectError(
      await sys.call('POST', '/api/cycles/cycle-TN-NOICHINH-2027/plan', {
        as: cast.officerOf[oldHead]!,
        body: { plan },
      }),
      403,
      'FORBIDDEN',
    );
  expectStatus(
    await sys.call('POST', '/api/cycles/cycle-TN-NOICHINH-2027/plan', {
      as: cast.officerOf[result.nextHead]!,
      body: { plan },
    }),
    200,
  );
});

test('(a2) N’s handover starts N+1; starting it again by hand is 409', async () => {
  const { cast, cycleId, port, units, plan: planN } = await startYear('CT-NOICHINH', 2026);
  await runToVoting(port, cast, planN, { merit: units });
  await runVoting(port, cast, { merit: units });
  await runCouncilAndHandover(port, cast, { decisionDate: '2027-01-15' });
  await expectHandedOver('CT-NOICHINH', cycleId, 2026);
  expectError(await start(sys.db, 'CT-NOICHINH', 2027), 409);
});
