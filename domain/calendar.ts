/**
 * Deadline arithmetic for durable timers. Times are epoch milliseconds supplied by the caller
 * (Temporal's deterministic clock inside workflows); nothing here reads a clock.
 */
import { DomainError } from './errors';

const finite = (n: number, name: string): void => {
  if (!Number.isFinite(n)) throw new DomainError('VALIDATION', `${name} must be a finite number`, { path: [name] });
};

/**
 * Reminder instants for a deadline: `deadline − offset` for each offset (seconds before the deadline),
 * keeping only those strictly after `nowMs`, without duplicates, ascending. Offsets must be > 0.
 */
export function reminderTimes(deadlineMs: number, offsetsSeconds: readonly number[], nowMs: number): number[] {
  finite(deadlineMs, 'deadlineMs');
  finite(nowMs, 'nowMs');
  offsetsSeconds.forEach((o, i) => {
    if (!Number.isFinite(o) || o <= 0) {
      throw new DomainError('VALIDATION', `reminder offset must be > 0 seconds (got ${o})`, {
        path: ['offsetsSeconds', i],
      });
    }
  });
  const times = new Set(offsetsSeconds.map((o) => deadlineMs - Math.round(o * 1000)));
  return [...times].filter((t) => t > nowMs).sort((a, b) => a - b);
}

/**
 * Checks a deadline extension (gia hạn): the new deadline must be later than the old one and later
 * than now. Returns the new deadline.
 */
export function validateExtension(oldDeadlineMs: number, newDeadlineMs: number, nowMs: number): number {
  finite(oldDeadlineMs, 'oldDeadlineMs');
  finite(newDeadlineMs, 'newDeadlineMs');
  finite(nowMs, 'nowMs');
  if (newDeadlineMs <= oldDeadlineMs) {
    throw new DomainError('VALIDATION', 'the new deadline must be later than the current one', {
      path: ['newDeadline'],
    });
  }
  if (newDeadlineMs <= nowMs) {
    throw new DomainError('VALIDATION', 'the new deadline must be in the future', { path: ['newDeadline'] });
  }
  return newDeadlineMs;
}
