import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { ParentClosePolicy, condition, patched, startChild } from '@temporalio/workflow';
import { cycleWorkflowId, type CycleInput } from '../../../../contracts/cycle';
import { nextHeadAndDeputyWithFallback } from '../../../../domain/rotation';
import { acts } from '../../../activities';
import { flushed, write } from '../../../effects';
import { awaitDeadline } from '../../deadline';
import { activeUnitIds, contestOf, type CycleState } from '../../state';
import { cycleNotices, taskTitles } from '../../../../notifications/catalogue';

/**
 * Head handover: next year's head and deputy by the bloc's rotation policy, the handover
 * recorded, and next year's cycle started as its own workflow (id cycle-<bloc>-<year+1>).
 * A new execution per year — rather than continue-as-new — keeps each year addressable by id,
 * its history bounded and auditable on its own, and lets year N's council review run on while
 * year N+1 has begun. A Schedule would not fit: the next year starts at the handover, not on a date.
 */
export async function handoverPhase(
  s: CycleState,
  startNextYear: (input: CycleInput) => Promise<string>,
): Promise<void> {
  await write(s, 'openTasks', {
    cycleId: s.workflowId,
    kind: 'handover',
    title: taskTitles.handover,
    dueAt: s.deadlines!.handover,
    unitIds: [s.actingHeadUnitId],
  });
  const outcome = await awaitDeadline(
    s,
    'handover',
    () => s.handoverRequest !== null,
    () => [s.actingHeadUnitId],
    taskTitles.handover,
  );
  if (outcome === 'deadline') {
    await write(s, 'notify', {
      dedupeKey: `${s.workflowId}:handover:escalation`,
      cycleId: s.workflowId,
      unitIds: [s.actingHeadUnitId, s.deputyUnitId],
      kind: 'escalation',
      ...cycleNotices.handoverLate(),
    });
    await condition(() => s.handoverRequest !== null);
  }
  const request = s.handoverRequest!;
  const { rotation } = s.input.ruleSet;
  const members = activeUnitIds(s);
  const base = {
    members,
    currentHead: s.headUnitId,
    currentDeputy: s.deputyUnitId,
    recentHeads: [s.headUnitId, ...s.input.recentHeads],
    fixedOrder: rotation.fixedOrder,
    noTwiceInARow: rotation.noTwiceInARow,
    appointed: request.appointed
      ? { head: request.appointed.headUnitId, deputy: request.appointed.deputyUnitId }
      : undefined,
    elected: { head: contestOf(s, 'nextHead')?.winners[0], deputy: contestOf(s, 'nextDeputy')?.winners[0] },
  };
  // When the configured policy cannot name a head, the domain falls back (deputy, then agreed order).
  const { policy, ...next } = nextHeadAndDeputyWithFallback({ ...base, policy: rotation.policy });
  await write(s, 'recordHandover', {
    cycleId: s.workflowId,
    blocId: s.input.blocId,
    fromYear: s.input.year,
    outgoingHeadUnitId: s.headUnitId,
    newHeadUnitId: next.head,
    newDeputyUnitId: next.deputy,
    policy,
  });
  await flushed(s);
  const nextInput: CycleInput = {
    ...s.input,
    year: s.input.year + 1,
    headUnitId: next.head,
    deputyUnitId: next.deputy,
    members: s.input.members.filter((m) => members.includes(m.unitId)),
    recentHeads: base.recentHeads.slice(0, 5),
    plan: undefined,
    startedBy: request.actor.personId,
    // The roster as it stands now (rosterChanged may have replaced the one this year started with).
    ...(s.roster ? { roster: s.roster } : {}),
  };
  let nextYearWorkflowId: string;
  let adoption: { adopted: boolean; message: string } | undefined;
  try {
    nextYearWorkflowId = await startNextYear(nextInput);
  } catch (e) {
    // Year N+1 was started by hand first (issue 12): it adopts the elected head and deputy instead.
    if (!(e instanceof WorkflowExecutionAlreadyStartedError) || !patched('adopt-running-next-year-v1')) throw e;
    nextYearWorkflowId = cycleWorkflowId(s.input.blocCode, s.input.year + 1);
    adoption = await acts.adoptNextYear({
      workflowId: nextYearWorkflowId,
      act: {
        requestId: request.requestId,
        actor: request.actor,
        fromWorkflowId: s.workflowId,
        fromYear: s.input.year,
        headUnitId: next.head,
        deputyUnitId: next.deputy,
        recentHeads: nextInput.recentHeads ?? [],
      },
    });
  }
  s.handover = { headUnitId: next.head, deputyUnitId: next.deputy, nextYearWorkflowId };
  await write(s, 'updateTasks', {
    cycleId: s.workflowId,
    kind: 'handover',
    unitIds: [s.actingHeadUnitId],
    status: 'done',
  });
  await write(s, 'notify', {
    dedupeKey: `${s.workflowId}:handover:done`,
    cycleId: s.workflowId,
    unitIds: members,
    kind: 'result',
    ...cycleNotices.handoverDone(s.input.year + 1, s.units[next.head]?.name, s.units[next.deputy]?.name),
  });
  await write(s, 'audit', {
    action: 'handover.record',
    entity: 'bloc',
    entityId: s.input.blocId,
    actorPersonId: request.actor.personId,
    after: { ...next, policy, nextYearWorkflowId, ...(adoption ? { adoption } : {}) },
    workflowId: s.workflowId,
    requestId: request.requestId,
  });
}

/** Starts next year's workflow as an abandoned child: it outlives this year's execution. */
export async function startNextYearChild(input: CycleInput, workflowType: string): Promise<string> {
  const workflowId = cycleWorkflowId(input.blocCode, input.year);
  await startChild(workflowType, { workflowId, args: [input], parentClosePolicy: ParentClosePolicy.ABANDON });
  return workflowId;
}
