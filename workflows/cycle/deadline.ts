import { condition } from '@temporalio/workflow';
import type { DeadlinePhase } from '../../contracts/cycle';
import { reminderTimes } from '../../domain/calendar';
import { write } from '../effects';
import type { CycleState } from './state';
import { cycleNotices } from '../../notifications/catalogue';

export const DEFAULT_REMINDER_OFFSETS_SECONDS = [7 * 86_400, 86_400];

export const reminderOffsets = (s: CycleState): number[] =>
  s.plan?.reminderOffsetsSeconds ?? s.input.ruleSet.reminders?.offsetsSeconds ?? DEFAULT_REMINDER_OFFSETS_SECONDS;

export const deadlineOf = (s: CycleState, phase: DeadlinePhase): number => Date.parse(s.deadlines![phase]);

/**
 * Waits until `done()` holds or the phase deadline passes — a durable timer that survives
 * worker restarts. Sends a reminder at each configured offset before the deadline to the
 * units `pending()` still names. The head may extend the deadline meanwhile: the wait
 * restarts against the new date (deadlineVersion changes).
 */
export async function awaitDeadline(
  s: CycleState,
  phase: DeadlinePhase,
  done: () => boolean,
  pending: () => string[],
  title: string,
): Promise<'done' | 'deadline'> {
  const reminded = new Set<number>();
  for (;;) {
    if (done()) return 'done';
    const deadline = deadlineOf(s, phase);
    const now = Date.now();
    if (now >= deadline) return 'deadline';
    const nextReminder = reminderTimes(deadline, reminderOffsets(s), now).find((t) => !reminded.has(t));
    const wakeAt = nextReminder ?? deadline;
    const version = s.deadlineVersion;
    const woke = await condition(() => done() || s.deadlineVersion !== version, Math.max(1, wakeAt - now));
    if (woke || nextReminder === undefined || Date.now() >= deadline) continue;
    reminded.add(nextReminder);
    const unitIds = pending();
    if (unitIds.length > 0) {
      await write(s, 'notify', {
        dedupeKey: `${s.workflowId}:${phase}:reminder:${nextReminder}`,
        cycleId: s.workflowId,
        unitIds,
        kind: 'reminder',
        ...cycleNotices.reminder(title, s.deadlines![phase]),
      });
      // The count, not an increment, goes to the database: a retried activity cannot count twice.
      const count = ((s.remindersSent ??= {})[phase] ?? 0) + 1;
      s.remindersSent[phase] = count;
      await write(s, 'updateTasks', { cycleId: s.workflowId, kind: phase, unitIds, remindersSent: count });
    }
  }
}
