/**
 * The authorisation matrix's province award session rows (test/api/authz.test.ts): every act of
 * api/routes/province-session/acts.ts tried by every person of the matrix who must not (403; anonymous 401) —
 * the role and council checks come before the sitting is looked up, so no workflow is needed — and the read scope
 * of a sitting (a projection row written here): admin and this council all, the head's officer its own dossier,
 * other officers of the province and the other province 404.
 */
import { randomUUID } from 'node:crypto';
import { PEOPLE, type Person } from '../../support/every-act';
import { expectError, expectStatus } from '../../support/act-calls';
import { everyone, sys } from './context';

const YEAR = 2099;
const STANDING_BODY: Person[] = ['councilSecretary', 'admin'];
const ACTS: { path: string; allowed: Person[]; body: Record<string, unknown> }[] = [
  { path: '/collection/close', allowed: STANDING_BODY, body: {} },
  { path: '/appraisals', allowed: STANDING_BODY, body: { cycleId: 'c', decision: 'accept' } },
  { path: '/attendance', allowed: STANDING_BODY, body: { presentMemberIds: ['p'] } },
  { path: '/close', allowed: STANDING_BODY, body: {} },
  { path: '/decisions', allowed: STANDING_BODY, body: { decisionDate: '2099-12-20' } },
  { path: '/ballots', allowed: ['councilMember'], body: { votes: [{ proposalId: 'p', approve: true }] } },
  // Any unit officer passes the API; the workflow then checks the dossier's bloc head (its own records).
  {
    path: '/resubmissions',
    allowed: ['memberOfficer', 'otherBlocOfficer', 'head', 'deputy'],
    body: { cycleId: 'c', note: 'Bổ sung' },
  },
];

export function provinceSessionAuthzTests(): void {
  test('province award session: every act refused to whoever must not do it; reads scoped to the council, the admin and the bloc head’s own dossier', async () => {
    const { prisma } = sys.db;
    const province = await prisma.province.findUniqueOrThrow({ where: { code: 'CT' } });
    const head = await prisma.person.findUniqueOrThrow({ where: { username: PEOPLE.head } });
    const id = `province-session:${province.id}:${YEAR}:1`;
    const view = {
      workflowId: id,
      provinceId: province.id,
      year: YEAR,
      n: 1,
      phase: 'appraisal',
      submissionDeadline: '2099-12-10T16:59:59.999Z',
      members: 5,
      quorum: { required: 4, present: null, met: null },
      votedCount: 0,
      dossiers: [
        {
          cycleId: 'c1',
          blocId: 'b1',
          blocCode: 'B1',
          blocName: 'B1',
          headUnitId: head.unitId,
          status: 'submitted',
          attempts: 1,
          handedInAt: '2099-12-01T00:00:00.000Z',
        },
        {
          cycleId: 'c2',
          blocId: 'b2',
          blocCode: 'B2',
          blocName: 'B2',
          headUnitId: 'someone-else',
          status: 'submitted',
          attempts: 1,
          handedInAt: '2099-12-01T00:00:00.000Z',
        },
      ],
      proposals: [],
      decisions: [],
    };
    await prisma.provinceSession.create({
      data: {
        id,
        provinceId: province.id,
        year: YEAR,
        n: 1,
        phase: 'appraisal',
        submissionDeadline: new Date(view.submissionDeadline),
        view,
      },
    });
    const base = `/api/provinces/${province.id}/years/${YEAR}/sessions`;

    for (const a of ACTS) {
      const url = `${base}/1${a.path}`;
      expectError(
        await sys.call('POST', url, { body: a.body, key: randomUUID() }),
        401,
        'UNAUTHENTICATED',
        `POST ${url} anonymously`,
      );
      for (const person of everyone.filter((p) => !a.allowed.includes(p)))
        expectError(
          await sys.call('POST', url, { as: PEOPLE[person], body: a.body, key: randomUUID() }),
          403,
          'FORBIDDEN',
          `POST ${url} as ${person}`,
        );
    }

    const full: Person[] = ['councilMember', 'councilSecretary', 'admin'];
    for (const url of [`${base}/1`, base]) {
      expectError(await sys.call('GET', url), 401, 'UNAUTHENTICATED', `GET ${url} anonymously`);
      for (const person of everyone) {
        const res = await sys.call('GET', url, { as: PEOPLE[person] });
        const sessions = url === base ? res.body?.sessions : [res.body];
        if (full.includes(person)) {
          expectStatus(res, 200, `GET ${url} as ${person}`);
          expect(sessions[0].dossiers).toHaveLength(2);
        } else if (person === 'head') {
          expectStatus(res, 200, `GET ${url} as head`);
          expect(sessions[0].dossiers.map((d: { cycleId: string }) => d.cycleId)).toEqual(['c1']);
        } else expectError(res, 404, 'NOT_FOUND', `GET ${url} as ${person}`);
      }
    }
  });
}
