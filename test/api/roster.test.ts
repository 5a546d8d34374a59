/**
 * Rosters follow the registry, over HTTP against the real system: an officer and a council
 * secretary appointed by the administrator AFTER the year started act in it (the admin write
 * re-sends the running workflows their roster, api/rosters.ts); the officer they replaced does not.
 * Without the refresh the workflow would refuse the newcomers (its roster from the start of the year).
 */
import { randomUUID } from 'node:crypto';
import { BLOC_CODE, PEOPLE } from '../support/every-act';
import { TEST_PASSWORD } from '../support/db';
import { systemForThisFile } from '../support/system';
import { castOf } from '../support/workflow-port';
import { DAY, planFor, waitFor } from '../support/scenario';
import type { CycleView } from '../../workflows/view';

jest.setTimeout(180_000);

const sys = systemForThisFile();

test('an officer and a secretary appointed after the start act; the officer replaced is refused', async () => {
  const { prisma } = sys.db;
  const bloc = await prisma.bloc.findUniqueOrThrow({ where: { code: BLOC_CODE } });
  const cast = await castOf(sys.db, BLOC_CODE);
  const stp = (await prisma.unit.findUniqueOrThrow({ where: { code: 'CT-STP' } })).id;
  const council = await prisma.council.findFirstOrThrow({ where: { provinceId: bloc.provinceId } });
  const formerOfficer = cast.officerOf[stp]!;

  const start = await sys.call('POST', `/api/blocs/${bloc.id}/cycles`, {
    as: PEOPLE.head,
    body: { year: 2026 },
    key: randomUUID(),
  });
  expect(start.status).toBe(201);
  const cycleId = start.body.cycleId as string;
  const act = (user: string, path: string, body: Record<string, unknown>) =>
    sys.call('POST', `/api/cycles/${encodeURIComponent(cycleId)}${path}`, { as: user, body, key: randomUUID() });
  const phase = (p: CycleView['phase']) =>
    waitFor(`phase ${p}`, async () => {
      const res = await sys.call('GET', `/api/cycles/${encodeURIComponent(cycleId)}/live`, { as: PEOPLE.admin });
      return res.status === 200 && (res.body as CycleView).phase === p ? (res.body as CycleView) : undefined;
    });
  // Another province's year runs meanwhile: the CT registry changes below are not its business.
  const tnBloc = await prisma.bloc.findUniqueOrThrow({ where: { code: 'TN-NOICHINH' } });
  const tnStart = await sys.call('POST', `/api/blocs/${tnBloc.id}/cycles`, {
    as: (await castOf(sys.db, 'TN-NOICHINH')).officerOf[tnBloc.headUnitId!]!,
    body: { year: 2026 },
    key: randomUUID(),
  });
  expect(tnStart.status).toBe(201);
  const rosterSignals = async (workflowId: string) =>
    ((await sys.env.client.workflow.getHandle(workflowId).fetchHistory()).events ?? []).filter(
      (e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'rosterChanged',
    ).length;
  await phase('launch');
  expect((await act(PEOPLE.head, '/plan', { plan: planFor(2026, Date.now(), 30 * DAY) })).status).toBe(200);
  await phase('pledge');

  // The administrator replaces the unit's officer and appoints a second council secretary.
  const former = await prisma.person.findUniqueOrThrow({
    where: { username: formerOfficer },
    include: { roles: true },
  });
  const officerRole = former.roles.find((r) => r.role === 'unitOfficer')!;
  expect(
    (
      await sys.call('DELETE', `/api/admin/people/${former.id}/roles/${officerRole.id}`, {
        as: PEOPLE.admin,
        key: randomUUID(),
      })
    ).status,
  ).toBe(200);
  const created = await sys.call('POST', '/api/admin/people', {
    as: PEOPLE.admin,
    key: randomUUID(),
    body: {
      username: 'ct.stp.moi',
      fullName: 'Cán bộ thi đua mới',
      email: 'stp.moi@example.vn',
      password: TEST_PASSWORD,
      unitId: stp,
      roles: [{ role: 'unitOfficer', unitId: stp }],
    },
  });
  expect(created.status).toBe(201);
  const secretary = await sys.call('POST', '/api/admin/people', {
    as: PEOPLE.admin,
    key: randomUUID(),
    body: {
      username: 'ct.tk.moi',
      fullName: 'Thư ký Hội đồng mới',
      email: 'tk.moi@example.vn',
      password: TEST_PASSWORD,
      roles: [{ role: 'councilSecretary', councilId: council.id }],
    },
  });
  expect(secretary.status).toBe(201);

  const pledge = { unitId: stp, targets: ['Hoàn thành xuất sắc nhiệm vụ'], signedBy: 'Thủ trưởng đơn vị' };
  const refused = await act(formerOfficer, '/pledges', pledge);
  expect(refused.status).toBeGreaterThanOrEqual(400);
  expect(refused.status).toBeLessThan(500);
  const accepted = await act('ct.stp.moi', '/pledges', pledge);
  expect(accepted.status).toBe(200);
  const held = await act('ct.tk.moi', '/holds', {
    unitId: stp,
    kind: 'complaint',
    reason: 'Đơn phản ánh đang xác minh',
  });
  expect(held.status).toBe(200);
  const v = await phase('pledge');
  expect(v.units.find((u) => u.unitId === stp)).toMatchObject({ pledge: 'submitted', hold: 'onHold' });

  // Deactivated: the new secretary is refused (by the API at once; the roster no longer names them either).
  const secretaryId = (secretary.body as { id: string }).id;
  expect(
    (
      await sys.call('POST', `/api/admin/people/${secretaryId}/deactivate`, {
        as: PEOPLE.admin,
        body: {},
        key: randomUUID(),
      })
    ).status,
  ).toBe(200);
  const afterDeactivation = await act('ct.tk.moi', '/holds/resolve', {
    unitId: stp,
    outcome: 'cleared',
    reason: 'Kết luận không vi phạm',
  });
  expect(afterDeactivation.status).toBeGreaterThanOrEqual(400);
  expect(afterDeactivation.status).toBeLessThan(500);
  // Each write re-sent the roster to the CT year only (the provinces the person's offices touch, api/rosters.ts).
  expect(await rosterSignals(cycleId)).toBe(4);
  expect(await rosterSignals(tnStart.body.cycleId as string)).toBe(0);
});
