import type { CalendarPermission, Occurrence } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import { visibleCalendars } from '../calendars/calendars.repository';
import type { Actor, ServiceDeps } from '../deps';
import {
  type ExpandedStart,
  expandStarts,
  expandStartsWithin,
  MAX_PER_SERIES,
  type SeriesBudget,
} from './expand';
import { expandFairly } from './feed-budget';
import { holidaysBetween } from './holidays';
import { clientTime, kindColors, masked } from './items.present';
import {
  type ExceptionRow,
  findExceptions,
  ITEM_COLUMNS,
  ITEM_JOINS,
  type ItemRow,
} from './items.repository';
import { isSeries, specOf } from './items.scopes';
import { presentDetails } from './items.values';
import { addDays, localToMs, msToLocal, wallDeltaSeconds } from './times';

/** Most occurrences one feed request returns; beyond it the answer says `truncated`. */
export const MAX_FEED_OCCURRENCES = 20_000;

export interface FeedQuery {
  start: string;
  end: string;
  kinds?: string | undefined;
  calendars?: string | undefined;
  status?: string | undefined;
  community?: string | undefined;
  q?: string | undefined;
  holidays?: 'true' | 'false' | undefined;
  tz?: string | undefined;
}

const list = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/**
 * The occurrences of every item the actor may see that overlap [start, end): series expanded
 * on read in their zone (floating ones in the viewer's), exceptions applied, plus holidays.
 */
export async function calendarFeed(deps: Pick<ServiceDeps, 'db'>, actor: Actor, q: FeedQuery) {
  const fromMs = Date.parse(q.start);
  const toMs = Date.parse(q.end);
  if (!(toMs > fromMs))
    throw new AppError('request.bad_query', 'end must be after start.', [
      { field: 'end', message: 'must be after start' },
    ]);
  const user = (
    await deps.db.query<{ time_zone: string; show_holidays: boolean }>(
      'select time_zone, show_holidays from users where id = $1',
      [actor.userId],
    )
  ).rows[0];
  const viewerZone = q.tz ?? user?.time_zone ?? 'Asia/Manila';
  const cals = await visibleCalendars(deps.db, actor.userId, actor.role);
  const permissions = new Map<string, CalendarPermission>(cals.map((c) => [c.id, c.permission]));
  const wanted = list(q.calendars);
  const calendarIds = wanted
    ? cals.filter((c) => wanted.includes(c.id)).map((c) => c.id)
    : [...permissions.keys()];

  const params: unknown[] = [calendarIds, new Date(fromMs), new Date(toMs), actor.userId];
  const where: string[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  const kinds = list(q.kinds);
  if (kinds) add('i.kind = any(?::text[])', kinds);
  const statuses = list(q.status);
  if (statuses) add('i.status = any(?::text[])', statuses);
  if (q.community) add('i.community_id = ?::uuid', q.community);
  if (q.q)
    add(
      "concat_ws(' ', i.title, i.description, i.location) ilike ?",
      `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
    );
  const rows = (
    await deps.db.query<ItemRow>(
      `with ${candidates(!wanted)}
       select ${ITEM_COLUMNS} from items i join candidates k on k.id = i.id ${ITEM_JOINS}
        ${where.length ? `where ${where.join(' and ')}` : ''}`,
      params,
    )
  ).rows;

  const exceptions = await findExceptions(
    deps.db,
    rows.filter(isSeries).map((r) => r.id),
  );
  const byItem = new Map<string, ExceptionRow[]>();
  for (const x of exceptions) byItem.set(x.item_id, [...(byItem.get(x.item_id) ?? []), x]);

  const occurrences: Occurrence[] = [];
  let truncated = false;
  // Series whose expansion was cut short, named to those who may edit them (so they can fix them).
  const truncatedSeries: string[] = [];
  const expanded = await expandFairly(rows, MAX_FEED_OCCURRENCES, (row, share) =>
    occurrencesOf(
      row,
      byItem.get(row.id) ?? [],
      fromMs,
      toMs,
      viewerZone,
      permissions.get(row.calendar_id) ?? null,
      share,
    ),
  );
  for (const [i, row] of rows.entries()) {
    const out = expanded[i]!;
    if (out.truncated) {
      truncated = true;
      const permission = permissions.get(row.calendar_id);
      if (permission === 'edit' || permission === 'manage') truncatedSeries.push(row.id);
    }
    occurrences.push(...out.items);
  }
  const showHolidays = q.holidays ? q.holidays === 'true' : (user?.show_holidays ?? true);
  if (showHolidays && (!kinds || kinds.includes('holiday')))
    occurrences.push(...holidaysBetween(fromMs, toMs, viewerZone));
  // Sort on a key computed once per occurrence, not parsed again in every comparison.
  const sortKey = (o: Occurrence) => (o.start.length === 10 ? `${o.start}T00:00:00.000Z` : o.start);
  const keyed = occurrences
    .map((o) => [sortKey(o), o] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  occurrences.length = 0;
  for (const [, o] of keyed) occurrences.push(o);
  if (occurrences.length > MAX_FEED_OCCURRENCES) {
    truncated = true;
    occurrences.length = MAX_FEED_OCCURRENCES;
  }
  return { occurrences, truncated, truncatedSeries };
}

/** Whether an item's span (first start to last end) may touch the window $2..$3, widened by a day for floating times. */
const SPAN = (
  t: string,
) => `tstzrange(${t}.start_at, coalesce(${t}.series_end_at, 'infinity'::timestamptz), '[]')
  && tstzrange($2::timestamptz - interval '1 day', $3::timestamptz + interval '1 day', '[)')`;

/**
 * The ids of the items that may have occurrences in the window, as a union of branches that
 * each use an index: the viewer's calendars ($1), and without a calendar filter also public
 * items and those the viewer ($4) is invited to; plus occurrences moved into the window.
 */
function candidates(everything: boolean): string {
  const visible = everything
    ? `(i.calendar_id = any($1::uuid[]) or i.visibility = 'public'
        or exists (select 1 from participants p where p.item_id = i.id and p.user_id = $4::uuid))`
    : `(i.calendar_id = any($1::uuid[]) and $4::uuid is not null)`;
  const branches = [`select i.id from items i where i.calendar_id = any($1::uuid[]) and ${SPAN('i')}`];
  if (everything) {
    branches.push(
      `select i.id from items i where i.visibility = 'public' and ${SPAN('i')}`,
      `select i.id from participants p join items i on i.id = p.item_id where p.user_id = $4::uuid and ${SPAN('i')}`,
    );
  }
  branches.push(`select i.id from item_exceptions x join items i on i.id = x.item_id
     where x.dtstart is not null and x.dtstart < ($3::timestamptz at time zone 'UTC') + interval '2 days'
       and x.dtend > ($2::timestamptz at time zone 'UTC') - interval '2 days' and ${visible}`);
  return `candidates as (${branches.join('\n union ')})`;
}

/**
 * The occurrences of one item overlapping [fromMs, toMs), as the viewer should see them. With a
 * `share` of the feed's budget, a series that needs more is cut short (`truncated`) instead of failing.
 */
export function occurrencesOf(
  row: ItemRow,
  exceptions: readonly ExceptionRow[],
  fromMs: number,
  toMs: number,
  viewerZone: string,
  permission: CalendarPermission | null,
  share?: SeriesBudget,
): { items: Occurrence[]; truncated: boolean; spent: SeriesBudget } {
  const zone = row.time_zone ?? viewerZone;
  const hide = masked(row, permission);
  const durationMs = localToMs(row.dtend, row.time_zone) - localToMs(row.dtstart, row.time_zone);
  const durationDays = row.all_day ? Math.round(wallDeltaSeconds(row.dtstart, row.dtend) / 86_400) : 0;
  const series = isSeries(row);
  const byRid = new Map(exceptions.map((x) => [x.recurrence_id, x]));
  const window = { fromMs: fromMs - Math.max(durationMs, 0) - 1, toMs };
  const bounded = share
    ? expandStartsWithin({ ...specOf(row), zone }, window, share, zone)
    : { starts: expandStarts({ ...specOf(row), zone }, window, MAX_PER_SERIES, zone), candidates: 0 };
  const starts: ExpandedStart[] = bounded.starts;
  const cut = 'truncated' in bounded ? bounded.truncated : starts.length >= MAX_PER_SERIES;
  const spent = { limit: starts.length, candidates: bounded.candidates };
  const seen = new Set(starts.map((s) => s.local));
  // Occurrences moved into the window from outside it.
  for (const x of exceptions) {
    if (!x.cancelled && x.dtstart && !seen.has(x.recurrence_id))
      starts.push({ local: x.recurrence_id, ms: localToMs(x.recurrence_id, zone) });
  }
  const items: Occurrence[] = [];
  const details = hide ? undefined : presentDetails(row.details);
  const color = row.color ?? kindColors[row.kind];
  for (const s of starts) {
    const x = byRid.get(s.local);
    if (x?.cancelled) continue;
    let startMs: number;
    let endMs: number;
    let start: string;
    let end: string;
    if (!x?.dtstart && !row.all_day) {
      // The common case: the rule's own time; no wall-time round trip.
      startMs = s.ms;
      endMs = s.ms + durationMs;
      start = new Date(startMs).toISOString();
      end = new Date(endMs).toISOString();
    } else {
      const startLocal = x?.dtstart ?? s.local;
      const endLocal =
        x?.dtend ??
        (row.all_day
          ? addDays(startLocal, durationDays)
          : msToLocal(localToMs(startLocal, zone) + durationMs, zone));
      startMs = localToMs(startLocal, zone);
      endMs = localToMs(endLocal, zone);
      start = clientTime(startLocal, zone, row.all_day);
      end = clientTime(endLocal, zone, row.all_day);
    }
    const overlaps = endMs > startMs ? startMs < toMs && endMs > fromMs : startMs >= fromMs && startMs < toMs;
    if (!overlaps) continue;
    items.push({
      itemId: row.id,
      kind: row.kind,
      title: hide ? 'Busy' : (x?.title ?? row.title),
      start,
      end,
      allDay: row.all_day,
      recurrenceId: series ? (row.all_day ? s.local.slice(0, 10) : s.local) : null,
      isException: x !== undefined,
      status: x?.status ?? row.status,
      color,
      calendarId: row.calendar_id,
      communityId: row.community_id,
      location: hide ? null : (x?.location ?? row.location),
      recurring: series,
      editable: permission === 'edit' || permission === 'manage',
      ...(details ? { details } : {}),
    });
  }
  return { items, truncated: cut, spent };
}
