/**
 * The activity contract (test/activities/contract.ts), the cycle's own rows: the projection, tasks,
 * submissions and scores, each written twice as a retried activity would.
 */
import type { ContractRun } from './run';

/** Registered in order by activitiesContract (test/activities/contract.ts). */
export function cycleRowTests(run: ContractRun): void {
  test('projectCycle: one Cycle row, updated in place; closing stamps closedAt', async () => {
    const { db, twice, year, cycleId, blocId, head, projection } = run;
    await twice('projectCycle', projection);
    await twice('projectCycle', { ...projection, phase: 'pledge' });
    expect(await db.prisma.cycle.count({ where: { id: cycleId } })).toBe(1);
    const row = await db.prisma.cycle.findUniqueOrThrow({ where: { id: cycleId } });
    expect(row).toMatchObject({ phase: 'pledge', blocId, year, headUnitId: head, closedAt: null });
    await twice('projectCycle', { ...projection, phase: 'closed', result: { nextYearWorkflowId: 'x' }, closed: true });
    const closed = await db.prisma.cycle.findUniqueOrThrow({ where: { id: cycleId } });
    expect(closed.closedAt).toBeInstanceOf(Date);
    expect(closed.result).toEqual({ nextYearWorkflowId: 'x' });
    await twice('projectCycle', { ...projection, phase: 'pledge' }); // back to the phase the rest of the contract uses
  });

  test('openTasks / updateTasks: one Task per unit and kind; status and due date land once', async () => {
    const { db, twice, cycleId, unitIds } = run;
    const dueAt = '2031-02-01T00:00:00.000Z';
    await twice('openTasks', { cycleId, kind: 'pledge', title: 'Đăng ký và ký kết giao ước thi đua', dueAt, unitIds });
    expect(await db.prisma.task.count({ where: { cycleId } })).toBe(unitIds.length);
    await twice('updateTasks', { cycleId, kind: 'pledge', unitIds: [unitIds[0]!], status: 'done' });
    await twice('updateTasks', { cycleId, kind: 'pledge', unitIds: [unitIds[1]!], status: 'late' });
    await twice('updateTasks', { cycleId, kind: 'pledge', unitIds, dueAt: '2031-02-15T00:00:00.000Z' });
    expect(await db.prisma.task.count({ where: { cycleId } })).toBe(unitIds.length);
    const tasks = await db.prisma.task.findMany({ where: { cycleId }, orderBy: { unitId: 'asc' } });
    const byUnit = new Map(tasks.map((t) => [t.unitId, t]));
    expect(byUnit.get(unitIds[0]!)).toMatchObject({ status: 'done', escalatedAt: null, dueAt: new Date(dueAt) });
    expect(byUnit.get(unitIds[0]!)!.completedAt).toBeInstanceOf(Date);
    expect(byUnit.get(unitIds[1]!)!.escalatedAt).toBeInstanceOf(Date);
    // Only open tasks move to the new due date.
    expect(byUnit.get(unitIds[2]!)).toMatchObject({ status: 'open', dueAt: new Date('2031-02-15T00:00:00.000Z') });
  });

  test('recordSubmission: a retried write is one row, revision 1; a review updates the status; a resubmission is revision 2', async () => {
    const { db, twice, cycleId, unitIds } = run;
    const unitId = unitIds[2]!;
    const payload = { targets: ['Hoàn thành xuất sắc nhiệm vụ chính trị'], signedBy: 'Thủ trưởng đơn vị' };
    await twice('recordSubmission', {
      cycleId,
      unitId,
      kind: 'pledge',
      payload,
      status: 'submitted',
      requestId: 'req-pledge-1',
    });
    await twice('recordSubmission', {
      cycleId,
      unitId,
      kind: 'pledge',
      payload: null,
      status: 'returned',
      reason: 'Bổ sung chỉ tiêu',
      requestId: 'req-review-1',
    });
    let rows = await db.prisma.submission.findMany({ where: { cycleId, unitId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      status: 'returned',
      reason: 'Bổ sung chỉ tiêu',
      revision: 1,
      requestId: 'req-pledge-1',
      payload,
    });
    await twice('recordSubmission', {
      cycleId,
      unitId,
      kind: 'pledge',
      payload: { ...payload, targets: ['Mới'] },
      status: 'submitted',
      requestId: 'req-pledge-2',
    });
    rows = await db.prisma.submission.findMany({ where: { cycleId, unitId } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'submitted', reason: null, revision: 2, requestId: 'req-pledge-2' });
  });

  test('recordScores: one ScoreEntry per criterion and one ScoreSummary per unit', async () => {
    const { db, twice, cycleId, unitIds } = run;
    const unitId = unitIds[0]!;
    const entries = [
      {
        criterionId: 'tasks.targets',
        selfScore: 28,
        reviewedScore: 27,
        finalScore: 27,
        adjustReason: 'Thiếu minh chứng một chỉ tiêu',
      },
      { criterionId: 'bloc.attendance', selfScore: 5, reviewedScore: null, finalScore: 5 },
    ];
    const summary = {
      selfTotal: 33,
      reviewedTotal: 32,
      finalTotal: 32,
      tasksGroupScore: 27,
      bonus: 0,
      penalty: 0,
      rank: 1,
    };
    await twice('recordScores', { cycleId, unitId, entries, summary });
    expect(await db.prisma.scoreEntry.count({ where: { cycleId, unitId } })).toBe(2);
    expect(await db.prisma.scoreSummary.count({ where: { cycleId } })).toBe(1);
    expect(
      await db.prisma.scoreEntry.findUniqueOrThrow({
        where: { cycleId_unitId_criterionId: { cycleId, unitId, criterionId: 'tasks.targets' } },
      }),
    ).toMatchObject({ selfScore: 28, reviewedScore: 27, finalScore: 27 });
    expect(
      await db.prisma.scoreSummary.findUniqueOrThrow({ where: { cycleId_unitId: { cycleId, unitId } } }),
    ).toMatchObject({ finalTotal: 32, rank: 1 });
  });
}
