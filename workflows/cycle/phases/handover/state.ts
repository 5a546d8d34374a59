import type { Actor } from '../../../../contracts/common';
import type { CycleView } from '../../../view';

/** The handover's slice of the cycle state. */
export interface HandoverState {
  handover: CycleView['handover'];
  handoverRequest: { actor: Actor; requestId: string; appointed?: { headUnitId: string; deputyUnitId: string } } | null;
}
