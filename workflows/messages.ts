/**
 * Message definitions (Updates, Signals, Queries) shared by the workflows and the API: the one import
 * point. Each is defined beside the phase or workflow that handles it (workflows/cycle/phases/<phase>/
 * messages.ts, workflows/cycle/messages.ts, …) and re-exported here. Payload types come from the Zod
 * contracts: one source for types, HTTP validation and OpenAPI.
 */
import { defineSignal } from '@temporalio/workflow';
import type { Roster } from '../contracts/common';

export type { ActResult } from './act';

// Cycle workflow — by phase
export * from './cycle/phases/launch/messages';
export * from './cycle/phases/pledge/messages';
export * from './cycle/phases/mid-year/messages';
export * from './cycle/phases/self-scoring/messages';
export * from './cycle/phases/review/messages';
export * from './cycle/phases/voting/messages';
export * from './cycle/phases/handover/messages';
// Cycle workflow — open in every phase, and its query
export * from './cycle/messages';
export * from './cycle/corrections/messages';
export * from './cycle/meetings/messages';

// Council workflow
export * from './council/messages';

/**
 * API → cycle, council and Government-flag workflows: who holds which office now (contracts/common.ts
 * RosterSchema, recomputed by api/rosters.ts after an admin change). Replaces the workflow's roster;
 * a payload that does not parse is ignored (a signal cannot be refused).
 */
export const rosterChanged = defineSignal<[Roster]>('rosterChanged');

// Government-flag workflow (province-year): council members vote; the secretary closes, submits, records outcomes.
export * from './government-flag/messages';
