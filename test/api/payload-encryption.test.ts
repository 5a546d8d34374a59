/**
 * Payload encryption against the whole real system (Temporal dev server, worker, API, SQLite), all
 * configured by PAYLOAD_ENCRYPTION_KEYS as in production: a Cần Thơ year is driven over HTTP
 * through the year-end vote. The app works as before (every ballot accepted, contests decided,
 * ballots projected), while Temporal — read with a client that has NO codec, as an operator with
 * the Web UI or the CLI would — holds only ciphertext: every payload of both histories (cycle and
 * council) is `binary/encrypted` under the current key, and their raw bytes hold no voter unit,
 * no voter person, no ballot's choices, no plan text. The castBallot inputs do hold voter and
 * choices once decrypted with the keys (the search above looks where the secret really is).
 */
import { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { loadConfig } from '../../config';
import { DAY, planFor, runToVoting, runVoting, waitFor, type CyclePort } from '../support/scenario';
import { httpPort } from '../support/http-port';
import { getCycle } from '../../workflows/messages';
import { AesGcmPayloadCodec, ENCRYPTED_ENCODING, KEY_ID_METADATA } from '../../worker/codec';
import { TEST_PASSWORD } from '../support/db';
import { keyEntry } from '../support/payload-keys';
import { startSystem, type System } from '../support/system';
import { castOf } from '../support/workflow-port';

jest.setTimeout(180_000);

const KEYS = `${keyEntry('k2026')},${keyEntry('k2025')}`;
let sys: System;

beforeAll(async () => {
  sys = await startSystem({ env: { PAYLOAD_ENCRYPTION_KEYS: KEYS } });
}, 120_000);
afterAll(() => sys?.stop());

type Payload = temporal.api.common.v1.IPayload;
/** @temporalio/proto is reflection-based: the message class of a type is its `ctor`. */
const PayloadClass = (temporal.api.common.v1.Payload as unknown as { ctor: new () => Payload }).ctor;
const meta = (p: Payload, k: string) => (p.metadata?.[k] ? Buffer.from(p.metadata[k]).toString() : undefined);

/** Every Payload anywhere in a history (inputs, results, Update arguments, failure details, headers…). */
/**
 * The SDK core writes its own bookkeeping in clear (json/plain, never through the codec): a patch
 * marker's id, the TemporalChangeVersion search attribute listing patch ids (search attributes are
 * indexed by the server, so never encrypted), and a local activity's seq/type/attempt. They hold no
 * user data; the local activity's RESULT is ours and stays in the scan (it must be sealed).
 */
function withoutSdkBookkeeping(h: temporal.api.history.v1.IHistory): temporal.api.history.v1.History {
  const events = (h.events ?? []).flatMap((e) => {
    const indexed = e.upsertWorkflowSearchAttributesEventAttributes?.searchAttributes?.indexedFields;
    if (indexed && Object.keys(indexed).every((k) => k === 'TemporalChangeVersion')) return [];
    const marker = e.markerRecordedEventAttributes;
    if (!marker) return [e];
    if (marker.markerName === 'core_patch') return [];
    if (marker.markerName === 'core_local_activity' && marker.details) {
      const { data: _bookkeeping, ...details } = marker.details;
      return [{ ...e, markerRecordedEventAttributes: { ...marker, details } }];
    }
    return [e];
  });
  return temporal.api.history.v1.History.create({ events: events as temporal.api.history.v1.IHistoryEvent[] });
}

function payloadsIn(value: unknown, found: Payload[] = []): Payload[] {
  if (value instanceof PayloadClass) found.push(value);
  else if (Array.isArray(value)) for (const v of value) payloadsIn(v, found);
  else if (value && typeof value === 'object' && !ArrayBuffer.isView(value))
    for (const v of Object.values(value)) payloadsIn(v, found);
  return found;
}

test('ballots reach Temporal encrypted: the year still runs, the history shows no voter and no choice', async () => {
  const { db } = sys;
  const bloc = await db.prisma.bloc.findUniqueOrThrow({ where: { code: 'CT-NOICHINH' } });
  const cast = await castOf(db, 'CT-NOICHINH');
  const head = cast.officerOf[bloc.headUnitId!]!;
  const plan = planFor(2026, Date.now(), 30 * DAY);
  const started = await sys.call<{ cycleId: string }>('POST', `/api/blocs/${bloc.id}/cycles`, {
    as: head,
    body: { year: 2026, plan },
  });
  expect(started.status).toBe(201);
  const cycleId = started.body.cycleId;

  // Drive the year through the API, recording every ballot as it is cast.
  const ballots: { unitId: string; contest: string; round: number; choices: string[] }[] = [];
  const http = httpPort(sys.base, cycleId, TEST_PASSWORD);
  const port: CyclePort = {
    ...http,
    act: async (user, path, body, requestId) => {
      const result = await http.act(user, path, body, requestId);
      if (path === '/ballots') ballots.push(body as (typeof ballots)[number]);
      return result;
    },
  };
  const merit = (await port.view()).units.map((u) => u.unitId);
  await runToVoting(port, cast, plan, { merit });
  const after = await runVoting(port, cast, { merit });

  // The app with the codec works end to end: every ballot accepted, the contests decided and projected.
  expect(ballots.length).toBeGreaterThanOrEqual(merit.length);
  expect(after.phase).toBe('council');
  expect(after.contests.find((c) => c.contest === 'leader')).toMatchObject({
    status: 'decided',
    decidedBy: 'ballot',
    winners: [merit[0]],
  });
  expect(after.contests.every((c) => c.status === 'decided')).toBe(true);
  await waitFor('every ballot in the database', async () => (await db.prisma.ballot.count()) === ballots.length);
  const councilId = (await waitFor(
    'the council review',
    async () => (await port.view()).councilWorkflowId ?? undefined,
  )) as string;

  // An operator's view: a client on the same server without the codec.
  const raw = new Client({ connection: sys.env.connection, namespace: 'default' });
  await expect(raw.workflow.getHandle(cycleId).query(getCycle)).rejects.toThrow(/binary\/encrypted/);
  const histories = (
    await Promise.all([cycleId, councilId].map((id) => raw.workflow.getHandle(id).fetchHistory()))
  ).map(withoutSdkBookkeeping);
  const bytes = Buffer.concat(histories.map((h) => temporal.api.history.v1.History.encode(h).finish()));

  // Every payload is sealed under the current key.
  const payloads = histories.flatMap((h) => payloadsIn(h));
  expect(payloads.length).toBeGreaterThan(ballots.length);
  expect(new Set(payloads.map((p) => `${meta(p, 'encoding')} ${meta(p, KEY_ID_METADATA)}`))).toEqual(
    new Set([`${ENCRYPTED_ENCODING} k2026`]),
  );
  for (const encoding of ['json/plain', 'binary/null', 'binary/plain', 'json/protobuf'])
    expect(bytes.includes(Buffer.from(encoding))).toBe(false);

  // Nothing readable: no voter unit or person, no ballot's choices, no plan text.
  const officers = await db.prisma.person.findMany({ where: { username: { in: Object.values(cast.officerOf) } } });
  const secrets = [
    ...merit,
    ...officers.map((p) => p.id),
    ...ballots.map((b) => JSON.stringify(b.choices)),
    '"choices"',
    '"actor"',
    plan.theme,
    plan.targets[0]!,
  ];
  expect(officers).toHaveLength(merit.length);
  expect(secrets.filter((s) => bytes.includes(Buffer.from(s, 'utf8')))).toEqual([]);

  // The castBallot Update inputs are where voter and choices sit; the keys open them.
  const codec = new AesGcmPayloadCodec(loadConfig({ PAYLOAD_ENCRYPTION_KEYS: KEYS }).PAYLOAD_ENCRYPTION_KEYS!);
  const inputs = (histories[0]!.events ?? [])
    .map((e) => e.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input)
    .filter((i) => i?.name === 'castBallot');
  expect(inputs).toHaveLength(ballots.length);
  const opened = await Promise.all(
    inputs.map(async (i) =>
      JSON.parse(Buffer.from((await codec.decode(i!.args!.payloads!))[0]!.data!).toString('utf8')),
    ),
  );
  const officerIds = new Set(officers.map((p) => p.id));
  for (const b of opened) expect(officerIds.has(b.actor.personId)).toBe(true);
  expect(opened.map(({ unitId, contest, round, choices }) => ({ unitId, contest, round, choices }))).toEqual(ballots);
});
