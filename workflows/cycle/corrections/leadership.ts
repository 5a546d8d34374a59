/**
 * Who chairs a running year: the handover of year N adopted by a year N+1 that was started first
 * (adoptHandover), and the province's correction of the head and deputy (correctLeadership).
 * Both set head, deputy and acting head — the head-ness every head act checks (guards.ts requireHead),
 * and through the projection the API's head scope — then notify the units and audit.
 */
import type { Actor } from '../../../contracts/common';
import { cycleWorkflowId } from '../../../contracts/cycle';
import * as k from '../../../contracts/corrections';
import { ok, requireSecretaryOrAdmin } from '../../act';
import { write } from '../../effects';
import { reject } from '../../errors';
import { cycleNotices, taskTitles } from '../../../notifications/catalogue';
import { unitOf } from '../guards';
import { registerCycleAct } from '../projection';
import type { CycleState } from '../state';
import * as m from './messages';

export function requireRunning(s: CycleState): void {
  if (s.phase === 'closed') reject('WRONG_PHASE', 'the year is closed');
  if (s.cancellation) reject('WRONG_PHASE', 'the year was cancelled');
}

export function registerLeadershipActs(s: CycleState): void {
  registerCycleAct(
    s,
    m.adoptHandover,
    k.AdoptHandoverSchema,
    (a) => {
      requireRunning(s);
      const from = cycleWorkflowId(s.input.blocCode, s.input.year - 1);
      if (a.fromYear !== s.input.year - 1 || a.fromWorkflowId !== from)
        reject('CONFLICT', `only ${from} hands over to ${s.workflowId}`);
      unitOf(s, a.headUnitId);
      unitOf(s, a.deputyUnitId);
    },
    async (a) => {
      s.input = { ...s.input, recentHeads: a.recentHeads };
      const why = `Bàn giao từ năm ${a.fromYear}.`;
      await setLeadership(s, a, a.headUnitId, a.deputyUnitId, 'handover.adopt', why, {
        fromWorkflowId: a.fromWorkflowId,
      });
      return ok('handover adopted', { headUnitId: a.headUnitId, deputyUnitId: a.deputyUnitId });
    },
    { projects: true },
  );

  registerCycleAct(
    s,
    m.correctLeadership,
    k.CorrectLeadershipSchema,
    (a) => {
      requireSecretaryOrAdmin(s.roster, a.actor, true);
      requireRunning(s);
      unitOf(s, a.headUnitId);
      unitOf(s, a.deputyUnitId);
      if (a.headUnitId === s.headUnitId && a.deputyUnitId === s.deputyUnitId)
        reject('ALREADY_DONE', 'these are already the head and deputy of this year');
    },
    async (a) => {
      await setLeadership(s, a, a.headUnitId, a.deputyUnitId, 'leadership.correct', `Lý do: ${a.reason}`, {
        reason: a.reason,
      });
      return ok('head and deputy corrected', { headUnitId: a.headUnitId, deputyUnitId: a.deputyUnitId });
    },
    { projects: true },
  );
}

async function setLeadership(
  s: CycleState,
  act: { requestId: string; actor: Actor },
  head: string,
  deputy: string,
  action: string,
  why: string,
  extra: Record<string, unknown>,
): Promise<void> {
  const before = { headUnitId: s.headUnitId, deputyUnitId: s.deputyUnitId, actingHeadUnitId: s.actingHeadUnitId };
  s.headUnitId = head;
  s.deputyUnitId = deputy;
  s.actingHeadUnitId = head;
  const after = { headUnitId: head, deputyUnitId: deputy, actingHeadUnitId: head };
  await write(s, 'recordLeadership', {
    blocId: s.input.blocId,
    year: s.input.year,
    headUnitId: head,
    deputyUnitId: deputy,
  });
  const members = Object.values(s.units)
    .filter((u) => u.active)
    .map((u) => u.unitId);
  await write(s, 'notify', {
    dedupeKey: `${s.workflowId}:leadership:${act.requestId}`,
    cycleId: s.workflowId,
    unitIds: members,
    kind: 'info',
    ...cycleNotices.leadershipChanged(s.input.year, s.units[head]?.name, s.units[deputy]?.name, why),
  });
  // What waits on the head moves to the new one: the plan to publish, the handover to record.
  if (s.phase === 'launch' && !s.plan)
    await write(s, 'notify', {
      dedupeKey: `${s.workflowId}:launch:${act.requestId}`,
      cycleId: s.workflowId,
      unitIds: [head],
      kind: 'task',
      ...cycleNotices.launch(s.input.year),
    });
  if (s.phase === 'handover' && before.actingHeadUnitId !== head && s.deadlines && !s.handoverRequest) {
    await write(s, 'updateTasks', {
      cycleId: s.workflowId,
      kind: 'handover',
      unitIds: [before.actingHeadUnitId],
      status: 'cancelled',
      onlyOpen: true,
    });
    await write(s, 'openTasks', {
      cycleId: s.workflowId,
      kind: 'handover',
      title: taskTitles.handover,
      dueAt: s.deadlines.handover,
      unitIds: [head],
    });
  }
  await write(s, 'audit', {
    action,
    entity: 'cycle',
    entityId: s.workflowId,
    actorPersonId: act.actor.personId,
    actorRole: act.actor.roles.join(','),
    before,
    after: { ...after, ...extra },
    workflowId: s.workflowId,
    requestId: act.requestId,
  });
}
