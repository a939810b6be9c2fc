import type { Queryable } from '../../db/client';
import { columnsOf } from '../../db/columns';
import { ITEM_COLUMNS, type ReminderItemRow } from './reminders.repository';

// What the daily digest reads: a person's items of the day, their bookings due out or back, the
// requests waiting for their decision and the invitations they have not answered.

columnsOf('digest_runs', ['user_id', 'local_date', 'sent_at']);
columnsOf('bookings', [
  'id',
  'resource_id',
  'requester_id',
  'start_at',
  'end_at',
  'status',
  'checked_out_at',
  'checked_in_at',
]);
columnsOf('resources', ['id', 'name']);
columnsOf('resource_approvers', ['resource_id', 'user_id']);
columnsOf('leave_details', ['item_id', 'approval_status']);

/** Claims the digest of one person and local date; false when it was already sent. */
export async function claimDigest(tx: Queryable, userId: string, localDate: string): Promise<boolean> {
  const r = await tx.query(
    `insert into digest_runs (user_id, local_date) values ($1, $2::date)
     on conflict (user_id, local_date) do nothing returning user_id`,
    [userId, localDate],
  );
  return r.rowCount > 0;
}

/**
 * Items, not cancelled, that the person organises, is assigned or is invited to, whose span
 * meets [from, to) widened by 36 hours (all-day and floating items are read in their zone).
 */
export async function itemsOfPerson(
  db: Queryable,
  userId: string,
  from: Date,
  to: Date,
): Promise<ReminderItemRow[]> {
  const r = await db.query<ReminderItemRow>(
    `select ${ITEM_COLUMNS} from items i
      where i.status <> 'cancelled'
        and (i.organizer_id = $1
          or exists (select 1 from task_details t where t.item_id = i.id and t.assignee_id = $1)
          or exists (select 1 from participants p where p.item_id = i.id and p.user_id = $1))
        and tstzrange(i.start_at, coalesce(i.series_end_at, 'infinity'::timestamptz), '[]')
            && tstzrange($2::timestamptz - interval '36 hours', $3::timestamptz + interval '36 hours', '[)')`,
    [userId, from, to],
  );
  return r.rows;
}

export interface DueBooking {
  resource: string;
  start_at: Date;
  end_at: Date;
  /** `out`: starts in the window and is not checked out yet; `back`: ends in it, out and not back. */
  due: 'out' | 'back';
}

/** The person's approved bookings that go out or come back in [from, to). */
export async function bookingsDue(
  db: Queryable,
  userId: string,
  from: Date,
  to: Date,
): Promise<DueBooking[]> {
  const r = await db.query<DueBooking>(
    `select s.name as resource, b.start_at, b.end_at,
            case when b.start_at >= $2 and b.start_at < $3 and b.checked_out_at is null then 'out' else 'back' end as due
       from bookings b join resources s on s.id = b.resource_id
      where b.requester_id = $1 and b.status = 'approved'
        and ((b.start_at >= $2 and b.start_at < $3 and b.checked_out_at is null)
          or (b.end_at >= $2 and b.end_at < $3 and b.checked_in_at is null))
      order by b.start_at, b.id`,
    [userId, from, to],
  );
  return r.rows;
}

/**
 * How many booking and leave requests wait for the person's decision: bookings of resources they
 * approve (without named approvers: coordinators and administrators; administrators always) and,
 * for coordinators and administrators, leave; never their own.
 */
export async function pendingDecisions(
  db: Queryable,
  userId: string,
  role: string,
  now: Date,
): Promise<{ bookings: number; leave: number }> {
  const manager = role === 'admin' || role === 'coordinator';
  const r = await db.query<{ bookings: number; leave: number }>(
    `select
       (select count(*)::int from bookings b
         where b.status = 'pending' and b.end_at > $4 and b.requester_id is distinct from $1
           and ($2 or exists (select 1 from resource_approvers a where a.resource_id = b.resource_id and a.user_id = $1)
             or ($3 and not exists (select 1 from resource_approvers a where a.resource_id = b.resource_id)))) as bookings,
       (select count(*)::int from items i join leave_details l on l.item_id = i.id
         where $3 and l.approval_status = 'pending' and i.status <> 'cancelled'
           and i.organizer_id is distinct from $1) as leave`,
    [userId, role === 'admin', manager, now],
  );
  return r.rows[0] ?? { bookings: 0, leave: 0 };
}

/** Items still to come that invite the person and that they have not answered (titles, first few). */
export async function unansweredInvitations(
  db: Queryable,
  userId: string,
  now: Date,
): Promise<{ count: number; titles: string[] }> {
  const r = await db.query<{ title: string; total: number }>(
    `select i.title, count(*) over ()::int as total
       from participants p join items i on i.id = p.item_id
      where p.user_id = $1 and i.status <> 'cancelled' and i.organizer_id is distinct from $1
        and not exists (select 1 from rsvps v where v.participant_id = p.id)
        and coalesce(i.series_end_at, case when i.rrule is null and cardinality(i.rdates) = 0 then i.end_at end,
                     'infinity'::timestamptz) > $2
      order by i.start_at, i.id limit 5`,
    [userId, now],
  );
  return { count: r.rows[0]?.total ?? 0, titles: r.rows.map((x) => x.title) };
}
