/**
 * The adoptNextYear activity (issue 12): year N's handover hands the elected head and deputy to a year N+1 that
 * already runs, through N+1's adoptHandover Update. It touches no database; its client is the worker's (here a fake).
 */
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities/create-activities';
import type { Db } from '../../db';

const acts = createActivities({ db: {} as Db });

test('adoptNextYear: the Update once (its id the handover request id); a refusal or a closed year is an answer', async () => {
  const act = {
    requestId: '6f1d2a4e-5b7c-4d8e-9f01-23456789abcd',
    actor: { personId: 'p', roles: ['unitOfficer'] },
    fromWorkflowId: 'cycle-CT-NOICHINH-2031',
    fromYear: 2031,
    headUnitId: 'head',
    deputyUnitId: 'deputy',
    recentHeads: [],
  };
  const calls: unknown[] = [];
  const clientAnswering = (answer: () => Promise<unknown>): Client =>
    ({
      withAbortSignal: (_signal: unknown, fn: () => unknown) => fn(),
      workflow: {
        getHandle: (id: string) => ({
          executeUpdate: (name: string, o: { updateId: string }) => {
            calls.push({ id, name, updateId: o.updateId });
            return answer();
          },
        }),
      },
    }) as unknown as Client;
  const run = (client: Client): Promise<{ adopted: boolean; message: string }> =>
    new MockActivityEnvironment({ activityType: 'adoptNextYear' }, { client }).run(acts.adoptNextYear, {
      workflowId: `cycle-CT-NOICHINH-2032`,
      act,
    });
  expect(await run(clientAnswering(async () => ({ ok: true, message: 'handover adopted' })))).toEqual({
    adopted: true,
    message: 'handover adopted',
  });
  expect(calls).toEqual([{ id: `cycle-CT-NOICHINH-2032`, name: 'adoptHandover', updateId: act.requestId }]);
  const refused = new WorkflowUpdateFailedError('failed', new Error('unit x is not a member of this bloc'));
  expect(await run(clientAnswering(() => Promise.reject(refused)))).toEqual({
    adopted: false,
    message: 'unit x is not a member of this bloc',
  });
  const gone = new WorkflowNotFoundError('not found', 'x', undefined);
  expect((await run(clientAnswering(() => Promise.reject(gone)))).adopted).toBe(false);
  await expect(run(clientAnswering(() => Promise.reject(new Error('network'))))).rejects.toThrow('network');
});
