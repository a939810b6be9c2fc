import type { ItemKind } from '@kalendaryo/contract';
import type { Queryable } from '../../db/client';
import { columnsOf, rowColumns } from '../../db/columns';

// Deleted items kept for restoring (migration 0007). A snapshot holds the rows that go with an
// item when it is deleted, each as `to_jsonb` of the row (snake_case columns), and is inserted
// again through `jsonb_populate_recordset` of the same tables, so the rows come back as they were.

/** A row of any table as `to_jsonb` gives it. */
export type JsonRow = Record<string, unknown>;

/**
 * The tables whose rows go with an item when it is deleted (a foreign key to `items`, or to
 * `participants`, with `on delete cascade`), by what links them: `item_id`, or `participant_id`
 * of one of the item's participants. They are kept in its snapshot and inserted again in this
 * order after the item. `items.trash.test.ts` checks the schema has no other such table, so a
 * new one is added here or decided against there.
 */
export const SNAPSHOT_TABLES = {
  event_details: 'item',
  engagement_details: 'item',
  task_details: 'item',
  assessment_details: 'item',
  community_event_details: 'item',
  leave_details: 'item',
  item_exceptions: 'item',
  participants: 'item',
  item_attendance_settings: 'item',
  task_completions: 'item',
  item_reminders: 'item',
  rsvps: 'participant',
  attendance: 'participant',
} as const satisfies Record<string, 'item' | 'participant'>;

/** Everything that goes with an item when it is deleted: rows by table, `items` first. */
export interface Snapshot {
  rows: Record<string, JsonRow[]>;
  /** Its pending and approved bookings before the deletion (which cancels those ahead). */
  liveBookings?: string[];
}

export interface DeletedRow {
  item_id: string;
  calendar_id: string;
  kind: ItemKind;
  title: string;
  visibility: 'default' | 'public' | 'private';
  organizer_id: string | null;
  deleted_by: string | null;
  deleted_at: Date;
  start_at: Date;
}

const DELETED = rowColumns<DeletedRow>()('deleted_items', [
  'item_id',
  'calendar_id',
  'kind',
  'title',
  'visibility',
  'organizer_id',
  'deleted_by',
  'deleted_at',
  'start_at',
]);
columnsOf('deleted_items', ['snapshot']);
// The snapshot reads whole rows of these tables by their link to the item.
columnsOf('participants', ['id', 'item_id']);
columnsOf('rsvps', ['participant_id']);
columnsOf('attendance', ['participant_id']);
columnsOf('item_attendance_settings', ['item_id']);
columnsOf('bookings', ['id', 'item_id', 'resource_id', 'status', 'start_at', 'end_at']);
columnsOf('resources', ['id', 'name']);

const rowsOf = (sql: string) => `coalesce((select jsonb_agg(to_jsonb(x)) from (${sql}) x), '[]'::jsonb)`;
const linked = (table: string, by: 'item' | 'participant') =>
  by === 'item'
    ? `select * from ${table} where item_id = $1`
    : `select t.* from ${table} t join participants p on p.id = t.participant_id where p.item_id = $1`;

/** Keeps a snapshot of the item (read in the deleting transaction, before the rows go). */
export async function insertSnapshot(db: Queryable, itemId: string, deletedBy: string) {
  const tables = Object.entries(SNAPSHOT_TABLES).map(([t, by]) => `'${t}', ${rowsOf(linked(t, by))}`);
  await db.query(
    `insert into deleted_items (item_id, calendar_id, kind, title, visibility, organizer_id, deleted_by, start_at, snapshot)
     select i.id, i.calendar_id, i.kind, i.title, i.visibility, i.organizer_id, $2, i.start_at,
       jsonb_build_object(
         'rows', jsonb_build_object('items', jsonb_build_array(to_jsonb(i)), ${tables.join(', ')}),
         'liveBookings', coalesce((select jsonb_agg(b.id) from bookings b
            where b.item_id = i.id and b.status in ('pending', 'approved')), '[]'::jsonb))
     from items i where i.id = $1`,
    [itemId, deletedBy],
  );
}

export interface CancelledBookingRow {
  id: string;
  resource_id: string;
  resource_name: string;
  start_at: Date;
  end_at: Date;
}

/** Which of `ids` (bookings) are cancelled now, with their resource's name. */
export async function findCancelledBookings(
  db: Queryable,
  ids: readonly string[],
): Promise<CancelledBookingRow[]> {
  if (ids.length === 0) return [];
  const r = await db.query<CancelledBookingRow>(
    `select b.id, b.resource_id, r.name as resource_name, b.start_at, b.end_at
       from bookings b join resources r on r.id = b.resource_id
      where b.id = any($1::uuid[]) and b.status = 'cancelled' order by b.start_at, b.id`,
    [ids],
  );
  return r.rows;
}

/** A snapshot's summary, for the access check before it is taken. */
export async function findDeleted(db: Queryable, itemId: string): Promise<DeletedRow | undefined> {
  const r = await db.query<DeletedRow>(`select ${DELETED.list()} from deleted_items where item_id = $1`, [
    itemId,
  ]);
  return r.rows[0];
}

/**
 * Takes a snapshot out if it was deleted after `since`: one conditional delete, so of concurrent
 * restores one gets it and the others nothing (the row lock makes them wait for the first).
 */
export async function takeSnapshot(
  db: Queryable,
  itemId: string,
  since: Date,
): Promise<(DeletedRow & { snapshot: Snapshot }) | undefined> {
  const r = await db.query<DeletedRow & { snapshot: Snapshot }>(
    `delete from deleted_items where item_id = $1 and deleted_at > $2 returning ${DELETED.list()}, snapshot`,
    [itemId, since],
  );
  return r.rows[0];
}

/** A single-column foreign key of a table kept in snapshots. */
export interface ForeignKey {
  table: string;
  column: string;
  target: string;
  targetColumn: string;
  /** `c` cascade, `n` set null, others refuse the delete (`a`, `r`) or set a default (`d`). */
  onDelete: string;
}

/** The single-column foreign keys of `tables`, from the catalogue. */
export async function foreignKeys(db: Queryable, tables: readonly string[]): Promise<ForeignKey[]> {
  const r = await db.query<ForeignKey>(
    `select c.conrelid::regclass::text as table, a.attname as column, c.confrelid::regclass::text as target,
            fa.attname as "targetColumn", c.confdeltype as "onDelete"
       from pg_constraint c
       join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
       join pg_attribute fa on fa.attrelid = c.confrelid and fa.attnum = c.confkey[1]
      where c.contype = 'f' and cardinality(c.conkey) = 1 and c.conrelid::regclass::text = any($1::text[])`,
    [tables],
  );
  return r.rows;
}

/** Which of `values` exist in `target.column` (a key that a foreign key references). */
export async function existingKeys(
  db: Queryable,
  fk: Pick<ForeignKey, 'target' | 'targetColumn'>,
  values: readonly string[],
): Promise<Set<string>> {
  if (values.length === 0) return new Set();
  const col = `"${fk.targetColumn.replaceAll('"', '""')}"`;
  const r = await db.query<{ v: string }>(
    `select ${col}::text as v from ${fk.target} where ${col}::text = any($1::text[])`,
    [values],
  );
  return new Set(r.rows.map((x) => x.v));
}

/** The columns a table has now, in order. */
export async function tableColumns(db: Queryable, table: string): Promise<string[]> {
  const r = await db.query<{ name: string }>(
    `select attname as name from pg_attribute
      where attrelid = $1::regclass and attnum > 0 and not attisdropped order by attnum`,
    [table],
  );
  return r.rows.map((x) => x.name);
}

/**
 * Inserts rows of `table` as they were kept. Only the columns both the rows and the table have
 * are written, so a column added since takes its default.
 */
export async function insertRows(db: Queryable, table: string, rows: readonly JsonRow[]): Promise<void> {
  if (rows.length === 0) return;
  const cols = (await tableColumns(db, table))
    .filter((c) => c in rows[0]!)
    .map((c) => `"${c.replaceAll('"', '""')}"`)
    .join(', ');
  await db.query(
    `insert into ${table} (${cols}) select ${cols} from jsonb_populate_recordset(null::${table}, $1::jsonb)`,
    [JSON.stringify(rows)],
  );
}

/**
 * Deleted items on `manage` calendars, on `edit` calendars organised by `userId`, or deleted by
 * `userId` when `ownDeletions` (administrators), newest first after the keyset `after`.
 */
export async function findDeletedFor(
  db: Queryable,
  q: {
    userId: string;
    manage: readonly string[];
    edit: readonly string[];
    ownDeletions: boolean;
    since: Date;
    after?: readonly [deletedAt: Date, id: string] | undefined;
    limit: number;
  },
): Promise<DeletedRow[]> {
  const r = await db.query<DeletedRow>(
    `select ${DELETED.list()} from deleted_items
      where deleted_at > $6
        and (calendar_id = any($1::uuid[]) or (calendar_id = any($2::uuid[]) and organizer_id = $3)
             or ($4 and deleted_by = $3))
        and ($7::timestamptz is null or (deleted_at, item_id) < ($7::timestamptz, $8::uuid))
      order by deleted_at desc, item_id desc limit $5`,
    [
      q.manage,
      q.edit,
      q.userId,
      q.ownDeletions,
      q.limit,
      q.since,
      q.after?.[0] ?? null,
      q.after?.[1] ?? null,
    ],
  );
  return r.rows;
}

/** Removes snapshots deleted at or before `before`; returns how many. */
export async function purgeSnapshots(db: Queryable, before: Date): Promise<number> {
  const r = await db.query('delete from deleted_items where deleted_at <= $1', [before]);
  return r.rowCount;
}
