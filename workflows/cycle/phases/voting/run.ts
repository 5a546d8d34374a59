import type { Contest } from '../../../../contracts/cycle';
import { write } from '../../../effects';
import { awaitDeadline } from '../../deadline';
import { phaseUpdated, enterPhase } from '../../projection';
import { activeUnitIds, type ContestState, type CycleState } from '../../state';
import { runContest } from './contest';
import { cycleNotices, taskTitles } from '../../../../notifications/catalogue';

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
  const contests = [
    newContest('leader', Math.max(1, s.input.ruleSet.quotas.emulationFlag)),
    newContest('certificate', s.input.ruleSet.quotas.certificateOfMerit),
  ];
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
