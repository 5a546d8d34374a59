/** The session: attendance with the quorum, one secret ballot per present member, the close, the decisions. */
import * as ps from '../../contracts/province-session';
import { awardAmount } from '../../domain/money';
import { applyProvinceQuotas, councilVotePasses } from '../../domain/province-session';
import { quorumMet, requiredCount } from '../../domain/threshold';
import { ok, registerAct, requireRole } from '../act';
import { write } from '../effects';
import { reject } from '../errors';
import { provinceSessionNotices } from '../../notifications/catalogue';
import { castSessionBallot, closeSessionVote, issueSessionDecisions, recordSessionAttendance } from './messages';
import { auditSession, findDossier, onBallot, project, requireStandingBody, type SessionState } from './state';

const invalid = (path: string[], message: string): never =>
  reject('VALIDATION', 'invalid payload', { issues: [{ path, message }] });

/** Fixes the result of every proposal on the ballot: thresholds, then the province quotas (domain/province-session.ts). */
async function closeVote(
  s: SessionState,
  closedBy: 'allVoted' | 'secretary',
  actor?: { personId: string; requestId: string },
) {
  const e = { members: s.input.councilMemberIds.length, present: s.present!.length, validBallots: s.voters.length };
  const ballot = onBallot(s);
  const counted = ballot.map((p) => {
    const yes = s.yes[p.proposalId] ?? 0;
    const r = councilVotePasses(p.awardType, yes, e, s.input.council);
    p.yes = yes;
    p.base = r.base;
    return { proposalId: p.proposalId, blocId: p.blocId, awardType: p.awardType, yes, passes: r.passes };
  });
  const outcome = applyProvinceQuotas(counted, s.input.rules);
  for (const p of ballot) p.outcome = outcome[p.proposalId]!;
  s.phase = 'decided';
  await project(s);
  await auditSession(s, 'vote.close', actor, {
    closedBy,
    voted: s.voters.length,
    present: e.present,
    results: ballot.map((p) => [p.proposalId, p.yes, p.base, p.outcome]),
  });
}

export function registerVoteActs(s: SessionState): void {
  registerAct(
    s.processed,
    recordSessionAttendance,
    ps.RecordAttendanceSchema,
    (a) => {
      requireStandingBody(s, a.actor);
      if (s.phase !== 'appraisal')
        reject('WRONG_PHASE', `the session is ${s.phase}: attendance opens after the submission deadline`);
      if (s.dossiers.some((d) => d.status === 'submitted'))
        reject('WRONG_PHASE', 'dossiers are still awaiting appraisal');
      a.presentMemberIds.forEach((id, i) => {
        if (!s.input.councilMemberIds.includes(id))
          invalid(['presentMemberIds', String(i)], 'not a member of the council');
      });
      const members = s.input.councilMemberIds.length;
      // BN86 Art. 8(4)(b): an award session needs ≥ 80% of ALL members present.
      if (!quorumMet(a.presentMemberIds.length, members, s.input.council.quorum))
        reject(
          'RULE_VIOLATION',
          `no quorum: ${a.presentMemberIds.length} of ${members} members present, ${requiredCount(members, s.input.council.quorum)} needed`,
          {
            present: a.presentMemberIds.length,
            required: requiredCount(members, s.input.council.quorum),
          },
        );
    },
    async (a) => {
      s.present = [...a.presentMemberIds];
      // A dossier still returned when the session opens is not considered in this session.
      for (const p of s.proposals) if (findDossier(s, p.cycleId)?.status === 'returned') p.outcome = 'notConsidered';
      s.phase = 'voting';
      await project(s);
      await auditSession(
        s,
        'attendance',
        { personId: a.actor.personId, requestId: a.requestId },
        { present: s.present },
      );
      await write(s, 'notify', {
        dedupeKey: `${s.workflowId}:voting`,
        personIds: s.present,
        kind: 'task',
        ...provinceSessionNotices.voting(onBallot(s).length, s.input.year),
      });
      if (onBallot(s).length === 0) await closeVote(s, 'allVoted');
      return ok('attendance recorded: the vote is open', { present: s.present.length });
    },
  );

  registerAct(
    s.processed,
    castSessionBallot,
    ps.SessionBallotSchema,
    (a) => {
      requireRole(a.actor, 'councilMember');
      if (!s.input.councilMemberIds.includes(a.actor.personId))
        reject('FORBIDDEN', 'only members of this council vote');
      if (s.phase !== 'voting') reject('WRONG_PHASE', `the session is ${s.phase}`);
      if (!s.present!.includes(a.actor.personId)) reject('FORBIDDEN', 'only members recorded present vote');
      if (s.voters.includes(a.actor.personId)) reject('ALREADY_DONE', 'you have already cast your ballot');
      const ids = new Set(onBallot(s).map((p) => p.proposalId));
      a.votes.forEach((v, i) => {
        if (!ids.has(v.proposalId)) invalid(['votes', String(i), 'proposalId'], 'not a proposal on this ballot');
      });
      if (a.votes.length !== ids.size) invalid(['votes'], `the ballot covers every proposal (${ids.size})`);
    },
    async (a) => {
      s.voters.push(a.actor.personId);
      for (const v of a.votes) if (v.approve) s.yes[v.proposalId] = (s.yes[v.proposalId] ?? 0) + 1;
      await project(s);
      if (s.present!.every((id) => s.voters.includes(id))) await closeVote(s, 'allVoted');
      return ok('ballot received');
    },
  );

  registerAct(
    s.processed,
    closeSessionVote,
    ps.CloseSessionVoteSchema,
    (a) => {
      requireStandingBody(s, a.actor);
      if (s.phase !== 'voting')
        reject(
          s.phase === 'decided' || s.phase === 'issued' ? 'ALREADY_DONE' : 'WRONG_PHASE',
          `the session is ${s.phase}`,
        );
    },
    async (a) => {
      await closeVote(s, 'secretary', { personId: a.actor.personId, requestId: a.requestId });
      return ok('vote closed');
    },
  );

  registerAct(
    s.processed,
    issueSessionDecisions,
    ps.IssueDecisionsSchema,
    (a) => {
      requireStandingBody(s, a.actor);
      if (s.phase !== 'decided')
        reject(s.phase === 'issued' ? 'ALREADY_DONE' : 'WRONG_PHASE', `the session is ${s.phase}`);
      const kinds = [...new Set(s.proposals.filter((p) => p.outcome === 'awarded').map((p) => p.awardType))];
      for (const k of kinds) {
        if (!a.numbers.some((n) => n.awardType === k)) invalid(['numbers'], `a decision number for ${k} is required`);
        // The money needs a decree in force on the decision date (domain/money.ts): NO_RULESET otherwise.
        awardAmount(k, 'collective', a.decisionDate);
      }
      a.numbers.forEach((n, i) => {
        if (!kinds.includes(n.awardType)) invalid(['numbers', String(i), 'awardType'], 'no awardee of this kind');
      });
    },
    async (a) => {
      const awarded = s.proposals.filter((p) => p.outcome === 'awarded');
      s.decisions = a.numbers.map((n) => ({
        awardType: n.awardType,
        decisionNumber: n.decisionNumber,
        decisionDate: a.decisionDate,
        awardees: awarded
          .filter((p) => p.awardType === n.awardType)
          .map((p) => {
            p.amountVnd = awardAmount(p.awardType, 'collective', a.decisionDate).amountVnd;
            p.decisionNumber = n.decisionNumber;
            const d = findDossier(s, p.cycleId)!;
            return {
              proposalId: p.proposalId,
              unitId: p.unitId,
              unitName: p.unitName,
              blocId: p.blocId,
              blocName: d.blocName,
              amountVnd: p.amountVnd,
            };
          }),
      }));
      s.phase = 'issued';
      await project(s);
      await auditSession(
        s,
        'decisions',
        { personId: a.actor.personId, requestId: a.requestId },
        { decisionDate: a.decisionDate, numbers: a.numbers },
      );
      return ok('decisions issued', { decisions: s.decisions.length });
    },
  );
}
