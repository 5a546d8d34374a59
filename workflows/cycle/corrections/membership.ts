/**
 * A unit joins the bloc for this year (issue 12; leaving is /membership/leave, cycle/acts.ts). The admin
 * records it with a reason; the API fills in the unit and its officers from the registry. The unit gets
 * the task of the phase under way, its officers may act at once, and quorum and threshold bases count it.
 */
import * as k from '../../../contracts/corrections';
import { isAdmin, ok } from '../../act';
import { write } from '../../effects';
import { reject } from '../../errors';
import { cycleNotices, taskTitles } from '../../../notifications/catalogue';
import { auditAct } from '../guards';
import { registerCycleAct } from '../projection';
import { activeUnitIds, freshUnit, type CycleState } from '../state';
import { requireRunning } from './leadership';
import * as m from './messages';

const JOINABLE: readonly CycleState['phase'][] = ['launch', 'pledge', 'midYear', 'selfScoring', 'review'];
const TASK_PHASES = ['pledge', 'midYear', 'selfScoring'] as const;

export function registerJoinAct(s: CycleState): void {
  registerCycleAct(
    s,
    m.joinMembership,
    k.JoinMembershipSchema,
    (a) => {
      if (!isAdmin(s.roster, a.actor)) reject('FORBIDDEN', 'requires role admin');
      requireRunning(s);
      if (!JOINABLE.includes(s.phase))
        reject('WRONG_PHASE', 'a unit joins before the year-end vote (it would not have been scored)');
      if (!a.member || a.member.unitId !== a.unitId) reject('NOT_FOUND', `no unit ${a.unitId}`, { path: ['unitId'] });
      if (s.units[a.unitId]?.active) reject('ALREADY_DONE', `${a.member.name} is already a member of this bloc`);
    },
    async (a) => {
      const member = a.member!;
      const earlier = s.units[a.unitId];
      if (earlier) earlier.active = true;
      else s.units[a.unitId] = freshUnit(member);
      if (s.roster && a.officers)
        s.roster = {
          ...s.roster,
          officers: [...s.roster.officers.filter((o) => o.unitId !== a.unitId), ...a.officers],
        };
      const at = await recordMembershipChange(s, a.unitId, a.reason, 'join');
      const phase = TASK_PHASES.find((p) => p === s.phase);
      if (phase && s.deadlines)
        await write(s, 'openTasks', {
          cycleId: s.workflowId,
          kind: phase,
          title: taskTitles[phase],
          dueAt: s.deadlines[phase],
          unitIds: [a.unitId],
        });
      await write(s, 'notify', {
        dedupeKey: `${s.workflowId}:join:${a.requestId}`,
        cycleId: s.workflowId,
        unitIds: activeUnitIds(s),
        kind: 'info',
        ...cycleNotices.memberJoined(member.name, a.reason),
      });
      await auditAct(s, a, 'membership.join', a.unitId, { reason: a.reason, at });
      return ok(`${member.name} joined the bloc`);
    },
    { projects: true },
  );
}

/** The membership row's change (join here, leave in cycle/acts.ts), stamped with the workflow's time; answers that time. */
export async function recordMembershipChange(
  s: CycleState,
  unitId: string,
  reason: string,
  change?: 'join',
): Promise<string> {
  const at = new Date(Date.now()).toISOString();
  await write(s, 'recordMembershipChange', {
    cycleId: s.workflowId,
    blocId: s.input.blocId,
    unitId,
    reason,
    at,
    ...(change ? { change } : {}),
  });
  return at;
}
