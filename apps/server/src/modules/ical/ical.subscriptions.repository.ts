import type { Queryable } from '../../db/client';
import { columnsOf, rowColumns } from '../../db/columns';

export interface SubscriptionRow {
  id: string;
  calendar_id: string;
  url: string;
  etag: string | null;
  last_modified: string | null;
  refresh_minutes: number;
  last_refresh_at: Date | null;
  last_success_at: Date | null;
  last_error: string | null;
  next_refresh_at: Date;
  created_by: string | null;
  created_at: Date;
}

const SUBSCRIPTION = rowColumns<SubscriptionRow>()('calendar_subscriptions', [
  'id',
  'calendar_id',
  'url',
  'etag',
  'last_modified',
  'refresh_minutes',
  'last_refresh_at',
  'last_success_at',
  'last_error',
  'next_refresh_at',
  'created_by',
  'created_at',
]);
const COLUMNS = SUBSCRIPTION.list('s');
columnsOf('calendars', ['id', 'name', 'color', 'owner_id']);

/** A subscription with its calendar's name, colour and owner. */
export type SubscriptionView = SubscriptionRow & { name: string; color: string; owner_id: string };

const SELECT = `select ${COLUMNS}, c.name, c.color, c.owner_id from calendar_subscriptions s join calendars c on c.id = s.calendar_id`;

export async function subscriptionOfCalendar(
  db: Queryable,
  calendarId: string,
): Promise<SubscriptionView | undefined> {
  return (await db.query<SubscriptionView>(`${SELECT} where s.calendar_id = $1`, [calendarId])).rows[0];
}

export async function findSubscription(db: Queryable, id: string): Promise<SubscriptionView | undefined> {
  return (await db.query<SubscriptionView>(`${SELECT} where s.id = $1`, [id])).rows[0];
}

/** Subscriptions of the given calendars, by name. */
export async function subscriptionsOf(
  db: Queryable,
  calendarIds: readonly string[],
): Promise<SubscriptionView[]> {
  return (
    await db.query<SubscriptionView>(
      `${SELECT} where s.calendar_id = any($1::uuid[]) order by lower(c.name), s.id`,
      [calendarIds],
    )
  ).rows;
}

export async function insertSubscription(
  db: Queryable,
  v: { calendarId: string; url: string; refreshMinutes: number; createdBy: string },
): Promise<string> {
  const r = await db.query<{ id: string }>(
    `insert into calendar_subscriptions (calendar_id, url, refresh_minutes, created_by)
     values ($1, $2, $3, $4) returning id`,
    [v.calendarId, v.url, v.refreshMinutes, v.createdBy],
  );
  return r.rows[0]!.id;
}

/**
 * Claims the subscription due longest (or `id`, when given) for one refresh: its next refresh
 * moves on in the same statement, and `skip locked` lets several workers claim different ones.
 */
export async function claimDue(db: Queryable, now: Date, id?: string): Promise<SubscriptionRow | undefined> {
  const r = await db.query<SubscriptionRow>(
    `update calendar_subscriptions s set next_refresh_at = $1::timestamptz + make_interval(mins => s.refresh_minutes)
      where s.id = (select id from calendar_subscriptions
                     where ($2::uuid is null and next_refresh_at <= $1) or id = $2::uuid
                     order by next_refresh_at limit 1 for update skip locked)
      returning ${COLUMNS}`,
    [now, id ?? null],
  );
  return r.rows[0];
}

/** Records how a refresh went (a success clears the error and keeps the new validators). */
export async function recordRefresh(
  db: Queryable,
  id: string,
  at: Date,
  outcome:
    | { ok: true; etag?: string | null; lastModified?: string | null; refreshMinutes?: number | null }
    | { ok: false; error: string },
): Promise<void> {
  if (outcome.ok)
    await db.query(
      `update calendar_subscriptions set last_refresh_at = $2, last_success_at = $2, last_error = null,
         etag = case when $3::boolean then $4 else etag end,
         last_modified = case when $3::boolean then $5 else last_modified end,
         refresh_minutes = coalesce($6, refresh_minutes),
         next_refresh_at = case when $6::int is null then next_refresh_at
                                else $2::timestamptz + make_interval(mins => $6::int) end
       where id = $1`,
      [
        id,
        at,
        outcome.etag !== undefined,
        outcome.etag ?? null,
        outcome.lastModified ?? null,
        outcome.refreshMinutes ?? null,
      ],
    );
  else
    await db.query('update calendar_subscriptions set last_refresh_at = $2, last_error = $3 where id = $1', [
      id,
      at,
      outcome.error.slice(0, 1000),
    ]);
}

/** Lets this transaction write the items of subscribed calendars (the trigger of migration 0012). */
export async function allowRefreshWrites(db: Queryable): Promise<void> {
  await db.query(`select set_config('kalendaryo.refreshing', 'on', true)`);
}
