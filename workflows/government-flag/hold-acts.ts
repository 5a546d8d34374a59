import * as gf from '../../contracts/government-flag';
import { governmentFlagHold } from '../../domain/government-flag';
import { ok, registerAct } from '../act';
import { inOrder, write } from '../effects';
import { reject } from '../errors';
import { holdGovernmentFlagCandidate, resolveGovernmentFlagHold } from './messages';
import { ballotOf, find, holdStage, persist, requireSecretary, settle, type GovFlagState } from './state';
import { governmentFlagNotices, governmentFlagReasons } from '../../notifications/catalogue';

/** ND 152/2025 Art. 4(4): a candidate under investigation or discipline is put on hold, never rejected for it. */
export function registerHoldActs(s: GovFlagState): void {
  // ND 152/2025 Art. 4(4): a candidate under investigation or discipline is put on hold, never rejected
  // for it; cleared → back to its status, disciplined → rejected (domain governmentFlagHold).
  registerAct(
    s.processed,
    holdGovernmentFlagCandidate,
    gf.GovernmentFlagHoldSchema,
    (a) => {
      requireSecretary(s, a.actor);
      const c = find(s, a.unitId);
      if (!c) reject('NOT_FOUND', `${a.unitId} is not a candidate`, { path: ['unitId'] });
      governmentFlagHold({ status: c.status, event: 'onHold', stage: holdStage(s) });
    },
    async (a) => {
      const c = find(s, a.unitId)!;
      const held = governmentFlagHold({ status: c.status, event: 'onHold', stage: holdStage(s) });
      Object.assign(c, {
        status: held.status,
        heldFrom: held.heldFrom,
        reason: governmentFlagReasons.held(a.reason),
      });
      await inOrder(s, async () => {
        await write(s, 'recordHold', {
          cycleId: c.cycleId,
          unitId: c.unitId,
          kind: a.kind,
          reason: a.reason,
          at: new Date(Date.now()).toISOString(),
        });
        await persist(s, [c]);
        await write(s, 'audit', {
          action: 'governmentFlag.hold.open',
          entity: 'proposal',
          entityId: c.proposalId,
          actorPersonId: a.actor.personId,
          after: { status: c.status, heldFrom: c.heldFrom, kind: a.kind, reason: a.reason },
          workflowId: s.workflowId,
          requestId: a.requestId,
        });
        await write(s, 'notify', {
          dedupeKey: `${s.workflowId}:hold:${c.unitId}:${a.requestId}`,
          unitIds: [c.unitId],
          personIds: s.secretaryIds,
          cycleId: c.cycleId,
          kind: 'info',
          ...governmentFlagNotices.held(c.reason!),
        });
      });
      return ok('candidate put on hold', { status: c.status });
    },
  );

  registerAct(
    s.processed,
    resolveGovernmentFlagHold,
    gf.ResolveGovernmentFlagHoldSchema,
    (a) => {
      requireSecretary(s, a.actor);
      const c = find(s, a.unitId);
      if (!c) reject('NOT_FOUND', `${a.unitId} is not a candidate`, { path: ['unitId'] });
      if (c.status !== 'onHold') reject('CONFLICT', `${c.unitName} is not on hold`, { path: ['unitId'] });
    },
    async (a) => {
      const c = find(s, a.unitId)!;
      const seatsTaken = s.candidates.filter(
        (x) => x.status === 'selected' || (x.status === 'onHold' && x.heldFrom === 'selected'),
      ).length;
      const next = governmentFlagHold({
        status: c.status,
        heldFrom: c.heldFrom,
        event: a.outcome === 'cleared' ? 'cleared' : 'disqualified',
        stage: holdStage(s),
        ballot: { passes: ballotOf(s, c).passes, freeSeats: Math.max(0, s.input.quota - seatsTaken) },
      });
      const reasons: Record<typeof next.reason, string | undefined> = {
        belowThreshold: governmentFlagReasons.belowThreshold,
        overQuota: governmentFlagReasons.overQuota,
        onHold: undefined,
        selected: undefined,
        resumed: undefined,
        disqualified: governmentFlagReasons.disqualified(a.reason),
        notSubmitted: governmentFlagReasons.notSubmitted,
      };
      Object.assign(c, { status: next.status, heldFrom: undefined, reason: reasons[next.reason] });
      if (next.reason === 'selected') c.voteShare = ballotOf(s, c).share;
      settle(s);
      await inOrder(s, async () => {
        await write(s, 'recordHold', {
          cycleId: c.cycleId,
          unitId: c.unitId,
          reason: a.reason,
          outcome: a.outcome,
          at: new Date(Date.now()).toISOString(),
        });
        await persist(s, [c]);
        await write(s, 'audit', {
          action: `governmentFlag.hold.${a.outcome}`,
          entity: 'proposal',
          entityId: c.proposalId,
          actorPersonId: a.actor.personId,
          after: { status: c.status, reason: a.reason, verdict: next.reason },
          workflowId: s.workflowId,
          requestId: a.requestId,
        });
        await write(s, 'notify', {
          dedupeKey: `${s.workflowId}:hold:${c.unitId}:${a.requestId}`,
          unitIds: [c.unitId],
          personIds: s.secretaryIds,
          cycleId: c.cycleId,
          kind: 'info',
          ...governmentFlagNotices.holdResolved(next.status === 'rejected', c.reason ?? a.reason),
        });
      });
      return ok(`hold resolved: ${a.outcome}`, { status: c.status });
    },
  );
}
