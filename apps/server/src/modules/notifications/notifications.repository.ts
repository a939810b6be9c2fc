import type { NotificationChannel, NotificationType } from '@kalendaryo/contract';
import type { Queryable } from '../../db/client';
import { rowColumns } from '../../db/columns';
import { Filter, keysetPage, type Page, type PageRequest } from '../../db/paging';

export interface NotificationRow {
  id: string;
  recipient_id: string;
  type: NotificationType;
  title: string;
  body: string;
  path: string;
  item_id: string | null;
  occurrence: string | null;
  data: Record<string, unknown>;
  due_at: Date;
  created_at: Date;
  read_at: Date | null;
}

export const NOTIFICATION = rowColumns<NotificationRow>()('notifications', [
  'id',
  'recipient_id',
  'type',
  'title',
  'body',
  'path',
  'item_id',
  'occurrence',
  'data',
  'due_at',
  'created_at',
  'read_at',
]);

/** One notification to write, with the channels it goes out on and its dedupe key. */
export interface NewNotification {
  recipientId: string;
  type: NotificationType;
  title: string;
  body: string;
  path: string;
  itemId: string | null;
  occurrence: string | null;
  data: Record<string, unknown>;
  dedupeKey: string;
  dueAt: Date | null;
  channels: readonly NotificationChannel[];
}

/**
 * Writes notifications and one pending delivery per channel in one statement. A notification whose
 * (recipient, dedupe key) exists already is left alone, and so are its deliveries: enqueuing the
 * same message twice sends it once. Returns how many notifications were new.
 */
export async function insertNotifications(q: Queryable, all: readonly NewNotification[]): Promise<number> {
  if (!all.length) return 0;
  const input = all.map((n) => ({
    recipient_id: n.recipientId,
    type: n.type,
    title: n.title,
    body: n.body,
    path: n.path,
    item_id: n.itemId,
    occurrence: n.occurrence,
    data: n.data,
    dedupe_key: n.dedupeKey,
    due_at: n.dueAt?.toISOString() ?? null,
    channels: n.channels,
  }));
  const r = await q.query<{ n: number }>(
    `with input as (
       select * from jsonb_to_recordset($1::jsonb) as t(recipient_id uuid, type text, title text, body text,
         path text, item_id uuid, occurrence text, data jsonb, dedupe_key text, due_at timestamptz, channels text[])
     ), inserted as (
       insert into notifications (recipient_id, type, title, body, path, item_id, occurrence, data, dedupe_key, due_at)
       select recipient_id, type, title, body, path, item_id, occurrence, data, dedupe_key, coalesce(due_at, now())
         from input
       on conflict (recipient_id, dedupe_key) do nothing
       returning id, recipient_id, dedupe_key, due_at
     ), queued as (
       insert into deliveries (notification_id, channel, due_at, idempotency_key)
       select i.id, c.channel, i.due_at, i.recipient_id || '|' || i.dedupe_key || '|' || c.channel
         from inserted i
         join input n on n.recipient_id = i.recipient_id and n.dedupe_key = i.dedupe_key
         cross join lateral unnest(n.channels) as c(channel)
       on conflict (idempotency_key) do nothing
       returning 1
     )
     select (select count(*)::int from inserted) as n, (select count(*) from queued) as queued`,
    [JSON.stringify(input)],
  );
  return r.rows[0]?.n ?? 0;
}

export interface CancelFilter {
  itemId: string;
  types: readonly NotificationType[];
  occurrence?: string | null;
  recipientId?: string;
}

/**
 * Drops the pending deliveries of matching notifications, and the notifications not yet due that
 * nothing was sent for (so the same key may be enqueued again). Returns the deliveries dropped.
 */
export async function cancelPending(q: Queryable, f: CancelFilter): Promise<number> {
  const match = `n.item_id = $1 and n.type = any($2::text[])
    and ($3::boolean is false or n.occurrence is not distinct from $4::text)
    and ($5::uuid is null or n.recipient_id = $5::uuid)`;
  const params = [f.itemId, f.types, f.occurrence !== undefined, f.occurrence ?? null, f.recipientId ?? null];
  const dropped = await q.query(
    `delete from deliveries d using notifications n
      where d.notification_id = n.id and d.status = 'pending' and ${match}`,
    params,
  );
  await q.query(
    `delete from notifications n
      where ${match} and n.due_at > now()
        and not exists (select 1 from deliveries d where d.notification_id = n.id and d.status in ('sending', 'sent'))`,
    params,
  );
  return dropped.rowCount;
}

/** Newest first, by the instant a message became due: a keyset key that sorts ascending. */
const NEWEST_FIRST = [
  { sql: '(-(extract(epoch from n.due_at) * 1000000))::bigint', kind: 'int' as const },
  { sql: 'n.id', kind: 'uuid' as const },
];

/** A person's inbox: the messages already due, newest first; unread only when asked. */
export async function listInbox(
  q: Queryable,
  recipientId: string,
  opts: { unread: boolean; page: PageRequest; now: Date },
): Promise<Page<NotificationRow>> {
  const filter = new Filter().add('n.recipient_id = ?', recipientId).add('n.due_at <= ?', opts.now);
  if (opts.unread) filter.raw('n.read_at is null');
  return keysetPage<NotificationRow>(q, {
    columns: NOTIFICATION.list('n'),
    from: 'from notifications n',
    filter,
    orderBy: NEWEST_FIRST,
    page: opts.page,
  });
}

export async function countUnread(q: Queryable, recipientId: string, now: Date): Promise<number> {
  const r = await q.query<{ n: number }>(
    'select count(*)::int as n from notifications where recipient_id = $1 and read_at is null and due_at <= $2',
    [recipientId, now],
  );
  return r.rows[0]?.n ?? 0;
}

/** Marks one of a person's due messages read (kept as first read); undefined when it is not theirs. */
export async function markRead(
  q: Queryable,
  recipientId: string,
  id: string,
  now: Date,
): Promise<NotificationRow | undefined> {
  const r = await q.query<NotificationRow>(
    `update notifications set read_at = coalesce(read_at, $3)
      where id = $1 and recipient_id = $2 and due_at <= $3 returning ${NOTIFICATION.list()}`,
    [id, recipientId, now],
  );
  return r.rows[0];
}

export async function markAllRead(q: Queryable, recipientId: string, now: Date): Promise<number> {
  const r = await q.query(
    'update notifications set read_at = $2 where recipient_id = $1 and read_at is null and due_at <= $2',
    [recipientId, now],
  );
  return r.rowCount;
}

export async function loadNotification(q: Queryable, id: string): Promise<NotificationRow | undefined> {
  const r = await q.query<NotificationRow>(`select ${NOTIFICATION.list()} from notifications where id = $1`, [
    id,
  ]);
  return r.rows[0];
}

/** Records that the in-app channel published a message live. */
export async function markDelivered(q: Queryable, id: string): Promise<void> {
  await q.query('update notifications set delivered_at = coalesce(delivered_at, now()) where id = $1', [id]);
}
