/**
 * The activity contract (test/activities/contract.ts), the bloc's records: holds, membership changes, the
 * handover and the leadership of a year, each written twice.
 */
import type { ContractRun } from './run';

/** Registered in order by activitiesContract (test/activities/contract.ts). */
export function blocRowTests(run: ContractRun): void {
  test('recordHold: opening twice is one open hold; resolving twice closes it once', async () => {
    const { db, twice, cycleId, unitIds } = run;
    const unitId = unitIds[3]!;
    await twice('recordHold', {
      cycleId,
      unitId,
      kind: 'investigation',
      reason: 'Đang thanh tra vụ việc',
      at: '2031-10-01T00:00:00.000Z',
    });
    expect(await db.prisma.unitHold.count({ where: { unitId } })).toBe(1);
    await twice('recordHold', {
      cycleId,
      unitId,
      reason: 'Kết luận không vi phạm',
      outcome: 'cleared',
      at: '2031-11-01T00:00:00.000Z',
    });
    const holds = await db.prisma.unitHold.findMany({ where: { unitId } });
    expect(holds).toHaveLength(1);
    expect(holds[0]).toMatchObject({ outcome: 'cleared', closedOn: new Date('2031-11-01T00:00:00.000Z') });
  });

  test('recordMembershipChange: the membership is ended once, no row added', async () => {
    const { db, twice, cycleId, blocId, unitIds } = run;
    const unitId = unitIds[4]!;
    const before = await db.prisma.blocMembership.count({ where: { blocId } });
    await twice('recordMembershipChange', {
      cycleId,
      blocId,
      unitId,
      reason: 'Sáp nhập đơn vị',
      at: '2031-06-30T00:00:00.000Z',
    });
    await twice('recordMembershipChange', {
      cycleId,
      blocId,
      unitId,
      reason: 'a later retry must not move the date',
      at: '2031-07-30T00:00:00.000Z',
    });
    expect(await db.prisma.blocMembership.count({ where: { blocId } })).toBe(before);
    const m = await db.prisma.blocMembership.findFirstOrThrow({ where: { blocId, unitId } });
    expect(m).toMatchObject({ leftOn: new Date('2031-06-30T00:00:00.000Z'), reason: 'Sáp nhập đơn vị' });
  });

  test('recordHandover: one Handover per bloc and year, the first write wins', async () => {
    const { db, twice, year, cycleId, blocId, unitIds, head, deputy } = run;
    const h = {
      cycleId,
      blocId,
      fromYear: year,
      outgoingHeadUnitId: head,
      newHeadUnitId: deputy,
      newDeputyUnitId: unitIds[0]!,
      policy: 'vote',
    };
    await twice('recordHandover', h);
    await twice('recordHandover', { ...h, newDeputyUnitId: unitIds[1]! });
    const rows = await db.prisma.handover.findMany({ where: { blocId, fromYear: year } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ toYear: year + 1, newHeadUnitId: deputy, newDeputyUnitId: unitIds[0] });
    // The bloc's current head and deputy follow the handover as recorded (the first write).
    expect(await db.prisma.bloc.findUniqueOrThrow({ where: { id: blocId } })).toMatchObject({
      headUnitId: deputy,
      deputyUnitId: unitIds[0],
    });
  });

  test('recordLeadership: the bloc follows a year unless a later year of the bloc exists', async () => {
    const { db, twice, year, blocId, unitIds, head, deputy } = run;
    const [a, b] = unitIds.filter((u) => u !== deputy) as [string, string];
    await twice('recordLeadership', { blocId, year: year - 1, headUnitId: a, deputyUnitId: b });
    expect(await db.prisma.bloc.findUniqueOrThrow({ where: { id: blocId } })).toMatchObject({ headUnitId: deputy });
    await twice('recordLeadership', { blocId, year, headUnitId: a, deputyUnitId: b });
    expect(await db.prisma.bloc.findUniqueOrThrow({ where: { id: blocId } })).toMatchObject({
      headUnitId: a,
      deputyUnitId: b,
    });
    await twice('recordLeadership', { blocId, year, headUnitId: head, deputyUnitId: deputy }); // as seeded again
  });
}
