/** The cycle's acts open in every phase (calendar, membership, holds) and its query. Names never change. */
import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type * as c from '../../contracts/cycle';
import type { ActResult, In } from '../act';
import type { CycleView } from '../view';

// Bloc head
export const extendDeadline = defineUpdate<ActResult, [In<typeof c.ExtendDeadlineSchema>]>('extendDeadline');
// Admin / standing body
export const changeMembership = defineUpdate<ActResult, [In<typeof c.ChangeMembershipSchema>]>('changeMembership');
export const putOnHold = defineUpdate<ActResult, [In<typeof c.HoldSchema>]>('putOnHold');
export const resolveHold = defineUpdate<ActResult, [In<typeof c.ResolveHoldSchema>]>('resolveHold');

export const getCycle = defineQuery<CycleView>('getCycle');
