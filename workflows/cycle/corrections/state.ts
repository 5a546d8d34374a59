import type { ReopenPhase } from '../../../contracts/corrections';

/** The corrections' slice of the cycle state (optional: runs recorded before them have none). */
export interface CorrectionsState {
  /** The year was cancelled: the calendar stops and the workflow completes with status cancelled. */
  cancellation?: { reason: string; personId: string; requestId: string; at: string };
  /** Task phases re-opened after their deadline, for the units named, until the new deadline. */
  reopened?: Partial<Record<ReopenPhase, { unitIds: string[]; until: string }>>;
}
