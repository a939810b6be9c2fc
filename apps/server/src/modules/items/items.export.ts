import type { CalendarPermission, ItemKind, Occurrence } from '@kalendaryo/contract';
import type { Queryable } from '../../db/client';
import type { Actor, ServiceDeps } from '../deps';
import { expandFairly } from './feed-budget';
import { holidaysBetween } from './holidays';
import { type FeedQuery, MAX_FEED_OCCURRENCES, occurrencesOf, selectFeedItems, viewOf } from './items.feed';
import { findFeedItems } from './items.feed.repository';
import { ON_LEAVE } from './items.leave';
import { kindColors } from './items.present';
import { type ExceptionRow, findExceptions, type ItemRow } from './items.repository';
import { isSeries } from './items.scopes';

/** Most items one export writes; a calendar with more is cut (the answer says so in a header). */
export const MAX_EXPORT_ITEMS = 20_000;

/** Someone who is nobody: leave shows as "On leave" to them and nothing private is theirs. */
const NOBODY = { userId: '00000000-0000-0000-0000-000000000000', role: 'viewer' } as const;

/** An exception of a series as an export shows it (details masked like its series). */
export interface ExportedException {
  recurrenceId: string;
  cancelled: boolean;
  dtstart: string | null;
  dtend: string | null;
  title: string | null;
  description: string | null;
  location: string | null;
  status: ItemRow['status'] | null;
}

/**
 * An item (a series once, with its rule) as a viewer may see it, ready to be written as
 * iCalendar: wall times in `timeZone` (null = floating), details masked for busy-only viewers.
 */
export interface ExportedItem {
  id: string;
  uid: string;
  sequence: number;
  kind: ItemKind;
  calendarId: string;
  title: string;
  description: string | null;
  location: string | null;
  status: ItemRow['status'];
  allDay: boolean;
  dtstart: string;
  dtend: string;
  timeZone: string | null;
  rrule: string | null;
  exdates: string[];
  rdates: string[];
  color: string;
  createdAt: Date;
  updatedAt: Date;
  /** Only that the time is taken: no organiser, attendees or details. */
  busyOnly: boolean;
  organizerId: string | null;
  exceptions: ExportedException[];
}

/** What an export holds: items, the holidays the feed would show, and whether it was cut. */
export interface ExportSet {
  items: ExportedItem[];
  holidays: Occurrence[];
  viewerZone: string;
  truncated: boolean;
}

function exported(
  row: ItemRow,
  exceptions: readonly ExceptionRow[],
  permission: CalendarPermission | null,
  viewer: Pick<Actor, 'userId' | 'role'>,
): ExportedItem | null {
  const { hidden, hide, onLeave } = viewOf(row, permission, viewer);
  if (hidden) return null;
  const plain = !hide && !onLeave;
  return {
    id: row.id,
    uid: row.uid,
    sequence: row.sequence,
    kind: row.kind,
    calendarId: row.calendar_id,
    title: hide ? 'Busy' : onLeave ? ON_LEAVE : row.title,
    description: plain ? row.description : null,
    location: plain ? row.location : null,
    status: row.status,
    allDay: row.all_day,
    dtstart: row.dtstart,
    dtend: row.dtend,
    timeZone: row.time_zone,
    rrule: row.rrule,
    exdates: row.exdates,
    rdates: row.rdates,
    color: row.color ?? kindColors[row.kind],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    busyOnly: hide,
    organizerId: row.organizer_id,
    exceptions: exceptions.map((x) => ({
      recurrenceId: x.recurrence_id,
      cancelled: x.cancelled,
      dtstart: x.dtstart,
      dtend: x.dtend,
      title: plain ? x.title : null,
      description: plain ? x.description : null,
      location: plain ? x.location : null,
      status: x.status,
    })),
  };
}

async function exceptionsByItem(db: Queryable, rows: readonly ItemRow[]) {
  const byItem = new Map<string, ExceptionRow[]>();
  for (const x of await findExceptions(
    db,
    rows.filter(isSeries).map((r) => r.id),
  ))
    byItem.set(x.item_id, [...(byItem.get(x.item_id) ?? []), x]);
  return byItem;
}

const _list = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

/**
 * The items the actor's feed (`GET /calendar` with the same filters) would show in the window,
 * each once with its rule and exceptions, so a reader expanding them finds the feed's occurrences.
 */
export async function exportItems(
  deps: Pick<ServiceDeps, 'db'>,
  actor: Actor,
  q: FeedQuery,
): Promise<ExportSet> {
  const { fromMs, toMs, viewerZone, permissions, rows, holidays } = await selectFeedItems(deps, actor, q);
  const truncated = rows.length > MAX_EXPORT_ITEMS;
  const kept = rows.sort((a, b) => a.start_at.getTime() - b.start_at.getTime()).slice(0, MAX_EXPORT_ITEMS);
  const byItem = await exceptionsByItem(deps.db, kept);
  const items = kept
    .map((r) => exported(r, byItem.get(r.id) ?? [], permissions.get(r.calendar_id) ?? null, actor))
    .filter((x): x is ExportedItem => x !== null);
  return {
    items,
    holidays: holidays ? holidaysBetween(fromMs, toMs, viewerZone) : [],
    viewerZone,
    truncated,
  };
}

/** The rows of one calendar a link shows: private ones (or all, without details) as busy. */
async function linkRows(
  db: Queryable,
  calendarId: string,
  showDetails: boolean,
  fromMs: number,
  toMs: number,
) {
  const rows = await findFeedItems(db, fromMs, toMs, {
    calendarIds: [calendarId],
    everything: false,
    userId: NOBODY.userId,
    fullCalendarIds: [],
  });
  // Without details every item is masked as a private one is for a viewer.
  return showDetails ? rows : rows.map((r): ItemRow => ({ ...r, visibility: 'private' }));
}

/** One calendar as a share link shows it to anyone: view permission, leave as "On leave". */
export async function linkExportItems(
  db: Queryable,
  calendarId: string,
  showDetails: boolean,
  fromMs: number,
  toMs: number,
): Promise<ExportSet> {
  const rows = (await linkRows(db, calendarId, showDetails, fromMs, toMs)).slice(0, MAX_EXPORT_ITEMS);
  const byItem = await exceptionsByItem(db, rows);
  const items = rows
    .map((r) => exported(r, byItem.get(r.id) ?? [], 'view', NOBODY))
    .filter((x): x is ExportedItem => x !== null);
  return { items, holidays: [], viewerZone: 'UTC', truncated: rows.length >= MAX_EXPORT_ITEMS };
}

/** The occurrences of one calendar in [fromMs, toMs) as a share link shows them (see `linkExportItems`). */
export async function linkFeed(
  db: Queryable,
  calendarId: string,
  showDetails: boolean,
  fromMs: number,
  toMs: number,
  zone: string,
): Promise<{ occurrences: Occurrence[]; truncated: boolean }> {
  const rows = await linkRows(db, calendarId, showDetails, fromMs, toMs);
  const byItem = await exceptionsByItem(db, rows);
  // The feed's budget, shared fairly between series, so no stored rule stalls a public page.
  const expanded = await expandFairly(rows, MAX_FEED_OCCURRENCES, (row, share) =>
    occurrencesOf(row, byItem.get(row.id) ?? [], fromMs, toMs, zone, 'view', share, NOBODY),
  );
  const occurrences: Occurrence[] = [];
  let truncated = false;
  for (const out of expanded) {
    truncated ||= out.truncated;
    occurrences.push(...out.items.map((o) => ({ ...o, editable: false })));
  }
  occurrences.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return { occurrences, truncated };
}
