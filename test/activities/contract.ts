/**
 * Every activity of createActivities, run through Temporal's MockActivityEnvironment against a
 * real migrated and seeded database — and run TWICE, as Temporal's at-least-once delivery may do
 * after a worker dies between the write and the completion: the second run must leave the same
 * rows. Shared by sqlite.test.ts and postgres.test.ts (this file is not a test file itself).
 *
 * The run the tests share is in test/activities/contract/run.ts; the tests, in the order they run, in
 * contract/{cycle-rows,awards,bloc-rows,notify-audit,whole-run}.ts.
 */
import type { CycleActivities } from '../../activities/types';
import type { Db } from '../../db';
import { awardTests } from './contract/awards';
import { blocRowTests } from './contract/bloc-rows';
import { cycleRowTests } from './contract/cycle-rows';
import { notifyAuditTests } from './contract/notify-audit';
import { contractRun } from './contract/run';
import { provinceSessionTests } from './contract/province-session';
import { wholeRunTests } from './contract/whole-run';

/** The activities this contract exercises; the first test fails when createActivities grows a new one. */
const COVERED = [
  'projectCycle',
  'openTasks',
  'updateTasks',
  'recordSubmission',
  'recordScores',
  'openRound',
  'recordVoter',
  'closeRound',
  'recordProposals',
  'recordDecision',
  'recordGovernmentFlagProposals',
  'recordHold',
  'recordMembershipChange',
  'recordHandover',
  'recordLeadership',
  'adoptNextYear', // no database: test/activities/adopt-next-year.test.ts
  'notify',
  'audit',
  'applyEffects',
  'recordProvinceSession',
  'handToProvinceSession', // the Temporal client: test/workflows/province-session.test.ts
] as const satisfies readonly (keyof CycleActivities)[];

export function activitiesContract(provider: 'sqlite' | 'postgresql', getDb: () => Db): void {
  const run = contractRun(provider, getDb);

  test('the contract covers every activity createActivities returns', () => {
    const { acts } = run;
    expect(Object.keys(acts).sort()).toEqual([...COVERED].sort());
  });

  cycleRowTests(run);
  awardTests(run);
  blocRowTests(run);
  notifyAuditTests(run);
  provinceSessionTests(run);
  wholeRunTests(run);
}
