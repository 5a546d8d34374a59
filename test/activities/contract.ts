/**
 * Every activity of createActivities, run through Temporal's MockActivityEnvironment against a
 * real migrated and seeded database — and run TWICE, as Temporal's at-least-once delivery may do
 * after a worker dies between the write and the completion: the second run must leave the same
 * rows. Shared by sqlite.test.ts and postgres.test.ts (this file is not a test file itself).
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities/create-activities';
import type { CycleActivities, CycleProjection } from '../../activities/types';
import type { Proposal } from '../../contracts/cycle';
import type { Db } from '../../db';
import type { Channel, OutgoingMessage } from '../../notifications/channels';
import { createDeliveryOutbox, type DeliveryOutbox } from '../../notifications/outbox';

/** The activities this contract exercises; the first test fails when createActivities grows a new one. */
const COVERED = [
  'projectCycle',
  'openTasks',
  'updateTasks',
  'recordSubmission',
  'recordScores',
  'openRound',
  'recordVoter',
  'closeRound',
  'recordProposals',
  'recordDecision',
  'recordGovernmentFlagProposals',
  'recordHold',
  'recordMembershipChange',
  'recordHandover',
  'recordLeadership',
  'adoptNextYear', // no database: test/activities/adopt-next-year.test.ts
  'notify',
  'audit',
  'applyEffects',
] as const satisfies readonly (keyof CycleActivities)[];

export function activitiesContract(provider: 'sqlite' | 'postgresql', getDb: () => Db): void {
  let db: Db;
  let acts: CycleActivities;
  const sent: OutgoingMessage[] = [];
  const env = new MockActivityEnvironment({ activityType: 'contract', attempt: 1 });
  /** Runs the activity in the mock activity context twice with the same input (a retry). */
  const twice = async <K extends keyof CycleActivities>(name: K, input: Parameters<CycleActivities[K]>[0]) => {
    const fn = acts[name] as (i: typeof input) => Promise<void>;
    await env.run(fn, input);
    await env.run(fn, input);
  };

  // Seeded Cần Thơ bloc: 7 units.
  const year = 2031;
  let cycleId: string;
  let blocId: string;
  let unitIds: string[];
  let head: string;
  let deputy: string;
  let projection: CycleProjection;
  let outbox: DeliveryOutbox;

  beforeAll(async () => {
    db = getDb();
    expect(db.provider).toBe(provider);
    const capture: Channel = { name: 'webhook', send: async (m) => void sent.push(m) };
    outbox = createDeliveryOutbox({ db, channels: [capture] });
    acts = createActivities({ db, outbox });
    const bloc = await db.prisma.bloc.findUniqueOrThrow({
      where: { code: 'CT-NOICHINH' },
      include: { memberships: { where: { leftOn: null }, orderBy: { unitId: 'asc' } } },
    });
    blocId = bloc.id;
    head = bloc.headUnitId!;
    deputy = bloc.deputyUnitId!;
    unitIds = bloc.memberships.map((m) => m.unitId);
    cycleId = `cycle-${bloc.code}-${year}`;
    projection = {
      cycleId,
      blocId,
      year,
      phase: 'launch',
      headUnitId: head,
      deputyUnitId: deputy,
      ruleSetCode: bloc.ruleSetCode,
      ruleSetVersion: 1,
      deadlines: null,
      plan: null,
    };
  });

  test('the contract covers every activity createActivities returns', () => {
    expect(Object.keys(acts).sort()).toEqual([...COVERED].sort());
  });

  test('projectCycle: one Cycle row, updated in place; closing stamps closedAt', async () => {
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

  test('openRound / recordVoter / closeRound: one round, one VoterRecord per voter, ballots written once', async () => {
    const round = {
      cycleId,
      contest: 'leader',
      round: 1,
      candidates: unitIds.slice(0, 3),
      seats: 1,
      eligibleVoters: unitIds.length,
      present: unitIds.length,
    };
    await twice('openRound', round);
    for (const voterKey of unitIds) await twice('recordVoter', { cycleId, contest: 'leader', round: 1, voterKey });
    const ballots = unitIds.map((_, i) => ({ choices: [unitIds[i % 3]!] }));
    await twice('closeRound', { ...round, ballots, result: { winners: [unitIds[0]] } });
    const rounds = await db.prisma.votingRound.findMany({
      where: { cycleId },
      include: { _count: { select: { voters: true, ballots: true } } },
    });
    expect(rounds).toHaveLength(1);
    expect(rounds[0]!._count).toEqual({ voters: unitIds.length, ballots: unitIds.length });
    expect(rounds[0]!.closedAt).toBeInstanceOf(Date);
    expect(rounds[0]!.result).toEqual({ winners: [unitIds[0]] });
    // A second round of the same contest is its own row.
    await twice('openRound', { ...round, round: 2 });
    expect(await db.prisma.votingRound.count({ where: { cycleId } })).toBe(2);
  });

  const proposal = (over: Partial<Proposal> = {}): Proposal => ({
    proposalId: `${cycleId}:emulation-flag:${unitIds[0]}`,
    unitId: unitIds[0]!,
    awardType: 'emulation-flag',
    achievement: 'Dẫn đầu Khối thi đua Nội chính năm 2031',
    voteShare: 0.86,
    status: 'submitted',
    attempts: 1,
    ...over,
  });

  test('recordProposals / recordDecision: one Proposal per unit and award, one AwardDecision', async () => {
    await twice('recordProposals', { cycleId, proposals: [proposal()] });
    await twice('recordProposals', {
      cycleId,
      proposals: [proposal({ status: 'returned', reason: 'Bổ sung hồ sơ', attempts: 2 })],
    });
    expect(await db.prisma.proposal.count({ where: { cycleId } })).toBe(1);
    expect(await db.prisma.proposal.findUniqueOrThrow({ where: { id: proposal().proposalId } })).toMatchObject({
      status: 'returned',
      attempts: 2,
      achievementPeriod: '2031',
    });
    const decided = proposal({
      status: 'approved',
      decisionNumber: '12/QĐ-UBND',
      decisionDate: '2032-01-15',
      amountVnd: 10_530_000,
    });
    await twice('recordDecision', { cycleId, proposal: decided, coefficient: 4.5, baseSalaryVnd: 2_340_000 });
    expect(await db.prisma.awardDecision.count({ where: { proposalId: decided.proposalId } })).toBe(1);
    const p = await db.prisma.proposal.findUniqueOrThrow({
      where: { id: decided.proposalId },
      include: { decision: true },
    });
    expect(p.status).toBe('approved');
    expect(p.decision).toMatchObject({
      decisionNumber: '12/QĐ-UBND',
      amountVnd: 10_530_000,
      coefficient: 4.5,
      decisionDate: new Date('2032-01-15'),
    });
  });

  test('recordGovernmentFlagProposals / recordDecision with a signer: one government-flag Proposal per unit on its bloc cycle', async () => {
    const unitId = unitIds[1]!;
    const gov = {
      proposalId: `govflag-CT-${year}:${unitId}`,
      cycleId,
      unitId,
      achievementPeriod: String(year),
      achievement: 'Dẫn đầu Khối thi đua Nội chính',
      status: 'draft',
      reason: null,
      voteShare: null,
    };
    await twice('recordGovernmentFlagProposals', { proposals: [gov] });
    await twice('recordGovernmentFlagProposals', { proposals: [{ ...gov, status: 'selected', voteShare: 1 }] });
    expect(await db.prisma.proposal.count({ where: { cycleId, unitId, awardType: 'government-flag' } })).toBe(1);
    expect(await db.prisma.proposal.findUniqueOrThrow({ where: { id: gov.proposalId } })).toMatchObject({
      status: 'selected',
      voteShare: 1,
      achievementPeriod: String(year),
    });
    const decided = proposal({
      proposalId: gov.proposalId,
      unitId,
      awardType: 'government-flag',
      status: 'approved',
      decisionNumber: '120/QĐ-TTg',
      decisionDate: '2032-08-01',
      amountVnd: 28_080_000,
    });
    await twice('recordDecision', {
      cycleId,
      proposal: decided,
      coefficient: 12,
      baseSalaryVnd: 2_340_000,
      signer: 'Thủ tướng Chính phủ',
    });
    expect(await db.prisma.awardDecision.findUniqueOrThrow({ where: { proposalId: gov.proposalId } })).toMatchObject({
      signer: 'Thủ tướng Chính phủ',
      amountVnd: 28_080_000,
    });
  });

  test('recordHold: opening twice is one open hold; resolving twice closes it once', async () => {
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

  test('notify: one Notification per recipient, one NotificationDelivery per channel queued, sent once by the outbox', async () => {
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

  // proposal / awardDecision: the provincial flag and the Government flag above, one row each.
  test('the whole run wrote exactly the rows above (nothing doubled anywhere)', async () => {
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
