import type { BookingStatus, ResourceType } from '@kalendaryo/contract';
import type { Queryable } from '../../db/client';
import { columnsOf, rowColumns } from '../../db/columns';
import { Filter, keysetPage, type Page, type PageRequest } from '../../db/paging';

/** Advisory-lock key space of booking writes, one lock per resource (see `resourceLockSql`). */
const BOOKING_LOCK = 727_002;

/**
 * The lock that orders the writes adding bookings to one resource, as an SQL expression over the
 * parameter holding the resource id. The exclusion constraint is what forbids overlaps; this lock
 * only makes contenders queue instead of inserting side by side, where each would wait for the
 * other's uncommitted row and PostgreSQL would break the deadlock after `deadlock_timeout` (1 s):
 * a storm would cost seconds per request and drain the pool. Held to the end of the transaction
 * (of the statement, outside one), on every app server alike, PostgreSQL and PGlite.
 */
const resourceLockSql = (param: string) => `pg_advisory_xact_lock(${BOOKING_LOCK}, hashtext(${param}::text))`;

/** Takes the resource's write lock in the caller's transaction. */
export async function lockResourceWrites(tx: Queryable, resourceId: string): Promise<void> {
  await tx.query(`select ${resourceLockSql('$1')}`, [resourceId]);
}

export interface BookingRow {
  id: string;
  resource_id: string;
  resource_name: string;
  resource_type: ResourceType;
  requester_id: string | null;
  requester_name: string | null;
  item_id: string | null;
  /** Local wall time `YYYY-MM-DDTHH:MM:SS`. */
  occurrence: string | null;
  start_at: Date;
  end_at: Date;
  purpose: string;
  notes: string | null;
  status: BookingStatus;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  cancelled_at: Date | null;
  completed_at: Date | null;
  checked_out_at: Date | null;
  checked_in_at: Date | null;
  created_at: Date;
  updated_at: Date;
  version: number;
}

/** Statuses that hold a resource's time: the exclusion constraint covers exactly these. */
export const LIVE = `('pending', 'approved')`;

/** Local wall time of a recurrence id, as the API writes it. */
const OCCURRENCE = `to_char(b.occurrence, 'YYYY-MM-DD"T"HH24:MI:SS')`;

const BOOKING = rowColumns<Omit<BookingRow, 'resource_name' | 'resource_type' | 'requester_name'>>()(
  'bookings',
  [
    'id',
    'resource_id',
    'requester_id',
    'item_id',
    'occurrence',
    'start_at',
    'end_at',
    'purpose',
    'notes',
    'status',
    'decided_by',
    'decided_at',
    'decision_reason',
    'cancelled_at',
    'completed_at',
    'checked_out_at',
    'checked_in_at',
    'created_at',
    'updated_at',
    'version',
  ],
);
// Read besides the booking's own columns: the names joined in below, and the approvers in filters.
columnsOf('resources', ['id', 'name', 'type']);
columnsOf('users', ['id', 'name', 'active', 'role']);
columnsOf('resource_approvers', ['resource_id', 'user_id']);

/** A booking's own columns (alias `b`). */
const OWN_COLUMNS = BOOKING.list('b', { occurrence: OCCURRENCE });
/** A booking with the names of its resource and requester. */
const COLUMNS = `${OWN_COLUMNS}, r.name as resource_name, r.type as resource_type, u.name as requester_name`;
const FROM =
  'from bookings b join resources r on r.id = b.resource_id left join users u on u.id = b.requester_id';

export interface NewBooking {
  resourceId: string;
  requesterId: string;
  itemId: string | null;
  occurrence: string | null;
  start: Date;
  end: Date;
  purpose: string;
  notes: string | null;
  status: 'pending' | 'approved';
}

/** A booking's own columns, without the names joined from its resource and requester. */
export type OwnBookingRow = Omit<BookingRow, 'resource_name' | 'resource_type' | 'requester_name'>;

/** The audit row written with a booking. */
export interface CreationAudit {
  actorId: string | null;
  ip: string | null;
  data: Record<string, unknown>;
}

/**
 * Inserts a booking and its `booking.created` audit row in one statement, atomic on its own
 * (with `lock`, it first takes the resource's write lock: see `resourceLockSql`). An overlap with a live
 * booking raises 23P01, an occurrence already booked 23505.
 */
export async function insertBooking(
  db: Queryable,
  v: NewBooking,
  audit: CreationAudit,
  lock = false,
): Promise<OwnBookingRow> {
  const r = await db.query<OwnBookingRow>(
    `with ${lock ? `lock as (select ${resourceLockSql('$1')}),` : ''}
     b as (
       insert into bookings as b (resource_id, requester_id, item_id, occurrence, start_at, end_at, purpose, notes, status,
                             decided_at, decision_reason)
       select $1::uuid, $2::uuid, $3::uuid, $4::timestamp, $5::timestamptz, $6::timestamptz, $7::text, $8::text,
              $9::text, case when $9::text = 'approved' then now() end,
              case when $9::text = 'approved' then 'Approved automatically' end
       ${lock ? 'from lock' : ''}
       returning ${OWN_COLUMNS}),
     a as (
       insert into audit_log (actor_id, action, entity_type, entity_id, ip, data)
       select $10::uuid, 'booking.created', 'booking', b.id::text, $11::text, $12::jsonb from b)
     select * from b`,
    [
      v.resourceId,
      v.requesterId,
      v.itemId,
      v.occurrence,
      v.start,
      v.end,
      v.purpose,
      v.notes,
      v.status,
      audit.actorId,
      audit.ip,
      JSON.stringify({ ...audit.data, status: v.status }),
    ],
  );
  return r.rows[0]!;
}

export async function findBooking(
  db: Queryable,
  id: string,
  forUpdate = false,
): Promise<BookingRow | undefined> {
  return (
    await db.query<BookingRow>(
      `select ${COLUMNS} ${FROM} where b.id = $1 ${forUpdate ? 'for update of b' : ''}`,
      [id],
    )
  ).rows[0];
}

export async function findBookings(db: Queryable, ids: readonly string[]): Promise<BookingRow[]> {
  if (ids.length === 0) return [];
  return (
    await db.query<BookingRow>(
      `select ${COLUMNS} ${FROM} where b.id = any($1::uuid[]) order by b.start_at, b.id`,
      [ids],
    )
  ).rows;
}

export interface OverlapRow {
  id: string;
  start_at: Date;
  end_at: Date;
  status: BookingStatus;
  requester_id: string | null;
  requester_name: string | null;
}

/** Live bookings of a resource overlapping [start, end): what holds that time. */
export async function liveOverlaps(
  db: Queryable,
  resourceId: string,
  start: Date,
  end: Date,
): Promise<OverlapRow[]> {
  return (
    await db.query<OverlapRow>(
      `select b.id, b.start_at, b.end_at, b.status, b.requester_id, u.name as requester_name
         from bookings b left join users u on u.id = b.requester_id
        where b.resource_id = $1 and b.status in ${LIVE}
          and tstzrange(b.start_at, b.end_at, '[)') && tstzrange($2, $3, '[)')
        order by b.start_at limit 100`,
      [resourceId, start, end],
    )
  ).rows;
}

/** Live bookings of a resource for an item, by occurrence (`''` for a booking of the whole item). */
export async function itemBookings(db: Queryable, resourceId: string, itemId: string) {
  const r = await db.query<{ id: string; occurrence: string | null }>(
    `select b.id, ${OCCURRENCE} as occurrence from bookings b
      where b.resource_id = $1 and b.item_id = $2 and b.status in ('pending', 'approved', 'completed')`,
    [resourceId, itemId],
  );
  return new Map(r.rows.map((x) => [x.occurrence ?? '', x.id]));
}

/** Columns a workflow step may set. */
export interface BookingChange {
  status?: BookingStatus;
  decided_by?: string;
  decided_at?: Date;
  decision_reason?: string | null;
  cancelled_at?: Date;
  completed_at?: Date;
  checked_out_at?: Date;
  checked_in_at?: Date;
  /** Completing early ends the booking then: the record shows the use, and the rest is free. */
  end_at?: Date;
}

/** What a booking must still be for a step to apply: the state the step was decided on. */
export interface BookingExpectation {
  statuses: readonly BookingStatus[];
  /** `in`: checked out and not back; `none`: never checked out; `back`: not out now. */
  checkedOut?: 'in' | 'none' | 'back';
}

const CHECKED_OUT_SQL = {
  in: 'checked_out_at is not null and checked_in_at is null',
  none: 'checked_out_at is null',
  back: '(checked_out_at is null or checked_in_at is not null)',
} as const;

/**
 * Applies a step as one conditional update: it changes the booking only if it is still in the
 * state the step was decided on, so of concurrent decisions exactly one applies. Returns whether
 * it did.
 */
export async function updateBooking(
  db: Queryable,
  id: string,
  change: BookingChange,
  expect?: BookingExpectation,
): Promise<boolean> {
  const entries = Object.entries(change).filter(([, v]) => v !== undefined);
  const n = entries.length + 2;
  const guard = expect
    ? ` and status = any($${n}::text[])${expect.checkedOut ? ` and ${CHECKED_OUT_SQL[expect.checkedOut]}` : ''}`
    : '';
  const r = await db.query(
    `update bookings set ${entries.map(([k], i) => `${k} = $${i + 2}`).join(', ')},
            version = version + 1, updated_at = now() where id = $1${guard} returning id`,
    [id, ...entries.map(([, v]) => v), ...(expect ? [expect.statuses] : [])],
  );
  return r.rows.length === 1;
}

/**
 * Whether an active user other than `userId` decides bookings of a resource: its named approvers
 * and the administrators, or, without named approvers, the coordinators and administrators.
 */
export async function otherApproverExists(
  db: Queryable,
  userId: string,
  approverIds: readonly string[],
): Promise<boolean> {
  const r = await db.query<{ found: boolean }>(
    `select exists (
       select 1 from users u
        where u.active and u.id <> $1::uuid
          and (u.role = 'admin' or (cardinality($2::uuid[]) = 0 and u.role = 'coordinator')
               or u.id = any($2::uuid[]))) as found`,
    [userId, approverIds],
  );
  return r.rows[0]!.found;
}

export interface BookingFilter {
  /** Only bookings this user requested or approves; undefined = every booking. */
  visibleTo?: string | undefined;
  resourceId?: string | undefined;
  statuses?: readonly string[] | undefined;
  requesterId?: string | undefined;
  itemId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
}

/** Bookings by start, filtered; keyset-paginated on (start, id). */
export async function listBookings(
  db: Queryable,
  f: BookingFilter,
  page: PageRequest,
): Promise<Page<BookingRow>> {
  const filter = new Filter();
  if (f.visibleTo)
    filter.add(
      `(b.requester_id = ?::uuid or exists (select 1 from resource_approvers a
          where a.resource_id = b.resource_id and a.user_id = ?::uuid))`,
      f.visibleTo,
    );
  if (f.resourceId) filter.add('b.resource_id = ?::uuid', f.resourceId);
  if (f.statuses?.length) filter.add('b.status = any(?::text[])', f.statuses);
  if (f.requesterId) filter.add('b.requester_id = ?::uuid', f.requesterId);
  if (f.itemId) filter.add('b.item_id = ?::uuid', f.itemId);
  if (f.from) filter.add('b.end_at > ?', f.from);
  if (f.to) filter.add('b.start_at < ?', f.to);
  return keysetPage<BookingRow>(db, {
    columns: COLUMNS,
    from: FROM,
    filter,
    orderBy: [
      { sql: 'b.start_at', kind: 'timestamptz' },
      { sql: 'b.id', kind: 'uuid' },
    ],
    page,
  });
}

/** A live booking of an item that has not ended: what follows the item when it moves or goes. */
export interface FollowingRow {
  id: string;
  resource_id: string;
  item_id: string;
  occurrence: string | null;
  start_at: Date;
  end_at: Date;
  status: BookingStatus;
  checked_out_at: Date | null;
  checked_in_at: Date | null;
}

/** The pending and approved bookings of an item that end after `now`, locked for the change. */
export async function liveBookingsOfItem(db: Queryable, itemId: string, now: Date): Promise<FollowingRow[]> {
  return (
    await db.query<FollowingRow>(
      `select b.id, b.resource_id, b.item_id, ${OCCURRENCE} as occurrence, b.start_at, b.end_at, b.status,
              b.checked_out_at, b.checked_in_at
         from bookings b
        where b.item_id = $1 and b.status in ${LIVE} and b.end_at > $2
        order by b.start_at, b.id for update of b`,
      [itemId, now],
    )
  ).rows;
}

/** Moves a booking with its item: new item, occurrence and time (the exclusion constraint decides). */
export async function moveBooking(
  db: Queryable,
  id: string,
  to: { itemId: string; occurrence: string | null; start: Date; end: Date },
): Promise<void> {
  await db.query(
    `update bookings set item_id = $2, occurrence = $3::timestamp, start_at = $4, end_at = $5,
            version = version + 1, updated_at = now() where id = $1`,
    [id, to.itemId, to.occurrence, to.start, to.end],
  );
}
