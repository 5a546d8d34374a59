import * as gf from '../../contracts/government-flag';
import { governmentFlagHold } from '../../domain/government-flag';
import { ok, registerAct } from '../act';
import { inOrder, write } from '../effects';
import { reject } from '../errors';
import { holdGovernmentFlagCandidate, resolveGovernmentFlagHold } from './messages';
import {
  ballotOf,
  find,
  holdStage,
  persist,
  requireSecretary,
  settle,
  type CandidateState,
  type GovFlagState,
} from './state';
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
      await holdWrites(s, c, a, {
        hold: { kind: a.kind, reason: a.reason },
        action: 'governmentFlag.hold.open',
        after: { status: c.status, heldFrom: c.heldFrom, kind: a.kind, reason: a.reason },
        notice: governmentFlagNotices.held(c.reason!),
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
      await holdWrites(s, c, a, {
        hold: { reason: a.reason, outcome: a.outcome },
        action: `governmentFlag.hold.${a.outcome}`,
        after: { status: c.status, reason: a.reason, verdict: next.reason },
        notice: governmentFlagNotices.holdResolved(next.status === 'rejected', c.reason ?? a.reason),
      });
      return ok(`hold resolved: ${a.outcome}`, { status: c.status });
    },
  );
}

/**
 * A hold act's writes, in the order both acts always wrote them (the recorded histories pin it): the
 * hold row, the candidate, the audit row, the notice to the unit and the secretaries.
 */
async function holdWrites(
  s: GovFlagState,
  c: CandidateState,
  a: { actor: { personId: string }; requestId: string },
  w: {
    hold: { kind?: string; reason: string; outcome?: 'cleared' | 'disciplined' };
    action: string;
    after: Record<string, unknown>;
    notice: { title: string; body: string };
  },
): Promise<void> {
  await inOrder(s, async () => {
    await write(s, 'recordHold', {
      cycleId: c.cycleId,
      unitId: c.unitId,
      ...w.hold,
      at: new Date(Date.now()).toISOString(),
    });
    await persist(s, [c]);
    await write(s, 'audit', {
      action: w.action,
      entity: 'proposal',
      entityId: c.proposalId,
      actorPersonId: a.actor.personId,
      after: w.after,
      workflowId: s.workflowId,
      requestId: a.requestId,
    });
    await write(s, 'notify', {
      dedupeKey: `${s.workflowId}:hold:${c.unitId}:${a.requestId}`,
      unitIds: [c.unitId],
      personIds: s.secretaryIds,
      cycleId: c.cycleId,
      kind: 'info',
      ...w.notice,
    });
  });
}
