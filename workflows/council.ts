import { allHandlersFinished, condition, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import * as c from '../contracts/cycle';
import type { Proposal } from '../contracts/cycle';
import { RosterSchema } from '../contracts/common';
import { reminderTimes } from '../domain/calendar';
import { proposalStatusFor } from '../domain/eligibility';
import { COUNCIL_BATCHED_EFFECTS_PATCH, enableBatchedEffects, flushed, runFlusher, write } from './effects';
import { registerCouncilActs } from './council/acts';
import { getCouncil, holdChanged, rosterChanged } from './messages';
import { TERMINAL, allDone, toCouncilView, type CouncilState } from './council/state';
import { openVote, fixVote, persist } from './council/vote';
import { councilNotices } from '../notifications/catalogue';

/** Proposal review by the emulation council: secret vote, then approve / return / reject; holds pause it. */
export async function councilReviewWorkflow(raw: c.CouncilInput): Promise<{ proposals: Proposal[] }> {
  const input = c.CouncilInputSchema.parse(raw);
  const s: CouncilState = {
    workflowId: workflowInfo().workflowId,
    input,
    // The secret vote closes before any decision (every member voted, the deadline, or the secretary
    // closes it); until then no answer carries a count, and a decision attempted early is refused and
    // audited. Reviews started before this rule keep deciding on the open tally (their histories replay).
    closesVotes: patched('council-vote-close'),
    roster: input.roster,
    proposals: input.proposals.map((p) => ({ ...p })),
    tallies: {},
    opening: new Set<string>(),
    processed: {},
  };
  // Effects batched like the cycle's (workflows/effects.ts): one local activity per workflow task.
  enableBatchedEffects(s, COUNCIL_BATCHED_EFFECTS_PATCH);
  void runFlusher(s);
  registerCouncilActs(s);

  // ND 152/2025 Art. 4(4): a pending investigation puts the unit on hold, never rejects it.
  setHandler(holdChanged, ({ unitId, state }) => {
    for (const p of s.proposals.filter((x) => x.unitId === unitId && !TERMINAL.includes(x.status))) {
      if (state === 'onHold') p.status = 'onHold';
      else if (p.status === 'onHold') p.status = proposalStatusFor(state === 'cleared' ? 'none' : state);
    }
  });
  setHandler(rosterChanged, (raw) => {
    const parsed = RosterSchema.safeParse(raw);
    if (parsed.success) s.roster = parsed.data;
  });
  setHandler(getCouncil, () => toCouncilView(s));

  for (const p of s.proposals) if (p.status === 'submitted') s.opening.add(p.proposalId);
  for (const p of s.proposals) {
    if (p.status === 'submitted') await openVote(s, p);
    await persist(s, p);
  }
  const members = s.input.councilMemberIds;
  await write(s, 'notify', {
    dedupeKey: `${s.workflowId}:opened`,
    personIds: members,
    cycleId: s.input.cycleWorkflowId,
    kind: 'task',
    ...councilNotices.opened(s.proposals.length, s.input.year, s.input.deadline),
  });

  const done = () => allDone(s);
  const deadline = Date.parse(s.input.deadline);
  for (const t of reminderTimes(deadline, s.input.reminderOffsetsSeconds, Date.now())) {
    if (await condition(done, Math.max(1, t - Date.now()))) break;
    await write(s, 'notify', {
      dedupeKey: `${s.workflowId}:reminder:${t}`,
      personIds: members,
      cycleId: s.input.cycleWorkflowId,
      kind: 'reminder',
      ...councilNotices.reminder(s.input.deadline),
    });
  }
  if (!(await condition(done, Math.max(1, deadline - Date.now())))) {
    // The council's deadline closes every vote still open: the secretary decides on the fixed results.
    if (s.closesVotes)
      for (const p of s.proposals.filter((x) => x.status === 'submitted')) await fixVote(s, p, 'deadline');
    await write(s, 'notify', {
      dedupeKey: `${s.workflowId}:escalation`,
      personIds: members,
      unitIds: [s.input.headUnitId],
      cycleId: s.input.cycleWorkflowId,
      kind: 'escalation',
      ...councilNotices.late(),
    });
    await condition(done);
  }
  await condition(allHandlersFinished);
  await flushed(s);
  return { proposals: s.proposals };
}
