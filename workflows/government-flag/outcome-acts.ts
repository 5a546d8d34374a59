import * as gf from '../../contracts/government-flag';
import { checkSubmissionDate, vnDateOf } from '../../domain/government-flag';
import { awardAmount } from '../../domain/money';
import { ok, registerAct, requireBeforeDeadline } from '../act';
import { inOrder, write } from '../effects';
import { reject } from '../errors';
import { recordGovernmentFlagOutcome, submitGovernmentFlag } from './messages';
import { SIGNER, find, persist, requireSecretary, settle, type GovFlagState } from './state';
import { governmentFlagNotices } from '../../notifications/catalogue';

/** The submission to the Ministry of Home Affairs and the Prime Minister's decision or the Ministry's return. */
export function registerOutcomeActs(s: GovFlagState): void {
  registerAct(
    s.processed,
    submitGovernmentFlag,
    gf.GovernmentFlagSubmissionSchema,
    (a) => {
      requireSecretary(s, a.actor);
      if (s.phase !== 'submission')
        reject(
          'WRONG_PHASE',
          s.phase === 'outcome'
            ? 'the dossier was already submitted'
            : `the Government-flag selection is in phase ${s.phase}`,
        );
      requireBeforeDeadline(s.input.deadlineAt, 'submitting the Government-flag dossier (ND 152/2025 Art. 35(1)(b))');
      checkSubmissionDate({
        year: s.input.year,
        letterDate: a.letterDate,
        today: vnDateOf(Date.now()),
        votedOn: s.votedOn!,
      });
      if (!s.candidates.some((c) => c.status === 'selected'))
        reject('CONFLICT', 'no selected proposal to submit: the selected leaders are on hold (ND 152/2025 Art. 4(4))');
    },
    async (a) => {
      s.submission = { letterNumber: a.letterNumber, letterDate: a.letterDate };
      const sent = s.candidates.filter((c) => c.status === 'selected');
      for (const c of sent) c.status = 'submitted';
      s.phase = 'outcome';
      await inOrder(s, async () => {
        await persist(s, sent);
        await write(s, 'audit', {
          action: 'governmentFlag.submit',
          entity: 'province',
          entityId: s.input.provinceId,
          actorPersonId: a.actor.personId,
          after: { ...s.submission, unitIds: sent.map((c) => c.unitId) },
          workflowId: s.workflowId,
          requestId: a.requestId,
        });
        for (const c of sent)
          await write(s, 'notify', {
            dedupeKey: `${s.workflowId}:submitted:${c.unitId}`,
            unitIds: [c.unitId],
            cycleId: c.cycleId,
            kind: 'info',
            ...governmentFlagNotices.submitted(a.letterNumber, a.letterDate),
          });
      });
      return ok('dossier submitted to the Ministry of Home Affairs', { unitIds: sent.map((c) => c.unitId) });
    },
  );

  registerAct(
    s.processed,
    recordGovernmentFlagOutcome,
    gf.GovernmentFlagOutcomeSchema,
    (a) => {
      requireSecretary(s, a.actor);
      if (s.phase !== 'outcome') reject('WRONG_PHASE', `the Government-flag selection is in phase ${s.phase}`);
      const c = find(s, a.unitId);
      if (!c) reject('NOT_FOUND', `${a.unitId} is not a candidate`, { path: ['unitId'] });
      if (c.status !== 'submitted') reject('WRONG_PHASE', `the proposal is ${c.status}`);
      if (a.outcome === 'decided') {
        if (a.decisionDate! < s.submission!.letterDate)
          reject('VALIDATION', `the decision cannot predate the submission (${s.submission!.letterDate})`, {
            path: ['decisionDate'],
          });
        if (a.decisionDate! > vnDateOf(Date.now()))
          reject('VALIDATION', 'the decision cannot be dated in the future', { path: ['decisionDate'] });
        awardAmount('government-flag', 'collective', a.decisionDate!);
      }
    },
    async (a) => {
      const c = find(s, a.unitId)!;
      let money: ReturnType<typeof awardAmount> | undefined;
      if (a.outcome === 'decided') {
        // 12.0 × base salary on the decision date (ND 152/2025 Art. 50(2)(đ), Art. 49).
        money = awardAmount('government-flag', 'collective', a.decisionDate!);
        Object.assign(c, {
          status: 'approved',
          decisionNumber: a.decisionNumber,
          amountVnd: money.amountVnd,
          reason: undefined,
        });
      } else {
        Object.assign(c, { status: 'returned', reason: a.legalGrounds });
      }
      settle(s);
      await inOrder(s, async () => {
        if (money) {
          await write(s, 'recordDecision', {
            cycleId: c.cycleId,
            proposal: {
              proposalId: c.proposalId,
              unitId: c.unitId,
              awardType: 'government-flag',
              achievement: c.achievement,
              voteShare: c.voteShare,
              status: 'approved',
              attempts: 1,
              decisionNumber: a.decisionNumber,
              decisionDate: a.decisionDate,
              amountVnd: money.amountVnd,
            },
            coefficient: money.coefficient,
            baseSalaryVnd: money.baseSalaryVnd,
            signer: SIGNER,
          });
        } else {
          await persist(s, [c]);
        }
        await write(s, 'audit', {
          action: `governmentFlag.${a.outcome}`,
          entity: 'proposal',
          entityId: c.proposalId,
          actorPersonId: a.actor.personId,
          after: {
            status: c.status,
            decisionNumber: a.decisionNumber,
            decisionDate: a.decisionDate,
            amountVnd: money?.amountVnd,
            legalGrounds: a.legalGrounds,
          },
          workflowId: s.workflowId,
          requestId: a.requestId,
        });
        await write(s, 'notify', {
          dedupeKey: `${s.workflowId}:outcome:${c.unitId}`,
          unitIds: [c.unitId],
          personIds: s.secretaryIds,
          cycleId: c.cycleId,
          kind: 'result',
          ...(money
            ? governmentFlagNotices.decided(a.decisionNumber, a.decisionDate, money.amountVnd)
            : governmentFlagNotices.returned(a.legalGrounds)),
        });
      });
      return ok(`proposal ${c.status}`, money ? { amountVnd: money.amountVnd } : undefined);
    },
  );
}
