import type { Queryable } from '../../db/client';
import { columnsOf } from '../../db/columns';
import { ITEM_COLUMNS, ITEM_JOINS, type ItemRow } from './items.repository';

// Read by the queries below (besides the item columns of items.repository.ts).
columnsOf('participants', ['item_id', 'user_id']);
columnsOf('rsvps', ['participant_id', 'occurrence', 'status']);
columnsOf('leave_details', ['item_id', 'approval_status']);
columnsOf('task_details', ['item_id', 'assignee_id']);
columnsOf('item_exceptions', ['item_id', 'dtstart', 'dtend']);
columnsOf('users', ['id', 'name']);
columnsOf('bookings', ['id', 'resource_id', 'item_id', 'occurrence', 'start_at', 'end_at', 'status']);
columnsOf('resources', ['id', 'name']);

/**
 * Items that may make some of `userIds` busy in [from, to): those they organise, are assigned
 * (tasks) or are invited to, not cancelled, whose span (or an occurrence moved by an exception)
 * may touch the window, widened by a day for floating times. Leave counts while approved or
 * pending; rejected and cancelled leave is free time.
 */
export async function findBusyItems(
  db: Queryable,
  userIds: readonly string[],
  from: Date,
  to: Date,
): Promise<ItemRow[]> {
  const r = await db.query<ItemRow>(
    `select ${ITEM_COLUMNS} from items i ${ITEM_JOINS}
      where i.status <> 'cancelled'
        and (i.kind <> 'leave' or le.approval_status in ('approved', 'pending'))
        and (i.organizer_id = any($1::uuid[]) or ta.assignee_id = any($1::uuid[])
             or exists (select 1 from participants p where p.item_id = i.id and p.user_id = any($1::uuid[])))
        and (tstzrange(i.start_at, coalesce(i.series_end_at, 'infinity'::timestamptz), '[]')
               && tstzrange($2::timestamptz - interval '1 day', $3::timestamptz + interval '1 day', '[)')
             or exists (select 1 from item_exceptions x where x.item_id = i.id and x.dtstart is not null
                 and x.dtstart < ($3::timestamptz at time zone 'UTC') + interval '2 days'
                 and x.dtend > ($2::timestamptz at time zone 'UTC') - interval '2 days'))
      order by i.start_at, i.id`,
    [userIds, from, to],
  );
  return r.rows;
}

/** An invited user's answers to one item: '' = every occurrence, else a recurrence id. */
export interface InvitedRow {
  item_id: string;
  user_id: string;
  rsvps: { occurrence: string; status: 'going' | 'maybe' | 'declined' }[];
}

/** The invitations of `userIds` to `itemIds`, with their answers. */
export async function findInvitations(
  db: Queryable,
  itemIds: readonly string[],
  userIds: readonly string[],
): Promise<InvitedRow[]> {
  if (itemIds.length === 0 || userIds.length === 0) return [];
  const r = await db.query<InvitedRow>(
    `select p.item_id, p.user_id,
            coalesce((select jsonb_agg(jsonb_build_object('occurrence', r.occurrence, 'status', r.status))
                        from rsvps r where r.participant_id = p.id), '[]'::jsonb) as rsvps
       from participants p where p.item_id = any($1::uuid[]) and p.user_id = any($2::uuid[])`,
    [itemIds, userIds],
  );
  return r.rows;
}

/** The users invited to an item (accounts, not guests). */
export async function findInvitedUserIds(db: Queryable, itemId: string): Promise<string[]> {
  const r = await db.query<{ user_id: string }>(
    'select user_id from participants where item_id = $1 and user_id is not null',
    [itemId],
  );
  return r.rows.map((x) => x.user_id);
}

/** Names of some users, by id. */
export async function findUserNames(db: Queryable, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const r = await db.query<{ id: string; name: string }>(
    'select id, name from users where id = any($1::uuid[])',
    [userIds],
  );
  return new Map(r.rows.map((u) => [u.id, u.name]));
}

/** Bookings of an item (of one occurrence, when given) that are not approved: pending or refused. */
export async function findUnapprovedBookings(db: Queryable, itemId: string, occurrence: string | null) {
  const r = await db.query<{
    id: string;
    resource_id: string;
    resource_name: string;
    status: string;
    start_at: Date;
    end_at: Date;
  }>(
    `select b.id, b.resource_id, r.name as resource_name, b.status, b.start_at, b.end_at
       from bookings b join resources r on r.id = b.resource_id
      where b.item_id = $1 and b.status in ('pending', 'rejected')
        and ($2::timestamp is null or b.occurrence = $2::timestamp)
      order by b.start_at, b.id limit 200`,
    [itemId, occurrence],
  );
  return r.rows;
}
