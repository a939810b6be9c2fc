import type { BookingStatus, ResourceType } from '@kalendaryo/contract';
import type { Queryable } from '../../db/client';
import { resourceLockSql } from './bookings.guard';

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

const SELECT = `
  select b.id, b.resource_id, r.name as resource_name, r.type as resource_type, b.requester_id,
         u.name as requester_name, b.item_id, to_char(b.occurrence, 'YYYY-MM-DD"T"HH24:MI:SS') as occurrence,
         b.start_at, b.end_at, b.purpose, b.notes, b.status, b.decided_by, b.decided_at, b.decision_reason,
         b.cancelled_at, b.completed_at, b.checked_out_at, b.checked_in_at, b.created_at, b.updated_at, b.version
    from bookings b join resources r on r.id = b.resource_id left join users u on u.id = b.requester_id`;

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

const OWN_COLUMNS = `id, resource_id, requester_id, item_id, to_char(occurrence, 'YYYY-MM-DD"T"HH24:MI:SS') as occurrence,
  start_at, end_at, purpose, notes, status, decided_by, decided_at, decision_reason, cancelled_at, completed_at,
  checked_out_at, checked_in_at, created_at, updated_at, version`;

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
       insert into bookings (resource_id, requester_id, item_id, occurrence, start_at, end_at, purpose, notes, status,
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
  return (await db.query<BookingRow>(`${SELECT} where b.id = $1 ${forUpdate ? 'for update of b' : ''}`, [id]))
    .rows[0];
}

export async function findBookings(db: Queryable, ids: readonly string[]): Promise<BookingRow[]> {
  if (ids.length === 0) return [];
  return (
    await db.query<BookingRow>(`${SELECT} where b.id = any($1::uuid[]) order by b.start_at, b.id`, [ids])
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
    `select id, to_char(occurrence, 'YYYY-MM-DD"T"HH24:MI:SS') as occurrence from bookings
      where resource_id = $1 and item_id = $2 and status in ('pending', 'approved', 'completed')`,
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
}

export async function updateBooking(db: Queryable, id: string, change: BookingChange): Promise<void> {
  const entries = Object.entries(change).filter(([, v]) => v !== undefined);
  await db.query(
    `update bookings set ${entries.map(([k], i) => `${k} = $${i + 2}`).join(', ')},
            version = version + 1, updated_at = now() where id = $1`,
    [id, ...entries.map(([, v]) => v)],
  );
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
  after?: readonly [string, string] | undefined;
  limit: number;
}

/** Bookings by start, filtered; `limit + 1` rows so the caller knows whether a page follows. */
export async function listBookings(db: Queryable, f: BookingFilter): Promise<BookingRow[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (f.visibleTo)
    add(
      `(b.requester_id = ?::uuid or exists (select 1 from resource_approvers a
          where a.resource_id = b.resource_id and a.user_id = ?::uuid))`,
      f.visibleTo,
    );
  if (f.resourceId) add('b.resource_id = ?::uuid', f.resourceId);
  if (f.statuses?.length) add('b.status = any(?::text[])', f.statuses);
  if (f.requesterId) add('b.requester_id = ?::uuid', f.requesterId);
  if (f.itemId) add('b.item_id = ?::uuid', f.itemId);
  if (f.from) add('b.end_at > ?', f.from);
  if (f.to) add('b.start_at < ?', f.to);
  if (f.after) {
    params.push(f.after[0], f.after[1]);
    where.push(`(b.start_at, b.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(f.limit + 1);
  return (
    await db.query<BookingRow>(
      `${SELECT} ${where.length ? `where ${where.join(' and ')}` : ''}
        order by b.start_at, b.id limit $${params.length}`,
      params,
    )
  ).rows;
}
