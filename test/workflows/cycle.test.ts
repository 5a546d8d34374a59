/**
 * The bloc-year on the time-skipping test server with real activities on a real SQLite file:
 * a whole year in seconds, then one test per edge case of the issue.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { createActivities } from '../../activities/create-activities';
import { buildCycleInput } from '../../api/cycle-input';
import { cycleWorkflowId, type CycleInput } from '../../contracts/cycle';
import type { Db } from '../../db';
import { createWorker } from '../../worker/create-worker';
import { DAY, planFor, runCouncilAndHandover, runToVoting, runVoting, waitFor, waitForPhase, type BlocCast, type CyclePort } from '../../scripts/scenario';
import type { CycleResult } from '../../workflows/cycle';
import { seededSqlite } from '../support/db';
import { timeSkippingEnv } from '../support/temporal';
import { castOf, workflowPort } from '../support/workflow-port';

jest.setTimeout(120_000);

let env: TestWorkflowEnvironment;
let worker: Worker;
let running: Promise<void>;
let db: Db;
let cleanup: () => Promise<void>;
let cast: BlocCast;
let blocId: string;
let units: Record<string, string>; // code → id
const taskQueue = `test-${randomUUID()}`;
let nextYear = 2030;

beforeAll(async () => {
  ({ db, cleanup } = await seededSqlite());
  env = await timeSkippingEnv();
  worker = await createWorker({ connection: env.nativeConnection, namespace: 'default', taskQueue, activities: createActivities({ db }) });
  running = worker.run();
  const bloc = await db.prisma.bloc.findUniqueOrThrow({ where: { code: 'CT-NOICHINH' } });
  blocId = bloc.id;
  cast = await castOf(db, 'CT-NOICHINH');
  units = Object.fromEntries((await db.prisma.unit.findMany({ where: { code: { startsWith: 'CT-' } } })).map((u) => [u.code, u.id]));
});

afterAll(async () => {
  worker?.shutdown();
  await running;
  await env?.teardown();
  await cleanup?.();
});

async function startYear(tweak: (input: CycleInput) => CycleInput = (i) => i) {
  const year = nextYear;
  nextYear += 3; // each test owns its year and the next one its handover starts
  const person = await db.prisma.person.findUniqueOrThrow({ where: { username: cast.officerOf[(await db.prisma.bloc.findUniqueOrThrow({ where: { id: blocId } })).headUnitId!]! } });
  const input = tweak(await buildCycleInput(db, blocId, year, person.id));
  const workflowId = cycleWorkflowId(input.blocCode, year);
  const handle = await env.client.workflow.start('blocCycleWorkflow', { taskQueue, workflowId, args: [input] });
  const port = workflowPort(env, db, workflowId);
  const start = await env.currentTimeMs();
  const plan = planFor(year, start, 30 * DAY, [3 * 86_400, 86_400]);
  return { year, input, handle, port, plan, workflowId };
}

const merit = () => [units['CT-TTR']!, units['CT-CA']!, units['CT-VKSND']!, units['CT-TAND']!, units['CT-BCHQS']!, units['CT-STP']!, units['CT-THADS']!];

/** `RECORD_HISTORIES=1 npx jest test/workflows` refreshes the histories the replay test runs. */
async function recordHistory(handle: { workflowId: string; fetchHistory(): Promise<temporal.api.history.v1.IHistory> }) {
  if (!process.env.RECORD_HISTORIES) return;
  const bytes = temporal.api.history.v1.History.encode(await handle.fetchHistory()).finish();
  fs.writeFileSync(path.join(__dirname, 'histories', `${handle.workflowId}.history.bin`), bytes);
}

async function rejection(p: Promise<unknown>): Promise<{ type: string; message: string }> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WorkflowUpdateFailedError) {
      const cause = e.cause as { type?: string; message: string };
      return { type: cause.type ?? '?', message: cause.message };
    }
    throw e;
  }
  throw new Error('expected the act to be rejected');
}

test('a whole year for the Cần Thơ 7-unit bloc, from launch to the next year’s start', async () => {
  const { handle, port, plan, workflowId, year } = await startYear();
  await runToVoting(port, cast, plan, { merit: merit() });
  await runVoting(port, cast, { merit: merit() });
  await runCouncilAndHandover(port, cast, { decisionDate: `${year + 1}-01-15` });
  const result = (await handle.result()) as CycleResult;
  await recordHistory(handle);
  await recordHistory(env.client.workflow.getHandle(`${workflowId}-council`));

  expect(result.ranking.map((r) => r.unitId)).toEqual(merit());
  expect(result.ranking[0]!.rank).toBe(1);
  const flag = result.awards.find((a) => a.type === 'emulation-flag')!;
  expect(flag).toMatchObject({ unitId: units['CT-TTR'], status: 'approved' });
  // 8.0 × 2,340,000 VND (ND 152/2025 Art. 50(2)(e), base salary ND 73/2024)
  expect(flag.amountVnd).toBe(18_720_000);
  expect(result.awards.filter((a) => a.type === 'certificate-of-merit').every((a) => a.status === 'approved')).toBe(true);
  expect(result.nextYearWorkflowId).toBe(cycleWorkflowId('CT-NOICHINH', year + 1));
  expect(result.nextHead).toBeTruthy();
  expect(result.nextDeputy).toBeTruthy();
  expect(result.nextHead).not.toBe(result.nextDeputy);

  // The next year exists and waits for its new head's plan.
  const next = workflowPort(env, db, result.nextYearWorkflowId!);
  const nextView = await waitFor('next year to start', async () => next.view().catch(() => undefined));
  expect(nextView).toMatchObject({ phase: 'launch', year: year + 1, headUnitId: result.nextHead });

  // Projections: the read model the API serves.
  const cycle = await db.prisma.cycle.findUniqueOrThrow({ where: { id: workflowId }, include: { tasks: true, scoreSummaries: true, proposals: { include: { decision: true } } } });
  expect(cycle.phase).toBe('closed');
  expect(cycle.tasks.filter((t) => t.kind === 'pledge' && t.status === 'done')).toHaveLength(7);
  expect(cycle.scoreSummaries).toHaveLength(7);
  expect(cycle.proposals.find((p) => p.awardType === 'emulation-flag')?.decision?.amountVnd).toBe(18_720_000);
  const handover = await db.prisma.handover.findUniqueOrThrow({ where: { blocId_fromYear: { blocId, fromYear: year } } });
  expect(handover.newHeadUnitId).toBe(result.nextHead);
  // Secret ballot: as many anonymous ballots as voter records, and ballots carry no voter.
  const rounds = await db.prisma.votingRound.findMany({ where: { cycleId: workflowId }, include: { _count: { select: { ballots: true, voters: true } } } });
  expect(rounds.length).toBeGreaterThan(0);
  for (const r of rounds) expect(r._count.ballots).toBe(r._count.voters);
  expect(await db.prisma.notification.count({ where: { cycleId: workflowId } })).toBeGreaterThan(7);
  expect(await db.prisma.auditLog.count({ where: { workflowId } })).toBeGreaterThan(20);
});

test('a late unit is flagged, penalised and escalated to the head when the pledge deadline passes', async () => {
  const { port, plan } = await startYear();
  const head = cast.officerOf[(await port.view()).actingHeadUnitId]!;
  await port.act(head, '/plan', { plan });
  await waitForPhase(port, 'pledge');
  const late = units['CT-THADS']!;
  for (const unitId of Object.values(units).filter((id) => id !== late)) {
    await port.act(cast.officerOf[unitId]!, '/pledges', { unitId, targets: ['Hoàn thành nhiệm vụ'], signedBy: 'Thủ trưởng' });
    await port.act(head, '/pledges/review', { unitId, decision: 'accept' });
  }
  await port.sleep(31 * DAY);
  const view = await waitForPhase(port, 'midYear');
  const lateUnit = view.units.find((u) => u.unitId === late)!;
  expect(lateUnit.late).toEqual(['pledge']);
  expect(lateUnit.penaltyPoints).toBeGreaterThan(0);
  const task = await db.prisma.task.findFirstOrThrow({ where: { cycleId: view.workflowId, unitId: late, kind: 'pledge' } });
  expect(task.status).toBe('late');
  expect(task.remindersSent).toBeGreaterThanOrEqual(1);
  expect(await db.prisma.notification.count({ where: { cycleId: view.workflowId, kind: 'escalation', recipientUnitId: view.actingHeadUnitId } })).toBe(1);
  expect(await db.prisma.notification.count({ where: { cycleId: view.workflowId, kind: 'reminder', recipientUnitId: late } })).toBeGreaterThanOrEqual(1);
  // After the deadline the unit can no longer pledge.
  const rejected = await rejection(port.act(cast.officerOf[late]!, '/pledges', { unitId: late, targets: ['x'], signedBy: 'Thủ trưởng' }));
  expect(rejected.type).toBe('WRONG_PHASE');
});

test('the head extends a deadline: the phase stays open past the old date', async () => {
  const { port, plan } = await startYear();
  const head = cast.officerOf[(await port.view()).actingHeadUnitId]!;
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
  const rejected = await rejection(port.act(head, '/deadlines/extend', { phase: 'midYear', newDeadline: new Date(Date.parse(plan.deadlines.midYear) - DAY).toISOString(), reason: 'thử rút ngắn' }));
  expect(rejected.type).toBe('VALIDATION');
});

test('a duplicate submission is answered once; a second pledge with a new request id is refused', async () => {
  const { port, plan, workflowId } = await startYear();
  const head = cast.officerOf[(await port.view()).actingHeadUnitId]!;
  await port.act(head, '/plan', { plan });
  await waitForPhase(port, 'pledge');
  const unitId = units['CT-CA']!;
  const requestId = randomUUID();
  const body = { unitId, targets: ['Kéo giảm tội phạm'], signedBy: 'Giám đốc' };
  const first = await port.act(cast.officerOf[unitId]!, '/pledges', body, requestId);
  const again = await port.act(cast.officerOf[unitId]!, '/pledges', body, requestId);
  expect(again).toEqual(first);
  expect(await db.prisma.submission.count({ where: { cycleId: workflowId, unitId, kind: 'pledge' } })).toBe(1);
  const rejected = await rejection(port.act(cast.officerOf[unitId]!, '/pledges', body));
  expect(rejected.type).toBe('ALREADY_DONE');
  // Wrong unit: an officer cannot pledge for another unit.
  const other = units['CT-STP']!;
  expect((await rejection(port.act(cast.officerOf[unitId]!, '/pledges', { ...body, unitId: other }))).type).toBe('FORBIDDEN');
});

test('a double vote is rejected and ballots stay apart from voters', async () => {
  const { port, plan, workflowId } = await startYear();
  await runToVoting(port, cast, plan, { merit: merit() });
  const head = cast.officerOf[(await port.view()).actingHeadUnitId]!;
  const all = Object.values(units);
  await port.act(head, '/meeting', { presentUnitIds: all });
  const view = await waitFor('leader round', async () => ((await port.view()).contests[0]?.status === 'open' ? port.view() : undefined));
  const voter = units['CT-CA']!;
  await port.act(cast.officerOf[voter]!, '/ballots', { unitId: voter, contest: 'leader', round: 1, choices: [units['CT-TTR']] });
  const rejected = await rejection(port.act(cast.officerOf[voter]!, '/ballots', { unitId: voter, contest: 'leader', round: 1, choices: [units['CT-STP']] }));
  expect(rejected.type).toBe('ALREADY_DONE');
  const round = await db.prisma.votingRound.findFirstOrThrow({ where: { cycleId: workflowId, contest: 'leader', round: 1 } });
  expect(await db.prisma.voterRecord.count({ where: { roundId: round.id } })).toBe(1);
  expect(await db.prisma.ballot.count({ where: { roundId: round.id } })).toBe(0); // contents appear only at the close, shuffled
  expect(view.contests[0]!.expectedVoters).toBe(7);
});

test('a tie is resolved by a run-off between the tied units', async () => {
  const { port, plan, handle } = await startYear((i) => ({ ...i, ruleSet: { ...i.ruleSet, voting: { ...i.ruleSet.voting, threshold: { ratio: 0.4, base: 'validBallots', strict: false }, tieBreakOrder: [], selfVoteAllowed: true }, quotas: { ...i.ruleSet.quotas, certificateOfMerit: 0 } } }));
  const [a, b] = [units['CT-TTR']!, units['CT-CA']!];
  let round = 0;
  await runToVoting(port, cast, plan, { merit: merit() });
  const voters = Object.values(units);
  const view = await runVoting(port, cast, {
    merit: merit(),
    leaderVotes: (voter) => {
      const i = voters.indexOf(voter);
      if (i === 0) round++;
      // round 1: 3–3–1 (both tied above 40%); round 2 (run-off): 4–3
      if (round === 1) return [i < 3 ? a : i < 6 ? b : units['CT-STP']!];
      return [i < 4 ? a : b];
    },
  });
  const leader = view.contests.find((c) => c.contest === 'leader')!;
  expect(leader.rounds.map((r) => r.outcome)).toEqual(['tie', 'decided']);
  expect(leader.rounds[1]!.candidates.sort()).toEqual([a, b].sort());
  expect(leader.winners).toEqual([a]);
  expect(leader.decidedBy).toBe('ballot');
  await handle.terminate('test done');
});

test('two failed rounds are decided by the head and the deputy together', async () => {
  const { port, plan, handle } = await startYear((i) => ({ ...i, ruleSet: { ...i.ruleSet, voting: { ...i.ruleSet.voting, threshold: { ratio: 0.4, base: 'validBallots', strict: false }, tieBreakOrder: [], maxRounds: 2, afterFailedRounds: 'headAndDeputyDecide', selfVoteAllowed: true }, quotas: { ...i.ruleSet.quotas, certificateOfMerit: 0 } } }));
  const [a, b] = [units['CT-TTR']!, units['CT-CA']!];
  await runToVoting(port, cast, plan, { merit: merit() });
  const voters = Object.values(units).slice(0, 6);
  const deciding = runVoting(port, cast, { merit: merit(), leaderVotes: (voter) => [voters.indexOf(voter) < 3 ? a : b] }, voters);
  const v = await waitFor('head and deputy decision', async () => {
    const now = await port.view();
    return now.contests.find((c) => c.contest === 'leader')?.status === 'awaitingDecision' ? now : undefined;
  });
  const head = cast.officerOf[v.actingHeadUnitId]!;
  const deputy = cast.officerOf[v.deputyUnitId]!;
  await port.act(head, '/contests/decide', { contest: 'leader', unitIds: [b] });
  expect((await port.view()).contests[0]!.status).toBe('awaitingDecision'); // one voice is not enough
  await port.act(deputy, '/contests/decide', { contest: 'leader', unitIds: [b] });
  const done = await deciding;
  const leader = done.contests.find((c) => c.contest === 'leader')!;
  expect(leader.rounds).toHaveLength(2);
  expect(leader.winners).toEqual([b]);
  expect(leader.decidedBy).toBe('headAndDeputy');
  await handle.terminate('test done');
});

test('no quorum: the meeting is postponed, and at the deadline there is no winner this year', async () => {
  const { port, plan, handle } = await startYear();
  await runToVoting(port, cast, plan, { merit: merit() });
  const head = cast.officerOf[(await port.view()).actingHeadUnitId]!;
  const answer = await port.act(head, '/meeting', { presentUnitIds: Object.values(units).slice(0, 3) });
  expect(answer.data).toMatchObject({ quorumMet: false });
  await port.sleep(Date.parse(plan.deadlines.voting) - (await env.currentTimeMs()) + DAY);
  // No proposals: the council has nothing to review, so the year goes straight on to the handover.
  const view = await waitFor('the vote to end', async () => {
    const v = await port.view();
    return v.phase === 'council' || v.phase === 'handover' ? v : undefined;
  });
  expect(view.contests.every((c) => c.decidedBy === 'noWinner' && c.noWinnerReason === 'noQuorum')).toBe(true);
  expect(view.proposals).toEqual([]);
  await handle.terminate('test done');
});

test('nobody reaches the threshold: no leader this year', async () => {
  const { port, plan, handle } = await startYear((i) => ({ ...i, ruleSet: { ...i.ruleSet, voting: { ...i.ruleSet.voting, afterFailedRounds: 'noWinner' }, quotas: { ...i.ruleSet.quotas, certificateOfMerit: 0 } } }));
  await runToVoting(port, cast, plan, { merit: merit() });
  const voters = Object.values(units);
  const view = await runVoting(port, cast, { merit: merit(), leaderVotes: (voter) => [voters[(voters.indexOf(voter) + 1) % voters.length]!] });
  const leader = view.contests.find((c) => c.contest === 'leader')!;
  expect(leader.winners).toEqual([]);
  expect(leader.decidedBy).toBe('noWinner');
  expect(leader.rounds.map((r) => r.outcome)).toEqual(['noWinner', 'noWinner']); // a second ballot among all, then none
  expect(view.proposals.filter((p) => p.awardType === 'emulation-flag')).toEqual([]);
  await handle.terminate('test done');
});

async function toCouncil(tweak?: (i: CycleInput) => CycleInput) {
  const y = await startYear(tweak);
  await runToVoting(y.port, cast, y.plan, { merit: merit() });
  await runVoting(y.port, cast, { merit: merit() });
  const view = await waitFor('council', async () => {
    const v = await y.port.view();
    return v.councilWorkflowId ? v : undefined;
  });
  return { ...y, view };
}

async function councilVotesYes(port: CyclePort, proposalId: string) {
  for (const member of cast.councilMembers) await port.act(member, '/council/votes', { proposalId, approve: true });
}

test('a unit put on hold after the vote is held, not rejected; then cleared — or disqualified', async () => {
  const { port, view, handle } = await toCouncil();
  const flag = view.proposals.find((p) => p.awardType === 'emulation-flag')!;
  const cert = view.proposals.find((p) => p.awardType === 'certificate-of-merit')!;
  await port.act(cast.admin, '/holds', { unitId: flag.unitId, kind: 'complaint', reason: 'Đơn tố cáo đang được xác minh' });
  await port.act(cast.admin, '/holds', { unitId: cert.unitId, kind: 'investigation', reason: 'Đang thanh tra có dấu hiệu vi phạm' });
  const council = env.client.workflow.getHandle(`${view.workflowId}-council`);
  const { getCouncil } = await import('../../workflows/messages');
  await waitFor('holds to reach the council', async () => ((await council.query(getCouncil)).proposals.filter((p) => p.status === 'onHold').length === 2 ? true : undefined));
  await councilVotesYes(port, flag.proposalId).catch(() => undefined);
  const blocked = await rejection(port.act(cast.councilSecretary, '/council/decisions', { proposalId: flag.proposalId, decision: 'approve', decisionNumber: '01/QĐ-UBND', decisionDate: '2031-01-10' }));
  expect(blocked.type).toBe('WRONG_PHASE');
  await port.act(cast.admin, '/holds/resolve', { unitId: flag.unitId, outcome: 'cleared', reason: 'Kết luận không vi phạm' });
  await port.act(cast.admin, '/holds/resolve', { unitId: cert.unitId, outcome: 'disciplined', reason: 'Kết luận có vi phạm, bị kỷ luật' });
  await waitFor('cleared', async () => ((await council.query(getCouncil)).proposals.find((p) => p.proposalId === flag.proposalId)?.status === 'submitted' ? true : undefined));
  await councilVotesYes(port, flag.proposalId);
  await port.act(cast.councilSecretary, '/council/decisions', { proposalId: flag.proposalId, decision: 'approve', decisionNumber: '01/QĐ-UBND', decisionDate: '2031-01-10' });
  const state = await council.query(getCouncil);
  expect(state.proposals.find((p) => p.proposalId === flag.proposalId)!.status).toBe('approved');
  expect(state.proposals.find((p) => p.proposalId === cert.proposalId)!.status).toBe('disqualified');
  expect(await db.prisma.unitHold.count({ where: { unitId: cert.unitId, outcome: 'disciplined' } })).toBe(1);
  await handle.terminate('test done');
});

test('a proposal returned by the council is resubmitted and then approved', async () => {
  const { port, view, handle } = await toCouncil();
  const flag = view.proposals.find((p) => p.awardType === 'emulation-flag')!;
  await councilVotesYes(port, flag.proposalId);
  await port.act(cast.councilSecretary, '/council/decisions', { proposalId: flag.proposalId, decision: 'return', reason: 'Bổ sung báo cáo thành tích có xác nhận' });
  const head = cast.officerOf[view.actingHeadUnitId]!;
  // A returned proposal cannot be approved until resubmitted.
  expect((await rejection(port.act(cast.councilSecretary, '/council/decisions', { proposalId: flag.proposalId, decision: 'approve', decisionNumber: '02/QĐ-UBND', decisionDate: '2031-01-20' }))).type).toBe('WRONG_PHASE');
  await port.act(head, '/council/resubmit', { proposalId: flag.proposalId, achievement: 'Báo cáo thành tích đã bổ sung xác nhận của cấp trình.' });
  // Votes start afresh on the resubmitted dossier: approving without them fails the 80% rule.
  expect((await rejection(port.act(cast.councilSecretary, '/council/decisions', { proposalId: flag.proposalId, decision: 'approve', decisionNumber: '02/QĐ-UBND', decisionDate: '2031-01-20' }))).type).toBe('RULE_VIOLATION');
  await councilVotesYes(port, flag.proposalId);
  await port.act(cast.councilSecretary, '/council/decisions', { proposalId: flag.proposalId, decision: 'approve', decisionNumber: '02/QĐ-UBND', decisionDate: '2031-01-20' });
  const stored = await db.prisma.proposal.findUniqueOrThrow({ where: { id: flag.proposalId }, include: { decision: true } });
  expect(stored).toMatchObject({ status: 'approved', attempts: 2 });
  expect(stored.decision?.decisionNumber).toBe('02/QĐ-UBND');
  await handle.terminate('test done');
});

test('a unit leaving mid-year drops out of tasks, quorum and the vote', async () => {
  const { port, plan, handle } = await startYear();
  const head = cast.officerOf[(await port.view()).actingHeadUnitId]!;
  await port.act(head, '/plan', { plan });
  await waitForPhase(port, 'pledge');
  const leaving = units['CT-THADS']!;
  await port.act(cast.admin, '/membership/leave', { unitId: leaving, reason: 'Sắp xếp tổ chức bộ máy, chuyển khối' });
  let view = await port.view();
  expect(view.units.find((u) => u.unitId === leaving)!.active).toBe(false);
  await runToVoting(port, cast, plan, { merit: merit().filter((id) => id !== leaving) });
  view = await runVoting(port, cast, { merit: merit().filter((id) => id !== leaving) });
  expect(view.contests[0]!.rounds[0]!.candidates).not.toContain(leaving);
  expect(view.units.filter((u) => u.active)).toHaveLength(6);
  expect((await db.prisma.task.findFirstOrThrow({ where: { cycleId: view.workflowId, unitId: leaving, kind: 'pledge' } })).status).toBe('cancelled');
  await handle.terminate('test done');
});
