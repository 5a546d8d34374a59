/**
 * Corrections of a running year on the real system (issue 12): re-open a deadline, correct the head and
 * deputy, add a unit, cancel the year. Each: who may (403 for the wrong role), a reason required (400 with
 * the Zod path), the change in the projection, the audit row with its reason.
 */
import { randomUUID } from 'node:crypto';
import { DAY, pledgeAndAccept, planFor, waitFor } from '../support/scenario';
import { TEST_PASSWORD } from '../support/db';
import { httpPort } from '../support/http-port';
import { systemForThisFile } from '../support/system';
import { castOf } from '../support/workflow-port';
import { expectError, expectStatus } from '../support/writes';
import type { CycleView } from '../../workflows/view';

jest.setTimeout(180_000);

const sys = systemForThisFile();

async function startYear(blocCode: string, year: number, pledgeInMs?: number) {
  const bloc = await sys.db.prisma.bloc.findUniqueOrThrow({ where: { code: blocCode } });
  const cast = await castOf(sys.db, blocCode);
  const plan = planFor(year, Date.now(), 30 * DAY);
  if (pledgeInMs) plan.deadlines.pledge = new Date(Date.now() + pledgeInMs).toISOString();
  const head = cast.officerOf[bloc.headUnitId!]!;
  const res = await sys.call('POST', `/api/blocs/${bloc.id}/cycles`, { as: head, body: { year, plan } });
  expectStatus(res, 201);
  const cycleId = res.body.cycleId as string;
  const port = httpPort(sys.base, cycleId, TEST_PASSWORD);
  await waitFor('pledge', async () => (await port.view()).phase === 'pledge');
  return { bloc, cast, cycleId, head, port };
}

const live = async (cycleId: string) =>
  (await sys.call<CycleView>('GET', `/api/cycles/${cycleId}/live`, { as: 'admin' })).body;
const act = (cycleId: string, path: string, as: string, body: unknown) =>
  sys.call('POST', `/api/cycles/${cycleId}${path}`, { as, body, key: randomUUID() });
const auditOf = (workflowId: string, action: string) =>
  sys.db.prisma.auditLog.findFirstOrThrow({ where: { workflowId, action } });

test('re-open a deadline, then cancel the year: guarded, reasoned, audited; the workflow completes as cancelled', async () => {
  const { cast, cycleId, head, port, bloc } = await startYear('CT-NOICHINH', 2026, 8_000);
  const units = (await port.view()).units.map((u) => u.unitId);
  const late = units.find((u) => u !== bloc.headUnitId)!;
  await pledgeAndAccept(
    port,
    cast,
    head,
    units.filter((u) => u !== late),
  );
  const view = await waitFor('the pledge deadline to pass', async () => {
    const v = await live(cycleId);
    return v.phase === 'midYear' ? v : undefined;
  });
  expect(view.units.find((u) => u.unitId === late)!.late).toContain('pledge');

  // Re-open: the head only, with a reason; the late unit then pledges after all.
  const until = new Date(Date.now() + 3_600_000).toISOString();
  const reopen = { phase: 'pledge', newDeadline: until, reason: 'Đơn vị gặp sự cố đường truyền' };
  expectError(await act(cycleId, '/deadlines/reopen', cast.officerOf[late]!, reopen), 403, 'FORBIDDEN');
  expectError(await act(cycleId, '/deadlines/reopen', 'admin', reopen), 403, 'FORBIDDEN');
  expectError(
    await act(cycleId, '/deadlines/reopen', head, { phase: 'pledge', newDeadline: until }),
    400,
    'VALIDATION',
    ['reason'],
  );
  expectError(await act(cycleId, '/deadlines/reopen', head, { ...reopen, phase: 'selfScoring' }), 409, 'WRONG_PHASE', [
    'phase',
  ]);
  const reopened = await act(cycleId, '/deadlines/reopen', head, reopen);
  expectStatus(reopened, 200);
  expect(reopened.body.data).toMatchObject({ phase: 'pledge', unitIds: [late] });
  expect((await live(cycleId)).units.find((u) => u.unitId === late)!.late).not.toContain('pledge');
  await pledgeAndAccept(port, cast, head, [late]);
  const task = await sys.db.prisma.task.findFirstOrThrow({ where: { cycleId, unitId: late, kind: 'pledge' } });
  expect(task.status).toBe('done');
  expect((await auditOf(cycleId, 'deadline.reopen')).after).toMatchObject({ unitIds: [late], reason: reopen.reason });

  // Cancel: the standing body or an admin, with a reason.
  const reason = 'Khối được tổ chức lại theo quyết định của UBND tỉnh';
  expectError(await act(cycleId, '/cancel', head, { reason }), 403, 'FORBIDDEN');
  expectError(await act(cycleId, '/cancel', 'admin', {}), 400, 'VALIDATION', ['reason']);
  expectStatus(await act(cycleId, '/cancel', 'admin', { reason }), 200);
  const result = await sys.env.client.workflow.getHandle(cycleId).result();
  expect(result).toMatchObject({ status: 'cancelled', cancellation: { reason } });
  expect((await sys.env.client.workflow.getHandle(cycleId).describe()).status.name).toBe('COMPLETED');
  const closed = await sys.call('GET', `/api/cycles/${cycleId}`, { as: 'admin' });
  expect(closed.body).toMatchObject({ phase: 'closed', result: { status: 'cancelled' } });
  expect(closed.body.closedAt).not.toBeNull();
  expect(await sys.db.prisma.task.count({ where: { cycleId, status: 'open' } })).toBe(0);
  expect(await sys.db.prisma.task.count({ where: { cycleId, status: 'cancelled' } })).toBeGreaterThan(0);
  expect(await sys.db.prisma.task.count({ where: { cycleId, status: 'done' } })).toBe(units.length);
  const notices = await sys.db.prisma.notification.findMany({ where: { cycleId, title: { startsWith: 'Hủy' } } });
  expect(new Set(notices.map((n) => n.recipientUnitId))).toEqual(new Set(units));
  expect((await auditOf(cycleId, 'cycle.cancel')).after).toMatchObject({ status: 'cancelled', reason });
  // The closed year says so: another act (a repeated cancel) is 409, not "no such cycle is running".
  expectError(await act(cycleId, '/cancel', 'admin', { reason }), 409, 'WRONG_PHASE');
});

test('correct the head and deputy, and add a unit for this year', async () => {
  const { bloc, cast, cycleId, head } = await startYear('TN-NOICHINH', 2026);
  const members = (await live(cycleId)).units.map((u) => u.unitId);
  const [newHead, newDeputy] = members.filter((u) => u !== bloc.headUnitId && u !== bloc.deputyUnitId);
  const body = { headUnitId: newHead, deputyUnitId: newDeputy, reason: 'Quyết định công nhận số 12/QĐ-UBND' };
  expectError(await act(cycleId, '/leadership', head, body), 403, 'FORBIDDEN');
  expectError(
    await act(cycleId, '/leadership', 'admin', { headUnitId: newHead, deputyUnitId: newDeputy }),
    400,
    'VALIDATION',
    ['reason'],
  );
  expectError(
    await act(cycleId, '/leadership', 'admin', { ...body, deputyUnitId: newHead }),
    422, // a refinement the OpenAPI document does not state (api/errors.ts)
    'VALIDATION',
    ['deputyUnitId'],
  );
  expectStatus(await act(cycleId, '/leadership', cast.councilSecretary, body), 200);
  expect(await live(cycleId)).toMatchObject({
    headUnitId: newHead,
    deputyUnitId: newDeputy,
    actingHeadUnitId: newHead,
  });
  const after = await waitFor('projection', async () => {
    const c = await sys.db.prisma.cycle.findUniqueOrThrow({ where: { id: cycleId } });
    return c.headUnitId === newHead ? c : undefined;
  });
  expect(after.deputyUnitId).toBe(newDeputy);
  expect(await sys.db.prisma.bloc.findUniqueOrThrow({ where: { id: bloc.id } })).toMatchObject({
    headUnitId: newHead,
    deputyUnitId: newDeputy,
  });
  expect((await auditOf(cycleId, 'leadership.correct')).after).toMatchObject({
    headUnitId: newHead,
    reason: body.reason,
  });
  // The corrected head chairs: the former one may no longer review pledges.
  const pledger = members.find((u) => u !== newHead && u !== bloc.headUnitId)!;
  expectStatus(
    await act(cycleId, '/pledges', cast.officerOf[pledger]!, {
      unitId: pledger,
      targets: ['Hoàn thành'],
      signedBy: 'Thủ trưởng',
    }),
    200,
  );
  expectError(await act(cycleId, '/pledges/review', head, { unitId: pledger, decision: 'accept' }), 403, 'FORBIDDEN');
  expectStatus(
    await act(cycleId, '/pledges/review', cast.officerOf[newHead!]!, { unitId: pledger, decision: 'accept' }),
    200,
  );

  // A unit of the province joins the bloc for this year: the admin only, with a reason.
  const unit = await sys.db.prisma.unit.create({
    data: {
      code: 'TN-BDBP-TEST',
      name: 'Bộ Chỉ huy Bộ đội Biên phòng tỉnh',
      shortName: 'BĐBP',
      provinceId: bloc.provinceId,
    },
  });
  const join = { unitId: unit.id, reason: 'Bổ sung thành viên theo quyết định kiện toàn khối' };
  expectError(await act(cycleId, '/membership/join', cast.councilSecretary, join), 403, 'FORBIDDEN');
  expectError(await act(cycleId, '/membership/join', 'admin', { unitId: unit.id }), 400, 'VALIDATION', ['reason']);
  expectError(await act(cycleId, '/membership/join', 'admin', { ...join, unitId: 'no-such-unit' }), 404, 'NOT_FOUND', [
    'unitId',
  ]);
  expectStatus(await act(cycleId, '/membership/join', 'admin', join), 200);
  expectError(await act(cycleId, '/membership/join', 'admin', join), 409, 'ALREADY_DONE');
  expect((await live(cycleId)).units.find((u) => u.unitId === unit.id)).toMatchObject({ active: true, pledge: 'none' });
  await waitFor('the new member’s pledge task', () =>
    sys.db.prisma.task.findFirst({ where: { cycleId, unitId: unit.id, kind: 'pledge', status: 'open' } }),
  );
  expect(await sys.db.prisma.blocMembership.count({ where: { blocId: bloc.id, unitId: unit.id, leftOn: null } })).toBe(
    1,
  );
  expect((await auditOf(cycleId, 'membership.join')).after).toMatchObject({ reason: join.reason });
});
