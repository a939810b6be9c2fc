import type { Resource, ResourceType } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import type { Actor } from '../deps';
import { findResourcePage, presentResource, type ResourceRecord } from '../resources/resources.service';
import { LIVE } from './bookings.repository';

const DAY_MS = 86_400_000;
/** Longest window availability and utilisation answer for in one request. */
const MAX_WINDOW_DAYS = 366;

function window(start: string, end: string, startField = 'start', endField = 'end') {
  const startMs = Date.parse(start);
  const endMs = Date.parse(end);
  if (!(endMs > startMs))
    throw new AppError('request.bad_query', `${endField} must be after ${startField}.`, [
      { field: endField, message: `must be after ${startField}` },
    ]);
  if (endMs - startMs > MAX_WINDOW_DAYS * DAY_MS)
    throw new AppError('request.bad_query', `Ask for at most ${MAX_WINDOW_DAYS} days at once.`, [
      { field: endField, message: `is more than ${MAX_WINDOW_DAYS} days after ${startField}` },
    ]);
  return { start: new Date(startMs), end: new Date(endMs) };
}

const uuidList = (v: string | undefined) =>
  v
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s));

interface BusyRow {
  id: string;
  resource_id: string;
  start_at: Date;
  end_at: Date;
  status: 'pending' | 'approved';
}

const summary = (r: ResourceRecord) => ({
  id: r.id,
  name: r.name,
  type: r.type,
  status: r.status,
  capacity: r.capacity,
  location: r.location,
});

/**
 * Per resource (retired ones left out unless named), its pending and approved bookings
 * overlapping [start, end) and the free slots between them. A resource under maintenance has no
 * free slots. Resources are paged by name.
 */
export async function availability(
  db: Queryable,
  q: {
    type?: ResourceType | undefined;
    start: string;
    end: string;
    resourceIds?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const w = window(q.start, q.end);
  const ids = uuidList(q.resourceIds);
  const page = await findResourcePage(db, {
    type: q.type,
    limit: q.limit,
    cursor: q.cursor,
    ids,
    excludeRetired: !ids,
  });
  const busy = (
    await db.query<BusyRow>(
      `select b.id, b.resource_id, b.start_at, b.end_at, b.status from bookings b
        where b.resource_id = any($1::uuid[]) and b.status in ${LIVE}
          and tstzrange(b.start_at, b.end_at, '[)') && tstzrange($2, $3, '[)')
        order by b.resource_id, b.start_at`,
      [page.items.map((r) => r.id), w.start, w.end],
    )
  ).rows;
  const byResource = new Map<string, BusyRow[]>();
  for (const b of busy) byResource.set(b.resource_id, [...(byResource.get(b.resource_id) ?? []), b]);
  const items = page.items.map((r) => {
    const mine = byResource.get(r.id) ?? [];
    const free: { start: string; end: string }[] = [];
    if (r.status === 'available') {
      let cursor = w.start.getTime();
      for (const b of mine) {
        if (b.start_at.getTime() > cursor)
          free.push({ start: new Date(cursor).toISOString(), end: b.start_at.toISOString() });
        cursor = Math.max(cursor, b.end_at.getTime());
      }
      if (cursor < w.end.getTime())
        free.push({ start: new Date(cursor).toISOString(), end: w.end.toISOString() });
    }
    return {
      resource: summary(r),
      busy: mine.map((b) => ({
        bookingId: b.id,
        start: b.start_at.toISOString(),
        end: b.end_at.toISOString(),
        status: b.status,
      })),
      free,
    };
  });
  return { items, nextCursor: page.nextCursor };
}

/**
 * Available resources with no pending or approved booking overlapping [start, end), at least
 * `capacity`, whose rules allow a booking of that length that far ahead: "find a free vehicle
 * for this trip". Smallest sufficient capacity first, then by name.
 */
export async function freeResources(
  db: Queryable,
  actor: Actor,
  q: {
    type?: ResourceType | undefined;
    start: string;
    end: string;
    capacity?: number | undefined;
    limit: number;
  },
  now = new Date(),
): Promise<{ items: Resource[]; nextCursor: null }> {
  const w = window(q.start, q.end);
  const r = await db.query<{ id: string }>(
    `select r.id from resources r
      where r.status = 'available' and ($1::text is null or r.type = $1) and ($2::int is null or r.capacity >= $2)
        and (r.max_duration_minutes is null or r.max_duration_minutes * 60 >= extract(epoch from $4::timestamptz - $3::timestamptz))
        and (r.max_days_ahead is null or $3::timestamptz <= $5::timestamptz + r.max_days_ahead * interval '1 day')
        and not exists (select 1 from bookings b where b.resource_id = r.id and b.status in ${LIVE}
                          and tstzrange(b.start_at, b.end_at, '[)') && tstzrange($3, $4, '[)'))
      order by r.capacity nulls last, lower(r.name), r.id limit $6`,
    [q.type ?? null, q.capacity ?? null, w.start, w.end, now, q.limit],
  );
  const page = await findResourcePage(db, { ids: r.rows.map((x) => x.id), limit: q.limit });
  const byId = new Map(page.items.map((x) => [x.id, x]));
  return {
    items: r.rows.flatMap((x) => {
      const found = byId.get(x.id);
      return found ? [presentResource(found, actor)] : [];
    }),
    nextCursor: null,
  };
}

/**
 * Per resource and day (in `timeZone`), the fraction of the day held by approved or completed
 * bookings and by pending ones: the data of an availability heatmap. Days are [from, to).
 */
export async function utilisation(
  db: Queryable,
  actor: Actor,
  q: {
    type?: ResourceType | undefined;
    from: string;
    to: string;
    tz?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  window(`${q.from}T00:00:00Z`, `${q.to}T00:00:00Z`, 'from', 'to');
  const timeZone =
    q.tz ??
    (await db.query<{ time_zone: string }>('select time_zone from users where id = $1', [actor.userId]))
      .rows[0]?.time_zone ??
    'Asia/Manila';
  const page = await findResourcePage(db, {
    type: q.type,
    limit: q.limit,
    cursor: q.cursor,
    excludeRetired: true,
  });
  const rows = (
    await db.query<{ resource_id: string; day: string; booked: number | null; pending: number | null }>(
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
      [q.from, q.to, timeZone, page.items.map((r) => r.id)],
    )
  ).rows;
  const dates: string[] = [];
  for (let t = Date.parse(`${q.from}T00:00:00Z`); t < Date.parse(`${q.to}T00:00:00Z`); t += DAY_MS)
    dates.push(new Date(t).toISOString().slice(0, 10));
  const cell = new Map(rows.map((r) => [`${r.resource_id} ${r.day}`, r]));
  const fraction = (v: number | string | null | undefined) =>
    Math.min(1, Math.round(Number(v ?? 0) * 1000) / 1000);
  return {
    timeZone,
    from: q.from,
    to: q.to,
    items: page.items.map((r) => ({
      resource: { id: r.id, name: r.name, type: r.type },
      days: dates.map((date) => {
        const c = cell.get(`${r.id} ${date}`);
        return { date, booked: fraction(c?.booked), pending: fraction(c?.pending) };
      }),
    })),
    nextCursor: page.nextCursor,
  };
}
