import type { Queryable } from '../../db/client';
import type { ExceptionValues, ItemRow, ItemValues } from './items.repository';
import { ITEM_COLUMNS, ITEM_JOINS } from './items.repository';

/** Items holding any of `uids` (on any calendar), with their details. */
export async function findItemsByUid(db: Queryable, uids: readonly string[]): Promise<ItemRow[]> {
  if (uids.length === 0) return [];
  const r = await db.query<ItemRow>(
    `select ${ITEM_COLUMNS} from items i ${ITEM_JOINS} where i.uid = any($1::text[])`,
    [uids],
  );
  return r.rows;
}

/** Inserts many items in one statement (an import); returns their ids in the order given. */
export async function insertItemsBatch(db: Queryable, rows: readonly ItemValues[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const json = rows.map((v, n) => ({
    n,
    calendar_id: v.calendarId,
    kind: v.kind,
    title: v.title,
    description: v.description,
    location: v.location,
    all_day: v.allDay,
    dtstart: v.dtstart,
    dtend: v.dtend,
    time_zone: v.timeZone,
    start_at: v.startAt.toISOString(),
    end_at: v.endAt.toISOString(),
    rrule: v.rrule,
    exdates: v.exdates,
    rdates: v.rdates,
    series_end_at: v.seriesEndAt?.toISOString() ?? null,
    status: v.status,
    visibility: v.visibility,
    organizer_id: v.organizerId,
    color: v.color,
    uid: v.uid,
    sequence: v.sequence,
  }));
  const r = await db.query<{ id: string; n: number }>(
    `with x as (select * from jsonb_to_recordset($1::jsonb) as x(n int, calendar_id uuid, kind text, title text,
       description text, location text, all_day boolean, dtstart timestamp, dtend timestamp, time_zone text,
       start_at timestamptz, end_at timestamptz, rrule text, exdates timestamp[], rdates timestamp[],
       series_end_at timestamptz, status text, visibility text, organizer_id uuid, color text, uid text, sequence int)),
     ins as (insert into items (calendar_id, kind, title, description, location, all_day, dtstart, dtend, time_zone,
       start_at, end_at, rrule, exdates, rdates, series_end_at, status, visibility, organizer_id, color, uid, sequence)
       select calendar_id, kind, title, description, location, all_day, dtstart, dtend, time_zone, start_at, end_at,
         rrule, exdates, rdates, series_end_at, status, visibility, organizer_id, color, uid, sequence from x order by n
       returning id, uid)
     select ins.id, x.n from ins join x using (uid) order by x.n`,
    [JSON.stringify(json)],
  );
  return r.rows.map((row) => row.id);
}

/** Default details rows for items of a kind whose details a file does not carry. */
export async function insertDefaultDetails(
  db: Queryable,
  table: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await db.query(
    `insert into ${table} (item_id) select unnest($1::uuid[]) on conflict (item_id) do nothing`,
    [ids],
  );
}

/** Exceptions of many items in one statement. */
export async function insertExceptionsBatch(
  db: Queryable,
  rows: readonly (ExceptionValues & { itemId: string })[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.query(
    `insert into item_exceptions (item_id, recurrence_id, cancelled, dtstart, dtend, title, description, location, status)
     select item_id, recurrence_id, cancelled, dtstart, dtend, title, description, location, status
       from jsonb_to_recordset($1::jsonb) as x(item_id uuid, recurrence_id timestamp, cancelled boolean,
         dtstart timestamp, dtend timestamp, title text, description text, location text, status text)
     on conflict (item_id, recurrence_id) do nothing`,
    [
      JSON.stringify(
        rows.map((x) => ({
          item_id: x.itemId,
          recurrence_id: x.recurrenceId,
          cancelled: x.cancelled,
          dtstart: x.dtstart,
          dtend: x.dtend,
          title: x.title,
          description: x.description,
          location: x.location,
          status: x.status,
        })),
      ),
    ],
  );
}

/** Ids and UIDs of every item on a calendar (what a subscription refresh compares with its source). */
export async function itemUidsOnCalendar(
  db: Queryable,
  calendarId: string,
): Promise<{ id: string; uid: string }[]> {
  const r = await db.query<{ id: string; uid: string }>('select id, uid from items where calendar_id = $1', [
    calendarId,
  ]);
  return r.rows;
}
