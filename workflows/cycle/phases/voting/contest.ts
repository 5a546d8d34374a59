import { condition } from '@temporalio/workflow';
import { awardOfContest } from '../../../../domain/award-catalogue';
import type { Contest } from '../../../../contracts/cycle';
import { awardsConflict, mayStandForAward } from '../../../../domain/eligibility';
import { breakTie, nextStep, tallyRound } from '../../../../domain/tally';
import { write } from '../../../effects';
import { change } from '../../projection';
import { shuffled } from '../../../shuffle';
import { awaitDeadline } from '../../deadline';
import { activeUnitIds, type ContestState, type CycleState } from '../../state';
import { contestTitles, cycleNotices } from '../../../../notifications/catalogue';

function candidatesFor(s: CycleState, contest: Contest): string[] {
  const eligible = activeUnitIds(s).filter((id) => s.units[id]!.hold !== 'disqualified');
  const winnersOf = (c: Contest) => s.contests.find((x) => x.contest === c)?.winners ?? [];
  switch (contest) {
    case 'leader':
      return eligible.filter((id) => mayStandForAward(s.units[id]!.hold));
    case 'certificate': // one achievement, one award (L2022 Art. 5): the leader is not proposed twice
      return eligible.filter(
        (id) =>
          mayStandForAward(s.units[id]!.hold) &&
          !(
            winnersOf('leader').includes(id) &&
            awardsConflict(
              awardOfContest(s.input.awardCatalogue, 'leader'),
              awardOfContest(s.input.awardCatalogue, 'certificate'),
            )
          ),
      );
    case 'nextHead':
      return activeUnitIds(s).filter((id) => !(s.input.ruleSet.rotation.noTwiceInARow && id === s.headUnitId));
    case 'nextDeputy':
      return activeUnitIds(s).filter((id) => !winnersOf('nextHead').includes(id));
  }
}

/** One contest of the meeting: rounds until the seats are filled, a tie-break, or the head and deputy decide. */
export async function runContest(s: CycleState, c: ContestState): Promise<void> {
  const { voting } = s.input.ruleSet;
  let candidates = candidatesFor(s, c.contest);
  let seats = c.seats;
  if (candidates.length === 0) {
    Object.assign(c, { status: 'decided', decidedBy: 'noWinner', noWinnerReason: 'noCandidates' });
    return;
  }
  for (let round = 1; ; round++) {
    const present = () => (s.meeting?.presentUnitIds ?? []).filter((id) => s.units[id]?.active);
    const record = {
      cycleId: s.workflowId,
      contest: c.contest,
      round,
      candidates,
      seats,
      eligibleVoters: activeUnitIds(s).length,
      present: present().length,
    };
    // The round row exists before the first ballot can be accepted (voter records point at it).
    await write(s, 'openRound', record);
    await change(s, c, { status: 'open', round, candidates, voted: [], box: [], closeRequested: false });
    const outcome = await awaitDeadline(
      s,
      'voting',
      () => c.closeRequested || present().every((id) => c.voted.includes(id)),
      () => present().filter((id) => !c.voted.includes(id)),
      contestTitles[c.contest],
    );

    const result = tallyRound({
      candidates: c.candidates,
      seats,
      eligibleVoters: activeUnitIds(s).length,
      present: present().length,
      ballots: c.box,
      threshold: voting.threshold,
      quorum: voting.quorum,
    });
    await write(s, 'closeRound', {
      ...record,
      candidates: c.candidates,
      present: present().length,
      ballots: shuffled(c.box),
      result,
    });
    c.box = [];
    c.rounds.push({
      round,
      candidates: c.candidates,
      outcome: result.outcome,
      counts: result.counts,
      shares: result.shares,
      base: result.base,
      validBallots: result.validBallots,
      invalidBallots: result.invalidBallots,
    });

    const step = nextStep({
      roundNumber: round,
      maxRounds: voting.maxRounds,
      result,
      afterFailedRounds: voting.afterFailedRounds,
    });
    if (step.kind === 'done') {
      c.winners.push(...step.winners);
      c.decidedBy = 'ballot';
      break;
    }
    if (step.kind === 'noWinner' || (step.kind === 'runoff' && outcome === 'deadline')) {
      // A run-off the deadline cut short still keeps the seats its round clearly filled.
      if (step.kind === 'runoff') c.winners.push(...result.winners);
      c.decidedBy = c.winners.length > 0 ? 'ballot' : 'noWinner';
      c.noWinnerReason = outcome === 'deadline' ? 'deadline' : result.outcome;
      break;
    }
    // Candidates clearly elected stay elected; only the contested seats go to the next step.
    c.winners.push(...result.winners);
    seats -= result.winners.length;
    if (step.kind === 'runoff') {
      candidates = step.candidates;
      continue;
    }
    const facts = Object.fromEntries(
      step.candidates.map((id) => [
        id,
        {
          tasksGroupScore: s.units[id]!.tasksGroupScore ?? 0,
          totalScore: s.units[id]!.finalTotal ?? 0,
          womenRatio: s.units[id]!.womenRatio,
        },
      ]),
    );
    // Score and gender tie-breaks separate candidates tied on votes, never ones the members did not elect.
    const ordered =
      result.outcome === 'tie' && seats > 0 ? breakTie(step.candidates, voting.tieBreakOrder, facts, seats) : null;
    if (ordered) {
      c.winners.push(...ordered.slice(0, seats));
      c.decidedBy = 'tieBreak';
    } else {
      await headAndDeputyDecide(s, c, step.candidates);
    }
    break;
  }
  await change(s, c, { status: 'decided' });
}

/** Court-sector model (TT 01/2024/TT-TANDTC Art. 29): after the last failed round the head and deputy decide together. */
async function headAndDeputyDecide(s: CycleState, c: ContestState, candidates: string[]): Promise<void> {
  Object.assign(c, { status: 'awaitingDecision', candidates, decisions: {} });
  const deciders = [...new Set([s.actingHeadUnitId, s.deputyUnitId].filter((id) => s.units[id]?.active))];
  await write(s, 'notify', {
    dedupeKey: `${s.workflowId}:${c.contest}:decide`,
    cycleId: s.workflowId,
    unitIds: deciders,
    kind: 'task',
    ...cycleNotices.headAndDeputyDecide(
      c.contest,
      c.rounds.length,
      candidates.map((id) => s.units[id]!.name),
    ),
  });
  await change(s, c); // awaitingDecision (set before the notice: a decision may arrive while it is sent)
  const agreed = () => {
    const picks = deciders.map((id) => c.decisions[id]);
    return picks.every((p) => p !== undefined) && picks.every((p) => JSON.stringify(p) === JSON.stringify(picks[0]));
  };
  await condition(agreed);
  const choice = c.decisions[deciders[0]!] ?? [];
  c.winners.push(...choice);
  c.decidedBy = choice.length > 0 ? 'headAndDeputy' : 'noWinner';
  if (choice.length === 0) c.noWinnerReason = 'headAndDeputyChoseNone';
}
