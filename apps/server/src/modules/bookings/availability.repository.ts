import type { ResourceType } from '@kalendaryo/contract';
import type { Queryable } from '../../db/client';
import { columnsOf } from '../../db/columns';
import { LIVE } from './bookings.repository';

/** A booking that holds time, as availability shows it. */
export interface BusyRow {
  id: string;
  resource_id: string;
  start_at: Date;
  end_at: Date;
  status: 'pending' | 'approved';
}

const BUSY = columnsOf('bookings', ['id', 'resource_id', 'start_at', 'end_at', 'status']);
columnsOf('resources', [
  'id',
  'name',
  'type',
  'status',
  'capacity',
  'max_duration_minutes',
  'max_days_ahead',
]);

/** The pending and approved bookings of the resources overlapping [start, end), by resource and start. */
export async function busyOf(
  db: Queryable,
  resourceIds: readonly string[],
  start: Date,
  end: Date,
): Promise<BusyRow[]> {
  const r = await db.query<BusyRow>(
    `select ${BUSY.list('b')} from bookings b
      where b.resource_id = any($1::uuid[]) and b.status in ${LIVE}
        and tstzrange(b.start_at, b.end_at, '[)') && tstzrange($2, $3, '[)')
      order by b.resource_id, b.start_at`,
    [resourceIds, start, end],
  );
  return r.rows;
}

/**
 * Ids of available resources free for all of [start, end) whose rules allow a booking that long
 * and that far ahead, with at least `capacity`: smallest sufficient capacity first, then by name.
 */
export async function freeResourceIds(
  db: Queryable,
  q: {
    type?: ResourceType | undefined;
    capacity?: number | undefined;
    start: Date;
    end: Date;
    now: Date;
    limit: number;
  },
): Promise<string[]> {
  const r = await db.query<{ id: string }>(
    `select r.id from resources r
      where r.status = 'available' and ($1::text is null or r.type = $1) and ($2::int is null or r.capacity >= $2)
        and (r.max_duration_minutes is null or r.max_duration_minutes * 60 >= extract(epoch from $4::timestamptz - $3::timestamptz))
        and (r.max_days_ahead is null or $3::timestamptz <= $5::timestamptz + r.max_days_ahead * interval '1 day')
        and not exists (select 1 from bookings b where b.resource_id = r.id and b.status in ${LIVE}
                          and tstzrange(b.start_at, b.end_at, '[)') && tstzrange($3, $4, '[)'))
      order by r.capacity nulls last, lower(r.name), r.id limit $6`,
    [q.type ?? null, q.capacity ?? null, q.start, q.end, q.now, q.limit],
  );
  return r.rows.map((x) => x.id);
}

/** One resource's share of one day held by approved or completed bookings, and by pending ones. */
export interface UtilisationCell {
  resource_id: string;
  day: string;
  booked: number | null;
  pending: number | null;
}

/** Per resource and day of [from, to) in `timeZone`, the fractions of the day its bookings hold. */
export async function utilisationCells(
  db: Queryable,
  resourceIds: readonly string[],
  from: string,
  to: string,
  timeZone: string,
): Promise<UtilisationCell[]> {
  const r = await db.query<UtilisationCell>(
    `with days as (
       select to_char(d, 'YYYY-MM-DD') as day, d at time zone $3 as s, (d + interval '1 day') at time zone $3 as e
         from generate_series($1::date::timestamp, $2::date::timestamp - interval '1 day', interval '1 day') d)
     select b.resource_id, days.day,
            sum(extract(epoch from least(b.end_at, days.e) - greatest(b.start_at, days.s)))
              filter (where b.status in ('approved', 'completed')) / extract(epoch from days.e - days.s) as booked,
            sum(extract(epoch from least(b.end_at, days.e) - greatest(b.start_at, days.s)))
              filter (where b.status = 'pending') / extract(epoch from days.e - days.s) as pending
       from days join bookings b on b.resource_id = any($4::uuid[])
        and b.status in ('pending', 'approved', 'completed') and b.start_at < days.e and b.end_at > days.s
      group by b.resource_id, days.day, days.s, days.e`,
    [from, to, timeZone, resourceIds],
  );
  return r.rows;
}
