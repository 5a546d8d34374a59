import * as c from '../../../../contracts/cycle';
import { registerCycleAct } from '../../projection';
import { meetsThreshold, quorumMet as isQuorate, requiredCount, thresholdBase } from '../../../../domain/threshold';
import { ok, requireBeforeDeadline } from '../../../act';
import { write } from '../../../effects';
import { reject } from '../../../errors';
import { auditAct, requireHead, requirePhase, requireUnit, unitOf } from '../../guards';
import { activeUnitIds, contestOf, type CycleState } from '../../state';
import * as m from './messages';
import { recordedPresent, sameUnits } from '../../meetings/acts';

/** An annulled conference (meetings/acts.ts) holds the vote until it is opened again. */
function requireOpenConference(s: CycleState): void {
  if (s.meeting && !s.meeting.quorumMet)
    reject(
      'WRONG_PHASE',
      'the year-end conference was annulled: the head opens the re-held conference first (/meeting)',
    );
}

/** The year-end meeting's acts: open it (quorum), cast ballots, close a round, decide after failed rounds. */
export function registerVotingActs(s: CycleState): void {
  registerCycleAct(
    s,
    m.openMeeting,
    c.OpenMeetingSchema,
    (a) => {
      requirePhase(s, 'voting');
      requireHead(s, a.actor);
      if (s.meeting?.quorumMet) reject('ALREADY_DONE', 'the meeting is already open');
      const recorded = recordedPresent(s);
      if (!a.presentUnitIds && !recorded)
        reject('VALIDATION', 'the units present are required unless the year-end conference is recorded', {
          path: ['presentUnitIds'],
        });
      a.presentUnitIds?.forEach((id, i) => {
        if (!s.units[id]?.active) reject('VALIDATION', `unit ${id} is not a member`, { path: ['presentUnitIds', i] });
      });
      // The recorded conference's attendance is the vote's roll (meetings/acts.ts).
      if (a.presentUnitIds && recorded && !sameUnits(a.presentUnitIds, recorded))
        reject('VALIDATION', 'the units present must be those recorded at the year-end conference', {
          path: ['presentUnitIds'],
        });
    },
    async (a) => {
      const present = [...new Set(a.presentUnitIds ?? recordedPresent(s)!)];
      const members = activeUnitIds(s).length;
      const q = s.input.ruleSet.voting.quorum;
      const quorumMet = isQuorate(present.length, members, q);
      s.meeting = { presentUnitIds: present, quorumMet };
      await auditAct(s, a, 'meeting.open', s.workflowId, { present, quorumMet });
      return ok(quorumMet ? 'meeting opened' : 'quorum not met: the meeting is postponed', {
        quorumMet,
        present: present.length,
        members,
      });
    },
    { projects: true },
  );

  registerCycleAct(
    s,
    m.castBallot,
    c.CastBallotSchema,
    (a) => {
      requirePhase(s, 'voting');
      requireUnit(s, a.actor, a.unitId);
      unitOf(s, a.unitId);
      requireBeforeDeadline(s.deadlines?.voting, 'voting');
      const contest = contestOf(s, a.contest);
      if (!contest || contest.status !== 'open') reject('WRONG_PHASE', `voting on ${a.contest} is not open`);
      if (contest.round !== a.round) reject('CONFLICT', `round ${a.round} is not the open round (${contest.round})`);
      requireOpenConference(s);
      if (!s.meeting?.presentUnitIds.includes(a.unitId)) reject('FORBIDDEN', 'only units present at the meeting vote');
      if (contest.voted.includes(a.unitId)) reject('ALREADY_DONE', 'this unit has already voted in this round');
      if (new Set(a.choices).size !== a.choices.length)
        reject('VALIDATION', 'a candidate is chosen twice', { path: ['choices'] });
      if (a.choices.length > contest.seats)
        reject('VALIDATION', `at most ${contest.seats} choice(s)`, { path: ['choices'] });
      a.choices.forEach((ch, i) => {
        if (!contest.candidates.includes(ch))
          reject('VALIDATION', `${ch} is not a candidate in this round`, { path: ['choices', i] });
      });
      if (!s.input.ruleSet.voting.selfVoteAllowed && a.choices.includes(a.unitId))
        reject('RULE_VIOLATION', 'the bloc rules forbid voting for your own unit', { path: ['choices'] });
    },
    async (a) => {
      const contest = contestOf(s, a.contest)!;
      // Voter and content go to separate places; the box keeps no order link to the voter list.
      contest.voted.push(a.unitId);
      contest.box.push({ choices: [...a.choices] });
      await write(s, 'recordVoter', { cycleId: s.workflowId, contest: a.contest, round: a.round, voterKey: a.unitId });
      return ok('ballot received');
    },
  );

  registerCycleAct(
    s,
    m.closeRound,
    c.CloseRoundSchema,
    (a) => {
      requirePhase(s, 'voting');
      requireHead(s, a.actor);
      const contest = contestOf(s, a.contest);
      if (!contest || contest.status !== 'open' || contest.round !== a.round)
        reject('WRONG_PHASE', `round ${a.round} of ${a.contest} is not open`);
      requireOpenConference(s);
      // A round closes when every present unit has voted, at the deadline, or once the rule-set's
      // early-close share of ballots is in — never on the head's word after a ballot or two.
      const present = (s.meeting?.presentUnitIds ?? []).filter((id) => s.units[id]?.active);
      if (!present.every((id) => contest.voted.includes(id))) {
        const q = s.input.ruleSet.voting.earlyClose;
        // 'validBallots' counts as 'present' here: no ballot is counted before the round closes.
        const n = present.length;
        const base = q ? thresholdBase(q.base, { members: activeUnitIds(s).length, present: n, validBallots: n }) : n;
        if (!q || !meetsThreshold(contest.voted.length, base, q)) {
          reject(
            'RULE_VIOLATION',
            q
              ? `the round closes when every present unit has voted, at the voting deadline, or once ${requiredCount(base, q)} of ${base} units have voted`
              : 'the round closes when every present unit has voted or at the voting deadline',
          );
        }
      }
    },
    async (a) => {
      contestOf(s, a.contest)!.closeRequested = true;
      await auditAct(s, a, 'round.close', `${a.contest}:${a.round}`);
      return ok('round closing');
    },
  );

  registerCycleAct(
    s,
    m.decideContest,
    c.DecideContestSchema,
    (a) => {
      requirePhase(s, 'voting');
      requireHead(s, a.actor, true);
      const contest = contestOf(s, a.contest);
      if (!contest || contest.status !== 'awaitingDecision')
        reject('WRONG_PHASE', `${a.contest} is not awaiting the head and deputy's decision`);
      if (a.unitIds.length > contest.seats)
        reject('VALIDATION', `at most ${contest.seats} unit(s)`, { path: ['unitIds'] });
      a.unitIds.forEach((id, i) => {
        if (!contest.candidates.includes(id))
          reject('VALIDATION', `${id} is not a candidate`, { path: ['unitIds', i] });
      });
    },
    async (a) => {
      contestOf(s, a.contest)!.decisions[a.actor.unitId!] = [...a.unitIds].sort();
      await auditAct(s, a, 'contest.decide', a.contest, { unitIds: a.unitIds });
      return ok('decision recorded');
    },
  );
}
