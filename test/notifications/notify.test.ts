/**
 * The notify activity and the delivery outbox (notifications/outbox.ts) with the channels the
 * deployment configures (channelsFromConfig), against a real migrated SQLite database, a real SMTP
 * server and a real webhook receiver on loopback; the activity runs in Temporal's
 * MockActivityEnvironment. The activity only stores and queues; the outbox sends, records failures
 * and retries them with backoff. A failing channel never fails or holds the activity.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities/create-activities';
import type { NotifyInput } from '../../activities/types';
import { loadConfig } from '../../config';
import type { Db } from '../../db';
import { hashPassword } from '../../api/security/passwords';
import { channelsFromConfig } from '../../notifications/from-config';
import { createDeliveryOutbox } from '../../notifications/outbox';
import { seededSqlite } from '../support/db';
import { deadPort, startSmtpCapture, startWebhookReceiver, type SmtpCapture, type WebhookReceiver } from './loopback';

jest.setTimeout(60_000);

const SECRET = 'whsec-notify-0123456789';
let db: Db;
let cleanup: () => Promise<void>;
let smtp: SmtpCapture;
let hook: WebhookReceiver;
let units: { id: string; code: string }[];
let council: { id: string; email: string }[];
const env = new MockActivityEnvironment();
const warnings: object[] = [];

let clock = Date.now();
/** The activities and an outbox over the given endpoints; the outbox's clock is `clock` (retries are tested without waiting). */
const systemFor = (smtpUrl: string, webhookUrl: string) => {
  const channels = channelsFromConfig(
    loadConfig({ NODE_ENV: 'test', SMTP_URL: smtpUrl, WEBHOOK_URL: webhookUrl, WEBHOOK_SECRET: SECRET }),
  );
  const outbox = createDeliveryOutbox({
    db,
    channels,
    log: { warn: (obj) => warnings.push(obj) },
    now: () => new Date(clock),
    retryBaseMs: 60_000,
    maxAttempts: 3,
  });
  return { acts: createActivities({ db, outbox }), outbox };
};

beforeAll(async () => {
  ({ db, cleanup } = await seededSqlite());
  [smtp, hook] = await Promise.all([startSmtpCapture(), startWebhookReceiver(SECRET)]);
  units = await db.prisma.unit.findMany({
    where: { code: { in: ['CT-CA', 'CT-VKSND'] } },
    select: { id: true, code: true },
    orderBy: { code: 'asc' },
  });
  const ca = units.find((u) => u.code === 'CT-CA')!;
  // A second officer of the same unit gets the mail too; a deactivated one does not.
  const passwordHash = await hashPassword('unused-password');
  await db.prisma.person.create({
    data: {
      username: 'ct.ca.2',
      fullName: 'Trung tá Lê Văn Định',
      email: 'ct.ca.2@thidua.example',
      unitId: ca.id,
      passwordHash,
    },
  });
  await db.prisma.person.create({
    data: {
      username: 'ct.ca.old',
      fullName: 'Nguyễn Văn Cũ',
      email: 'ct.ca.old@thidua.example',
      unitId: ca.id,
      passwordHash,
      active: false,
    },
  });
  council = await db.prisma.person.findMany({
    where: { username: { in: ['ct.hd1', 'ct.hd2'] } },
    select: { id: true, email: true },
  });
});

afterAll(async () => {
  await Promise.all([smtp?.close(), hook?.close()]);
  await cleanup?.();
});

const input = (key: string, over: Partial<NotifyInput> = {}): NotifyInput => ({
  dedupeKey: key,
  unitIds: units.map((u) => u.id),
  kind: 'task',
  title: 'Nhiệm vụ mới: Tự chấm điểm thi đua năm 2026',
  body: 'Hạn chót: 2026-11-30. Gửi bảng tự chấm điểm kèm minh chứng cho Trưởng khối.',
  ...over,
});

const deliveriesOf = async (dedupeKey: string) => {
  const n = await db.prisma.notification.findUniqueOrThrow({
    where: { dedupeKey: `${dedupeKey}#0` },
    include: { deliveries: { orderBy: { channel: 'asc' } } },
  });
  return n.deliveries;
};

test('a notification goes to the inbox, by e-mail to the people of the units and to the signed webhook; a retry sends nothing twice', async () => {
  const { acts, outbox } = systemFor(smtp.url, hook.url);
  const mails = smtp.messages.length;
  await env.run(acts.notify, input('t1', { personIds: council.map((p) => p.id) }));
  expect((await deliveriesOf('t1')).map((d) => [d.channel, d.status])).toEqual([
    ['email', 'pending'],
    ['webhook', 'pending'],
  ]);
  expect(await outbox.drainOnce()).toBe(2);

  // In-app: one row per recipient unit and person.
  expect(await db.prisma.notification.count({ where: { dedupeKey: { startsWith: 't1#' } } })).toBe(
    units.length + council.length,
  );

  const [mail] = (await smtp.waitFor(mails + 1)).slice(mails);
  const expected = [
    ...(
      await db.prisma.person.findMany({
        where: { unitId: { in: units.map((u) => u.id) }, active: true },
        select: { email: true },
      })
    ).map((p) => p.email),
    ...council.map((p) => p.email),
  ];
  expect(expected).toContain('ct.ca.2@thidua.example');
  expect(mail!.envelope.to.sort()).toEqual(expected.sort());
  expect(mail!.envelope.to).not.toContain('ct.ca.old@thidua.example');
  expect(mail!.subject).toBe('[Thi đua] Nhiệm vụ mới: Tự chấm điểm thi đua năm 2026');
  expect(mail!.text).toBe('Hạn chót: 2026-11-30. Gửi bảng tự chấm điểm kèm minh chứng cho Trưởng khối.');

  const [call] = await hook.waitFor(1);
  expect(call!.valid).toBe(true);
  const first = await db.prisma.notification.findUniqueOrThrow({ where: { dedupeKey: 't1#0' } });
  expect(call!.payload).toMatchObject({
    id: first.id,
    kind: 'task',
    title: 'Nhiệm vụ mới: Tự chấm điểm thi đua năm 2026',
    unitIds: units.map((u) => u.id),
  });

  expect((await deliveriesOf('t1')).map((d) => [d.channel, d.status, d.attempts])).toEqual([
    ['email', 'delivered', 1],
    ['webhook', 'delivered', 1],
  ]);

  // Temporal retries activities: the same dedupe key creates nothing and sends nothing again.
  await env.run(acts.notify, input('t1', { personIds: council.map((p) => p.id) }));
  expect(await db.prisma.notification.count({ where: { dedupeKey: { startsWith: 't1#' } } })).toBe(
    units.length + council.length,
  );
  expect(await outbox.drainOnce()).toBe(0);
  await new Promise((r) => setTimeout(r, 300));
  expect(smtp.messages.length).toBe(mails + 1);
  expect(hook.received).toHaveLength(1);
  expect((await deliveriesOf('t1')).map((d) => d.attempts)).toEqual([1, 1]);
});

test('mail server down and webhook answering 500: the activity is not held, failures are recorded, retried after the backoff, and given up after the last attempt', async () => {
  const broken = systemFor(`smtp://127.0.0.1:${await deadPort()}`, hook.url);
  hook.mode = 'fail';
  hook.received.length = 0;
  warnings.length = 0;
  await env.run(broken.acts.notify, input('t2'));
  // The inbox has it regardless of the channels.
  expect(await db.prisma.notification.count({ where: { dedupeKey: { startsWith: 't2#' } } })).toBe(units.length);

  expect(await broken.outbox.drainOnce()).toBe(2);
  const failed = await deliveriesOf('t2');
  expect(failed.map((d) => [d.channel, d.status, d.attempts])).toEqual([
    ['email', 'failed', 1],
    ['webhook', 'failed', 1],
  ]);
  expect(failed[0]!.lastError).toMatch(/ECONNREFUSED|connect/i);
  expect(failed[1]!.lastError).toBe('webhook answered 500');
  expect(failed.every((d) => d.deliveredAt === null)).toBe(true);
  expect(hook.received).toHaveLength(3); // the channel's own quick retries
  expect(warnings).toHaveLength(2);
  // Not due again before the backoff.
  expect(await broken.outbox.drainOnce()).toBe(0);

  // The channels recover; after the backoff the outbox delivers both.
  hook.mode = 'ok';
  clock += 61_000;
  const healthy = systemFor(smtp.url, hook.url);
  const mails = smtp.messages.length;
  expect(await healthy.outbox.drainOnce()).toBe(2);
  await smtp.waitFor(mails + 1);
  const healed = await deliveriesOf('t2');
  expect(healed.map((d) => [d.channel, d.status, d.attempts, d.lastError])).toEqual([
    ['email', 'delivered', 2, null],
    ['webhook', 'delivered', 2, null],
  ]);
  expect(await db.prisma.notificationDelivery.count({ where: { notification: { dedupeKey: 't2#0' } } })).toBe(2);

  // A channel that stays down is given up after maxAttempts (3): 1 min, then 2 min backoff.
  hook.mode = 'fail';
  await env.run(broken.acts.notify, input('t2b'));
  for (const wait of [0, 61_000, 121_000, 241_000]) {
    clock += wait;
    await broken.outbox.drainOnce();
  }
  expect((await deliveriesOf('t2b')).map((d) => [d.channel, d.status, d.attempts])).toEqual([
    ['email', 'failed', 3],
    ['webhook', 'failed', 3],
  ]);
  hook.mode = 'ok';
});

test('one channel failing does not stop the other', async () => {
  hook.mode = 'fail';
  const mails = smtp.messages.length;
  const { acts, outbox } = systemFor(smtp.url, hook.url);
  await env.run(acts.notify, input('t3'));
  await outbox.drainOnce();
  await smtp.waitFor(mails + 1);
  expect((await deliveriesOf('t3')).map((d) => [d.channel, d.status])).toEqual([
    ['email', 'delivered'],
    ['webhook', 'failed'],
  ]);
  hook.mode = 'ok';
});
