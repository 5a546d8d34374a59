/**
 * Real receivers on 127.0.0.1 for the notification tests (not a test file):
 * - an SMTP server (the `smtp-server` package) that keeps every message it is given, decoded;
 * - an HTTP webhook receiver that verifies the `x-thidua-signature` of every POST with
 *   verifyWebhookSignature, exactly as an integrator would, and can be told to fail.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER, type WebhookPayload } from '../../notifications/channels';

export interface CapturedMail {
  /** SMTP envelope (MAIL FROM / RCPT TO), the addresses the server was asked to deliver to. */
  envelope: { from: string; to: string[] };
  /** Header values, names lower-cased, RFC 2047 encoded words decoded. */
  headers: Record<string, string>;
  subject: string;
  /** text/plain body, transfer encoding undone, as UTF-8. */
  text: string;
  raw: string;
}

export interface SmtpCapture {
  url: string;
  port: number;
  messages: CapturedMail[];
  /** Resolves when at least `n` messages have arrived (rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<CapturedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpCapture(): Promise<SmtpCapture> {
  const messages: CapturedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('latin1');
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        messages.push({ envelope: { from, to: session.envelope.rcptTo.map((r) => r.address) }, ...parseMail(raw) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor: (n, timeoutMs = 20_000) =>
      waitUntil(`${n} e-mail(s)`, () => (messages.length >= n ? messages : undefined), timeoutMs),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A loopback port with nothing listening (connection refused): "the mail server is down". */
export async function deadPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', () => r()));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

export interface ReceivedHook {
  signature: string | undefined;
  /** verifyWebhookSignature(secret, header, raw body, 300) as the receiver computed it. */
  valid: boolean;
  raw: string;
  payload: WebhookPayload;
  contentType: string | undefined;
}

export interface WebhookReceiver {
  url: string;
  /** Every POST, including the ones answered with an error. */
  received: ReceivedHook[];
  /** 'ok': 204 for a valid signature (400 otherwise); 'fail': 500 to everything; a number: fail that many, then ok. */
  /** ok: 204; fail: 500; hang: never answers; n: the next n calls get 500. */
  mode: 'ok' | 'fail' | 'hang' | number;
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedHook[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(secret: string): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = {
    url: '',
    received: [],
    mode: 'ok',
    waitFor: (n, timeoutMs = 20_000) =>
      waitUntil(
        `${n} webhook call(s)`,
        () => (receiver.received.length >= n ? receiver.received : undefined),
        timeoutMs,
      ),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const signature = req.headers[WEBHOOK_SIGNATURE_HEADER] as string | undefined;
      const valid = verifyWebhookSignature(secret, signature, raw, 300);
      let payload = {} as WebhookPayload;
      try {
        payload = JSON.parse(raw.toString('utf8')) as WebhookPayload;
      } catch {
        // kept as {}: the test sees it
      }
      receiver.received.push({
        signature,
        valid,
        raw: raw.toString('utf8'),
        payload,
        contentType: req.headers['content-type'],
      });
      if (receiver.mode === 'hang') return; // the connection stays open until the sender gives up
      let status = valid ? 204 : 400;
      if (receiver.mode === 'fail') status = 500;
      else if (typeof receiver.mode === 'number' && receiver.mode > 0) {
        receiver.mode--;
        status = 500;
      }
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/thidua`;
  return receiver;
}

export async function waitUntil<T>(
  what: string,
  probe: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// A small RFC 5322 / 2045 / 2047 reader: enough for the single-part text mails nodemailer writes.
// Works on "binary strings" (latin1: one char per byte) and decodes UTF-8 at the end.
// ─────────────────────────────────────────────────────────────────────────────────────────────

const utf8 = (bytes: string) => Buffer.from(bytes, 'latin1').toString('utf8');

const qpBytes = (s: string) =>
  s.replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** Decodes encoded words; whitespace between two adjacent encoded words is dropped (RFC 2047 §6.2). */
export function decodeHeader(value: string): string {
  const bytes = value.replace(
    /=\?([^?]+)\?([BbQq])\?([^?]*)\?=(?:\s+(?==\?[^?]+\?[BbQq]\?))?/g,
    (_m, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('latin1') : qpBytes(text.replace(/_/g, ' ')),
  );
  return utf8(bytes);
}

export function parseMail(raw: string): Omit<CapturedMail, 'envelope'> {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) throw new Error('no header/body separator');
  const headers: Record<string, string> = {};
  for (const line of raw
    .slice(0, split)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeHeader(line.slice(colon + 1).trim());
  }
  if (/^multipart\//i.test(headers['content-type'] ?? ''))
    throw new Error(`unexpected multipart mail: ${headers['content-type']}`);
  let body = raw.slice(split + 4);
  const cte = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (cte === 'quoted-printable') body = qpBytes(body.replace(/=\r\n/g, ''));
  else if (cte === 'base64') body = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('latin1');
  const text = utf8(body).replace(/\r\n/g, '\n').replace(/\n$/, '');
  return { headers, subject: headers['subject'] ?? '', text, raw };
}
