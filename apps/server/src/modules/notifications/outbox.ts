import { createHash } from 'node:crypto';
import type { NotificationChannel, NotificationType, Preferences } from '@kalendaryo/contract';
import type { Queryable } from '../../db/client';
import { type CancelFilter, cancelPending, insertNotifications } from './notifications.repository';
import { preferencesOf } from './preferences.service';

export interface NotificationInput {
  recipientId: string;
  type: NotificationType;
  /** Short, e.g. "Van 1 approved for Tue 8 Dec, 09:00". */
  title: string;
  /** One or two sentences, plain text. */
  body: string;
  /** Web path the link opens, e.g. `/calendar?item=<id>` (made absolute with KALENDARYO_PUBLIC_URL). */
  path: string;
  itemId?: string | null;
  /** Recurrence id of one occurrence. */
  occurrence?: string | null;
  /** Type-specific fields for templates; item messages put `data.ical` (see NOTIFY). */
  data?: Record<string, unknown>;
  /** When to deliver (default: now); reminders use the fire instant. */
  dueAt?: Date;
  /** Distinguishes repeated messages of one type about one item (the item's sequence, `${minutes}:${fireAt}`). */
  key?: string;
}

/**
 * What makes two messages the same one: type, item, occurrence and key. Without a key, the
 * content stands in for it, so repeating an identical message is one message and different
 * messages of one type are not swallowed.
 */
export function dedupeKeyOf(n: NotificationInput): string {
  const key =
    n.key ??
    `#${createHash('sha256')
      .update(JSON.stringify([n.title, n.body, n.path]))
      .digest('base64url')}`;
  return [n.type, n.itemId ?? '', n.occurrence ?? '', key].join('|');
}

/** The channels a message of `type` goes out on for a person: their choice, always with the inbox. */
export function channelsFor(p: Preferences, type: NotificationType): NotificationChannel[] {
  return ['in_app', ...new Set((p.channels[type] ?? []).filter((c) => c !== 'in_app'))];
}

/**
 * Writes notifications and their deliveries in the caller's transaction (the outbox). Never
 * throws for a recipient without preferences (the defaults apply); the same message enqueued
 * twice is written once.
 */
export async function notify(q: Queryable, inputs: readonly NotificationInput[]): Promise<void> {
  if (!inputs.length) return;
  const prefs = await preferencesOf(
    q,
    inputs.map((i) => i.recipientId),
  );
  await insertNotifications(
    q,
    inputs.map((i) => ({
      recipientId: i.recipientId,
      type: i.type,
      title: i.title,
      body: i.body,
      path: i.path,
      itemId: i.itemId ?? null,
      occurrence: i.occurrence ?? null,
      data: i.data ?? {},
      dedupeKey: dedupeKeyOf(i),
      dueAt: i.dueAt ?? null,
      channels: channelsFor(prefs.get(i.recipientId)!, i.type),
    })),
  );
}

/** Drops deliveries not yet sent (e.g. reminders of an item that moved); returns how many. */
export async function cancelPendingNotifications(q: Queryable, filter: CancelFilter): Promise<number> {
  if (!filter.types.length) return 0;
  return cancelPending(q, filter);
}
