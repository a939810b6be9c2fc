import type { CalendarPermission, Occurrence } from '@kalendaryo/contract';
import { AppError, isAppError, OFFICE_TIME_ZONE, occurrencesInWindow } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import { visibleCalendars } from '../calendars';
import type { Actor, ServiceDeps } from '../deps';
import { MAX_PER_SERIES, type SeriesBudget } from './expand';
import { expandFairly } from './feed-budget';
import { holidaysBetween } from './holidays';
import { isApprover } from './items.access';
import { findFeedItems, findViewerSettings } from './items.feed.repository';
import { ON_LEAVE, seesLeaveFully } from './items.leave';
import { findTaskCompletions } from './items.leave.repository';
import { kindColors, masked } from './items.present';
import { type ExceptionRow, findExceptions, type ItemRow } from './items.repository';
import { exceptionOf, isSeries, timesOf } from './items.scopes';
import { presentDetails } from './items.values';

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
/**
 * What the feed and the export of the same query select: the window, the viewer's zone and
 * settings, the calendars the actor sees (with their permission) and the items in the window.
 */
export async function selectFeedItems(deps: Pick<ServiceDeps, 'db'>, actor: Actor, q: FeedQuery) {
  const fromMs = Date.parse(q.start);
  const toMs = Date.parse(q.end);
  if (!(toMs > fromMs))
    throw new AppError('request.bad_query', 'end must be after start.', [
      { field: 'end', message: 'must be after start' },
    ]);
  const user = await findViewerSettings(deps.db, actor.userId);
  const viewerZone = q.tz ?? user?.time_zone ?? OFFICE_TIME_ZONE;
  const cals = await visibleCalendars(deps.db, actor.userId, actor.role);
  const permissions = new Map<string, CalendarPermission>(cals.map((c) => [c.id, c.permission]));
  const wanted = list(q.calendars);
  const kinds = list(q.kinds);
  const rows = await findFeedItems(deps.db, fromMs, toMs, {
    calendarIds: wanted
      ? cals.filter((c) => wanted.includes(c.id)).map((c) => c.id)
      : [...permissions.keys()],
    everything: !wanted,
    userId: actor.userId,
    kinds,
    statuses: list(q.status),
    communityId: q.community,
    text: q.q,
    approver: isApprover(actor),
    fullCalendarIds: cals
      .filter((c) => c.permission === 'edit' || c.permission === 'manage')
      .map((c) => c.id),
  });
  const showHolidays = q.holidays ? q.holidays === 'true' : (user?.show_holidays ?? true);
  const holidays = showHolidays && (!kinds || kinds.includes('holiday'));
  return { fromMs, toMs, viewerZone, permissions, rows, holidays };
}

export async function calendarFeed(deps: Pick<ServiceDeps, 'db'>, actor: Actor, q: FeedQuery) {
  const { fromMs, toMs, viewerZone, permissions, rows, holidays } = await selectFeedItems(deps, actor, q);

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
      actor,
    ),
  );
  const done = await doneOccurrences(deps.db, rows);
  for (const [i, row] of rows.entries()) {
    const out = expanded[i]!;
    if (out.truncated) {
      truncated = true;
      const permission = permissions.get(row.calendar_id);
      if (permission === 'edit' || permission === 'manage') truncatedSeries.push(row.id);
    }
    const doneHere = done.get(row.id);
    occurrences.push(
      ...(doneHere
        ? out.items.map((o) =>
            o.details && o.recurrenceId && doneHere.has(o.recurrenceId)
              ? { ...o, details: { ...o.details, taskStatus: 'done' } }
              : o,
          )
        : out.items),
    );
  }
  if (holidays) occurrences.push(...holidaysBetween(fromMs, toMs, viewerZone));
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

/** The done occurrences of the recurring tasks among `rows`, by item, as the feed names them. */
async function doneOccurrences(db: Queryable, rows: readonly ItemRow[]) {
  const tasks = rows.filter((r) => r.kind === 'task' && isSeries(r));
  const allDay = new Set(tasks.filter((r) => r.all_day).map((r) => r.id));
  const out = new Map<string, Set<string>>();
  for (const c of await findTaskCompletions(
    db,
    tasks.map((r) => r.id),
  )) {
    const set = out.get(c.item_id) ?? new Set<string>();
    set.add(allDay.has(c.item_id) ? c.recurrence_id.slice(0, 10) : c.recurrence_id);
    out.set(c.item_id, set);
  }
  return out;
}

/**
 * How a viewer sees an item: `hidden` (others' leave that is not approved), `hide` (only that the
 * time is busy: private items on calendars they only view) or `onLeave` (colleagues see approved
 * leave as "On leave", without its type or reason; the requester and approvers see it whole).
 */
export function viewOf(
  row: ItemRow,
  permission: CalendarPermission | null,
  viewer: Pick<Actor, 'userId' | 'role'> | undefined,
): { hidden: boolean; hide: boolean; onLeave: boolean } {
  const leaveFully = row.kind === 'leave' && viewer !== undefined && seesLeaveFully(viewer, row.organizer_id);
  const onLeave = row.kind === 'leave' && viewer !== undefined && !leaveFully;
  const hidden = onLeave && row.details?.approval_status !== 'approved';
  return { hidden, hide: masked(row, permission) && !leaveFully, onLeave };
}

/**
 * The occurrences of one item overlapping [fromMs, toMs), as the viewer should see them: the
 * series expanded with its exceptions merged in (domain `occurrencesInWindow`), then presented
 * (private items masked as busy, all-day ones as dates, timed ones as instants). With a `share`
 * of the feed's budget, a series that needs more — or a stored rule that cannot be expanded at
 * all — is cut short (`truncated`) instead of failing the answer.
 */
export function occurrencesOf(
  row: ItemRow,
  exceptions: readonly ExceptionRow[],
  fromMs: number,
  toMs: number,
  viewerZone: string,
  permission: CalendarPermission | null,
  share?: SeriesBudget,
  viewer?: Pick<Actor, 'userId' | 'role'>,
): { items: Occurrence[]; truncated: boolean; spent: SeriesBudget } {
  const expansion = expandWithin(row, exceptions, fromMs, toMs, viewerZone, share);
  const { occurrences, truncated } = expansion;
  const { hidden, hide, onLeave } = viewOf(row, permission, viewer);
  if (hidden) return { items: [], truncated: false, spent: { limit: 0, candidates: expansion.candidates } };
  const series = isSeries(row);
  const details = hide ? undefined : onLeave ? { approvalStatus: 'approved' } : presentDetails(row.details);
  const color = row.color ?? kindColors[row.kind];
  // Others' leave is never a colleague's to change, whatever their permission on its calendar.
  const editable = (permission === 'edit' || permission === 'manage') && !onLeave;
  const items = occurrences.map((o): Occurrence => {
    const x = o.exception;
    return {
      itemId: row.id,
      kind: row.kind,
      title: hide ? 'Busy' : onLeave ? ON_LEAVE : (x?.title ?? row.title),
      start: o.dates ? o.dates.start : new Date(o.startMs).toISOString(),
      end: o.dates ? o.dates.end : new Date(o.endMs).toISOString(),
      allDay: row.all_day,
      recurrenceId: series ? (row.all_day ? o.recurrenceId.slice(0, 10) : o.recurrenceId) : null,
      isException: x !== undefined,
      status: x?.status ?? row.status,
      color,
      calendarId: row.calendar_id,
      communityId: hide ? null : row.community_id,
      location: hide || onLeave ? null : (x?.location ?? row.location),
      recurring: series,
      editable,
      ...(details ? { details } : {}),
    };
  });
  return { items, truncated, spent: { limit: occurrences.length, candidates: expansion.candidates } };
}

/** The occurrences of one row in a window, within `share` when given (cut short instead of failing). */
export function expandWithin(
  row: ItemRow,
  exceptions: readonly ExceptionRow[],
  fromMs: number,
  toMs: number,
  viewerZone: string,
  share: SeriesBudget | undefined,
) {
  const times = timesOf(row);
  const overrides = exceptions.map(exceptionOf);
  if (!share)
    return occurrencesInWindow(
      times,
      overrides,
      { fromMs, toMs },
      { limit: MAX_PER_SERIES, floatingZone: viewerZone },
    );
  try {
    return occurrencesInWindow(
      times,
      overrides,
      { fromMs, toMs },
      { limit: share.limit, floatingZone: viewerZone, maxCandidates: share.candidates, onBudget: 'truncate' },
    );
  } catch (e) {
    // A stored rule that can no longer be expanded (legacy data) shows as cut short, never as an error.
    if (!isAppError(e) || !/^(recurrence|time)\./.test(e.code)) throw e;
    return { occurrences: [], truncated: true, candidates: share.candidates };
  }
}
