/**
 * The delivery outbox: e-mail and webhook deliveries leave the cycle's path.
 *
 * The notify activity only writes the in-app notification rows and one `pending`
 * NotificationDelivery row per configured channel (fast, idempotent). This dispatcher, running in
 * every worker process, sends them: at once when the activity wakes it, otherwise on its polling
 * interval; a failed send is retried with exponential backoff until `maxAttempts`. So a slow or
 * dead mail server or webhook receiver never holds an act's answer or a phase of the cycle, and a
 * delivery accepted into the outbox survives worker restarts (it is a database row).
 *
 * Several worker processes may run dispatchers on one database: a row is claimed with a
 * conditional update (status + updatedAt unchanged) before it is sent, so only one sends it.
 * updatedAt is written from the injected clock, so the backoff is testable without waiting. A
 * process that dies mid-send leaves the row `sending`; after `claimTimeoutMs` another reclaims it.
 * Delivery is at-least-once: receivers deduplicate on the notification id (notifications/README.md).
 */
import type { Db } from '../db';
import type { Channel } from './channels';

export interface OutboxDeps {
  db: Db;
  channels: Channel[];
  log?: { warn(obj: object, msg?: string): void };
  now?: () => Date;
  /** Attempts before a delivery is given up (status stays `failed`). */
  maxAttempts?: number;
  /** Wait after the first failure; doubles with each further one, capped at one hour. */
  retryBaseMs?: number;
  claimTimeoutMs?: number;
  batchSize?: number;
}

export interface DeliveryOutbox {
  /** Queues one delivery per configured channel for a stored notification (idempotent). */
  enqueue(notificationId: string): Promise<void>;
  /** Sends every delivery that is due now; resolves with how many were attempted. */
  drainOnce(): Promise<number>;
  /** Starts the polling loop; `wake()` drains at once. */
  start(intervalMs: number): { wake(): void; stop(): Promise<void> };
}

const HOUR = 3_600_000;

export function createDeliveryOutbox({
  db,
  channels,
  log,
  now = () => new Date(),
  maxAttempts = 8,
  retryBaseMs = 30_000,
  claimTimeoutMs = 120_000,
  batchSize = 50,
}: OutboxDeps): DeliveryOutbox {
  const { prisma } = db;
  const byName = new Map(channels.map((c) => [c.name, c]));
  const retryDelay = (attempts: number) => Math.min(HOUR, retryBaseMs * 2 ** Math.max(0, attempts - 1));

  /** The notification as a message: its siblings (same dedupe key before '#') are its recipients. */
  async function messageOf(notificationId: string) {
    const n = await prisma.notification.findUniqueOrThrow({ where: { id: notificationId } });
    const stem = n.dedupeKey.replace(/#\d+$/, '#');
    const siblings = await prisma.notification.findMany({
      where: { dedupeKey: { startsWith: stem } },
      select: { recipientUnitId: true, recipientPersonId: true },
    });
    const unitIds = [...new Set(siblings.flatMap((s) => (s.recipientUnitId ? [s.recipientUnitId] : [])))];
    const personIds = [...new Set(siblings.flatMap((s) => (s.recipientPersonId ? [s.recipientPersonId] : [])))];
    const people = await prisma.person.findMany({
      where: { active: true, OR: [{ id: { in: personIds } }, { unitId: { in: unitIds } }] },
      select: { email: true },
    });
    return {
      notificationId: n.id,
      kind: n.kind,
      title: n.title,
      body: n.body,
      cycleId: n.cycleId,
      recipients: { unitIds, personIds, emails: people.map((p) => p.email) },
    };
  }

  async function send(row: {
    id: string;
    notificationId: string;
    channel: string;
    status: string;
    attempts: number;
    updatedAt: Date;
  }): Promise<boolean> {
    const channel = byName.get(row.channel as Channel['name']);
    if (!channel) return false; // configured on another worker: leave it to that one
    const claimed = await prisma.notificationDelivery.updateMany({
      where: { id: row.id, status: row.status, updatedAt: row.updatedAt },
      data: { status: 'sending', updatedAt: now() },
    });
    if (claimed.count !== 1) return false;
    try {
      await channel.send(await messageOf(row.notificationId));
      await prisma.notificationDelivery.update({
        where: { id: row.id },
        data: {
          status: 'delivered',
          attempts: row.attempts + 1,
          deliveredAt: now(),
          lastError: null,
          updatedAt: now(),
        },
      });
    } catch (e) {
      const lastError = e instanceof Error ? e.message : String(e);
      log?.warn(
        { channel: row.channel, notificationId: row.notificationId, attempt: row.attempts + 1, err: lastError },
        'notification channel failed',
      );
      await prisma.notificationDelivery.update({
        where: { id: row.id },
        data: { status: 'failed', attempts: row.attempts + 1, lastError, updatedAt: now() },
      });
    }
    return true;
  }

  async function drainOnce(): Promise<number> {
    const t = now().getTime();
    const candidates = await prisma.notificationDelivery.findMany({
      where: {
        channel: { in: [...byName.keys()] },
        OR: [
          { status: 'pending' },
          { status: 'failed', attempts: { lt: maxAttempts } },
          { status: 'sending', updatedAt: { lt: new Date(t - claimTimeoutMs) } },
        ],
      },
      orderBy: { updatedAt: 'asc' },
      take: batchSize,
    });
    const due = candidates.filter((d) => d.status !== 'failed' || d.updatedAt.getTime() + retryDelay(d.attempts) <= t);
    let sent = 0;
    for (const d of due) if (await send(d)) sent++;
    return sent;
  }

  return {
    async enqueue(notificationId) {
      for (const channel of byName.keys()) {
        await prisma.notificationDelivery.upsert({
          where: { notificationId_channel: { notificationId, channel } },
          create: { notificationId, channel, status: 'pending' },
          update: {},
        });
      }
    },
    drainOnce,
    start(intervalMs) {
      let stopped = false;
      let wakeUp: () => void = () => undefined;
      const loop = (async () => {
        while (!stopped) {
          try {
            // A full batch means more may be due: go round again at once.
            while (!stopped && (await drainOnce()) >= batchSize);
          } catch (e) {
            log?.warn({ err: e instanceof Error ? e.message : String(e) }, 'notification outbox: drain failed');
          }
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, intervalMs);
            wakeUp = () => {
              clearTimeout(timer);
              resolve();
            };
          });
        }
      })();
      return {
        wake: () => wakeUp(),
        async stop() {
          stopped = true;
          wakeUp();
          await loop;
        },
      };
    },
  };
}
