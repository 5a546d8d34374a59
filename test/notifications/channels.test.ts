/**
 * The outbound channels against REAL receivers on loopback: an SMTP server (smtp-server) that
 * captures every message, and an HTTP receiver that checks each signature with
 * verifyWebhookSignature, the function integrators are told to use.
 */
import {
  signWebhook,
  verifyWebhookSignature,
  emailChannel,
  webhookChannel,
  type OutgoingMessage,
} from '../../notifications/channels';
import { deadPort, startSmtpCapture, startWebhookReceiver, type SmtpCapture, type WebhookReceiver } from './loopback';

const SECRET = 'whsec-test-0123456789abcdef';

const message = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  notificationId: 'n-1',
  kind: 'task',
  title: 'Nhiệm vụ mới: Đăng ký và ký kết giao ước thi đua',
  body: 'Hạn chót: 2026-02-01T00:00:00.000Z. Đề nghị các đơn vị hoàn thành đúng hạn — Trưởng khối.',
  cycleId: 'cycle-CT-NOICHINH-2026',
  recipients: { unitIds: ['u1', 'u2'], personIds: [], emails: ['ct.ca@thidua.example', 'ct.vksnd@thidua.example'] },
  ...over,
});

describe('verifyWebhookSignature', () => {
  const body = JSON.stringify({ id: 'n-1', title: 'Công bố kết quả chấm điểm' });
  const now = 1_767_225_600; // 2026-01-01T00:00:00Z

  test('accepts what signWebhook produced, as string or raw bytes, header as string or array', () => {
    const header = signWebhook(SECRET, now, body);
    expect(header).toMatch(/^t=1767225600,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(SECRET, header, body, 300, now)).toBe(true);
    expect(verifyWebhookSignature(SECRET, header, Buffer.from(body, 'utf8'), 300, now + 299)).toBe(true);
    expect(verifyWebhookSignature(SECRET, [header], body, 300, now - 300)).toBe(true);
  });

  test('rejects a changed body, a wrong secret and a re-serialised body', () => {
    const header = signWebhook(SECRET, now, body);
    expect(verifyWebhookSignature(SECRET, header, body.replace('điểm', 'diem'), 300, now)).toBe(false);
    expect(verifyWebhookSignature('another-secret-0123456', header, body, 300, now)).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, JSON.stringify(JSON.parse(body), null, 2), 300, now)).toBe(false);
    expect(verifyWebhookSignature('', header, body, 300, now)).toBe(false);
  });

  test('rejects a timestamp outside the tolerance (replay) in either direction', () => {
    const header = signWebhook(SECRET, now, body);
    expect(verifyWebhookSignature(SECRET, header, body, 300, now + 301)).toBe(false);
    expect(verifyWebhookSignature(SECRET, header, body, 300, now - 301)).toBe(false);
    // The timestamp is inside the MAC: moving it breaks the signature.
    const moved = header.replace(`t=${now}`, `t=${now + 1000}`);
    expect(verifyWebhookSignature(SECRET, moved, body, 300, now + 1000)).toBe(false);
  });

  test('rejects malformed headers without throwing', () => {
    const mac = signWebhook(SECRET, now, body).split('v1=')[1]!;
    for (const bad of [
      undefined,
      null,
      '',
      'garbage',
      `v1=${mac}`,
      `t=${now}`,
      `t=abc,v1=${mac}`,
      `t=${now},t=${now},v1=${mac}`,
      `t=${now},v1=${mac.slice(2)}`,
      `t=${now};v1=${mac}`,
      'x'.repeat(5000),
    ]) {
      expect(verifyWebhookSignature(SECRET, bad, body, 300, now)).toBe(false);
    }
  });

  test('accepts any matching v1 (secret rotation) and ignores unknown schemes', () => {
    const good = signWebhook(SECRET, now, body).split('v1=')[1]!;
    const old = signWebhook('the-old-secret-000000', now, body).split('v1=')[1]!;
    expect(verifyWebhookSignature(SECRET, `t=${now},v1=${old},v1=${good},v0=zzz`, body, 300, now)).toBe(true);
    expect(verifyWebhookSignature(SECRET, `t=${now},v1=${old}`, body, 300, now)).toBe(false);
  });
});

describe('e-mail over a real SMTP server', () => {
  let smtp: SmtpCapture;
  beforeAll(async () => {
    smtp = await startSmtpCapture();
  });
  afterAll(async () => {
    await smtp?.close();
  });

  test('delivers one message to every recipient with the Vietnamese subject and body intact', async () => {
    await emailChannel(smtp.url, 'Thi Đua <no-reply@thidua.local>').send(message());
    const [mail] = await smtp.waitFor(1);
    expect(mail!.envelope.to.sort()).toEqual(['ct.ca@thidua.example', 'ct.vksnd@thidua.example']);
    expect(mail!.envelope.from).toBe('no-reply@thidua.local');
    // Recipients are blind copies: no header names the other units' officers.
    expect(mail!.raw).not.toMatch(/ct\.ca@thidua\.example|ct\.vksnd@thidua\.example/);
    expect(mail!.subject).toBe('[Thi đua] Nhiệm vụ mới: Đăng ký và ký kết giao ước thi đua');
    expect(mail!.text).toBe(message().body);
    expect(mail!.headers['from']).toBe('Thi Đua <no-reply@thidua.local>');
    expect(mail!.headers['x-thidua-notification']).toBe('n-1');
    expect(mail!.headers['content-type']).toMatch(/text\/plain; charset=utf-8/i);
    // The raw message is 7-bit clean: the non-ASCII text travelled encoded, not as raw bytes.
    expect([...mail!.raw].every((ch) => ch.charCodeAt(0) < 0x80)).toBe(true);
  });

  test('no recipient address: nothing is sent and nothing fails', async () => {
    const before = smtp.messages.length;
    await emailChannel(smtp.url, 'x@thidua.local').send(
      message({ recipients: { unitIds: ['u1'], personIds: [], emails: [] } }),
    );
    expect(smtp.messages.length).toBe(before);
  });

  test('a mail server that is down fails the send (connection refused), promptly', async () => {
    const started = Date.now();
    await expect(
      emailChannel(`smtp://127.0.0.1:${await deadPort()}`, 'x@thidua.local').send(message()),
    ).rejects.toThrow(/ECONNREFUSED|connect/i);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('webhook to a real HTTP receiver that verifies the signature', () => {
  let hook: WebhookReceiver;
  beforeEach(async () => {
    hook = await startWebhookReceiver(SECRET);
  });
  afterEach(async () => {
    await hook?.close();
  });

  test('posts the notification as JSON with a valid signature', async () => {
    await webhookChannel(hook.url, SECRET).send(message());
    const [call] = await hook.waitFor(1);
    expect(call!.valid).toBe(true);
    expect(call!.contentType).toMatch(/^application\/json/);
    expect(call!.payload).toEqual({
      id: 'n-1',
      kind: 'task',
      title: message().title,
      body: message().body,
      cycleId: 'cycle-CT-NOICHINH-2026',
      unitIds: ['u1', 'u2'],
    });
    // Signed with the current time.
    const t = Number(/t=(\d+)/.exec(call!.signature!)![1]);
    expect(Math.abs(t - Date.now() / 1000)).toBeLessThan(5);
  });

  test('a receiver with another secret refuses it (400) and the send fails without retrying', async () => {
    await expect(webhookChannel(hook.url, 'not-the-shared-secret-00').send(message())).rejects.toThrow(
      'webhook answered 400',
    );
    expect(hook.received).toHaveLength(1);
    expect(hook.received[0]!.valid).toBe(false);
  });

  test('500s are retried, each try signed afresh; success on the third try', async () => {
    hook.mode = 2;
    await webhookChannel(hook.url, SECRET).send(message());
    expect(hook.received).toHaveLength(3);
    expect(hook.received.every((r) => r.valid)).toBe(true);
  });

  test('a receiver that keeps answering 500 fails the send after 3 tries (about 1.2 s of backoff)', async () => {
    hook.mode = 'fail';
    const started = Date.now();
    await expect(webhookChannel(hook.url, SECRET).send(message())).rejects.toThrow('webhook answered 500');
    expect(hook.received).toHaveLength(3);
    expect(Date.now() - started).toBeLessThan(4000);
  });

  test('an unreachable receiver fails the send', async () => {
    await expect(webhookChannel(`http://127.0.0.1:${await deadPort()}/x`, SECRET, 2).send(message())).rejects.toThrow();
  });
});
