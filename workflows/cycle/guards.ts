/** The checks and the audit row every cycle act shares: membership, phase, head, unit scope. */
import type { Actor } from '../../contracts/common';
import { officialUnitOf, requireUnit as requireUnitOf } from '../act';
import { write } from '../effects';
import { reject } from '../errors';
import type { CycleState, UnitState } from './state';

export function unitOf(s: CycleState, unitId: string): UnitState {
  const u = s.units[unitId];
  if (!u || !u.active) reject('NOT_FOUND', `unit ${unitId} is not a member of this bloc`);
  return u;
}

export function requirePhase(s: CycleState, ...phases: CycleState['phase'][]): void {
  if (!phases.includes(s.phase))
    reject('WRONG_PHASE', `not allowed in phase ${s.phase} (needs ${phases.join(' or ')})`);
}

/** Head-ness from the workflow's own records: the unit the person officially acts for (its roster), not the payload's claim. */
export function requireHead(s: CycleState, actor: Actor, allowDeputy = false): void {
  const unitId = officialUnitOf(s.roster, actor);
  const ok = unitId === s.actingHeadUnitId || (allowDeputy && unitId === s.deputyUnitId);
  if (!ok)
    reject('FORBIDDEN', allowDeputy ? 'only the bloc head or deputy may do this' : 'only the bloc head may do this');
}

export const requireUnit = (s: CycleState, actor: Actor, unitId: string) => requireUnitOf(actor, unitId, s.roster);

export const auditAct = (
  s: CycleState,
  act: { requestId: string; actor: Actor },
  action: string,
  entityId: string,
  after?: unknown,
) =>
  write(s, 'audit', {
    action,
    entity: 'cycle',
    entityId,
    actorPersonId: act.actor.personId,
    actorRole: act.actor.roles.join(','),
    after,
    workflowId: s.workflowId,
    requestId: act.requestId,
  });
