/**
 * Ballot secrecy, against the whole real system: a Cần Thơ year in which every act happens
 * (test/support/every-act.ts), with every bloc ballot and council vote recorded by the test as it
 * is cast (who, what, in which order, under which request id). During voting (when the meeting
 * opens, and mid-round after the first ballot of every round) and after the year it proves that
 * nothing links a ballot's content to its voter:
 *
 * Storage (every table of the database, read raw):
 *   - Ballot rows are {id, roundId, choices} only: no voter, unit, person, request id or time; the
 *     id is a random UUID v4 and the SQLite table has no rowid (no hidden insertion order); the
 *     voter list (VoterRecord) holds no content;
 *   - a round's ballots appear only when it is closed (all at once), never while voters are being
 *     recorded one by one; each closed round holds exactly the ballots cast, one voter record each;
 *   - the stored order is not the order of casting (when chance could not explain it);
 *   - no row anywhere (audit log included) holds a ballot's choices outside Ballot, and no row
 *     holds a ballot's request id except its Idempotency-Key row, which carries no content.
 * API (every read endpoint, as admin, head, a voter and a council member):
 *   - no object holds choices together with anything that names a voter, a request or a time;
 *     no map keyed by a voter holds choices; no ballot list sits beside a list of voters; the
 *     workflow's ballot box never shows; no ballot's request id is echoed.
 */
import { randomUUID } from 'node:crypto';
import { Prisma } from '../../db';
import { PEOPLE, runEveryActYear, type EveryActYear } from '../support/every-act';
import { dumpDatabase, hookedDriver, type ActCall } from '../support/act-calls';
import { systemForThisFile, type CallResult } from '../support/system';

jest.setTimeout(300_000);

const sys = systemForThisFile();

/** One ballot or council vote as it was cast. */
interface Cast {
  path: '/ballots' | '/council/votes';
  voter: string;
  /** The voter key: unit id (bloc ballot) or person id (council vote). */
  voterKey: string;
  contest: string;
  round: number | null;
  choices: string[];
  key: string;
  order: number;
}

/** Keys that, next to a ballot's choices, would name who cast it, which request or when. */
const LINKING_KEYS = [
  'voter',
  'voterKey',
  'voterId',
  'unitId',
  'personId',
  'actor',
  'actorPersonId',
  'requestId',
  'key',
  'recordedAt',
  'votedAt',
  'createdAt',
  'at',
  'submittedAt',
  'username',
];
const CONTENT_KEYS = ['choices', 'approve'];
/** A ballot's content as a JSON key, also inside JSON kept as text ("approve" alone is also a council decision). */
const CONTENT_KEY = /\\?"(choices|approve)\\?"\s*:/;

/** Every place in a JSON value where ballot content could be tied to a voter. */
function ballotLinks(value: unknown, voterKeys: Set<string>, ballotRequestIds: Set<string>, where = '$'): string[] {
  const found: string[] = [];
  const walk = (v: unknown, path: string) => {
    if (typeof v === 'string') {
      if (ballotRequestIds.has(v)) found.push(`${path}: a ballot's request id`);
      return;
    }
    if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}[${i}]`));
      return;
    }
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.includes('box')) found.push(`${path}.box: the workflow's ballot box`);
    if (keys.some((k) => CONTENT_KEYS.includes(k))) {
      const linking = keys.filter((k) => LINKING_KEYS.includes(k) || voterKeys.has(k));
      if (linking.length > 0) found.push(`${path}: ballot content beside ${linking.join(', ')}`);
    }
    for (const [k, x] of Object.entries(o)) {
      if (
        voterKeys.has(k) &&
        (Array.isArray(x) || (x && typeof x === 'object' && CONTENT_KEYS.some((c) => c in (x as object))))
      )
        found.push(`${path}.${k}: a map keyed by a voter holding a ballot`);
    }
    const ballotLists = keys.filter(
      (k) =>
        Array.isArray(o[k]) &&
        (o[k] as unknown[]).some((x) => x && typeof x === 'object' && CONTENT_KEYS.some((c) => c in (x as object))),
    );
    const voterLists = keys.filter(
      (k) =>
        Array.isArray(o[k]) &&
        (o[k] as unknown[]).some((x) => typeof x === 'string' && voterKeys.has(x)) &&
        /vot/i.test(k),
    );
    if (ballotLists.length > 0 && voterLists.length > 0)
      found.push(`${path}: ballots (${ballotLists.join()}) beside a voter list (${voterLists.join()})`);
    for (const [k, x] of Object.entries(o)) walk(x, `${path}.${k}`);
  };
  walk(value, where);
  return found;
}

test('the scanner finds the links it is meant to find', () => {
  const voters = new Set(['unit-a', 'person-b']);
  const ids = new Set(['req-1']);
  expect(ballotLinks({ rounds: [{ ballots: [{ choices: ['x'] }], voted: 3 }] }, voters, ids)).toEqual([]);
  expect(ballotLinks({ counts: { 'unit-a': 2 } }, voters, ids)).toEqual([]);
  expect(ballotLinks({ ballots: [{ choices: ['x'], unitId: 'unit-a' }] }, voters, ids)).toHaveLength(1);
  expect(ballotLinks({ byVoter: { 'unit-a': ['x'] } }, voters, ids)).toHaveLength(1);
  expect(ballotLinks({ ballots: [{ choices: ['x'] }], voters: ['unit-a'] }, voters, ids)).toHaveLength(1);
  expect(ballotLinks({ contest: { box: [] } }, voters, ids)).toHaveLength(1);
  expect(ballotLinks({ audit: [{ requestId: 'req-1' }] }, voters, ids)).toHaveLength(1);
  expect(ballotLinks([{ approve: true, actor: { personId: 'p' } }], voters, ids)).toHaveLength(1);
});

test('no table row and no API answer ties a ballot to its voter, during voting and after', async () => {
  const { prisma } = sys.db;
  const casts: Cast[] = [];
  const personIdOf = new Map(
    (await prisma.person.findMany({ select: { id: true, username: true } })).map((p) => [p.username, p.id]),
  );
  const voterKeys = () => new Set(casts.map((c) => c.voterKey));
  const requestIds = () => new Set(casts.map((c) => c.key));
  const scans = { moments: 0, answers: 0 };
  let cycleId = '';
  const scanned = new Set<string>();

  /** Reads every endpoint that shows the cycle, as several people, and looks for links. */
  const scanApi = async (moment: string, extra: string[] = []) => {
    const id = encodeURIComponent(cycleId);
    const cycleUrls = [
      `/api/cycles/${id}`,
      `/api/cycles/${id}/live`,
      `/api/cycles/${id}/results`,
      `/api/cycles/${id}/documents`,
      '/api/me/notifications?take=500',
      '/api/me/tasks?take=500',
    ];
    const readers: [string, string[]][] = [
      [
        PEOPLE.admin,
        [
          ...cycleUrls,
          `/api/audit?workflowId=${id}&take=500`,
          `/api/audit?workflowId=${id}-council&take=500`,
          '/api/audit?take=500',
          ...extra,
        ],
      ],
      [PEOPLE.head, cycleUrls],
      [PEOPLE.memberOfficer, cycleUrls],
      [PEOPLE.councilMember, cycleUrls],
    ];
    for (const [user, urls] of readers) {
      for (const url of urls) {
        const res: CallResult = await sys.call('GET', url, { as: user });
        if (res.status !== 200)
          throw new Error(`${moment}: GET ${url} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
        expect({ moment, url, user, links: ballotLinks(res.body, voterKeys(), requestIds()) }).toEqual({
          moment,
          url,
          user,
          links: [],
        });
        scans.answers++;
      }
    }
    scans.moments++;
  };

  /** While a round is open its ballots are not stored; once closed they all are (read in that order: sound without a transaction). */
  const checkRoundStorage = async (contest: string, round: number | null) => {
    const rounds = await prisma.votingRound.findMany({
      where: { cycleId, contest, ...(round === null ? {} : { round }) },
      select: { id: true },
    });
    for (const r of rounds) {
      const ballots = await prisma.ballot.count({ where: { roundId: r.id } });
      const { closedAt } = await prisma.votingRound.findUniqueOrThrow({
        where: { id: r.id },
        select: { closedAt: true },
      });
      if (closedAt === null)
        expect({ contest, round, ballotsWhileOpen: ballots }).toEqual({ contest, round, ballotsWhileOpen: 0 });
    }
  };

  /**
   * The council-tally probe over HTTP: after every council vote, while that vote is still open, the
   * secretary tries to approve. The answer names no count (409 WRONG_PHASE, no digit, no issues) and
   * the attempt is audited (checked after the year).
   */
  let probes = 0;
  const probeCouncilTally = async (id: string, proposalId: string) => {
    const round = await prisma.votingRound.findFirst({
      where: { cycleId: id, contest: `council:${proposalId}` },
      orderBy: { round: 'desc' },
    });
    if (!round || round.closedAt) return;
    const res = await sys.call('POST', `/api/cycles/${encodeURIComponent(id)}/council/decisions`, {
      as: PEOPLE.councilSecretary,
      body: { proposalId, decision: 'approve', decisionNumber: '99/QĐ-UBND', decisionDate: '2027-01-15' },
      key: randomUUID(),
    });
    const error = (res.body as { error: { code: string; message: string; issues?: unknown[] } }).error;
    expect({
      status: res.status,
      code: error.code,
      digits: /\d/.test(error.message),
      issues: error.issues ?? [],
    }).toEqual({ status: 409, code: 'WRONG_PHASE', digits: false, issues: [] });
    expect(JSON.stringify(res.body)).not.toMatch(/"(yes|no|base|share|passes|votesFor|votesAgainst)"/);
    probes++;
  };

  const driver = hookedDriver(sys, {
    async send(call: ActCall) {
      const key = randomUUID();
      const res = await sys.call('POST', `/api/cycles/${encodeURIComponent(call.cycleId)}${call.path}`, {
        as: call.user,
        body: call.body,
        key,
      });
      if (res.status === 200 && (call.path === '/ballots' || call.path === '/council/votes')) {
        const ballot = call.path === '/ballots';
        const c: Cast = {
          path: call.path,
          voter: call.user,
          voterKey: ballot ? String(call.body.unitId) : personIdOf.get(call.user)!,
          contest: ballot ? String(call.body.contest) : `council:${String(call.body.proposalId)}`,
          round: ballot ? Number(call.body.round) : null,
          choices: ballot ? (call.body.choices as string[]) : call.body.approve ? ['yes'] : [],
          key,
          order: casts.length,
        };
        casts.push(c);
        // The answer to the voter: an acknowledgement, nothing of the ballot.
        expect(Object.keys(res.body as object).sort()).toEqual(['message', 'ok', 'requestId']);
        expect(JSON.stringify(res.body)).not.toMatch(CONTENT_KEY);
        for (const choice of c.choices.filter((x) => x !== 'yes'))
          expect(JSON.stringify(res.body)).not.toContain(choice);
        await checkRoundStorage(c.contest, c.round);
        if (!ballot) await probeCouncilTally(call.cycleId, String(call.body.proposalId));
        const roundKey = `${c.contest}#${c.round ?? ''}`;
        if (!scanned.has(roundKey)) {
          scanned.add(roundKey);
          await scanApi(`after the first ballot of ${roundKey}`);
        }
      }
      return res;
    },
  });

  const year: EveryActYear = await runEveryActYear(sys, driver, {
    year: 2026,
    onVoting: async (id) => {
      cycleId = id;
      expect(await prisma.ballot.count({ where: { round: { cycleId: id } } })).toBe(0);
      await scanApi('the meeting opened');
    },
  });
  expect(year.cycleId).toBe(cycleId);
  expect(casts.filter((c) => c.path === '/ballots').length).toBeGreaterThan(10);
  expect(casts.filter((c) => c.path === '/council/votes').length).toBeGreaterThan(10);

  // ── the models that hold ballots and voters ──
  expect(Object.keys(Prisma.BallotScalarFieldEnum).sort()).toEqual(['choices', 'id', 'roundId']);
  expect(Object.keys(Prisma.VoterRecordScalarFieldEnum).sort()).toEqual(['id', 'recordedAt', 'roundId', 'voterKey']);
  const [ballotTable] = await prisma.$queryRawUnsafe<{ sql: string }[]>(
    "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'Ballot'",
  );
  expect(ballotTable!.sql).toMatch(/WITHOUT\s+ROWID/i);
  const columns = async (table: string) =>
    (await prisma.$queryRawUnsafe<{ name: string }[]>(`PRAGMA table_info("${table}")`)).map((c) => c.name).sort();
  expect(await columns('Ballot')).toEqual(['choices', 'id', 'roundId']);
  expect(await columns('VoterRecord')).toEqual(['id', 'recordedAt', 'roundId', 'voterKey']);

  // ── every closed round holds exactly what was cast, one voter record per ballot ──
  const rounds = await prisma.votingRound.findMany({
    where: { cycleId },
    include: { ballots: true, voters: true },
    orderBy: [{ contest: 'asc' }, { round: 'asc' }],
  });
  let chanceAllInOrder = 1;
  let roundsInCastOrder = 0;
  let roundsCompared = 0;
  for (const r of rounds) {
    const name = `${r.contest}#${r.round}`;
    expect({ name, closed: r.closedAt !== null }).toEqual({ name, closed: true });
    expect({ name, ballots: r.ballots.length, distinctVoters: new Set(r.voters.map((v) => v.voterKey)).size }).toEqual({
      name,
      ballots: r.voters.length,
      distinctVoters: r.voters.length,
    });
    for (const b of r.ballots)
      expect(b.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    if (r.contest.startsWith('council:')) continue; // compared per proposal below (one round per attempt)
    const mine = casts.filter((c) => c.contest === r.contest && c.round === r.round);
    expect({ name, voters: r.voters.map((v) => v.voterKey).sort() }).toEqual({
      name,
      voters: mine.map((c) => c.voterKey).sort(),
    });
    expect({ name, ballots: r.ballots.map((b) => JSON.stringify(b.choices)).sort() }).toEqual({
      name,
      ballots: mine.map((c) => JSON.stringify(c.choices)).sort(),
    });
    // The only order ballots have is their random id: compare it with the order of casting.
    if (mine.length > 1) {
      const stored = [...r.ballots].sort((a, b) => (a.id < b.id ? -1 : 1)).map((b) => JSON.stringify(b.choices));
      const arrived = mine.map((c) => JSON.stringify(c.choices));
      const multiplicities = [...new Set(arrived)].map((x) => arrived.filter((y) => y === x).length);
      const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));
      chanceAllInOrder *= multiplicities.reduce((p, m) => p * fact(m), 1) / fact(arrived.length);
      roundsCompared++;
      if (JSON.stringify(stored) === JSON.stringify(arrived)) roundsInCastOrder++;
    }
  }
  for (const contest of new Set(casts.filter((c) => c.path === '/council/votes').map((c) => c.contest))) {
    const stored = rounds
      .filter((r) => r.contest === contest)
      .flatMap((r) => r.ballots.map((b) => JSON.stringify(b.choices)))
      .sort();
    expect({ contest, stored }).toEqual({
      contest,
      stored: casts
        .filter((c) => c.contest === contest)
        .map((c) => JSON.stringify(c.choices))
        .sort(),
    });
  }
  expect(rounds.reduce((n, r) => n + r.ballots.length, 0)).toBe(casts.length);
  // If every round were stored in casting order although chance would do that less than once in a
  // thousand years, the order would betray the voters.
  if (chanceAllInOrder < 1e-3) expect(roundsInCastOrder).toBeLessThan(roundsCompared);
  console.log(
    `secrecy: ${casts.length} ballots and votes in ${rounds.length} rounds; ${roundsInCastOrder}/${roundsCompared} bloc rounds stored in casting order (chance of all: ${chanceAllInOrder.toExponential(1)}); ${scans.answers} API answers scanned at ${scans.moments} moments`,
  );

  // ── nothing anywhere else in the database ──
  const dump = await dumpDatabase(sys);
  const ids = requestIds();
  for (const [table, rows] of Object.entries(dump)) {
    for (const row of rows) {
      const text = JSON.stringify(row);
      if (table !== 'Ballot' && CONTENT_KEY.test(text))
        throw new Error(`${table} row holds ballot content: ${text.slice(0, 300)}`);
      const keys = [...ids].filter((k) => text.includes(k));
      if (keys.length === 0) continue;
      // Only the Idempotency-Key row of the act itself, fingerprinted without the body.
      const cast = casts.find((c) => c.key === keys[0])!;
      expect({ table, keys: keys.length }).toEqual({ table: 'IdempotencyKey', keys: 1 });
      expect(row.scope).toBe(
        `POST /api/cycles/:cycleId${cast.path} ${JSON.stringify({ cycleId })} person:${personIdOf.get(cast.voter)}`,
      );
      expect(String(row.response)).not.toMatch(CONTENT_KEY);
    }
  }
  expect(dump.IdempotencyKey!.filter((r) => ids.has(String(r.key))).length).toBe(casts.length);
  // Audit rows of the year: none for a ballot, none with choices.
  const audit = await prisma.auditLog.findMany({ where: { workflowId: { in: [cycleId, `${cycleId}-council`] } } });
  expect(audit.length).toBeGreaterThan(10);
  expect(
    audit.filter((a) => ids.has(a.requestId ?? '') || CONTENT_KEY.test(JSON.stringify([a.before, a.after]))),
  ).toEqual([]);
  // Every probe of an open council vote is in the audit log, with no count in it.
  const refused = audit.filter((a) => a.action === 'proposal.decision.refused');
  expect(probes).toBeGreaterThan(5);
  expect(refused).toHaveLength(probes);
  for (const a of refused) expect(Object.keys(a.after as object).sort()).toEqual(['decision', 'round', 'why']);

  // ── and the API after the year ──
  await scanApi('after the year', [
    `/api/blocs/${year.blocId}/history`,
    ...[...new Set(casts.filter((c) => c.path === '/ballots').map((c) => c.voterKey))].map(
      (u) => `/api/units/${u}/history`,
    ),
  ]);
  const results = await sys.call('GET', `/api/cycles/${encodeURIComponent(cycleId)}/results`, {
    as: PEOPLE.memberOfficer,
  });
  // Not vacuous: the results do list the ballots' contents (anonymously).
  expect(JSON.stringify(results.body)).toContain('"choices"');
});
