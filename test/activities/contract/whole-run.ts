/**
 * The activity contract (test/activities/contract.ts), last: the rows the whole run wrote (nothing doubled),
 * then the writes that come after it (a retried reminder, a batch of effects).
 */
import type { ContractRun } from './run';

/** Registered last by activitiesContract (test/activities/contract.ts): the count reads every row before it. */
export function wholeRunTests(run: ContractRun): void {
  // proposal / awardDecision: the provincial flag and the Government flag above, one row each.
  test('the whole run wrote exactly the rows above (nothing doubled anywhere)', async () => {
    const { db, year, cycleId, blocId, unitIds } = run;
    const p = db.prisma;
    expect({
      cycle: await p.cycle.count({ where: { id: cycleId } }),
      task: await p.task.count({ where: { cycleId } }),
      submission: await p.submission.count({ where: { cycleId } }),
      scoreEntry: await p.scoreEntry.count({ where: { cycleId } }),
      votingRound: await p.votingRound.count({ where: { cycleId } }),
      voterRecord: await p.voterRecord.count({ where: { round: { cycleId } } }),
      ballot: await p.ballot.count({ where: { round: { cycleId } } }),
      proposal: await p.proposal.count({ where: { cycleId } }),
      awardDecision: await p.awardDecision.count({ where: { proposal: { cycleId } } }),
      unitHold: await p.unitHold.count({ where: { cycleId } }),
      handover: await p.handover.count({ where: { blocId, fromYear: year } }),
      notification: await p.notification.count({ where: { cycleId } }),
      notificationDelivery: await p.notificationDelivery.count({ where: { notification: { cycleId } } }),
      auditLog: await p.auditLog.count({ where: { workflowId: cycleId } }),
    }).toEqual({
      cycle: 1,
      task: unitIds.length,
      submission: 1,
      scoreEntry: 2,
      votingRound: 2,
      voterRecord: unitIds.length,
      ballot: unitIds.length,
      proposal: 2,
      awardDecision: 2,
      unitHold: 1,
      handover: 1,
      notification: 4,
      notificationDelivery: 1,
      auditLog: 3,
    });
  });

  test('updateTasks remindersSent: a retried reminder is counted once, the next one counts', async () => {
    const { db, twice, cycleId, unitIds } = run;
    const unitId = unitIds[2]!;
    const count = async () =>
      (await db.prisma.task.findUniqueOrThrow({ where: { cycleId_unitId_kind: { cycleId, unitId, kind: 'pledge' } } }))
        .remindersSent;
    const before = await count();
    await twice('updateTasks', { cycleId, kind: 'pledge', unitIds: [unitId], remindersSent: before + 1 });
    expect(await count()).toBe(before + 1);
    await twice('updateTasks', { cycleId, kind: 'pledge', unitIds: [unitId], remindersSent: before + 2 });
    expect(await count()).toBe(before + 2);
  });

  test('applyEffects: the projection and every queued write of one batch land once, however often the batch runs', async () => {
    const { db, sent, outbox, twice, cycleId, unitIds, projection } = run;
    const workflowId = `fx-${cycleId}`;
    const dedupeKey = `${workflowId}:batch`;
    const audit = {
      action: 'pledge.submit',
      entity: 'cycle',
      entityId: unitIds[0]!,
      actorPersonId: 'p-fx',
      actorRole: 'unitOfficer',
      workflowId,
      requestId: 'req-fx-1',
    };
    const batch = {
      workflowId,
      seq: 1,
      projection: { ...projection, phase: 'pledge' as const },
      effects: [
        { kind: 'audit' as const, input: audit },
        {
          kind: 'notify' as const,
          input: {
            dedupeKey,
            cycleId,
            unitIds: [unitIds[0]!],
            kind: 'info' as const,
            title: 'Đã nhận giao ước',
            body: 'Đơn vị đã ký giao ước.',
          },
        },
      ],
    };
    sent.length = 0;
    await twice('applyEffects', batch);
    // A retried workflow task may batch more: the earlier writes stay single, the new one lands.
    await twice('applyEffects', {
      ...batch,
      effects: [
        ...batch.effects,
        { kind: 'audit' as const, input: { ...audit, action: 'pledge.accept', requestId: 'req-fx-2' } },
      ],
    });
    expect(await db.prisma.cycle.findUniqueOrThrow({ where: { id: cycleId } })).toMatchObject({ phase: 'pledge' });
    expect(await db.prisma.auditLog.count({ where: { workflowId } })).toBe(2);
    expect(await db.prisma.notification.count({ where: { dedupeKey: { startsWith: dedupeKey } } })).toBe(1);
    expect(sent).toHaveLength(0); // deliveries are queued after the commit, sent by the outbox
    expect(await outbox.drainOnce()).toBe(1);
  });
}
