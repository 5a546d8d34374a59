import { contestQuota } from '../../../../domain/award-catalogue';
import { patched } from '@temporalio/workflow';
import type { Contest } from '../../../../contracts/cycle';
import { awardContestSeats } from '../../../../domain/eligibility';
import { write } from '../../../effects';
import { awaitDeadline } from '../../deadline';
import { phaseUpdated, enterPhase } from '../../projection';
import { activeUnitIds, type ContestState, type CycleState } from '../../state';
import { runContest } from './contest';
import { cycleNotices, taskTitles } from '../../../../notifications/catalogue';

/** Honours `quotas.emulationFlag: 0` (no flag contest, no flag proposal). */
export const ZERO_FLAG_QUOTA_PATCH = 'zero-flag-quota-v1';

function newContest(contest: Contest, seats: number): ContestState {
  return {
    contest,
    seats,
    status: 'pending',
    round: 0,
    candidates: [],
    rounds: [],
    winners: [],
    decidedBy: null,
    voted: [],
    box: [],
    closeRequested: false,
    decisions: {},
  };
}

/** The contests of the year-end meeting, in order: leader first (TT 21/2014 Art. 7(3): high to low). */
export function plannedContests(s: CycleState): ContestState[] {
  // The contests' seats: the award catalogue entry's own quota, else the rule-set's (domain/award-catalogue.ts).
  const quotaOf = (contest: 'leader' | 'certificate') =>
    contestQuota(s.input.awardCatalogue, s.input.ruleSet.quotas, contest);
  const seats = awardContestSeats({ emulationFlag: quotaOf('leader'), certificateOfMerit: quotaOf('certificate') });
  // A flag quota of 0 means no flag contest. Runs recorded before this patch held one anyway (seats 1);
  // the marker is only written when the quota is 0, so every other history replays unchanged.
  const leaderSeats = seats.leader > 0 || patched(ZERO_FLAG_QUOTA_PATCH) ? seats.leader : 1;
  const contests = [newContest('leader', leaderSeats), newContest('certificate', seats.certificate)];
  if (s.input.ruleSet.rotation.policy === 'vote') contests.push(newContest('nextHead', 1), newContest('nextDeputy', 1));
  return contests.filter((c) => c.seats > 0);
}

export async function votingPhase(s: CycleState): Promise<void> {
  s.contests = plannedContests(s);
  await enterPhase(s, 'voting');
  await write(s, 'openTasks', {
    cycleId: s.workflowId,
    kind: 'voting',
    title: taskTitles.voting,
    dueAt: s.deadlines!.voting,
    unitIds: activeUnitIds(s),
  });
  const met = await awaitDeadline(
    s,
    'voting',
    () => s.meeting?.quorumMet === true,
    () => [s.actingHeadUnitId],
    taskTitles.meeting,
  );
  if (met === 'deadline') {
    for (const c of s.contests)
      Object.assign(c, { status: 'decided', winners: [], decidedBy: 'noWinner', noWinnerReason: 'noQuorum' });
    await write(s, 'notify', {
      dedupeKey: `${s.workflowId}:voting:no-quorum`,
      cycleId: s.workflowId,
      unitIds: activeUnitIds(s),
      kind: 'escalation',
      ...cycleNotices.noQuorum(),
    });
  } else {
    for (const c of s.contests) await runContest(s, c);
  }
  await write(s, 'updateTasks', { cycleId: s.workflowId, kind: 'voting', unitIds: activeUnitIds(s), status: 'done' });
  await phaseUpdated(s);
}
