/**
 * Workflow tests — the province's Government-flag selection on the time-skipping server. The bloc
 * leaders (approved provincial flags of two Cần Thơ blocs) are written into the database directly
 * (test/support/government-flag.ts) rather than produced by whole bloc years.
 */
import { randomUUID } from 'node:crypto';
import { buildGovernmentFlagInput } from '../../api/government-flag-input';
import type { Actor } from '../../contracts/common';
import { governmentFlagWorkflowId } from '../../contracts/government-flag';
import { vnDateOf } from '../../domain/government-flag';
import {
  castGovernmentFlagVote,
  closeGovernmentFlagVote,
  getGovernmentFlag,
  holdGovernmentFlagCandidate,
  recordGovernmentFlagOutcome,
  resolveGovernmentFlagHold,
  submitGovernmentFlag,
} from '../../workflows/messages';
import type { GovernmentFlagResult } from '../../workflows/government-flag';
import { seedBlocLeaders } from '../support/government-flag';
import { workflowPort } from '../support/workflow-port';
import { useCycleHarness } from './harness';

jest.setTimeout(120_000);

const h = useCycleHarness(2090);
const DAY = 86_400_000;

async function setUp(
  year: number,
  leaders: { fromSeeded: string[]; fromSecond: number; scores?: Record<string, number> },
) {
  const seeded = await seedBlocLeaders(h.db, year, leaders);
  const port = workflowPort(h.env, h.db, 'unused');
  const actor = (username: string): Promise<Actor> => port.actorOf(username);
  const secretary = await actor(h.cast.councilSecretary);
  const members = await Promise.all(h.cast.councilMembers.map(actor));
  const input = await buildGovernmentFlagInput(h.db, seeded.provinceId, year, secretary.personId);
  const workflowId = governmentFlagWorkflowId('CT', year);
  const handle = await h.env.client.workflow.start('governmentFlagWorkflow', {
    taskQueue: h.taskQueue,
    workflowId,
    args: [input],
  });
  const send = <A>(update: A, who: Actor, body: Record<string, unknown>) => {
    const requestId = randomUUID();
    return handle.executeUpdate(update as never, {
      args: [{ ...body, requestId, actor: who }] as never,
      updateId: requestId,
    });
  };
  return {
    ...seeded,
    input,
    handle,
    secretary,
    members,
    send,
    officer: await actor(h.cast.officerOf[seeded.units['CT-CA'] ?? Object.values(seeded.units)[0]!]!),
  };
}

// First in the file, while the test server's clock is still today: its year is derived from the
// clock, and later tests move the clock years ahead (to their own deadlines) and seed those years.
test('the 30 June N+1 deadline: reminders, then the dossier lapses and the council is alerted', async () => {
  // The nearest year whose deadline is still ahead: the skip stays under a year.
  const today = vnDateOf(await h.env.currentTimeMs());
  const year = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) <= 6 ? 1 : 0);
  const gf = await setUp(year, { fromSeeded: ['CT-TTR', 'CT-CA', 'CT-STP'], fromSecond: 2 });
  expect(gf.input.quota).toBe(1);
  await gf.send(castGovernmentFlagVote, gf.members[0]!, { votes: [{ unitId: gf.units['CT-TTR'], approve: true }] });
  await h.env.sleep(Date.parse(gf.input.deadlineAt) - (await h.env.currentTimeMs()) + DAY);
  const result = (await gf.handle.result()) as GovernmentFlagResult;
  expect(result.candidates.every((c) => c.status === 'rejected')).toBe(true);
  const workflowId = gf.handle.workflowId;
  expect(
    await h.db.prisma.notification.count({ where: { dedupeKey: { startsWith: `${workflowId}:escalation` } } }),
  ).toBeGreaterThan(0);
  expect(
    await h.db.prisma.notification.count({ where: { dedupeKey: { startsWith: `${workflowId}:reminder` } } }),
  ).toBeGreaterThan(0);
  expect(
    await h.db.prisma.proposal.count({
      where: { awardType: 'government-flag', achievementPeriod: String(year), reason: { contains: 'Quá hạn' } },
    }),
  ).toBe(5);
});

test('two blocs’ leaders: ≥ 80% of all members, quota 2, ranked by share then score; stale submission refused; decided with 12.0 × base salary', async () => {
  const year = 2040;
  const leaders = ['CT-TTR', 'CT-CA', 'CT-VKSND', 'CT-TAND', 'CT-BCHQS'];
  const gf = await setUp(year, { fromSeeded: leaders, fromSecond: 5, scores: { 'CT-CA': 90, 'CT-VKSND': 95 } });
  // 10 leaders from two bloc cycles × 20% (ND 152/2025 Art. 7(1)) = 2.
  expect(gf.input.candidates).toHaveLength(10);
  expect(new Set(gf.input.candidates.map((c) => c.cycleId))).toEqual(new Set(gf.cycles));
  expect(gf.input).toMatchObject({
    quota: 2,
    deadlineDate: '2041-06-30',
    threshold: { ratio: 0.8, base: 'allMembers' },
  });

  const u = gf.units;
  // Yes votes per leader: member i says yes when i < count (TTR 5, CA 4, VKSND 4, TAND 3, the rest 0).
  const yes: Record<string, number> = { 'CT-TTR': 5, 'CT-CA': 4, 'CT-VKSND': 4, 'CT-TAND': 3 };
  const rejection = (p: Promise<unknown>) => h.rejection(p).then((r) => r.type);

  expect(
    await rejection(gf.send(castGovernmentFlagVote, gf.officer, { votes: [{ unitId: u['CT-TTR'], approve: true }] })),
  ).toBe('FORBIDDEN');
  expect(
    await rejection(gf.send(castGovernmentFlagVote, gf.secretary, { votes: [{ unitId: u['CT-TTR'], approve: true }] })),
  ).toBe('FORBIDDEN');
  expect(
    await rejection(
      gf.send(submitGovernmentFlag, gf.secretary, {
        letterNumber: '01/TTr-UBND',
        letterDate: vnDateOf(await h.env.currentTimeMs()),
      }),
    ),
  ).toBe('WRONG_PHASE');
  for (const [i, member] of gf.members.entries()) {
    await gf.send(castGovernmentFlagVote, member, {
      votes: Object.entries(u).map(([code, unitId]) => ({ unitId, approve: (yes[code] ?? 0) > i })),
    });
  }
  expect(
    await rejection(
      gf.send(castGovernmentFlagVote, gf.members[0]!, { votes: [{ unitId: u['CT-BCHQS'], approve: true }] }),
    ),
  ).toBe('ALREADY_DONE');
  expect(await rejection(gf.send(closeGovernmentFlagVote, gf.members[0]!, {}))).toBe('FORBIDDEN');
  // Forged payloads sent straight to Temporal: a member claiming the admin or secretary role is not
  // one in the workflow's records (input.adminIds, input.secretaryIds).
  expect(gf.input.adminIds?.length).toBeGreaterThan(0);
  expect(await rejection(gf.send(closeGovernmentFlagVote, { ...gf.members[0]!, roles: ['admin'] }, {}))).toBe(
    'FORBIDDEN',
  );
  expect(
    await rejection(gf.send(closeGovernmentFlagVote, { ...gf.members[0]!, roles: ['councilSecretary'] }, {})),
  ).toBe('FORBIDDEN');

  const closed = (await gf.send(closeGovernmentFlagVote, gf.secretary, {})) as {
    data: { selected: string[]; requiredVotes: number };
  };
  // 4 of 5 needed; CT-CA and CT-VKSND tie on share, the higher bloc-year score (95) wins the 2nd place.
  expect(closed.data).toMatchObject({ selected: [u['CT-TTR'], u['CT-VKSND']], requiredVotes: 4 });
  expect(
    await rejection(
      gf.send(castGovernmentFlagVote, gf.members[4]!, { votes: [{ unitId: u['CT-TTR'], approve: true }] }),
    ),
  ).toBe('WRONG_PHASE');

  // A letter dated after 30 June N+1: the achievements (to 31/12/N) are older than 6 months (ND 152/2025 Art. 33(9)).
  expect(
    await rejection(
      gf.send(submitGovernmentFlag, gf.secretary, { letterNumber: '01/TTr-UBND', letterDate: '2041-07-01' }),
    ),
  ).toBe('RULE_VIOLATION');
  const today = vnDateOf(await h.env.currentTimeMs());
  await gf.send(submitGovernmentFlag, gf.secretary, { letterNumber: '01/TTr-UBND', letterDate: today });
  expect((await gf.handle.query(getGovernmentFlag)).phase).toBe('outcome');
  expect(
    await rejection(
      gf.send(recordGovernmentFlagOutcome, gf.secretary, {
        unitId: u['CT-CA'],
        outcome: 'decided',
        decisionNumber: '125/QĐ-TTg',
        decisionDate: today,
      }),
    ),
  ).toBe('WRONG_PHASE');

  await gf.send(recordGovernmentFlagOutcome, gf.secretary, {
    unitId: u['CT-TTR'],
    outcome: 'decided',
    decisionNumber: '125/QĐ-TTg',
    decisionDate: today,
  });
  await gf.send(recordGovernmentFlagOutcome, gf.secretary, {
    unitId: u['CT-VKSND'],
    outcome: 'returned',
    legalGrounds: 'Thiếu ý kiến hiệp y của Bộ quản lý ngành (Điều 34 khoản 2 Nghị định 152/2025/NĐ-CP).',
  });
  const result = (await gf.handle.result()) as GovernmentFlagResult;
  const status = (code: string) => result.candidates.find((c) => c.unitId === u[code])!;
  // 12.0 × 2,340,000 VND (ND 152/2025 Art. 50(2)(đ); base salary ND 73/2024).
  expect(status('CT-TTR')).toMatchObject({ status: 'approved', rank: 1, voteShare: 1, amountVnd: 28_080_000 });
  expect(status('CT-VKSND')).toMatchObject({ status: 'returned', rank: 2 });
  expect(status('CT-CA')).toMatchObject({ status: 'rejected', rank: 3 });
  expect(status('CT-TAND')).toMatchObject({ status: 'rejected', rank: null });

  // Stored on each unit's own bloc cycle; the secret ballot keeps who apart from what.
  const rows = await h.db.prisma.proposal.findMany({
    where: { awardType: 'government-flag', achievementPeriod: String(year) },
    include: { decision: true },
  });
  expect(rows).toHaveLength(10);
  expect(new Set(rows.map((r) => r.cycleId))).toEqual(new Set(gf.cycles));
  expect(rows.find((r) => r.unitId === u['CT-TTR'])!.decision).toMatchObject({
    signer: 'Thủ tướng Chính phủ',
    coefficient: 12,
    amountVnd: 28_080_000,
    decisionNumber: '125/QĐ-TTg',
  });
  expect(rows.find((r) => r.unitId === u['CT-VKSND'])!.reason).toMatch(/Điều 34/);
  const rounds = await h.db.prisma.votingRound.findMany({
    where: { contest: { startsWith: `govflag:${gf.handle.workflowId}:` } },
    include: { _count: { select: { voters: true, ballots: true } } },
  });
  expect(rounds).toHaveLength(10);
  for (const r of rounds) expect(r._count).toEqual({ voters: 5, ballots: 5 });
  expect(rounds.every((r) => r.closedAt !== null)).toBe(true);
  await h.recordHistory(gf.handle);
});

test('holds (ND 152/2025 Art. 4(4)): a held leader is not voted on, not counted, not submitted; cleared → back, disciplined → rejected', async () => {
  const year = 2043;
  const gf = await setUp(year, {
    fromSeeded: ['CT-TTR', 'CT-CA', 'CT-VKSND', 'CT-TAND', 'CT-BCHQS'],
    fromSecond: 5,
    scores: { 'CT-VKSND': 95 },
  });
  expect(gf.input.quota).toBe(2);
  const u = gf.units;
  const rejection = (p: Promise<unknown>) => h.rejection(p).then((r) => r.type);
  const status = async (code: string) =>
    (await gf.handle.query(getGovernmentFlag)).candidates.find((c) => c.unitId === u[code])!.status;
  const hold = (code: string, who = gf.secretary) =>
    gf.send(holdGovernmentFlagCandidate, who, {
      unitId: u[code],
      kind: 'investigation',
      reason: 'Đang thanh tra việc quản lý tài chính',
    });
  const resolve = (code: string, outcome: 'cleared' | 'disciplined') =>
    gf.send(resolveGovernmentFlagHold, gf.secretary, {
      unitId: u[code],
      outcome,
      reason: outcome === 'cleared' ? 'Kết luận thanh tra: không vi phạm' : 'Kỷ luật khiển trách tập thể',
    });

  // During the vote: only the secretary holds; a held leader takes no votes; cleared → a draft again.
  expect(await rejection(hold('CT-TTR', gf.officer))).toBe('FORBIDDEN');
  await hold('CT-TTR');
  expect(await status('CT-TTR')).toBe('onHold');
  expect(await rejection(hold('CT-TTR'))).toBe('ALREADY_DONE');
  expect(await rejection(resolve('CT-CA', 'cleared'))).toBe('CONFLICT');
  expect(
    await rejection(
      gf.send(castGovernmentFlagVote, gf.members[0]!, { votes: [{ unitId: u['CT-TTR'], approve: true }] }),
    ),
  ).toBe('WRONG_PHASE');
  await resolve('CT-TTR', 'cleared');
  expect(await status('CT-TTR')).toBe('draft');

  const yes: Record<string, number> = { 'CT-TTR': 5, 'CT-CA': 5, 'CT-VKSND': 4, 'CT-TAND': 4 };
  for (const [i, member] of gf.members.entries()) {
    await gf.send(castGovernmentFlagVote, member, {
      votes: Object.entries(u).map(([code, unitId]) => ({ unitId, approve: (yes[code] ?? 0) > i })),
    });
  }
  // CT-CA (5/5) is on hold at the close: not counted, so TTR and VKSND (4/5, score 95) take the 2 seats.
  await hold('CT-CA');
  const closed = (await gf.send(closeGovernmentFlagVote, gf.secretary, {})) as { data: { selected: string[] } };
  expect(closed.data.selected).toEqual([u['CT-TTR'], u['CT-VKSND']]);
  expect(await status('CT-CA')).toBe('onHold');

  // A selected leader disciplined → rejected with the reason, which frees its seat for CA once cleared.
  await hold('CT-VKSND');
  await resolve('CT-VKSND', 'disciplined');
  expect(await status('CT-VKSND')).toBe('rejected');
  await resolve('CT-CA', 'cleared');
  expect(await status('CT-CA')).toBe('selected');

  // TTR is on hold when the dossier goes: not submitted; cleared afterwards it stays out.
  await hold('CT-TTR');
  const today = vnDateOf(await h.env.currentTimeMs());
  const sent = (await gf.send(submitGovernmentFlag, gf.secretary, {
    letterNumber: '07/TTr-UBND',
    letterDate: today,
  })) as { data: { unitIds: string[] } };
  expect(sent.data.unitIds).toEqual([u['CT-CA']]);
  expect(await status('CT-TTR')).toBe('onHold');
  await gf.send(recordGovernmentFlagOutcome, gf.secretary, {
    unitId: u['CT-CA'],
    outcome: 'decided',
    decisionNumber: '130/QĐ-TTg',
    decisionDate: today,
  });
  expect((await gf.handle.query(getGovernmentFlag)).phase).toBe('outcome'); // waits for the held leader
  await resolve('CT-TTR', 'cleared');
  // The selection ends once no leader is held. (Not handle.result(): it unlocks time skipping, and the
  // test server then jumps to timers of other selections, moving the clock the next test reads.)
  expect((await gf.handle.describe()).status.name).toBe('COMPLETED');
  const view = await gf.handle.query(getGovernmentFlag);
  const out = (code: string) => view.candidates.find((c) => c.unitId === u[code])!;
  expect(out('CT-CA')).toMatchObject({ status: 'approved', amountVnd: 28_080_000 });
  expect(out('CT-VKSND')).toMatchObject({
    status: 'rejected',
    reason: expect.stringMatching(/Điều 4 khoản 4.*Kỷ luật khiển trách/),
  });
  expect(out('CT-TTR')).toMatchObject({ status: 'rejected', reason: expect.stringMatching(/còn bị tạm dừng xét/) });
  // Stored: the proposals, the unit holds (opened and closed with their outcome) and one audit row per act.
  const rows = await h.db.prisma.proposal.findMany({
    where: { awardType: 'government-flag', achievementPeriod: String(year) },
  });
  expect(rows.find((r) => r.unitId === u['CT-VKSND'])).toMatchObject({
    status: 'rejected',
    reason: expect.stringContaining('Kỷ luật'),
  });
  const holds = await h.db.prisma.unitHold.findMany({
    where: { unitId: { in: [u['CT-TTR']!, u['CT-CA']!, u['CT-VKSND']!] } },
  });
  expect(holds.map((x) => x.outcome).sort()).toEqual(['cleared', 'cleared', 'cleared', 'disciplined']);
  expect(
    await h.db.prisma.auditLog.count({
      where: { workflowId: gf.handle.workflowId, action: { startsWith: 'governmentFlag.hold.' } },
    }),
  ).toBe(8);
  await h.recordHistory(gf.handle);
});
