import type { ItemKind } from '@kalendaryo/contract';
import type { Queryable } from '../../db/client';
import { columnsOf, rowColumns } from '../../db/columns';
import { detailTables } from './items.repository';

// Deleted items kept for restoring (migration 0007). A snapshot holds the rows that go with an
// item when it is deleted, each as `to_jsonb` of the row (snake_case columns), and is inserted
// again through `jsonb_populate_record` of the same tables, so the rows come back as they were.

/** A row of any table as `to_jsonb` gives it. */
export type JsonRow = Record<string, unknown>;

/** Everything that goes with an item when it is deleted. */
export interface Snapshot {
  item: JsonRow;
  details: JsonRow | null;
  exceptions: JsonRow[];
  participants: JsonRow[];
  rsvps: JsonRow[];
  attendance: JsonRow[];
  attendanceSettings: JsonRow | null;
  taskCompletions: JsonRow[];
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

/**
 * The tables whose rows go with an item (a foreign key to `items` or to `participants` with
 * `on delete cascade`) and are kept in its snapshot; `items.trash.test.ts` checks the schema has
 * no other, so a new table that cascades from items is either added here or decided against.
 */
export const SNAPSHOT_TABLES = [
  'event_details',
  'engagement_details',
  'task_details',
  'assessment_details',
  'community_event_details',
  'leave_details',
  'item_exceptions',
  'participants',
  'rsvps',
  'attendance',
  'item_attendance_settings',
  'task_completions',
] as const;

const rowsOf = (sql: string) => `coalesce((select jsonb_agg(to_jsonb(x)) from (${sql}) x), '[]'::jsonb)`;

/** Keeps a snapshot of the item (read in the deleting transaction, before the rows go). */
export async function insertSnapshot(db: Queryable, itemId: string, kind: ItemKind, deletedBy: string) {
  const details = detailTables[kind];
  await db.query(
    `insert into deleted_items (item_id, calendar_id, kind, title, visibility, organizer_id, deleted_by, start_at, snapshot)
     select i.id, i.calendar_id, i.kind, i.title, i.visibility, i.organizer_id, $2, i.start_at, jsonb_build_object(
       'item', to_jsonb(i),
       'details', (select to_jsonb(d) from ${details} d where d.item_id = i.id),
       'exceptions', ${rowsOf('select * from item_exceptions where item_id = $1')},
       'participants', ${rowsOf('select * from participants where item_id = $1')},
       'rsvps', ${rowsOf('select r.* from rsvps r join participants p on p.id = r.participant_id where p.item_id = $1')},
       'attendance', ${rowsOf('select a.* from attendance a join participants p on p.id = a.participant_id where p.item_id = $1')},
       'attendanceSettings', (select to_jsonb(s) from item_attendance_settings s where s.item_id = i.id),
       'taskCompletions', ${rowsOf('select * from task_completions where item_id = $1')})
     from items i where i.id = $1
     on conflict (item_id) do update set snapshot = excluded.snapshot, deleted_at = now(),
       deleted_by = excluded.deleted_by`,
    [itemId, deletedBy],
  );
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

/** Inserts rows of `table` as they were (columns missing from the JSON get null). */
export async function insertRows(db: Queryable, table: string, rows: readonly JsonRow[]): Promise<void> {
  if (rows.length === 0) return;
  await db.query(`insert into ${table} select * from jsonb_populate_recordset(null::${table}, $1::jsonb)`, [
    JSON.stringify(rows),
  ]);
}

/** Which of `ids` still exist in `table` (users, communities or items). */
export async function existingIds(
  db: Queryable,
  table: 'users' | 'communities' | 'items',
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const r = await db.query<{ id: string }>(`select id from ${table} where id = any($1::uuid[])`, [ids]);
  return new Set(r.rows.map((x) => x.id));
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
