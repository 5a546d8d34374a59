/** Corrections of a running year and the adoption of a handover (issue 12). Update names never change. */
import { defineUpdate } from '@temporalio/workflow';
import type * as k from '../../../contracts/corrections';
import type { ActResult, In } from '../../act';

// Standing body (council secretary) or admin
export const cancelCycle = defineUpdate<ActResult, [In<typeof k.CancelCycleSchema>]>('cancelCycle');
export const correctLeadership = defineUpdate<ActResult, [In<typeof k.CorrectLeadershipSchema>]>('correctLeadership');
// Admin
export const joinMembership = defineUpdate<ActResult, [In<typeof k.JoinMembershipSchema>]>('joinMembership');
// Bloc head
export const reopenDeadline = defineUpdate<ActResult, [In<typeof k.ReopenDeadlineSchema>]>('reopenDeadline');
// Year N's workflow (through the adoptNextYear activity), never HTTP
export const adoptHandover = defineUpdate<ActResult, [In<typeof k.AdoptHandoverSchema>]>('adoptHandover');
