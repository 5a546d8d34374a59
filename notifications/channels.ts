import { createHmac, timingSafeEqual } from 'node:crypto';
import nodemailer from 'nodemailer';

export interface OutgoingMessage {
  notificationId: string;
  kind: string;
  title: string;
  body: string;
  cycleId?: string | null;
  recipients: { unitIds: string[]; personIds: string[]; emails: string[] };
}

/** A delivery channel beside the in-app inbox. A failure is recorded, never thrown into the cycle. */
export interface Channel {
  name: 'email' | 'webhook';
  send(message: OutgoingMessage): Promise<void>;
}

export interface EmailChannelOptions {
  /** Bounds on the SMTP conversation, so a hung mail server fails the send instead of holding the activity (ms). */
  connectionTimeoutMs?: number;
  greetingTimeoutMs?: number;
  socketTimeoutMs?: number;
}

/**
 * E-mail over SMTP (smtp:// or smtps:// URL; options in the URL's query string win over the
 * defaults here). One message per notification, to the active people of the recipient units and
 * the recipient persons; UTF-8 subject and body (Vietnamese text is sent as encoded words /
 * quoted-printable by nodemailer).
 */
export function emailChannel(smtpUrl: string, from: string, opts: EmailChannelOptions = {}): Channel {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    connectionTimeout: opts.connectionTimeoutMs ?? 10_000,
    greetingTimeout: opts.greetingTimeoutMs ?? 10_000,
    socketTimeout: opts.socketTimeoutMs ?? 30_000,
  });
  return {
    name: 'email',
    async send(m) {
      if (m.recipients.emails.length === 0) return;
      // Bcc: officers of different units must not see each other's addresses (nodemailer drops the Bcc header).
      await transport.sendMail({
        from,
        bcc: m.recipients.emails,
        subject: `[Thi đua] ${m.title}`,
        text: m.body,
        headers: { 'X-Thidua-Notification': m.notificationId },
      });
    },
  };
}

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Webhook: signed JSON POST. The receiving side is documented in notifications/README.md.
// ─────────────────────────────────────────────────────────────────────────────────────────────

export const WEBHOOK_SIGNATURE_HEADER = 'x-thidua-signature';

/** What a webhook receiver gets as the JSON body (one notification per POST). */
export interface WebhookPayload {
  /** Notification id: the same id on every retry of the same notification — deduplicate on it. */
  id: string;
  kind: string;
  title: string;
  body: string;
  cycleId: string | null;
  unitIds: string[];
}

/** HMAC-SHA256 over `<timestamp>.<body>`, sent as `t=<ts>,v1=<hex>` (replay-resistant, like Stripe's). */
export function signWebhook(secret: string, timestamp: number, body: string | Buffer): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

/**
 * For integrators: checks the `x-thidua-signature` header of a webhook POST.
 *
 * - `secret`: the shared WEBHOOK_SECRET.
 * - `header`: the raw header value, `t=<unix seconds>,v1=<hex HMAC-SHA256>` (several `v1=`
 *   entries are accepted, so a sender may sign with an old and a new secret during rotation).
 * - `body`: the request body EXACTLY as received (raw bytes or the undecoded string) — not a
 *   re-serialised JSON object: any whitespace change breaks the MAC.
 * - `toleranceSeconds`: the largest accepted distance between the signed timestamp and the
 *   receiver's clock (replay window), e.g. 300.
 * - `nowSeconds`: the receiver's clock, for tests.
 *
 * Returns true only when the header is well-formed, the timestamp is inside the window and one
 * `v1` equals HMAC-SHA256(secret, `<t>.<body>`) (constant-time comparison). Never throws.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | string[] | null | undefined,
  body: string | Buffer,
  toleranceSeconds: number,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): boolean {
  const value = Array.isArray(header) ? header[0] : header;
  if (!secret || typeof value !== 'string' || value.length > 4096) return false;
  let timestamp: number | undefined;
  const candidates: Buffer[] = [];
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return false;
    const key = part.slice(0, eq).trim();
    const val = part.slice(eq + 1).trim();
    if (key === 't') {
      if (!/^\d{1,12}$/.test(val) || timestamp !== undefined) return false;
      timestamp = Number(val);
    } else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(val)) {
      candidates.push(Buffer.from(val, 'hex'));
    }
  }
  if (timestamp === undefined || candidates.length === 0) return false;
  if (!Number.isFinite(toleranceSeconds) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
  // Check every candidate (no early exit) so timing does not reveal which one matched.
  let ok = false;
  for (const c of candidates) ok = timingSafeEqual(c, expected) || ok;
  return ok;
}

/** 4xx other than 408/429 means the receiver refuses this request: retrying the same bytes cannot help. */
const retryable = (status: number) => status >= 500 || status === 408 || status === 429;

/**
 * Signed JSON POST to `url`, up to `attempts` tries with exponential backoff (400 ms, 800 ms, …)
 * on network errors, timeouts (5 s per try), 5xx, 408 and 429. Each try is signed afresh with the
 * current time. Throws the last error when every try failed (the activity records it).
 */
export function webhookChannel(url: string, secret: string, attempts = 3, fetchImpl: typeof fetch = fetch): Channel {
  return {
    name: 'webhook',
    async send(m) {
      const payload: WebhookPayload = {
        id: m.notificationId,
        kind: m.kind,
        title: m.title,
        body: m.body,
        cycleId: m.cycleId ?? null,
        unitIds: m.recipients.unitIds,
      };
      const body = JSON.stringify(payload);
      let lastError: unknown;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          const timestamp = Math.floor(Date.now() / 1000);
          const res = await fetchImpl(url, {
            method: 'POST',
            headers: {
              'content-type': 'application/json; charset=utf-8',
              'user-agent': 'thidua-webhook/1',
              [WEBHOOK_SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
            },
            body,
            signal: AbortSignal.timeout(5000),
          });
          await res.body?.cancel().catch(() => undefined);
          if (res.ok) return;
          lastError = new Error(`webhook answered ${res.status}`);
          if (!retryable(res.status)) break;
        } catch (e) {
          lastError = e;
        }
        if (attempt < attempts) await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
      throw lastError;
    },
  };
}
