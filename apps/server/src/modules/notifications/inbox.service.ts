import type { Notification, NotificationPage } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Db, Queryable } from '../../db/client';
import type { PageRequest } from '../../db/paging';
import type { LiveHub } from './live';
import {
  countUnread,
  listInbox,
  markAllRead,
  markRead,
  type NotificationRow,
} from './notifications.repository';

export interface InboxDeps {
  db: Db;
  live: LiveHub;
  /** Absolute base of links (KALENDARYO_PUBLIC_URL). */
  publicUrl: string;
  now?: () => Date;
}

/** An absolute link into the web app for a path. */
export const linkTo = (publicUrl: string, path: string) =>
  `${publicUrl.replace(/\/+$/, '')}${path.startsWith('/') ? path : `/${path}`}`;

export const presentNotification = (publicUrl: string, r: NotificationRow): Notification => ({
  id: r.id,
  type: r.type,
  title: r.title,
  body: r.body,
  link: linkTo(publicUrl, r.path),
  createdAt: r.due_at.toISOString(),
  readAt: r.read_at ? r.read_at.toISOString() : null,
  itemId: r.item_id,
  occurrence: r.occurrence,
});

const nowOf = (deps: InboxDeps) => deps.now?.() ?? new Date();

export async function listNotifications(
  deps: InboxDeps,
  userId: string,
  query: { unread?: 'true' | 'false' | undefined } & PageRequest,
): Promise<NotificationPage> {
  const page = await listInbox(deps.db, userId, {
    unread: query.unread === 'true',
    page: { limit: query.limit, cursor: query.cursor },
    now: nowOf(deps),
  });
  return {
    items: page.items.map((r) => presentNotification(deps.publicUrl, r)),
    nextCursor: page.nextCursor,
  };
}

export async function unreadCount(deps: Pick<InboxDeps, 'db' | 'now'>, userId: string, q?: Queryable) {
  return { unread: await countUnread(q ?? deps.db, userId, deps.now?.() ?? new Date()) };
}

/** Tells the person's open streams their new unread count. */
export async function publishUnread(deps: InboxDeps, userId: string): Promise<void> {
  if (!deps.live.listening(userId)) return;
  await deps.live.publish(userId, { event: 'unread', data: await unreadCount(deps, userId) });
}

/** Marks one of the person's messages read; another person's (or an unknown id) is 404. */
export async function readNotification(deps: InboxDeps, userId: string, id: string): Promise<Notification> {
  const row = await markRead(deps.db, userId, id, nowOf(deps));
  if (!row) throw new AppError('notification.not_found', 'No such notification in your inbox.');
  await publishUnread(deps, userId);
  return presentNotification(deps.publicUrl, row);
}

export async function readAll(deps: InboxDeps, userId: string): Promise<{ marked: number }> {
  const marked = await markAllRead(deps.db, userId, nowOf(deps));
  await publishUnread(deps, userId);
  return { marked };
}
