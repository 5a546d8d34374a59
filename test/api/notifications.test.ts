/**
 * Notifications through the whole system: the API on an ephemeral port, a Temporal dev server, a
 * worker whose activities use the channels the configuration names (channelsFromConfig with
 * SMTP_URL, WEBHOOK_URL, WEBHOOK_SECRET), a real SMTP server and a real webhook receiver on
 * loopback (the receiver verifies every signature), and a migrated, seeded SQLite file.
 *
 * Publishing the plan opens the pledge phase: every unit gets its task in the inbox, by e-mail and
 * by webhook. Then both channels break; the acts of the cycle still go through and the failures
 * are recorded.
 */
import request from 'supertest';
import { loadConfig } from '../../config';
import type { Db } from '../../db';
import { channelsFromConfig } from '../../notifications/from-config';
import { DAY, planFor } from '../support/scenario';
import { TEST_PASSWORD } from '../support/db';
import { startRealSystem, type RealSystem } from '../support/real-system';
import { castOf } from '../support/workflow-port';
import {
  startSmtpCapture,
  startWebhookReceiver,
  waitUntil,
  type SmtpCapture,
  type WebhookReceiver,
} from '../notifications/loopback';

jest.setTimeout(120_000);

const SECRET = 'whsec-system-test-0123456789';
let system: RealSystem;
let db: Db;
let base: string;
let smtp: SmtpCapture;
let hook: WebhookReceiver;
const warnings: object[] = [];

beforeAll(async () => {
  [smtp, hook] = await Promise.all([startSmtpCapture(), startWebhookReceiver(SECRET)]);
  const channelEnv = { SMTP_URL: smtp.url, WEBHOOK_URL: hook.url, WEBHOOK_SECRET: SECRET };
  // The worker's activities get the channels exactly as worker/main.ts builds them from the configuration.
  const channels = channelsFromConfig(loadConfig({ NODE_ENV: 'test', ...channelEnv }));
  expect(channels.map((c) => c.name)).toEqual(['email', 'webhook']);
  system = await startRealSystem({ env: channelEnv, channels, onChannelWarning: (obj) => warnings.push(obj) });
  ({ db, base } = system);
});

afterAll(async () => {
  await system?.stop();
  await Promise.all([smtp?.close().catch(() => undefined), hook?.close()]);
});

const login = async (username: string) =>
  `Bearer ${(await request(base).post('/api/auth/login').send({ username, password: TEST_PASSWORD }).expect(200)).body.token as string}`;

const deliveriesOf = (cycleId: string, title: string) =>
  db.prisma.notificationDelivery.findMany({ where: { notification: { cycleId, title } }, orderBy: { channel: 'asc' } });

test('publishing the plan sends every unit its pledge task: inbox, e-mail to the people of the units, signed webhook', async () => {
  const bloc = await db.prisma.bloc.findUniqueOrThrow({
    where: { code: 'CT-NOICHINH' },
    include: { memberships: { where: { leftOn: null } } },
  });
  const cast = await castOf(db, 'CT-NOICHINH');
  const head = cast.officerOf[bloc.headUnitId!]!;
  const memberIds = bloc.memberships.map((m) => m.unitId);
  const plan = planFor(2026, Date.now(), 30 * DAY);

  const started = await request(base)
    .post(`/api/blocs/${bloc.id}/cycles`)
    .set('authorization', await login(head))
    .send({ year: 2026 })
    .expect(201);
  const cycleId = started.body.cycleId as string;
  // Launch: the head alone is asked to publish the plan.
  const launch = await waitUntil('the launch e-mail', () =>
    smtp.messages.find((m) => m.subject === '[Thi đua] Phát động phong trào thi đua'),
  );
  expect(launch.envelope.to).toEqual([`${head}@thidua.example`]);
  expect(launch.text).toBe('Trưởng khối xây dựng và ban hành kế hoạch thi đua năm 2026.');

  await request(base)
    .post(`/api/cycles/${cycleId}/plan`)
    .set('authorization', await login(head))
    .send({ plan })
    .expect(200);

  const title = 'Nhiệm vụ mới: Đăng ký và ký kết giao ước thi đua';
  const mail = await waitUntil('the pledge task e-mail', () =>
    smtp.messages.find((m) => m.subject === `[Thi đua] ${title}`),
  );
  const people = await db.prisma.person.findMany({
    where: { unitId: { in: memberIds }, active: true },
    select: { email: true },
  });
  expect(people.length).toBeGreaterThanOrEqual(memberIds.length);
  expect(mail.envelope.to.sort()).toEqual(people.map((p) => p.email).sort());
  expect(mail.text).toBe(`Hạn chót: ${plan.deadlines.pledge}.`);
  expect(smtp.messages.filter((m) => m.subject === `[Thi đua] ${title}`)).toHaveLength(1);

  const call = await waitUntil('the pledge task webhook', () => hook.received.find((h) => h.payload.title === title));
  expect(call.valid).toBe(true);
  expect(call.payload).toMatchObject({ kind: 'task', cycleId, body: `Hạn chót: ${plan.deadlines.pledge}.` });
  expect([...call.payload.unitIds].sort()).toEqual([...memberIds].sort());
  expect(hook.received.every((h) => h.valid)).toBe(true);

  // In-app: each unit's officer has it in the inbox.
  const inbox = await request(base)
    .get('/api/me/notifications')
    .set('authorization', await login(cast.officerOf[memberIds[0]!]!))
    .expect(200);
  expect(JSON.stringify(inbox.body)).toContain(title);
  expect(await db.prisma.notification.count({ where: { cycleId, title } })).toBe(memberIds.length);
  await waitUntil('delivery records', async () =>
    (await deliveriesOf(cycleId, title)).length === 2 ? true : undefined,
  );
  expect((await deliveriesOf(cycleId, title)).map((d) => [d.channel, d.status, d.attempts])).toEqual([
    ['email', 'delivered', 1],
    ['webhook', 'delivered', 1],
  ]);
  expect(warnings).toHaveLength(0);

  // ── both channels break: the mail server goes away, the webhook receiver hangs ──
  await smtp.close();
  hook.mode = 'hang';
  const unit = memberIds.find((id) => id !== bloc.headUnitId)!;
  const officer = cast.officerOf[unit]!;
  const t0 = Date.now();
  const pledge = await request(base)
    .post(`/api/cycles/${cycleId}/pledges`)
    .set('authorization', await login(officer))
    .send({ unitId: unit, targets: ['Hoàn thành xuất sắc nhiệm vụ được giao'], signedBy: 'Thủ trưởng đơn vị' });
  expect(pledge.status).toBe(200);
  expect(pledge.body.message).toBe('pledge submitted');
  // Not held by the channels: a hanging webhook costs 3 tries × 5 s, and the act answered before that.
  const answeredMs = Date.now() - t0;
  const failed = await waitUntil(
    'both deliveries to fail',
    async () => {
      const rows = await deliveriesOf(cycleId, 'Đơn vị đã đăng ký thi đua');
      return rows.length === 2 && rows.every((d) => d.status === 'failed') ? rows : undefined;
    },
    40_000,
  );
  expect(answeredMs).toBeLessThan(10_000);
  expect(failed.map((d) => [d.channel, d.status])).toEqual([
    ['email', 'failed'],
    ['webhook', 'failed'],
  ]);
  expect(failed[0]!.lastError).toMatch(/ECONNREFUSED|connect/i);
  expect(failed[1]!.lastError).toMatch(/timeout|abort/i);
  expect(warnings.length).toBeGreaterThanOrEqual(2);

  // The cycle carries on: the head accepts the pledge, the task is done, the inbox still works.
  await request(base)
    .post(`/api/cycles/${cycleId}/pledges/review`)
    .set('authorization', await login(head))
    .send({ unitId: unit, decision: 'accept' })
    .expect(200);
  const task = await db.prisma.task.findUniqueOrThrow({
    where: { cycleId_unitId_kind: { cycleId, unitId: unit, kind: 'pledge' } },
  });
  expect(task.status).toBe('done');
  expect(
    await db.prisma.notification.count({
      where: { cycleId, title: 'Giao ước đã được chấp nhận', recipientUnitId: unit },
    }),
  ).toBe(1);
  // Queued like every other: the outbox keeps retrying them with backoff (test/notifications/notify.test.ts).
  expect((await deliveriesOf(cycleId, 'Giao ước đã được chấp nhận')).map((d) => d.channel)).toEqual([
    'email',
    'webhook',
  ]);
});
