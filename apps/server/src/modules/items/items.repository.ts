import type { ItemKind } from '@kalendaryo/contract';
import type { SeriesException } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';

const LOCAL = `'YYYY-MM-DD"T"HH24:MI:SS'`;
const local = (col: string) => `to_char(${col}, ${LOCAL})`;
const localArray = (col: string) => `array(select to_char(d, ${LOCAL}) from unnest(${col}) d order by d)`;

export interface ItemRow {
  id: string;
  calendar_id: string;
  kind: ItemKind;
  title: string;
  description: string | null;
  location: string | null;
  all_day: boolean;
  dtstart: string;
  dtend: string;
  time_zone: string | null;
  start_at: Date;
  end_at: Date;
  rrule: string | null;
  exdates: string[];
  rdates: string[];
  series_end_at: Date | null;
  status: 'tentative' | 'confirmed' | 'cancelled';
  visibility: 'default' | 'public' | 'private';
  organizer_id: string | null;
  community_id: string | null;
  color: string | null;
  uid: string;
  sequence: number;
  version: number;
  split_from_id: string | null;
  created_at: Date;
  updated_at: Date;
  /** The kind's details row as JSON with snake_case keys (without item_id). */
  details: Record<string, unknown> | null;
  calendar_color: string;
}

export interface ExceptionRow {
  item_id: string;
  recurrence_id: string;
  cancelled: boolean;
  dtstart: string | null;
  dtend: string | null;
  title: string | null;
  description: string | null;
  location: string | null;
  status: 'tentative' | 'confirmed' | 'cancelled' | null;
}

/** Kind → details table. */
export const detailTables: Record<ItemKind, string> = {
  event: 'event_details',
  engagement: 'engagement_details',
  task: 'task_details',
  assessment: 'assessment_details',
  community_event: 'community_event_details',
  leave: 'leave_details',
};

/** The select list of an item with its details (alias `i` for items, `c` for calendars). */
export const ITEM_COLUMNS = `
  i.id, i.calendar_id, i.kind, i.title, i.description, i.location, i.all_day,
  ${local('i.dtstart')} as dtstart, ${local('i.dtend')} as dtend, i.time_zone, i.start_at, i.end_at,
  i.rrule, ${localArray('i.exdates')} as exdates, ${localArray('i.rdates')} as rdates, i.series_end_at,
  i.status, i.visibility, i.organizer_id, i.community_id, i.color, i.uid, i.sequence, i.version,
  i.split_from_id, i.created_at, i.updated_at, c.color as calendar_color,
  coalesce(
    to_jsonb(ev) - 'item_id', to_jsonb(en) - 'item_id', to_jsonb(ta) - 'item_id',
    to_jsonb(asd) - 'item_id', to_jsonb(ce) - 'item_id', to_jsonb(le) - 'item_id'
  ) as details`;

export const ITEM_JOINS = `
  join calendars c on c.id = i.calendar_id
  left join event_details ev on ev.item_id = i.id and i.kind = 'event'
  left join engagement_details en on en.item_id = i.id and i.kind = 'engagement'
  left join task_details ta on ta.item_id = i.id and i.kind = 'task'
  left join assessment_details asd on asd.item_id = i.id and i.kind = 'assessment'
  left join community_event_details ce on ce.item_id = i.id and i.kind = 'community_event'
  left join leave_details le on le.item_id = i.id and i.kind = 'leave'`;

/** One item with its details; `forUpdate` locks it in the caller's transaction. */
export async function findItem(db: Queryable, id: string, forUpdate = false): Promise<ItemRow | undefined> {
  const r = await db.query<ItemRow>(
    `select ${ITEM_COLUMNS} from items i ${ITEM_JOINS} where i.id = $1 ${forUpdate ? 'for update of i' : ''}`,
    [id],
  );
  return r.rows[0];
}

/** The exceptions of some series, by item and recurrence id. */
export async function findExceptions(db: Queryable, itemIds: readonly string[]): Promise<ExceptionRow[]> {
  if (itemIds.length === 0) return [];
  const r = await db.query<ExceptionRow>(
    `select item_id, ${local('recurrence_id')} as recurrence_id, cancelled, ${local('dtstart')} as dtstart,
            ${local('dtend')} as dtend, title, description, location, status
       from item_exceptions where item_id = any($1::uuid[]) order by item_id, recurrence_id`,
    [itemIds],
  );
  return r.rows;
}

/** The stored form of an item's shared fields. */
export interface ItemValues {
  calendarId: string;
  kind: ItemKind;
  title: string;
  description: string | null;
  location: string | null;
  allDay: boolean;
  dtstart: string;
  dtend: string;
  timeZone: string | null;
  startAt: Date;
  endAt: Date;
  rrule: string | null;
  exdates: readonly string[];
  rdates: readonly string[];
  seriesEndAt: Date | null;
  status: string;
  visibility: string;
  organizerId: string | null;
  communityId: string | null;
  color: string | null;
  uid: string;
  sequence: number;
  splitFromId: string | null;
}

const valueParams = (v: ItemValues) => [
  v.calendarId,
  v.kind,
  v.title,
  v.description,
  v.location,
  v.allDay,
  v.dtstart,
  v.dtend,
  v.timeZone,
  v.startAt,
  v.endAt,
  v.rrule,
  [...v.exdates],
  [...v.rdates],
  v.seriesEndAt,
  v.status,
  v.visibility,
  v.organizerId,
  v.communityId,
  v.color,
  v.uid,
  v.sequence,
  v.splitFromId,
];

/** Inserts an item's shared fields; returns its id. */
export async function insertItem(db: Queryable, v: ItemValues): Promise<string> {
  const r = await db.query<{ id: string }>(
    `insert into items (calendar_id, kind, title, description, location, all_day, dtstart, dtend, time_zone,
       start_at, end_at, rrule, exdates, rdates, series_end_at, status, visibility, organizer_id, community_id,
       color, uid, sequence, split_from_id)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::timestamp[], $14::timestamp[], $15, $16, $17,
       $18, $19, $20, $21, $22, $23)
     returning id`,
    valueParams(v),
  );
  return r.rows[0]!.id;
}

/**
 * Rewrites an item's shared fields if its version is still `expectedVersion` (any version when
 * undefined), bumping version and, when `bumpSequence`, the iCalendar SEQUENCE. Returns false when
 * the version did not match.
 */
export async function updateItem(
  db: Queryable,
  id: string,
  v: ItemValues,
  expectedVersion: number | undefined,
): Promise<boolean> {
  const params = [...valueParams(v), id, expectedVersion ?? null];
  const r = await db.query(
    `update items set calendar_id = $1, kind = $2, title = $3, description = $4, location = $5, all_day = $6,
       dtstart = $7, dtend = $8, time_zone = $9, start_at = $10, end_at = $11, rrule = $12,
       exdates = $13::timestamp[], rdates = $14::timestamp[], series_end_at = $15, status = $16, visibility = $17,
       organizer_id = $18, community_id = $19, color = $20, uid = $21, sequence = $22, split_from_id = $23,
       version = version + 1, updated_at = now()
     where id = $24 and ($25::int is null or version = $25::int)`,
    params,
  );
  return r.rowCount === 1;
}

/** Bumps the version of an item whose exceptions changed; false when the version did not match. */
export async function touchItem(
  db: Queryable,
  id: string,
  expectedVersion: number | undefined,
): Promise<boolean> {
  const r = await db.query(
    'update items set version = version + 1, sequence = sequence + 1, updated_at = now() where id = $1 and ($2::int is null or version = $2::int)',
    [id, expectedVersion ?? null],
  );
  return r.rowCount === 1;
}

/** Deletes an item (details, exceptions and dependants go with it) if its version still matches. */
export async function deleteItem(
  db: Queryable,
  id: string,
  expectedVersion: number | undefined,
): Promise<boolean> {
  const r = await db.query('delete from items where id = $1 and ($2::int is null or version = $2::int)', [
    id,
    expectedVersion ?? null,
  ]);
  return r.rowCount === 1;
}

/** An exception as written: the domain's override of one occurrence. */
export type ExceptionValues = SeriesException;

/** Stores the exception of one occurrence, replacing any under the same recurrence id. */
export async function upsertException(db: Queryable, itemId: string, x: ExceptionValues): Promise<void> {
  await db.query(
    `insert into item_exceptions (item_id, recurrence_id, cancelled, dtstart, dtend, title, description, location, status)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (item_id, recurrence_id) do update set cancelled = excluded.cancelled, dtstart = excluded.dtstart,
       dtend = excluded.dtend, title = excluded.title, description = excluded.description,
       location = excluded.location, status = excluded.status, updated_at = now()`,
    [itemId, x.recurrenceId, x.cancelled, x.dtstart, x.dtend, x.title, x.description, x.location, x.status],
  );
}

/** Replaces every exception of an item (used when a series is edited or split). */
export async function replaceExceptions(
  db: Queryable,
  itemId: string,
  rows: readonly ExceptionValues[],
): Promise<void> {
  await db.query('delete from item_exceptions where item_id = $1', [itemId]);
  for (const x of rows) await upsertException(db, itemId, x);
}

/** Writes the details row of the item's kind (snake_case columns → values). */
export async function upsertDetails(
  db: Queryable,
  itemId: string,
  kind: ItemKind,
  values: Record<string, unknown>,
): Promise<void> {
  const table = detailTables[kind];
  const cols = Object.keys(values);
  const placeholders = cols.map((_, i) => `$${i + 2}`);
  const updates = cols.map((c) => `${c} = excluded.${c}`);
  await db.query(
    `insert into ${table} (item_id${cols.map((c) => `, ${c}`).join('')}) values ($1${placeholders.map((p) => `, ${p}`).join('')})
     on conflict (item_id) do ${updates.length ? `update set ${updates.join(', ')}` : 'nothing'}`,
    [itemId, ...cols.map((c) => values[c])],
  );
}

/** A page of the items on `calendarIds` or public ones, by first start, after the keyset `after`. */
export async function findVisibleItems(
  db: Queryable,
  q: {
    calendarIds: readonly string[];
    kind?: string | undefined;
    calendarId?: string | undefined;
    after?: readonly [startAt: Date, id: string] | undefined;
    limit: number;
    /** Leaves out others' leave that is not approved: the viewer ($) neither requested nor approves it. */
    colleague?: string | undefined;
  },
): Promise<ItemRow[]> {
  const params: unknown[] = [q.calendarIds];
  const where = ["(i.calendar_id = any($1::uuid[]) or i.visibility = 'public')"];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (q.colleague)
    add(
      "(i.kind <> 'leave' or le.approval_status = 'approved' or i.organizer_id is not distinct from ?::uuid)",
      q.colleague,
    );
  if (q.kind) add('i.kind = ?', q.kind);
  if (q.calendarId) add('i.calendar_id = ?::uuid', q.calendarId);
  if (q.after) {
    params.push(...q.after);
    where.push(`(i.start_at, i.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(q.limit);
  const r = await db.query<ItemRow>(
    `select ${ITEM_COLUMNS} from items i ${ITEM_JOINS} where ${where.join(' and ')}
      order by i.start_at, i.id limit $${params.length}`,
    params,
  );
  return r.rows;
}

/** Whether the user is invited to the item (a participant of it). */
export async function isInvited(db: Queryable, itemId: string, userId: string): Promise<boolean> {
  const r = await db.query('select 1 from participants where item_id = $1 and user_id = $2 limit 1', [
    itemId,
    userId,
  ]);
  return r.rowCount > 0;
}

/** Bumps an item's version after a workflow changed its details, optionally setting its status. */
export async function touchWorkflow(db: Queryable, id: string, status?: string): Promise<void> {
  await db.query(
    'update items set status = coalesce($2, status), version = version + 1, updated_at = now() where id = $1',
    [id, status ?? null],
  );
}

/** Gives a task to another person; a done task is open again. */
export async function reassignTaskRow(db: Queryable, id: string, assigneeId: string): Promise<void> {
  await db.query(
    "update task_details set assignee_id = $2, task_status = case when task_status = 'done' then 'todo' else task_status end, completed_at = null where item_id = $1",
    [id, assigneeId],
  );
}
