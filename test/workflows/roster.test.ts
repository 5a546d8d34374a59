/**
 * Workflow tests — the roster follows the registry (rosterChanged): once signalled, the cycle and
 * its council review authorise acts by the new roster, refusing those the old one allowed and
 * allowing those it refused; the Government-flag selection takes its secretaries and admins from it. The API's side (admin writes re-sending the rosters): test/api/roster.test.ts.
 */
import { randomUUID } from 'node:crypto';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import type { Actor, Roster } from '../../contracts/common';
import { runCouncilAndHandover, waitFor, waitForPhase } from '../support/scenario';
import type { CycleResult } from '../../workflows/cycle';
import * as m from '../../workflows/messages';
import { buildGovernmentFlagInput } from '../../api/government-flag-input';
import { governmentFlagWorkflowId } from '../../contracts/government-flag';
import { seedBlocLeaders } from '../support/government-flag';
import { workflowPort } from '../support/workflow-port';
import { useCycleHarness } from './harness';

jest.setTimeout(180_000);

const h = useCycleHarness(2060);

async function refusal(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof WorkflowUpdateFailedError) return (e.cause as { type?: string }).type ?? '?';
    throw e;
  }
  throw new Error('expected the act to be refused');
}

const forge = (
  handle: { executeUpdate: (u: never, o: never) => Promise<unknown> },
  update: unknown,
  actor: Actor,
  body: Record<string, unknown>,
) => {
  const requestId = randomUUID();
  return handle.executeUpdate(update as never, { args: [{ ...body, requestId, actor }], updateId: requestId } as never);
};

test('the cycle authorises by the roster last signalled: a newly appointed officer and secretary act, the replaced officer no longer does', async () => {
  const { port, plan, handle, input } = await h.startYear();
  const stp = h.units['CT-STP']!;
  const formerOfficer = await port.actorOf(h.cast.officerOf[stp]!);
  const newcomer = (await port.actorOf(h.cast.councilMembers[2]!)).personId; // a real person, not yet an officer
  const newSecretary = (await port.actorOf(h.cast.councilMembers[3]!)).personId;
  await port.act(h.cast.officerOf[input.headUnitId]!, '/plan', { plan });
  await waitForPhase(port, 'pledge');
  const pledge = { unitId: stp, targets: ['Hoàn thành nhiệm vụ'], signedBy: 'Thủ trưởng đơn vị' };
  const asOfficer: Actor = { personId: newcomer, unitId: stp, roles: ['unitOfficer'] };
  const asSecretary: Actor = { personId: newSecretary, roles: ['councilMember', 'councilSecretary'] };
  const hold = { unitId: stp, kind: 'complaint', reason: 'Đơn tố cáo đang xác minh' };
  // Before the signal: the start-of-year roster knows neither of them.
  expect(await refusal(forge(handle, m.submitPledge, asOfficer, pledge))).toBe('FORBIDDEN');
  expect(await refusal(forge(handle, m.putOnHold, asSecretary, hold))).toBe('FORBIDDEN');

  const roster: Roster = {
    officers: [...input.roster!.officers.filter((o) => o.unitId !== stp), { personId: newcomer, unitId: stp }],
    secretaryIds: [...input.roster!.secretaryIds, newSecretary],
    adminIds: input.roster!.adminIds,
  };
  await handle.signal(m.rosterChanged, roster);
  // A malformed roster is ignored (the one above stays in force).
  await handle.signal(m.rosterChanged, { officers: 'nobody' } as never);

  expect(await refusal(forge(handle, m.submitPledge, formerOfficer, pledge))).toBe('FORBIDDEN');
  await forge(handle, m.submitPledge, asOfficer, pledge);
  await forge(handle, m.putOnHold, asSecretary, hold);
  const view = await port.view();
  expect(view.units.find((u) => u.unitId === stp)).toMatchObject({ pledge: 'submitted', hold: 'onHold' });
});

test('the council review authorises its secretary by the roster last signalled', async () => {
  const { port, view, input } = await h.toCouncil();
  const council = h.env.client.workflow.getHandle(`${view.workflowId}-council`);
  const flag = view.proposals.find((p) => p.awardType === 'emulation-flag')!;
  const oldSecretary = await port.actorOf(h.cast.councilSecretary);
  const newSecretary: Actor = {
    personId: (await port.actorOf(h.cast.councilMembers[1]!)).personId,
    roles: ['councilMember', 'councilSecretary'],
  };
  // The vote is open once the council review has stored its rounds.
  await waitFor('council open', async () => {
    const c = await council.query(m.getCouncil);
    return c.proposals.length > 0 ? c : undefined;
  });
  expect(await refusal(forge(council, m.closeCouncilVote, newSecretary, { proposalId: flag.proposalId }))).toBe(
    'FORBIDDEN',
  );
  await council.signal(m.rosterChanged, { ...input.roster!, secretaryIds: [newSecretary.personId] });
  expect(await refusal(forge(council, m.closeCouncilVote, oldSecretary, { proposalId: flag.proposalId }))).toBe(
    'FORBIDDEN',
  );
  await forge(council, m.closeCouncilVote, newSecretary, { proposalId: flag.proposalId });
  const after = await council.query(m.getCouncil);
  expect(after.proposals.find((p) => p.proposalId === flag.proposalId)).toMatchObject({ voteClosed: true });
});

test('the Government-flag selection takes its secretaries and admins from the roster last signalled', async () => {
  const year = 2045;
  const seeded = await seedBlocLeaders(h.db, year, { fromSeeded: ['CT-TTR', 'CT-CA', 'CT-STP'], fromSecond: 2 });
  const port = workflowPort(h.env, h.db, 'unused');
  const oldSecretary = await port.actorOf(h.cast.councilSecretary);
  const newSecretary: Actor = {
    personId: (await port.actorOf(h.cast.councilMembers[1]!)).personId,
    roles: ['councilMember', 'councilSecretary'],
  };
  const input = await buildGovernmentFlagInput(h.db, seeded.provinceId, year, oldSecretary.personId);
  const handle = await h.env.client.workflow.start('governmentFlagWorkflow', {
    taskQueue: h.taskQueue,
    workflowId: governmentFlagWorkflowId('CT', year),
    args: [input],
  });
  try {
    await waitFor('voting', async () =>
      (await handle.query(m.getGovernmentFlag)).phase === 'voting' ? true : undefined,
    );
    expect(await refusal(forge(handle, m.closeGovernmentFlagVote, newSecretary, {}))).toBe('FORBIDDEN');
    await handle.signal(m.rosterChanged, { officers: [], secretaryIds: [newSecretary.personId], adminIds: [] });
    expect(await refusal(forge(handle, m.closeGovernmentFlagVote, oldSecretary, {}))).toBe('FORBIDDEN');
    await forge(handle, m.closeGovernmentFlagVote, newSecretary, {});
    expect((await handle.query(m.getGovernmentFlag)).phase).not.toBe('voting');
  } finally {
    await handle.terminate('test finished').catch(() => undefined);
  }
});

test('the handover starts next year with the roster as it stands then, not the one this year started with', async () => {
  const { port, handle, input, year } = await h.toCouncil();
  const newSecretary: Actor = {
    personId: (await port.actorOf(h.cast.councilMembers[2]!)).personId,
    roles: ['councilMember', 'councilSecretary'],
  };
  await handle.signal(m.rosterChanged, {
    ...input.roster!,
    secretaryIds: [...input.roster!.secretaryIds, newSecretary.personId],
  });
  await runCouncilAndHandover(port, h.cast, { decisionDate: `${year + 1}-01-15` });
  const result = (await handle.result()) as CycleResult;
  const next = h.env.client.workflow.getHandle(result.nextYearWorkflowId!);
  try {
    // The Java time-skipping server can lose an Update that reaches a workflow before its first
    // task completes ("update … not found"); a query is answered only after that task.
    await waitFor('next year answering', async () => ((await next.query(m.getCycle)).phase ? true : undefined));
    await forge(next, m.putOnHold, newSecretary, {
      unitId: h.units['CT-STP'],
      kind: 'complaint',
      reason: 'Đơn phản ánh đang xác minh',
    });
    expect((await next.query(m.getCycle)).units.find((u) => u.unitId === h.units['CT-STP'])).toMatchObject({
      hold: 'onHold',
    });
  } finally {
    await next.terminate('test finished').catch(() => undefined);
  }
});
