import { randomUUID } from 'node:crypto';
import type { NotificationChannel } from '@kalendaryo/contract';
import type { Config } from '../../config';
import type { Db } from '../../db/client';
import {
  type Channel,
  type OutgoingMessage,
  PermanentSendError,
  type PushTarget,
  type SendResult,
} from './channel';
import { inAppChannel } from './channels/in-app';
import { deletePushTargets, pushTargetsOf } from './channels/push.repository';
import { type ClaimedDelivery, claimDue, recordOutcome, releaseAllClaims } from './deliveries.repository';
import { linkTo, presentNotification, publishUnread } from './inbox.service';
import type { LiveHub } from './live';
import { loadNotification } from './notifications.repository';
import { quietHoursEnd } from './quiet-hours';

export interface WorkerOptions {
  db: Db;
  channels: readonly Channel[];
  live: LiveHub;
  publicUrl: string;
  log?: { info(o: object, msg?: string): void; error(o: object, msg?: string): void };
  /** The clock (tests inject one); deliveries are due by it. */
  now?: () => Date;
  /** Deliveries claimed per round. */
  batchSize?: number;
  /** Sends in flight at once. */
  concurrency?: number;
  /** How long a claim lasts: a worker that dies holding one leaves it to another after this. */
  leaseMs?: number;
  /** Tries before a delivery is given up as failed. */
  maxAttempts?: number;
  /** First retry delay; doubled per attempt up to `maxDelayMs`, then jittered. */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Wait between rounds when nothing was due. */
  pollMs?: number;
  /** Random numbers in [0, 1) for the jitter. */
  random?: () => number;
}

/** Longest error text kept on a delivery. */
const MAX_ERROR = 1000;

/**
 * The delay before attempt `attempts + 1`: exponential (base × 2^(attempts−1), capped) with
 * jitter, a random point in its upper half, so deliveries that failed together do not retry in
 * step and the wait still grows.
 */
export function retryDelay(attempts: number, base: number, max: number, random: () => number): number {
  const exp = Math.min(max, base * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp / 2 + (random() * exp) / 2);
}

/**
 * Sends the outbox: claims due deliveries (FOR UPDATE SKIP LOCKED, with a lease), sends each
 * through its channel and records sent, retry, failed or skipped. Several workers on one
 * PostgreSQL share the work; a worker killed mid-send leaves its claims to expire.
 */
export class DeliveryWorker {
  private readonly o: Required<Omit<WorkerOptions, 'log'>> & Pick<WorkerOptions, 'log'>;
  private readonly channels = new Map<NotificationChannel, Channel>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  private stopped = true;
  /** Deliveries this worker sent since it was made. */
  sent = 0;

  constructor(options: WorkerOptions) {
    this.o = {
      now: () => new Date(),
      batchSize: 50,
      concurrency: 8,
      leaseMs: 60_000,
      maxAttempts: 8,
      baseDelayMs: 30_000,
      maxDelayMs: 3_600_000,
      pollMs: 1000,
      random: Math.random,
      ...options,
    };
    for (const c of options.channels) this.channels.set(c.name, c);
    if (!this.channels.has('in_app')) this.channels.set('in_app', inAppChannel(options.db));
  }

  /** Starts polling. On the embedded database, claims left by a previous process are released first. */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    if (this.o.db.kind === 'pglite') {
      const released = await releaseAllClaims(this.o.db);
      if (released) this.o.log?.info({ released }, 'deliveries claimed by a stopped process are due again');
    }
    this.schedule(0);
  }

  /** Stops polling and waits for the round in flight (its sends finish and are recorded). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => {});
  }

  private schedule(ms: number) {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.runOnce().then(
        (n) => this.schedule(n >= this.o.batchSize ? 0 : this.o.pollMs),
        (e: unknown) => {
          this.o.log?.error({ err: e }, 'the delivery worker failed a round; trying again');
          this.schedule(this.o.pollMs);
        },
      );
    }, ms);
  }

  /** One round: claims a batch and sends it. Returns how many deliveries it claimed. */
  async runOnce(): Promise<number> {
    const token = randomUUID();
    const claimed = await claimDue(this.o.db, {
      now: this.o.now(),
      limit: this.o.batchSize,
      leaseMs: this.o.leaseMs,
      token,
    });
    const push = claimed.filter((d) => d.channel === 'push').map((d) => d.recipient_id);
    const targets = push.length ? await pushTargetsOf(this.o.db, push) : new Map<string, PushTarget[]>();
    let next = 0;
    const lane = async () => {
      while (next < claimed.length) {
        const d = claimed[next++]!;
        // A delivery whose outcome cannot be recorded (the database went away) keeps its claim,
        // which expires and is taken again; the rest of the round goes on.
        await this.deliver(d, token, targets.get(d.recipient_id) ?? []).catch((e: unknown) =>
          this.o.log?.error({ err: e, delivery: d.id }, 'a delivery could not be completed'),
        );
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.o.concurrency, claimed.length) }, lane));
    return claimed.length;
  }

  private async deliver(
    d: ClaimedDelivery,
    token: string,
    pushTargets: readonly PushTarget[],
  ): Promise<void> {
    const record = (o: Parameters<typeof recordOutcome>[4]) =>
      recordOutcome(this.o.db, d.id, token, this.o.now(), o);
    const channel = this.channels.get(d.channel);
    if (!channel?.configured)
      return void (await record({ status: 'skipped', error: `${d.channel} is not configured` }));
    const unreachable = this.unreachable(d, pushTargets);
    if (unreachable) return void (await record({ status: 'skipped', error: unreachable }));
    const quietEnd = this.quietEnd(d);
    if (quietEnd !== null)
      return void (await record({
        status: 'pending',
        dueAt: new Date(quietEnd),
        error: null,
        countAttempt: false,
      }));
    let result: SendResult | undefined;
    try {
      result = await channel.send(this.message(d, pushTargets));
    } catch (e) {
      const error = (e instanceof Error ? e.message : String(e)).slice(0, MAX_ERROR);
      if (e instanceof PermanentSendError || d.attempts >= this.o.maxAttempts) {
        this.o.log?.error({ delivery: d.id, channel: d.channel, error }, 'delivery failed for good');
        return void (await record({ status: 'failed', error }));
      }
      const delay = retryDelay(d.attempts, this.o.baseDelayMs, this.o.maxDelayMs, this.o.random);
      const dueAt = new Date(this.o.now().getTime() + delay);
      return void (await record({ status: 'pending', dueAt, error, countAttempt: true }));
    }
    if (!(await record({ status: 'sent' }))) return;
    this.sent++;
    // Subscriptions the push service says are gone (404/410) are not tried again.
    const expired = result?.expiredPushTargets ?? [];
    if (expired.length)
      await deletePushTargets(this.o.db, expired).catch((e: unknown) =>
        this.o.log?.error({ err: e }, 'expired push subscriptions could not be removed'),
      );
    if (d.channel === 'in_app') await this.publish(d);
  }

  /** Why the person cannot be reached on this delivery's channel (skipped, not failed), if so. */
  private unreachable(d: ClaimedDelivery, pushTargets: readonly PushTarget[]): string | null {
    if (d.channel === 'in_app') return null;
    if (!d.active) return 'the recipient is deactivated';
    if (d.channel === 'sms' && !d.phone) return 'the recipient has given no phone number';
    if (d.channel === 'push' && pushTargets.length === 0) return 'the recipient has no browser subscribed';
    return null;
  }

  /** End of the recipient's quiet hours when this delivery falls inside them (the inbox never waits). */
  private quietEnd(d: ClaimedDelivery): number | null {
    if (d.channel === 'in_app' || !d.quiet_enabled) return null;
    if (d.type === 'reminder' && d.reminders_exempt) return null;
    try {
      return quietHoursEnd(this.o.now().getTime(), d.time_zone, {
        enabled: true,
        start: d.quiet_start ?? '22:00',
        end: d.quiet_end ?? '07:00',
        remindersExempt: d.reminders_exempt ?? true,
      });
    } catch {
      // A zone the time layer does not know: deliver rather than hold the message forever.
      return null;
    }
  }

  private message(d: ClaimedDelivery, pushTargets: readonly PushTarget[]): OutgoingMessage {
    const host = new URL(this.o.publicUrl).hostname || 'kalendaryo.local';
    return {
      deliveryId: d.id,
      notificationId: d.notification_id,
      type: d.type,
      title: d.title,
      body: d.body,
      link: linkTo(this.o.publicUrl, d.path),
      data: d.data,
      recipient: { id: d.recipient_id, name: d.name, email: d.email, phone: d.phone, timeZone: d.time_zone },
      pushTargets,
      messageId: `<${d.id}@${host}>`,
    };
  }

  private async publish(d: ClaimedDelivery): Promise<void> {
    const deps = { db: this.o.db, live: this.o.live, publicUrl: this.o.publicUrl, now: this.o.now };
    if (!this.o.live.listening(d.recipient_id)) return;
    try {
      const row = await loadNotification(this.o.db, d.notification_id);
      if (row)
        await this.o.live.publish(d.recipient_id, {
          event: 'notification',
          data: presentNotification(this.o.publicUrl, row),
        });
      await publishUnread(deps, d.recipient_id);
    } catch (e) {
      // The message is in the inbox; a missed live update only delays it to the next read.
      this.o.log?.error({ err: e }, 'live update failed');
    }
  }
}

/**
 * Starts the worker of this process on `channels` (made once by the caller, who closes them);
 * the returned function stops it, letting the round in flight finish and record, and tells how
 * many deliveries it sent. Call it before closing the database.
 */
export async function startNotificationWorker(opts: {
  db: Db;
  config: Pick<Config, 'publicUrl' | 'deliveryLeaseSeconds'>;
  channels: readonly Channel[];
  live: LiveHub;
  log?: WorkerOptions['log'];
}): Promise<() => Promise<number>> {
  const worker = new DeliveryWorker({
    db: opts.db,
    channels: opts.channels,
    live: opts.live,
    publicUrl: opts.config.publicUrl,
    leaseMs: opts.config.deliveryLeaseSeconds * 1000,
    ...(opts.log ? { log: opts.log } : {}),
  });
  await worker.start();
  return async () => {
    await worker.stop();
    return worker.sent;
  };
}
