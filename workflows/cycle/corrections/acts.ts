/** The corrections of a running year (issue 12), each an Update with its validator: registered with the cycle's acts. */
import type { CycleState } from '../state';
import { registerCancelAct } from './cancel';
import { registerLeadershipActs } from './leadership';
import { registerJoinAct } from './membership';
import { registerReopenAct } from './reopen';

export function registerCorrectionActs(s: CycleState): void {
  registerLeadershipActs(s);
  registerCancelAct(s);
  registerJoinAct(s);
  registerReopenAct(s);
}
