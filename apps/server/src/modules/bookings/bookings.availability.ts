import type { Resource, ResourceType } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import type { Actor } from '../deps';
import { findResourcePage, presentResource, type ResourceRecord } from '../resources';
import { findUserById } from '../users';
import { type BusyRow, busyOf, freeResourceIds, utilisationCells } from './availability.repository';

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
  const page = await findResourcePage(db, { type: q.type, ids, excludeRetired: !ids }, q);
  const busy = await busyOf(
    db,
    page.items.map((r) => r.id),
    w.start,
    w.end,
  );
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
  const ids = await freeResourceIds(db, {
    type: q.type,
    capacity: q.capacity,
    start: w.start,
    end: w.end,
    now,
    limit: q.limit,
  });
  const page = await findResourcePage(db, { ids }, { limit: q.limit });
  const byId = new Map(page.items.map((x) => [x.id, x]));
  return {
    items: ids.flatMap((id) => {
      const found = byId.get(id);
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
  const timeZone = q.tz ?? (await findUserById(db, actor.userId))?.time_zone ?? 'Asia/Manila';
  const page = await findResourcePage(db, { type: q.type, excludeRetired: true }, q);
  const rows = await utilisationCells(
    db,
    page.items.map((r) => r.id),
    q.from,
    q.to,
    timeZone,
  );
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
