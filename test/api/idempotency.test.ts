/**
 * Idempotency over HTTP against the whole real system: a Cần Thơ year in which every act happens
 * (test/support/every-act.ts) is driven by a driver that sends every act more than once with the
 * same Idempotency-Key — every other act as two concurrent twins, the others one after the other,
 * ballots and council votes always as concurrent twins — and then once more. Every copy must get
 * the same answer and the act must take effect once: one audit row per request id (none for the
 * secret acts), one voter record per voter and round, the ballot box holding exactly the ballots
 * sent, nothing keyed by the request changing on a repeat.
 *
 * The same key for a different request (api/routes/acts.ts, actFingerprint):
 *   - another body, another caller or another act: 422 IDEMPOTENCY_KEY_REUSED, nothing applied;
 *   - a ballot or council vote repeated by its voter with another body: the FIRST answer again,
 *     the repeated body ignored (no body is fingerprinted for secret acts: nothing derived from a
 *     ballot is stored beside its voter). Another voter reusing it: 422.
 * The start of the cycle: the same key again gets the first 201 (replayed), a new key 409, the
 * same key with another body 422; one cycle, one workflow, one start audit row.
 */
import { randomUUID } from 'node:crypto';
import { waitFor } from '../support/scenario';
import { runEveryActYear, type EveryActYear } from '../support/every-act';
import {
  UNAUDITED_ACTS,
  actUrl,
  expectError,
  expectStatus,
  hookedDriver,
  startUrl,
  type ActCall,
} from '../support/act-calls';
import { systemForThisFile, type CallResult } from '../support/system';

jest.setTimeout(300_000);

const sys = systemForThisFile();

const SECRET = ['/ballots', '/council/votes'];
const REUSED = 'IDEMPOTENCY_KEY_REUSED';

interface Sent {
  call: ActCall;
  key: string;
  answer: unknown;
}

test('every act sent twice (and more) with the same key takes effect once and answers the same', async () => {
  const { prisma } = sys.db;
  const sent: Sent[] = [];
  const counts = { sequential: 0, concurrent: 0, replayedFromStore: 0, reused422: 0, secretReplays: 0 };
  const post = (call: ActCall, key: string, body = call.body, as = call.user) =>
    sys.call('POST', actUrl(call.cycleId, call.path), { as, body, key });
  const personId = async (username: string) =>
    (await prisma.person.findUniqueOrThrow({ where: { username }, select: { id: true } })).id;

  /** What one request id may have caused, read back from the database. */
  const effects = async (call: ActCall, key: string) => ({
    audit: await prisma.auditLog.count({ where: { requestId: key } }),
    submissions: await prisma.submission.findMany({
      where: { requestId: key },
      select: { id: true, revision: true, status: true },
    }),
    notifications: await prisma.notification.count({ where: { dedupeKey: { contains: key } } }),
    voterRecords:
      call.path === '/ballots'
        ? await prisma.voterRecord.count({
            where: {
              voterKey: String(call.body.unitId),
              round: { cycleId: call.cycleId, contest: String(call.body.contest), round: Number(call.body.round) },
            },
          })
        : call.path === '/council/votes'
          ? await prisma.voterRecord.count({
              where: {
                voterKey: await personId(call.user),
                round: { contest: `council:${String(call.body.proposalId)}` },
              },
            })
          : 0,
  });
  const same = (a: CallResult, b: CallResult, what: string) =>
    expect({ what, status: b.status, body: b.body }).toEqual({ what, status: a.status, body: a.body });

  let firstPledge: Sent | undefined;
  let firstBallot: Sent | undefined;
  let startKey = '';

  const driver = hookedDriver(sys, {
    async sendStart(user, blocId, body) {
      startKey = randomUUID();
      const [a, b] = await Promise.all(
        [0, 1].map(() => sys.call('POST', startUrl(blocId), { as: user, body, key: startKey })),
      );
      // Concurrent twins: one starts the workflow, the other answers what it answered (or 409 if
      // it lost the race before the first stored its answer; then the stored answer comes next).
      const first = a!.status === 201 ? a! : b!;
      expectStatus(first, 201, 'start');
      const again = await sys.call('POST', startUrl(blocId), { as: user, body, key: startKey });
      same(first, again, 'start repeated with the same key');
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      expectError(
        await sys.call('POST', startUrl(blocId), { as: user, body, key: randomUUID() }),
        409,
        'ALREADY_DONE',
        'start with a new key',
      );
      expectError(
        await sys.call('POST', startUrl(blocId), {
          as: user,
          body: { ...body, year: Number(body.year) + 1 },
          key: startKey,
        }),
        422,
        REUSED,
        'start key reused for another year',
      );
      expect(await prisma.cycle.count({ where: { blocId } })).toBe(1);
      return first;
    },

    async send(call) {
      const key = randomUUID();
      const concurrent = SECRET.includes(call.path) || call.seq % 2 === 1;
      let first: CallResult;
      if (concurrent) {
        const [a, b] = await Promise.all([post(call, key), post(call, key)]);
        expectStatus(a!, 200, `${call.path} (twin 1)`);
        same(a!, b!, `${call.path} concurrent twin`);
        first = a!;
        counts.concurrent++;
      } else {
        first = await post(call, key);
        expectStatus(first, 200, call.path);
        counts.sequential++;
      }
      expect((first.body as { requestId: string }).requestId).toBe(key);
      const before = await effects(call, key);
      const again = await post(call, key);
      same(first, again, `${call.path} repeated`);
      expect(again.headers.get('idempotent-replayed')).toBe('true');
      counts.replayedFromStore++;
      if (call.path !== '/handover') expect(await effects(call, key)).toEqual(before); // the handover's audit row follows the act
      // One voter record per voter and round (a council member votes again on a resubmitted proposal: a new round).
      const earlier = sent.filter(
        (x) =>
          x.call.path === call.path &&
          x.call.user === call.user &&
          (call.path === '/ballots'
            ? x.call.body.contest === call.body.contest && x.call.body.round === call.body.round
            : x.call.body.proposalId === call.body.proposalId),
      ).length;
      if (SECRET.includes(call.path))
        expect({ what: `${call.path} by ${call.user}`, voterRecords: before.voterRecords }).toEqual({
          what: `${call.path} by ${call.user}`,
          voterRecords: earlier + 1,
        });
      const record: Sent = { call, key, answer: first.body };

      // The same key for a different request.
      if (call.path === '/pledges') {
        if (!firstPledge) {
          firstPledge = record;
          const other = { ...call.body, targets: ['Một chỉ tiêu khác hẳn'] };
          expectError(await post(call, key, other), 422, REUSED, 'pledge key reused with another body');
          expectError(
            await sys.call('POST', actUrl(call.cycleId, '/reports/mid-year'), {
              as: call.user,
              key,
              body: {
                unitId: call.body.unitId,
                summary: 'x'.repeat(20),
                achievements: [],
                limitations: [],
                nextHalfTasks: [],
              },
            }),
            422,
            REUSED,
            'pledge key reused for another act',
          );
          counts.reused422 += 2;
          const stored = await prisma.submission.findFirstOrThrow({
            where: { cycleId: call.cycleId, unitId: String(call.body.unitId), kind: 'pledge' },
          });
          expect((stored.payload as { targets: string[] }).targets).toEqual(call.body.targets);
        } else if (firstPledge.call.user !== call.user && counts.reused422 === 2) {
          // Another unit's officer, with its own (valid) pledge but the first unit's key: refused, not replayed.
          expectError(await post(call, firstPledge.key), 422, REUSED, 'pledge key reused by another person');
          counts.reused422++;
        }
      }
      if (call.path === '/ballots') {
        const choices = call.body.choices as string[];
        if (choices.length > 0) {
          // The voter again with the same key and a blank ballot: the first answer; the blank is never counted.
          same(first, await post(call, key, { ...call.body, choices: [] }), 'ballot key repeated with another ballot');
          counts.secretReplays++;
        }
        if (firstBallot && firstBallot.call.user !== call.user && counts.reused422 === 3) {
          expectError(await post(call, firstBallot.key), 422, REUSED, 'ballot key reused by another voter');
          counts.reused422++;
        }
        firstBallot ??= record;
      }
      if (call.path === '/council/votes') {
        same(
          first,
          await post(call, key, { ...call.body, approve: !call.body.approve }),
          'council vote key repeated with the other answer',
        );
        counts.secretReplays++;
      }
      sent.push(record);
      return first;
    },
  });

  const year: EveryActYear = await runEveryActYear(sys, driver, { year: 2026 });

  // ── one effect per request id ──
  const paths = new Set(sent.map((s) => s.call.path));
  expect(paths.size).toBe(24); // every act of api/routes/acts.ts (21 + the three meeting acts of issue 12)
  await waitFor(
    'the handover audit row',
    async () =>
      (await prisma.auditLog.count({ where: { requestId: sent.find((s) => s.call.path === '/handover')!.key } })) === 1,
  );
  const audit = await prisma.auditLog.findMany({
    where: { requestId: { in: sent.map((s) => s.key) } },
    select: { requestId: true, action: true },
  });
  const perKey = new Map<string, number>();
  for (const a of audit) perKey.set(a.requestId!, (perKey.get(a.requestId!) ?? 0) + 1);
  const wrong = sent
    .filter((s) => (perKey.get(s.key) ?? 0) !== (UNAUDITED_ACTS.includes(s.call.path) ? 0 : 1))
    .map((s) => `${s.call.path} ${s.key}: ${perKey.get(s.key) ?? 0}`);
  expect(wrong).toEqual([]);
  expect(audit.length).toBe(sent.filter((s) => !UNAUDITED_ACTS.includes(s.call.path)).length);
  expect(await prisma.auditLog.count({ where: { action: 'cycle.start', workflowId: year.cycleId } })).toBe(1);
  expect(await prisma.idempotencyKey.count({ where: { key: { in: [startKey, ...sent.map((s) => s.key)] } } })).toBe(
    sent.length + 1,
  );

  // ── the ballot boxes hold exactly the ballots sent (first bodies), one voter record per voter ──
  const rounds = await prisma.votingRound.findMany({
    where: { cycleId: year.cycleId },
    include: { ballots: true, voters: true },
  });
  const ballotsOf = (contest: string) =>
    rounds
      .filter((r) => r.contest === contest)
      .flatMap((r) => r.ballots.map((b) => JSON.stringify(b.choices)))
      .sort();
  const sentOf = (contest: string) =>
    sent
      .filter(
        (s) =>
          (s.call.path === '/ballots' && s.call.body.contest === contest) ||
          (s.call.path === '/council/votes' && `council:${String(s.call.body.proposalId)}` === contest),
      )
      .map((s) => JSON.stringify(s.call.path === '/ballots' ? s.call.body.choices : s.call.body.approve ? ['yes'] : []))
      .sort();
  for (const contest of new Set(rounds.map((r) => r.contest))) {
    expect({ contest, ballots: ballotsOf(contest) }).toEqual({ contest, ballots: sentOf(contest) });
  }
  for (const r of rounds) {
    expect({
      round: `${r.contest}#${r.round}`,
      voters: r.voters.length,
      unique: new Set(r.voters.map((v) => v.voterKey)).size,
    }).toEqual({ round: `${r.contest}#${r.round}`, voters: r.ballots.length, unique: r.ballots.length });
  }
  expect(rounds.reduce((n, r) => n + r.ballots.length, 0)).toBe(
    sent.filter((s) => SECRET.includes(s.call.path)).length,
  );
  // One submission per unit and kind, as submitted once.
  const subs = await prisma.submission.groupBy({
    by: ['unitId', 'kind'],
    where: { cycleId: year.cycleId },
    _count: { _all: true },
  });
  expect(subs.filter((g) => g._count._all !== 1)).toEqual([]);
  expect(counts.reused422).toBe(4);
  expect(counts.secretReplays).toBeGreaterThan(0);
  console.log(
    `idempotency: ${sent.length} acts (${counts.sequential} sent once then repeated, ${counts.concurrent} as concurrent twins then repeated), ${counts.replayedFromStore} replays from the stored answer, ${counts.reused422} keys reused for another request → 422, ${counts.secretReplays} secret acts repeated with another body → first answer`,
  );
});
