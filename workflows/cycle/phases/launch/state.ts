import type { Plan } from '../../../../contracts/cycle';

/** The launch phase's slice of the cycle state: the plan the head publishes (its deadlines drive the calendar). */
export interface LaunchState {
  plan: Plan | null;
}
