/**
 * The authorisation matrix's acts (test/api/authz.test.ts): who of the matrix's people may do each act, the
 * denials counted per act, and the test that drives a whole Cần Thơ year in which every act is first refused to
 * everyone who must not do it. The year, the uploaded evidence and the leaver are read by ./reads.ts.
 */
import { randomUUID } from 'node:crypto';
import { ACTS } from '../../../api/routes/acts';
import {
  BLOC_CODE,
  OTHER_BLOC_CODE,
  PEOPLE,
  runEveryActYear,
  type EveryActYear,
  type Person,
} from '../../support/every-act';
import {
  actRoute,
  expectError,
  expectStatus,
  forgedTokens,
  hookedDriver,
  sendAct,
  startUrl,
  type ActCall,
} from '../../support/act-calls';
import type { CallResult } from '../../support/system';
import { castOf } from '../../support/workflow-port';
import { everyone, sys, upload } from './context';

/** Head acts the deputy may also do (workflows/cycle/guards.ts: requireHead(s, actor, true)). */
const DEPUTY_TOO = ['/scores/review', '/contests/decide', '/meetings/schedule', '/meetings/record'];

/** Who of the matrix's people may do this act, by its scope in ACTS. */
function allowed(call: ActCall): Person[] {
  const scope = actRoute(call.path).scope;
  switch (scope) {
    case 'head':
      return DEPUTY_TOO.includes(call.path) ? ['head', 'deputy'] : ['head'];
    case 'unit':
      return everyone.filter((p) => PEOPLE[p] === call.user);
    case 'admin':
      return ['admin'];
    case 'holds':
      return ['admin', 'councilSecretary'];
    case 'councilMember':
      // every member of this council may vote (each once): none of them is tried as a wrong person
      return ['councilMember'];
    case 'councilSecretary':
      return ['councilSecretary'];
  }
}

/** Denials per act path and kind, printed at the end. */
const denials = new Map<
  string,
  { forged: number; anonymous: number; forbidden: number; ownUnit: number; performed: number }
>();
const tally = (path: string) => {
  let t = denials.get(path);
  if (!t) denials.set(path, (t = { forged: 0, anonymous: 0, forbidden: 0, ownUnit: 0, performed: 0 }));
  return t;
};

export let year: EveryActYear;
export let evidence: { id: string; owner: string; unitId: string } | undefined;
export let leaverOfficer: string;
let otherBlocUnitId: string;

/** Registered first by test/api/authz.test.ts: the year the read tests (./reads.ts) then read. */
export function actsTest(): void {
  test('every act is refused to everyone who must not do it, then done by who may', async () => {
    const cast = await castOf(sys.db, BLOC_CODE);
    const bloc = await sys.db.prisma.bloc.findUniqueOrThrow({ where: { code: BLOC_CODE } });
    leaverOfficer = cast.officerOf[(await sys.db.prisma.unit.findUniqueOrThrow({ where: { code: 'CT-BCHQS' } })).id]!;
    otherBlocUnitId = (await sys.db.prisma.person.findUniqueOrThrow({ where: { username: PEOPLE.otherBlocOfficer } }))
      .unitId!;
    expect(
      (
        await sys.db.prisma.blocMembership.findFirst({
          where: { unitId: otherBlocUnitId, bloc: { code: OTHER_BLOC_CODE } },
        })
      )?.blocId,
    ).toBeDefined();
    const forged = await forgedTokens(sys, PEOPLE.head, PEOPLE.admin);

    /** The same request as everyone who must not: 401 without or with a forged token, 403 for the wrong people. */
    const tryAsOthers = async (
      what: string,
      send: (opts: { as?: string; token?: string }) => Promise<CallResult>,
      mayDo: Person[],
      count: ReturnType<typeof tally>,
    ) => {
      expectError(await send({}), 401, 'UNAUTHENTICATED', `${what} anonymously`);
      count.anonymous++;
      for (const [kind, token] of Object.entries(forged)) {
        expectError(await send({ token }), 401, 'UNAUTHENTICATED', `${what} with a ${kind} token`);
        count.forged++;
      }
      for (const person of everyone.filter((p) => !mayDo.includes(p))) {
        expectError(await send({ as: PEOPLE[person] }), 403, 'FORBIDDEN', `${what} as ${person} (${PEOPLE[person]})`);
        count.forbidden++;
      }
    };

    const driver = hookedDriver(sys, {
      async beforeStart(user, blocId, body) {
        expect(user).toBe(PEOPLE.head);
        await tryAsOthers(
          'start the cycle',
          (o) => sys.call('POST', startUrl(blocId), { ...o, body, key: randomUUID() }),
          ['head'],
          tally('start'),
        );
        // the head of ANOTHER bloc cannot start this one either (tn.vksnd heads Tây Ninh)
        expectError(
          await sys.call('POST', startUrl(blocId), { as: 'tn.vksnd', body, key: randomUUID() }),
          403,
          'FORBIDDEN',
          'start as the head of another bloc',
        );
        expect(await sys.db.prisma.cycle.count({ where: { blocId } })).toBe(0);
      },
      async beforeAct(call) {
        const { cycleId, path, body } = call;
        const count = tally(path);
        const mayDo = allowed(call);
        if (
          actRoute(path).scope !== 'unit' &&
          !mayDo.some((p) => PEOPLE[p] === call.user) &&
          !(path === '/council/votes' && cast.councilMembers.includes(call.user))
        ) {
          throw new Error(`the year has ${call.user} do ${path}, outside the matrix's idea of who may`);
        }
        await tryAsOthers(path, (o) => sendAct(sys, cycleId, path, body, o), mayDo, count);
        if (actRoute(path).scope === 'unit') {
          // Officers acting for their OWN unit, which is not (or no longer) a member of this bloc.
          expectError(
            await sendAct(sys, cycleId, path, { ...body, unitId: otherBlocUnitId }, { as: PEOPLE.otherBlocOfficer }),
            403,
            'FORBIDDEN',
            `${path} by another bloc's officer for their own unit`,
          );
          count.ownUnit++;
          const leaverUnit = (await sys.db.prisma.person.findUniqueOrThrow({ where: { username: leaverOfficer } }))
            .unitId!;
          expectError(
            await sendAct(sys, cycleId, path, { ...body, unitId: leaverUnit }, { as: leaverOfficer }),
            403,
            'FORBIDDEN',
            `${path} by the officer of the unit that left`,
          );
          count.ownUnit++;
        }
        if (path === '/self-scores' && !evidence) {
          // Evidence upload (self-scoring only): own unit of a member, nobody else.
          const criterionId = (body.entries as { criterionId: string }[])[0]!.criterionId;
          const fields = { unitId: String(body.unitId), criterionId };
          expectError(await upload(undefined, cycleId, fields), 401, 'UNAUTHENTICATED', 'upload anonymously');
          for (const person of everyone.filter((p) => PEOPLE[p] !== call.user)) {
            const own = (await sys.db.prisma.person.findUniqueOrThrow({ where: { username: PEOPLE[person] } })).unitId;
            expectError(
              await upload(PEOPLE[person], cycleId, fields),
              403,
              'FORBIDDEN',
              `upload for another unit as ${person}`,
            );
            if (own && person === 'otherBlocOfficer')
              expectError(
                await upload(PEOPLE[person], cycleId, { ...fields, unitId: own }),
                403,
                'FORBIDDEN',
                'upload by another bloc for its own unit',
              );
          }
          const res = await upload(call.user, cycleId, fields);
          expectStatus(res, 201, 'upload by the unit itself');
          evidence = { id: (res.body as { id: string }).id, owner: call.user, unitId: fields.unitId };
        }
      },
      async afterAct(call) {
        tally(call.path).performed++;
      },
    });

    year = await runEveryActYear(sys, driver, { year: 2026 });

    // Every act of the table was tried and refused to someone.
    // The corrections (issue 12) would end or reshape this year: their matrix is in test/api/corrections.test.ts.
    const corrections = ['/cancel', '/leadership', '/membership/join', '/deadlines/reopen'];
    expect([...denials.keys()].filter((k) => k !== 'start').sort()).toEqual(
      ACTS.map((a) => a.path)
        .filter((p) => !corrections.includes(p))
        .sort(),
    );
    for (const [path, t] of denials) {
      expect({
        path,
        anonymous: t.anonymous > 0,
        forged: t.forged >= 6 * t.anonymous,
        forbidden: t.forbidden > 0,
      }).toEqual({ path, anonymous: true, forged: true, forbidden: true });
    }
    // Denied attempts changed nothing: one hold (the real one), one leaver, the proposals decided by the real secretary.
    expect(await sys.db.prisma.unitHold.count({ where: { cycleId: year.cycleId } })).toBe(1);
    expect(await sys.db.prisma.blocMembership.count({ where: { blocId: bloc.id, leftOn: { not: null } } })).toBe(1);
    const rows = [...denials].map(
      ([path, t]) =>
        `${path.padEnd(22)} anon ${String(t.anonymous).padStart(3)}  forged ${String(t.forged).padStart(4)}  403 ${String(t.forbidden).padStart(4)}  own-unit 403 ${String(t.ownUnit).padStart(3)}  done ${t.performed}`,
    );
    const total = [...denials.values()].reduce((n, t) => n + t.anonymous + t.forged + t.forbidden + t.ownUnit, 0);
    console.log(`authorisation matrix: ${total} denials\n${rows.join('\n')}`);
  });
}
