import { proxyActivities } from '@temporalio/workflow';
import type { CycleActivities } from '../activities/types';

/**
 * Activities write projections and notify. They are idempotent (keys from workflow + step),
 * so Temporal may retry them freely; a failing notification channel is swallowed inside the
 * activity and never blocks the cycle.
 */
export const acts = proxyActivities<CycleActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 },
});
