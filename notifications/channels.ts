import { createHmac } from 'node:crypto';
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

export function emailChannel(smtpUrl: string, from: string): Channel {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    name: 'email',
    async send(m) {
      if (m.recipients.emails.length === 0) return;
      await transport.sendMail({ from, to: m.recipients.emails, subject: `[Thi đua] ${m.title}`, text: m.body, headers: { 'X-Thidua-Notification': m.notificationId } });
    },
  };
}

export const WEBHOOK_SIGNATURE_HEADER = 'x-thidua-signature';

/** HMAC-SHA256 over `<timestamp>.<body>`, sent as `t=<ts>,v1=<hex>` (replay-resistant, like Stripe's). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
  return `t=${timestamp},v1=${mac}`;
}

export function webhookChannel(url: string, secret: string, attempts = 3, fetchImpl: typeof fetch = fetch): Channel {
  return {
    name: 'webhook',
    async send(m) {
      const body = JSON.stringify({ id: m.notificationId, kind: m.kind, title: m.title, body: m.body, cycleId: m.cycleId ?? null, unitIds: m.recipients.unitIds });
      let lastError: unknown;
      for (let attempt = 1; attempt <= attempts; attempt++) {
        try {
          const timestamp = Math.floor(Date.now() / 1000);
          const res = await fetchImpl(url, {
            method: 'POST',
            headers: { 'content-type': 'application/json', [WEBHOOK_SIGNATURE_HEADER]: signWebhook(secret, timestamp, body) },
            body,
            signal: AbortSignal.timeout(5000),
          });
          if (res.ok) return;
          lastError = new Error(`webhook answered ${res.status}`);
        } catch (e) {
          lastError = e;
        }
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
      throw lastError;
    },
  };
}
