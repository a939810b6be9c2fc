import type { Queryable } from '../../db/client';
import { columnsOf } from '../../db/columns';

// What the leave and task workflows read besides the item select list (see db/columns.test.ts).
columnsOf('leave_details', ['item_id', 'leave_type', 'approval_status', 'approver_id', 'backup_user_id']);
columnsOf('task_completions', ['item_id', 'recurrence_id', 'completed_at', 'completed_by']);

const LOCAL = `'YYYY-MM-DD"T"HH24:MI:SS'`;

/**
 * Serialises the leave writes of one requester until the transaction ends, so two overlapping
 * requests filed at once cannot both pass the overlap check (the first key spaces the lock).
 */
export async function lockLeaveOf(db: Queryable, requesterId: string): Promise<void> {
  await db.query('select pg_advisory_xact_lock(7411, hashtext($1))', [requesterId]);
}

export interface LeaveOverlapRow {
  id: string;
  all_day: boolean;
  time_zone: string | null;
  dtstart: string;
  dtend: string;
  approval_status: string;
}

/** Pending or approved leave of `requesterId` whose span overlaps [startAt, endAt), other than `exceptId`. */
export async function findLeaveOverlaps(
  db: Queryable,
  requesterId: string,
  startAt: Date,
  endAt: Date,
  exceptId: string | null,
): Promise<LeaveOverlapRow[]> {
  const r = await db.query<LeaveOverlapRow>(
    `select i.id, i.all_day, i.time_zone, to_char(i.dtstart, ${LOCAL}) as dtstart, to_char(i.dtend, ${LOCAL}) as dtend,
            l.approval_status
       from items i join leave_details l on l.item_id = i.id
      where i.kind = 'leave' and i.organizer_id = $1 and l.approval_status in ('pending', 'approved')
        and ($4::uuid is null or i.id <> $4::uuid)
        and i.start_at < $3
        and (case when i.rrule is null then i.end_at else coalesce(i.series_end_at, 'infinity'::timestamptz) end) > $2
      order by i.start_at limit 20`,
    [requesterId, startAt, endAt, exceptId],
  );
  return r.rows;
}

/**
 * Moves a leave request from one of `from` to `to` in one conditional update: of two racing
 * decisions only one finds the request still in `from`. Returns false when it was not.
 */
export async function transitionLeave(
  db: Queryable,
  id: string,
  from: readonly string[],
  to: string,
  decider: { id: string; byApprover: boolean; reason: string | null },
): Promise<boolean> {
  const r = await db.query(
    `update leave_details set approval_status = $3,
       approver_id = case when $5 then $4::uuid else approver_id end,
       decided_at = now(), decision_reason = $6
     where item_id = $1 and approval_status = any($2::text[]) returning item_id`,
    [id, from, to, decider.id, decider.byApprover, decider.reason],
  );
  return r.rowCount === 1;
}

/** Sends decided (approved or rejected) leave back to pending; false when it was not decided. */
export async function reopenLeave(db: Queryable, id: string): Promise<boolean> {
  const r = await db.query(
    `update leave_details set approval_status = 'pending', approver_id = null, decided_at = null,
       decision_reason = null
     where item_id = $1 and approval_status in ('approved', 'rejected') returning item_id`,
    [id],
  );
  return r.rowCount === 1;
}

/**
 * A page of leave requests by start: in `status` (any when null), of `requesterId` only when
 * given, after the keyset `after`.
 */
export async function findLeavePage(
  db: Queryable,
  q: {
    status: string | null;
    requesterId: string | undefined;
    after: readonly [Date, string] | undefined;
    limit: number;
  },
): Promise<{ id: string; start_at: Date }[]> {
  const r = await db.query<{ id: string; start_at: Date }>(
    `select i.id, i.start_at from items i join leave_details l on l.item_id = i.id
      where i.kind = 'leave' and ($1::text is null or l.approval_status = $1)
        and ($2::uuid is null or i.organizer_id = $2::uuid)
        and ($3::timestamptz is null or (i.start_at, i.id) > ($3::timestamptz, $4::uuid))
      order by i.start_at, i.id limit $5`,
    [q.status, q.requesterId ?? null, q.after?.[0] ?? null, q.after?.[1] ?? null, q.limit],
  );
  return r.rows;
}

/** Marks one occurrence of a recurring task done; false when it already was. */
export async function insertTaskCompletion(
  db: Queryable,
  itemId: string,
  recurrenceId: string,
  userId: string,
): Promise<boolean> {
  const r = await db.query(
    `insert into task_completions (item_id, recurrence_id, completed_by) values ($1, $2, $3)
     on conflict (item_id, recurrence_id) do nothing returning item_id`,
    [itemId, recurrenceId, userId],
  );
  return r.rowCount === 1;
}

/** The done occurrences of some recurring tasks: item id and recurrence id (local wall time). */
export async function findTaskCompletions(
  db: Queryable,
  itemIds: readonly string[],
): Promise<{ item_id: string; recurrence_id: string }[]> {
  if (itemIds.length === 0) return [];
  const r = await db.query<{ item_id: string; recurrence_id: string }>(
    `select item_id, to_char(recurrence_id, ${LOCAL}) as recurrence_id from task_completions
      where item_id = any($1::uuid[]) order by item_id, recurrence_id`,
    [itemIds],
  );
  return r.rows;
}

/** Marks a task (every occurrence of a series) done, unless it already is; false when it was. */
export async function completeWholeTask(db: Queryable, id: string): Promise<boolean> {
  const r = await db.query(
    `update task_details set task_status = 'done', completed_at = now()
      where item_id = $1 and task_status <> 'done' returning item_id`,
    [id],
  );
  return r.rowCount === 1;
}

/**
 * Hands the completions of a split series' occurrences from `fromRecurrenceId` on to the new
 * series, their recurrence ids moved by `shiftSeconds` of wall time as its start moved.
 */
export async function moveTaskCompletions(
  db: Queryable,
  fromItemId: string,
  toItemId: string,
  fromRecurrenceId: string,
  shiftSeconds: number,
): Promise<void> {
  await db.query(
    `update task_completions set item_id = $2, recurrence_id = recurrence_id + make_interval(secs => $4)
      where item_id = $1 and recurrence_id >= $3::timestamp`,
    [fromItemId, toItemId, fromRecurrenceId, shiftSeconds],
  );
}
