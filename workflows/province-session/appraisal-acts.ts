/** Collecting and appraisal: the bloc cycles hand in; the standing body accepts or returns; the bloc head resubmits. */
import { setHandler } from '@temporalio/workflow';
import * as ps from '../../contracts/province-session';
import { officialUnitOf, ok, registerAct, type ActResult } from '../act';
import { write } from '../effects';
import { asFailure, reject } from '../errors';
import { provinceSessionNotices } from '../../notifications/catalogue';
import { appraiseDossier, closeCollection, handInDossier, resubmitDossier } from './messages';
import { auditSession, findDossier, project, requireStandingBody, type SessionState } from './state';

const OPEN: ps.SessionPhase[] = ['collecting', 'appraisal'];

export function registerAppraisalActs(s: SessionState): void {
  const parse = (raw: unknown) => {
    try {
      return ps.HandInDossierSchema.parse(raw);
    } catch (e) {
      return asFailure(e);
    }
  };
  setHandler(
    handInDossier,
    async (raw): Promise<ActResult> => {
      const { dossier } = parse(raw);
      if (findDossier(s, dossier.cycleId)) return ok('dossier already handed in', { workflowId: s.workflowId });
      s.dossiers.push({
        dossier,
        cycleId: dossier.cycleId,
        blocId: dossier.blocId,
        blocCode: dossier.blocCode,
        blocName: dossier.blocName,
        headUnitId: dossier.headUnitId,
        status: 'submitted',
        attempts: 1,
        handedInAt: new Date().toISOString(),
      });
      for (const p of dossier.proposals)
        s.proposals.push({
          ...p,
          blocId: dossier.blocId,
          cycleId: dossier.cycleId,
          headUnitId: dossier.headUnitId,
          outcome: 'pending',
          yes: null,
          base: null,
        });
      await project(s);
      await write(s, 'notify', {
        dedupeKey: `${s.workflowId}:handed-in:${dossier.cycleId}`,
        personIds: [...s.input.secretaryIds],
        kind: 'task',
        ...provinceSessionNotices.handedIn(dossier.blocName, s.input.year),
      });
      return ok('dossier handed in', { workflowId: s.workflowId });
    },
    {
      validator: (raw) => {
        const { dossier } = parse(raw);
        if (findDossier(s, dossier.cycleId)) return;
        if (s.phase !== 'collecting' || s.collectionClosed || Date.now() > Date.parse(s.input.submissionDeadline))
          reject('DEADLINE_PASSED', `session ${s.input.n} no longer takes dossiers (${s.input.submissionDeadline})`);
      },
    },
  );

  registerAct(
    s.processed,
    closeCollection,
    ps.CloseCollectionSchema,
    (a) => {
      requireStandingBody(s, a.actor);
      if (s.phase !== 'collecting' || s.collectionClosed)
        reject(OPEN.includes(s.phase) ? 'ALREADY_DONE' : 'WRONG_PHASE', `the session is ${s.phase}: not collecting`);
      if (s.dossiers.length === 0) reject('WRONG_PHASE', 'no dossier has been handed in: nothing to appraise');
      if (!s.closesCollectionEarly) reject('WRONG_PHASE', 'this sitting collects until its deadline');
    },
    async (a) => {
      // The run moves to appraisal in this same workflow task (workflows/province-session.ts).
      s.collectionClosed = true;
      await auditSession(
        s,
        'collection.close',
        { personId: a.actor.personId, requestId: a.requestId },
        { dossiers: s.dossiers.length, deadline: s.input.submissionDeadline },
      );
      return ok('collection closed: appraisal starts', { dossiers: s.dossiers.length });
    },
  );

  registerAct(
    s.processed,
    appraiseDossier,
    ps.AppraiseDossierSchema,
    (a) => {
      requireStandingBody(s, a.actor);
      const d = findDossier(s, a.cycleId);
      if (!d) reject('NOT_FOUND', `no dossier of ${a.cycleId} in this session`);
      if (!OPEN.includes(s.phase)) reject('WRONG_PHASE', `the session is ${s.phase}`);
      if (d.status !== 'submitted') reject('WRONG_PHASE', `the dossier is ${d.status}`);
    },
    async (a) => {
      const d = findDossier(s, a.cycleId)!;
      d.status = a.decision === 'accept' ? 'accepted' : 'returned';
      d.reason = a.reason;
      await project(s);
      await auditSession(
        s,
        `dossier.${a.decision}`,
        { personId: a.actor.personId, requestId: a.requestId },
        { cycleId: d.cycleId, status: d.status, reason: a.reason, attempt: d.attempts },
      );
      if (d.status === 'returned')
        await write(s, 'notify', {
          dedupeKey: `${s.workflowId}:returned:${d.cycleId}:${d.attempts}`,
          unitIds: [d.headUnitId],
          kind: 'task',
          ...provinceSessionNotices.returned(a.reason!),
        });
      return ok(`dossier ${d.status}`);
    },
  );

  registerAct(
    s.processed,
    resubmitDossier,
    ps.ResubmitDossierSchema,
    (a) => {
      const d = findDossier(s, a.cycleId);
      if (!d) reject('NOT_FOUND', `no dossier of ${a.cycleId} in this session`);
      // The bloc head's officer, by the records the cycle handed in (no bloc can open or decide the session).
      const unitId = officialUnitOf(undefined, a.actor);
      const byRecords = d.dossier.headOfficerIds?.includes(a.actor.personId) ?? true;
      if (unitId !== d.headUnitId || !byRecords) reject('FORBIDDEN', 'only the bloc head resubmits its dossier');
      if (!OPEN.includes(s.phase)) reject('WRONG_PHASE', `the session is ${s.phase}`);
      if (d.status !== 'returned') reject('WRONG_PHASE', `the dossier is ${d.status}, not returned`);
      const mine = new Set(d.dossier.proposals.map((p) => p.proposalId));
      a.achievements.forEach((x, i) => {
        if (!mine.has(x.proposalId))
          reject('VALIDATION', 'invalid payload', {
            issues: [{ path: ['achievements', String(i), 'proposalId'], message: 'not a proposal of this dossier' }],
          });
      });
    },
    async (a) => {
      const d = findDossier(s, a.cycleId)!;
      Object.assign(d, { status: 'submitted', attempts: d.attempts + 1, reason: undefined });
      for (const x of a.achievements) {
        const p = s.proposals.find((q) => q.proposalId === x.proposalId)!;
        p.achievement = x.achievement;
      }
      await project(s);
      await auditSession(
        s,
        'dossier.resubmit',
        { personId: a.actor.personId, requestId: a.requestId },
        { cycleId: d.cycleId, attempt: d.attempts, note: a.note },
      );
      return ok('dossier resubmitted');
    },
  );
}
