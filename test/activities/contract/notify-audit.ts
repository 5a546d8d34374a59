/**
 * The activity contract (test/activities/contract.ts), notifications and the audit log: queued once per
 * recipient and channel, sent once by the outbox; one audit row per request and action.
 */
import type { ContractRun } from './run';

/** Registered in order by activitiesContract (test/activities/contract.ts). */
export function notifyAuditTests(run: ContractRun): void {
  test('notify: one Notification per recipient, one NotificationDelivery per channel queued, sent once by the outbox', async () => {
    const { db, sent, outbox, twice, cycleId, unitIds } = run;
    const people = await db.prisma.person.findMany({
      where: { username: { in: ['ct.hd1', 'ct.hd2'] } },
      select: { id: true },
    });
    const input = {
      dedupeKey: `${cycleId}:pledge:opened`,
      cycleId,
      unitIds: [...unitIds.slice(0, 2), unitIds[0]!],
      personIds: people.map((p) => p.id),
      kind: 'task' as const,
      title: 'Nhiệm vụ mới: Đăng ký thi đua',
      body: 'Hạn chót: 2031-02-01.',
    };
    sent.length = 0;
    await twice('notify', input);
    expect(sent).toHaveLength(0); // queued, not sent inside the activity
    expect(await outbox.drainOnce()).toBe(1);
    expect(await outbox.drainOnce()).toBe(0);
    // Two distinct units (one listed twice) and two people.
    const rows = await db.prisma.notification.findMany({
      where: { dedupeKey: { startsWith: `${input.dedupeKey}#` } },
      include: { deliveries: true },
    });
    expect(rows).toHaveLength(4);
    expect(
      rows
        .filter((r) => r.recipientUnitId)
        .map((r) => r.recipientUnitId)
        .sort(),
    ).toEqual(unitIds.slice(0, 2).sort());
    expect(rows.every((r) => r.title === 'Nhiệm vụ mới: Đăng ký thi đua' && r.cycleId === cycleId)).toBe(true);
    expect(rows.flatMap((r) => r.deliveries).map((d) => [d.channel, d.status, d.attempts])).toEqual([
      ['webhook', 'delivered', 1],
    ]);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.recipients.emails.length).toBeGreaterThanOrEqual(4);
  });

  test('audit: one row per request and action (the table is append-only)', async () => {
    const { db, twice, cycleId, unitIds } = run;
    const entry = {
      action: 'pledge.submit',
      entity: 'cycle',
      entityId: unitIds[0]!,
      actorPersonId: 'p-1',
      actorRole: 'unitOfficer',
      after: { targets: 2 },
      workflowId: cycleId,
      requestId: 'req-audit-1',
    };
    await twice('audit', entry);
    await twice('audit', { ...entry, action: 'pledge.accept' });
    const { requestId: _r, ...withoutRequest } = entry;
    await twice('audit', { ...withoutRequest, action: 'pledge.late' }); // falls back to workflowId:action:entityId
    expect(await db.prisma.auditLog.count({ where: { workflowId: cycleId } })).toBe(3);
    expect(await db.prisma.auditLog.count({ where: { requestId: 'req-audit-1' } })).toBe(2);
  });

  test('audit: a request id reused by another workflow still gets its own row (de-duplicated per workflow and action)', async () => {
    const { db, twice, cycleId, unitIds } = run;
    const entry = {
      action: 'pledge.submit',
      entity: 'cycle',
      entityId: unitIds[0]!,
      actorPersonId: 'p-2',
      actorRole: 'unitOfficer',
      after: { targets: 3 },
      workflowId: `other-${cycleId}`,
      requestId: 'req-audit-1',
    };
    await twice('audit', entry);
    expect(await db.prisma.auditLog.count({ where: { requestId: 'req-audit-1', action: 'pledge.submit' } })).toBe(2);
    expect(await db.prisma.auditLog.count({ where: { workflowId: `other-${cycleId}` } })).toBe(1);
  });
}
