import { condition } from '@temporalio/workflow';
import * as gf from '../../contracts/government-flag';
import { selectGovernmentFlagCandidates, vnDateOf } from '../../domain/government-flag';
import { ok, registerAct, requireBeforeDeadline, requireRole } from '../act';
import { inOrder, write } from '../effects';
import { reject } from '../errors';
import { castGovernmentFlagVote, closeGovernmentFlagVote } from './messages';
import { ballotOf, closeRounds, find, persist, requireSecretary, settle, yesOf, type GovFlagState } from './state';
import { governmentFlagNotices, governmentFlagReasons } from '../../notifications/catalogue';

/** The council's secret vote on each candidate, and its close (the selection: ≥ 80% of all members, ≤ 20% quota). */
export function registerVoteActs(s: GovFlagState): void {
  registerAct(
    s.processed,
    castGovernmentFlagVote,
    gf.GovernmentFlagVoteSchema,
    (a) => {
      requireRole(a.actor, 'councilMember');
      if (!s.members.includes(a.actor.personId)) reject('FORBIDDEN', 'only s.members of this council vote');
      if (s.phase !== 'opening' && s.phase !== 'voting')
        reject('WRONG_PHASE', `the vote is ${s.phase === 'submission' || s.phase === 'outcome' ? 'closed' : s.phase}`);
      requireBeforeDeadline(s.input.deadlineAt, 'the Government-flag dossier');
      a.votes.forEach((v, i) => {
        if (!find(s, v.unitId)) reject('NOT_FOUND', `${v.unitId} is not a candidate`, { path: ['votes', i, 'unitId'] });
        if (find(s, v.unitId)!.status !== 'draft')
          reject(
            'WRONG_PHASE',
            `${find(s, v.unitId)!.unitName} is ${find(s, v.unitId)!.status} (ND 152/2025 Art. 4(4))`,
            {
              path: ['votes', i, 'unitId'],
            },
          );
        if (s.tallies[v.unitId]!.voters.includes(a.actor.personId))
          reject('ALREADY_DONE', 'you have already voted on this candidate', { path: ['votes', i, 'unitId'] });
      });
    },
    async (a) => {
      // Accepted while the ballots were still being opened: wait the moment until they are.
      await condition(() => s.phase !== 'opening');
      if (s.phase !== 'voting') reject('WRONG_PHASE', 'the vote has closed');
      if (a.votes.some((v) => s.tallies[v.unitId]!.voters.includes(a.actor.personId)))
        reject('ALREADY_DONE', 'you have already voted on this candidate');
      if (a.votes.some((v) => find(s, v.unitId)!.status !== 'draft'))
        reject('WRONG_PHASE', 'a candidate on the ballot was put on hold or disqualified (ND 152/2025 Art. 4(4))');
      for (const v of a.votes) {
        s.tallies[v.unitId]!.voters.push(a.actor.personId);
        s.tallies[v.unitId]!.box.push({ choices: v.approve ? ['yes'] : [] });
      }
      // Who voted is recorded apart from what (VoterRecord vs anonymous Ballot rows written at close).
      await inOrder(s, async () => {
        for (const v of a.votes)
          await write(s, 'recordVoter', {
            cycleId: find(s, v.unitId)!.cycleId,
            contest: gf.governmentFlagContest(find(s, v.unitId)!.proposalId),
            round: 1,
            voterKey: a.actor.personId,
          });
      });
      return ok('ballot received', { candidates: a.votes.length });
    },
  );

  registerAct(
    s.processed,
    closeGovernmentFlagVote,
    gf.CloseGovernmentFlagVoteSchema,
    (a) => {
      requireSecretary(s, a.actor);
      if (s.phase !== 'voting')
        reject('WRONG_PHASE', s.phase === 'opening' ? 'the vote has not opened yet' : 'the vote is already closed');
      requireBeforeDeadline(s.input.deadlineAt, 'the Government-flag dossier');
    },
    async (a) => {
      // Held or disqualified candidates (ND 152/2025 Art. 4(4)) are not counted in the selection; they stay as they are.
      const selection = selectGovernmentFlagCandidates({
        candidates: s.candidates
          .filter((c) => c.status === 'draft')
          .map((c) => ({ unitId: c.unitId, yes: yesOf(s, c), finalScore: c.finalScore })),
        councilMembers: s.members.length,
        threshold: s.input.threshold,
        quota: s.input.quota,
      });
      const rows: Record<string, unknown> = {};
      for (const row of selection.rows) {
        const c = find(s, row.unitId)!;
        Object.assign(c, {
          voteShare: row.share,
          rank: row.rank,
          status: row.selected ? 'selected' : 'rejected',
          reason: row.reason === 'selected' ? undefined : governmentFlagReasons[row.reason],
        });
        rows[row.unitId] = {
          ...row,
          voted: s.tallies[row.unitId]!.voters.length,
          requiredVotes: selection.requiredVotes,
          quota: s.input.quota,
          tiedAtCut: selection.tiedAtCut,
        };
      }
      for (const c of s.candidates.filter((x) => !rows[x.unitId]))
        rows[c.unitId] = {
          unitId: c.unitId,
          ...ballotOf(s, c),
          rank: null,
          selected: false,
          reason: c.status === 'onHold' ? 'onHold' : 'disqualified',
          voted: s.tallies[c.unitId]!.voters.length,
          requiredVotes: selection.requiredVotes,
          quota: s.input.quota,
        };
      s.votedOn = vnDateOf(Date.now());
      s.phase = 'submission';
      settle(s);
      await inOrder(s, async () => {
        await closeRounds(s, rows);
        await persist(s, s.candidates);
        await write(s, 'audit', {
          action: 'governmentFlag.close',
          entity: 'province',
          entityId: s.input.provinceId,
          actorPersonId: a.actor.personId,
          after: {
            selected: selection.selected,
            quota: s.input.quota,
            requiredVotes: selection.requiredVotes,
            tiedAtCut: selection.tiedAtCut,
          },
          workflowId: s.workflowId,
          requestId: a.requestId,
        });
        await write(s, 'notify', {
          dedupeKey: `${s.workflowId}:closed`,
          personIds: [...s.members, ...s.secretaryIds],
          kind: 'result',
          ...governmentFlagNotices.voteClosed(
            selection.selected.map((id) => find(s, id)!.unitName),
            s.input.deadlineDate,
          ),
        });
      });
      return ok('vote closed', {
        selected: selection.selected,
        requiredVotes: selection.requiredVotes,
        tiedAtCut: selection.tiedAtCut,
      });
    },
  );
}
