/**
 * The province award session's issue act and documents in the authorisation matrix (api/routes/province-session/):
 * issuing the decisions is the standing body's (this province's council secretary, the admin): everyone else 403,
 * anonymous 401. The decisions download as the session GET reads: the admin and this province's council; a bloc
 * head's officer the decisions listing its own awardees; everyone else 404 (as if absent), anonymous 401.
 */
import { randomUUID } from 'node:crypto';
import { vnDateOf } from '../../../domain/vietnam-time';
import { PEOPLE, type Person } from '../../support/every-act';
import { expectError, expectStatus } from '../../support/act-calls';
import { decideSession, startSession } from '../../support/session-system';
import { everyone, sys } from './context';

/** Registered by test/api/authz.test.ts after the year. */
export function sessionTests(): void {
  test('the province session: only the standing body issues; its decisions read with the session’s scope', async () => {
    const run = await startSession(sys, 2026);
    await decideSession(sys, run);
    const body = { decisionDate: vnDateOf(Date.now()) };
    const issue = `${run.path}/decisions`;
    expectError(await sys.call('POST', issue, { body }), 401, 'UNAUTHENTICATED', 'issue anonymously');
    for (const person of everyone.filter((p) => p !== 'councilSecretary' && p !== 'admin'))
      expectError(
        await sys.call('POST', issue, { as: PEOPLE[person], body, key: randomUUID() }),
        403,
        'FORBIDDEN',
        `issue as ${person}`,
      );
    expect(await sys.db.prisma.issuedDecision.count({ where: { cycleId: run.workflowId } })).toBe(0);
    expectStatus(await sys.call('POST', issue, { as: PEOPLE.councilSecretary, body, key: randomUUID() }), 200, 'issue');

    // CT-NOICHINH's dossier is headed by CT-CA (the head), CT-KT's by CT-VKSND (the deputy): each bloc head reads
    // the decisions, since both list an awardee of each.
    const readers: Person[] = ['admin', 'councilMember', 'councilSecretary', 'head', 'deputy'];
    for (const kind of ['emulation-flag', 'certificate-of-merit']) {
      const path = `${run.path}/documents/decisions/${kind}.pdf`;
      expectError(await sys.call('GET', path), 401, 'UNAUTHENTICATED', `${kind} anonymously`);
      for (const person of everyone) {
        const res = await sys.call('GET', path, { as: PEOPLE[person] });
        if (readers.includes(person)) expectStatus(res, 200, `${kind} as ${person}`);
        else expectError(res, 404, 'NOT_FOUND', `${kind} as ${person}`);
      }
    }
  });
}
