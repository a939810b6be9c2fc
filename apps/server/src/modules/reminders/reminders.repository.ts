import type { EpochWindow } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import { columnsOf } from '../../db/columns';

// Item reminders, the job rows, and what the reminder job reads of items and their people.

columnsOf('item_reminders', ['item_id', 'user_id', 'minutes', 'updated_at']);
columnsOf('reminder_jobs', ['job', 'scanned_until']);
columnsOf('items', [
  'id',
  'kind',
  'title',
  'location',
  'all_day',
  'dtstart',
  'dtend',
  'time_zone',
  'rrule',
  'exdates',
  'rdates',
  'status',
  'organizer_id',
  'calendar_id',
  'visibility',
  'start_at',
  'series_end_at',
]);
columnsOf('item_exceptions', ['item_id', 'dtstart']);
columnsOf('task_details', ['item_id', 'assignee_id']);
columnsOf('participants', ['id', 'item_id', 'user_id']);
columnsOf('rsvps', ['participant_id', 'occurrence', 'status']);
columnsOf('users', ['id', 'time_zone', 'active', 'role']);
columnsOf('calendars', ['id', 'owner_id']);
columnsOf('calendar_members', ['calendar_id', 'user_id']);

export type ReminderJob = 'reminders' | 'digest';

/** A person's own reminders for an item; undefined when they set none (their defaults apply). */
export async function findOwnReminders(
  db: Queryable,
  itemId: string,
  userId: string,
): Promise<number[] | undefined> {
  const r = await db.query<{ minutes: number[] }>(
    'select minutes from item_reminders where item_id = $1 and user_id = $2',
    [itemId, userId],
  );
  return r.rows[0]?.minutes;
}

/** Sets a person's own reminders for an item (sorted, without repeats). */
export async function saveOwnReminders(
  db: Queryable,
  itemId: string,
  userId: string,
  minutes: readonly number[],
): Promise<void> {
  await db.query(
    `insert into item_reminders (item_id, user_id, minutes) values ($1, $2, $3::int[])
     on conflict (item_id, user_id) do update set minutes = excluded.minutes, updated_at = now()`,
    [itemId, userId, [...new Set(minutes)].sort((a, b) => a - b)],
  );
}

/** Gives a new series (split off `fromItemId`) the reminders people set on the old one. */
export async function copyReminders(db: Queryable, fromItemId: string, toItemId: string): Promise<void> {
  await db.query(
    `insert into item_reminders (item_id, user_id, minutes)
     select $2, user_id, minutes from item_reminders where item_id = $1
     on conflict (item_id, user_id) do nothing`,
    [fromItemId, toItemId],
  );
}

/** Whether the user organises the item, is its assignee or is invited to it. */
export async function isInvolved(db: Queryable, itemId: string, userId: string): Promise<boolean> {
  const r = await db.query(
    `select 1 from items i
      where i.id = $1 and (i.organizer_id = $2
        or exists (select 1 from task_details t where t.item_id = i.id and t.assignee_id = $2)
        or exists (select 1 from participants p where p.item_id = i.id and p.user_id = $2))`,
    [itemId, userId],
  );
  return r.rowCount > 0;
}

/**
 * Claims a job for this run: its row locked FOR UPDATE SKIP LOCKED, so while one instance works
 * the others get nothing and skip. Returns how far the job has looked.
 */
export async function claimJob(tx: Queryable, job: ReminderJob): Promise<Date | undefined> {
  const r = await tx.query<{ scanned_until: Date }>(
    'select scanned_until from reminder_jobs where job = $1 for update skip locked',
    [job],
  );
  return r.rows[0]?.scanned_until;
}

/**
 * How far the reminder job has looked, waiting for a run in progress to finish (FOR SHARE): a
 * change recomputes the window already enqueued without racing the job over it.
 */
export async function scannedUntil(tx: Queryable): Promise<Date | undefined> {
  const r = await tx.query<{ scanned_until: Date }>(
    `select scanned_until from reminder_jobs where job = 'reminders' for share`,
  );
  return r.rows[0]?.scanned_until;
}

export async function advanceJob(tx: Queryable, job: ReminderJob, until: Date): Promise<void> {
  await tx.query('update reminder_jobs set scanned_until = $2 where job = $1', [job, until]);
}

/** Every minutes value someone set on some item (with the defaults, where starts are looked for). */
export async function explicitMinutes(db: Queryable): Promise<number[]> {
  const r = await db.query<{ m: number }>('select distinct unnest(minutes) as m from item_reminders');
  return r.rows.map((x) => x.m);
}

export interface ActiveUser {
  id: string;
  time_zone: string;
  role: string;
}

export async function activeUsers(db: Queryable): Promise<ActiveUser[]> {
  const r = await db.query<ActiveUser>('select id, time_zone, role from users where active order by id');
  return r.rows;
}

/** What the reminder job reads of an item. */
export interface ReminderItemRow {
  id: string;
  kind: string;
  title: string;
  location: string | null;
  all_day: boolean;
  dtstart: string;
  dtend: string;
  time_zone: string | null;
  rrule: string | null;
  exdates: string[];
  rdates: string[];
  status: string;
  organizer_id: string | null;
}

const LOCAL = `'YYYY-MM-DD"T"HH24:MI:SS'`;
export const ITEM_COLUMNS = `i.id, i.kind, i.title, i.location, i.all_day,
  to_char(i.dtstart, ${LOCAL}) as dtstart, to_char(i.dtend, ${LOCAL}) as dtend, i.time_zone, i.rrule,
  array(select to_char(d, ${LOCAL}) from unnest(i.exdates) d order by d) as exdates,
  array(select to_char(d, ${LOCAL}) from unnest(i.rdates) d order by d) as rdates,
  i.status, i.organizer_id`;

const bounds = (ws: readonly EpochWindow[]) => [
  ws.map((w) => new Date(w.fromMs).toISOString()),
  ws.map((w) => new Date(w.toMs).toISOString()),
];

/**
 * Items not cancelled that may have an occurrence starting in one of `zoned` (items with a zone,
 * timed) or `floating` (all-day or floating items, whose windows the caller widened): their span
 * meets a window (the span index, once per window), or an exception moved an occurrence near it.
 */
export async function candidateItems(
  db: Queryable,
  zoned: readonly EpochWindow[],
  floating: readonly EpochWindow[],
): Promise<ReminderItemRow[]> {
  if (zoned.length + floating.length === 0) return [];
  const [zf, zt] = bounds(zoned);
  const [ff, ft] = bounds(floating);
  const r = await db.query<ReminderItemRow>(
    `with w as (
       select f, t, false as wide from unnest($1::timestamptz[], $2::timestamptz[]) as z(f, t)
       union all select f, t, true from unnest($3::timestamptz[], $4::timestamptz[]) as x(f, t)
     ), ids as (
       select i.id from w join items i
         on tstzrange(i.start_at, coalesce(i.series_end_at, 'infinity'::timestamptz), '[]') && tstzrange(w.f, w.t, '[)')
        and (i.all_day or i.time_zone is null) = w.wide
       union
       select x.item_id from w join item_exceptions x
         on x.dtstart is not null
        and x.dtstart >= (w.f at time zone 'UTC') - interval '15 hours'
        and x.dtstart < (w.t at time zone 'UTC') + interval '15 hours'
     )
     select ${ITEM_COLUMNS} from items i where i.id = any(array(select id from ids)) and i.status <> 'cancelled'`,
    [zf, zt, ff, ft],
  );
  return r.rows;
}

/** The items of `ids` that are not cancelled. */
export async function itemsByIds(db: Queryable, ids: readonly string[]): Promise<ReminderItemRow[]> {
  if (ids.length === 0) return [];
  const r = await db.query<ReminderItemRow>(
    `select ${ITEM_COLUMNS} from items i where i.id = any($1::uuid[]) and i.status <> 'cancelled'`,
    [ids],
  );
  return r.rows;
}

/** Someone who may be reminded of an item, with what decides it. */
export interface ItemPersonRow {
  item_id: string;
  user_id: string;
  time_zone: string;
  /** Their own reminders for the item; null: their defaults. */
  minutes: number[] | null;
  /** Organiser, assignee or invited: defaults apply to them. */
  involved: boolean;
  /** Still sees the item through its calendar or as public (for own reminders of the uninvolved). */
  sees: boolean;
  rsvps: { occurrence: string; status: string }[];
}

/**
 * The people of some items: organisers, assignees, invited users and anyone who set their own
 * reminders, active accounts only, each with their zone, own reminders and answers.
 */
export async function peopleOf(db: Queryable, itemIds: readonly string[]): Promise<ItemPersonRow[]> {
  if (itemIds.length === 0) return [];
  const r = await db.query<ItemPersonRow>(
    `with c as (select unnest($1::uuid[]) as item_id),
     pe as (
       select i.id as item_id, i.organizer_id as user_id from c join items i on i.id = c.item_id
        where i.organizer_id is not null
       union select t.item_id, t.assignee_id from c join task_details t on t.item_id = c.item_id
        where t.assignee_id is not null
       union select p.item_id, p.user_id from c join participants p on p.item_id = c.item_id
        where p.user_id is not null
       union select r.item_id, r.user_id from c join item_reminders r on r.item_id = c.item_id
     )
     select pe.item_id, pe.user_id, u.time_zone, r.minutes,
       (i.organizer_id is not distinct from pe.user_id or t.assignee_id is not distinct from pe.user_id
         or p.id is not null) as involved,
       (i.visibility = 'public' or u.role = 'admin' or cal.owner_id = pe.user_id
         or exists (select 1 from calendar_members m where m.calendar_id = i.calendar_id and m.user_id = pe.user_id)) as sees,
       coalesce((select jsonb_agg(jsonb_build_object('occurrence', v.occurrence, 'status', v.status))
                   from rsvps v where v.participant_id = p.id), '[]'::jsonb) as rsvps
     from pe
     join users u on u.id = pe.user_id and u.active
     join items i on i.id = pe.item_id
     join calendars cal on cal.id = i.calendar_id
     left join task_details t on t.item_id = pe.item_id
     left join participants p on p.item_id = pe.item_id and p.user_id = pe.user_id
     left join item_reminders r on r.item_id = pe.item_id and r.user_id = pe.user_id`,
    [itemIds],
  );
  return r.rows;
}

/**
 * All-day and floating items (read in each person's zone) the person may be reminded of whose
 * span reaches the next four weeks and two days (the longest reminder, and zones' slack): a
 * superset of those with reminders enqueued.
 */
export async function zoneBoundItems(db: Queryable, userId: string, now: Date): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    `select i.id from items i
      where (i.all_day or i.time_zone is null) and i.status <> 'cancelled'
        and tstzrange(i.start_at, coalesce(i.series_end_at, 'infinity'::timestamptz), '[]')
            && tstzrange($2::timestamptz - interval '2 days', $2::timestamptz + interval '30 days', '[)')
        and (i.organizer_id = $1
          or exists (select 1 from task_details t where t.item_id = i.id and t.assignee_id = $1)
          or exists (select 1 from participants p where p.item_id = i.id and p.user_id = $1)
          or exists (select 1 from item_reminders r where r.item_id = i.id and r.user_id = $1))`,
    [userId, now],
  );
  return r.rows.map((x) => x.id);
}
