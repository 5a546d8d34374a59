import { allHandlersFinished, condition, setHandler, workflowInfo } from '@temporalio/workflow';
import * as gf from '../contracts/government-flag';
import { RosterSchema } from '../contracts/common';
import { reminderTimes } from '../domain/calendar';
import {
  enableBatchedEffects,
  flushed,
  GOVERNMENT_FLAG_BATCHED_EFFECTS_PATCH,
  inOrder,
  runFlusher,
  write,
} from './effects';
import { asFailure } from './errors';
import { getGovernmentFlag, rosterChanged } from './messages';
import { registerHoldActs } from './government-flag/hold-acts';
import { registerOutcomeActs } from './government-flag/outcome-acts';
import { closeRounds, persist, roundOf, type GovFlagState, type GovernmentFlagResult } from './government-flag/state';
import { registerVoteActs } from './government-flag/vote-acts';
import { governmentFlagNotices, governmentFlagReasons } from '../notifications/catalogue';

export type { GovernmentFlagResult } from './government-flag/state';

/**
 * Government emulation flag for one province and year N (id govflag-<PROVINCE>-<N>): the provincial
 * council's secret yes/no ballot on each bloc leader, the selection (≥ 80% of all members, ≤ 20%
 * quota), the submission to the Ministry of Home Affairs by 30 June N+1 (a durable timer with
 * reminders; missing it lapses the dossier), then the Prime Minister's decision or the Ministry's return.
 * Rules live in domain/government-flag.ts; this file only sequences them.
 */
export async function governmentFlagWorkflow(raw: gf.GovernmentFlagInput): Promise<GovernmentFlagResult> {
  let input;
  try {
    input = gf.GovernmentFlagInputSchema.parse(raw);
  } catch (e) {
    asFailure(e);
  }
  const candidates: GovFlagState['candidates'] = input.candidates.map((c) => ({
    ...c,
    status: 'draft',
    voteShare: null,
    rank: null,
  }));
  const s: GovFlagState = {
    workflowId: workflowInfo().workflowId,
    input,
    members: input.councilMemberIds,
    secretaryIds: input.secretaryIds,
    adminIds: input.adminIds,
    processed: {},
    candidates,
    tallies: Object.fromEntries(candidates.map((c) => [c.unitId, { voters: [], box: [] }])),
    phase: 'opening',
    votedOn: null,
    submission: null,
    writing: Promise.resolve(),
  };
  // Effects batched like the cycle's (workflows/effects.ts): one local activity per workflow task.
  enableBatchedEffects(s, GOVERNMENT_FLAG_BATCHED_EFFECTS_PATCH);
  void runFlusher(s);
  setHandler(rosterChanged, (raw) => {
    const parsed = RosterSchema.safeParse(raw);
    if (!parsed.success) return;
    s.secretaryIds = parsed.data.secretaryIds;
    s.adminIds = parsed.data.adminIds;
  });
  registerVoteActs(s);
  registerOutcomeActs(s);
  registerHoldActs(s);

  setHandler(getGovernmentFlag, (): gf.GovernmentFlagView => ({
    workflowId: s.workflowId,
    provinceId: s.input.provinceId,
    year: s.input.year,
    phase: s.phase,
    quota: s.input.quota,
    deadlineDate: s.input.deadlineDate,
    votedCount: new Set(Object.values(s.tallies).flatMap((t) => t.voters)).size,
    submission: s.submission,
    candidates: s.candidates.map((c) => ({
      proposalId: c.proposalId,
      unitId: c.unitId,
      status: c.status,
      reason: c.reason,
      voteShare: c.voteShare,
      rank: c.rank,
      amountVnd: c.amountVnd,
    })),
  }));

  // The ballot rows exist before the first vote is applied (voter records point at them).
  await inOrder(s, async () => {
    for (const c of s.candidates) await write(s, 'openRound', roundOf(s, c));
    await persist(s, s.candidates);
  });
  s.phase = 'voting';
  await write(s, 'notify', {
    dedupeKey: `${s.workflowId}:opened`,
    personIds: s.members,
    kind: 'task',
    ...governmentFlagNotices.opened(s.input.year, s.candidates.length, s.input.quota, s.input.deadlineDate),
  });

  // 30 June N+1 (ND 152/2025 Art. 35(1)(b)): reminders, then the dossier lapses — the year cannot be caught up.
  const submittedOrClosed = () => s.phase === 'outcome' || s.phase === 'closed';
  const deadline = Date.parse(s.input.deadlineAt);
  for (const t of reminderTimes(deadline, s.input.reminderOffsetsSeconds, Date.now())) {
    if (await condition(submittedOrClosed, Math.max(1, t - Date.now()))) break;
    await write(s, 'notify', {
      dedupeKey: `${s.workflowId}:reminder:${t}`,
      personIds: [...s.secretaryIds, ...(s.phase === 'voting' ? s.members : [])],
      kind: 'reminder',
      ...governmentFlagNotices.reminder(s.input.deadlineDate),
    });
  }
  if (!(await condition(submittedOrClosed, Math.max(1, deadline - Date.now())))) {
    const wasVoting = s.phase === 'voting';
    const lapsed = s.candidates.filter((c) => c.status === 'draft' || c.status === 'selected' || c.status === 'onHold');
    for (const c of lapsed)
      Object.assign(c, {
        status: 'rejected',
        reason: governmentFlagReasons.lapsed(s.input.deadlineDate),
      });
    s.phase = 'closed';
    await inOrder(s, async () => {
      if (wasVoting)
        await closeRounds(
          s,
          Object.fromEntries(
            s.candidates.map((c) => [
              c.unitId,
              { lapsed: true, passes: false, voted: s.tallies[c.unitId]!.voters.length },
            ]),
          ),
        );
      await persist(s, lapsed);
      await write(s, 'audit', {
        action: 'governmentFlag.lapse',
        entity: 'province',
        entityId: s.input.provinceId,
        after: { unitIds: lapsed.map((c) => c.unitId), deadline: s.input.deadlineDate },
        workflowId: s.workflowId,
      });
      await write(s, 'notify', {
        dedupeKey: `${s.workflowId}:escalation`,
        personIds: [...s.secretaryIds, ...s.members],
        kind: 'escalation',
        ...governmentFlagNotices.lapsed(s.input.year, s.input.deadlineDate),
      });
    });
  }
  await condition(() => s.phase === 'closed');
  await s.writing;
  await condition(allHandlersFinished);
  await flushed(s);
  return {
    workflowId: s.workflowId,
    year: s.input.year,
    quota: s.input.quota,
    submission: s.submission,
    candidates: s.candidates.map((c) => ({
      unitId: c.unitId,
      status: c.status,
      rank: c.rank,
      voteShare: c.voteShare,
      reason: c.reason,
      decisionNumber: c.decisionNumber,
      amountVnd: c.amountVnd,
    })),
  };
}
