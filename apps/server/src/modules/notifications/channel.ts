import type { NotificationChannel, NotificationType } from '@kalendaryo/contract';

/** Who a message goes to, as the channels need them. */
export interface Recipient {
  id: string;
  name: string;
  email: string;
  /** E.164, from the person's preferences; null when they gave none. */
  phone: string | null;
  timeZone: string;
}

/** A browser's push subscription (Push API), stored per person. */
export interface PushTarget {
  id: string;
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/**
 * One delivery of one notification on one channel, as the worker hands it to the channel.
 * `data` carries the type's own fields (item title, start, end, location, what changed, reason…)
 * and, for item messages, `data.ical` describing the event for an iTIP part.
 */
export interface OutgoingMessage {
  deliveryId: string;
  notificationId: string;
  type: NotificationType;
  title: string;
  body: string;
  /** Absolute link into the web app. */
  link: string;
  data: Record<string, unknown>;
  recipient: Recipient;
  /** The person's push subscriptions (push channel only; empty otherwise). */
  pushTargets: readonly PushTarget[];
  /** Stable per delivery (`<deliveryId@host>`): a retried send carries the same Message-ID. */
  messageId: string;
}

/** What a send reports besides success: push subscriptions the push service says are gone. */
export interface SendResult {
  expiredPushTargets?: string[];
}

/**
 * A way to reach people. `send` resolves when the message was handed over, throws
 * `PermanentSendError` when retrying cannot help (no address, a refused number), and throws
 * anything else for a transient failure the worker retries with back-off.
 */
export interface Channel {
  readonly name: NotificationChannel;
  /** False when the channel has no settings (no SMTP_URL…): its deliveries are skipped, not failed. */
  readonly configured: boolean;
  send(message: OutgoingMessage): Promise<SendResult | undefined>;
  /** For the health endpoint: 'ok', 'off' (not configured) or a short error. */
  health?(): Promise<'ok' | 'off' | string>;
  close?(): Promise<void>;
}

/** A failure retrying will not fix: the delivery is marked failed at once. */
export class PermanentSendError extends Error {
  override readonly name = 'PermanentSendError';
}
