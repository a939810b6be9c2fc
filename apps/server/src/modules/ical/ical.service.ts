import { createHash } from 'node:crypto';
import type { Occurrence } from '@kalendaryo/contract';
import { AppError, localToInstant } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import { requireCalendar } from '../calendars';
import type { Actor, RequestMeta, ServiceDeps } from '../deps';
import { type ExportedItem, type ExportSet, exportItems, type FeedQuery, linkExportItems } from '../items';
import { type Clock, feedAnswered, resolveFeed, useLink } from '../sharing';
import { findUserById } from '../users';
import { findAttendees, findPeople } from './ical.repository';
import { addSeconds, type IcsAttendee, type IcsEvent, writeCalendar } from './ical.writer';

type Deps = Pick<ServiceDeps, 'db'>;
const DAY = 86_400_000;
/** How often subscribers are asked to poll. */
export const REFRESH = 'PT15M';
const systemClock: Clock = () => new Date();

/** A written calendar: its text in chunks, and whether items were left out to bound the work. */
export interface IcsDocument {
  chunks: Iterable<string>;
  truncated: boolean;
}

/** The window an export covers when none is given: a year back, two years ahead. */
export const defaultWindow = (now: Date) => ({
  start: new Date(now.getTime() - 365 * DAY).toISOString(),
  end: new Date(now.getTime() + 730 * DAY).toISOString(),
});

const PARTSTAT: Record<string, IcsAttendee['partstat']> = {
  going: 'ACCEPTED',
  maybe: 'TENTATIVE',
  declined: 'DECLINED',
};

/** Seconds between two local wall times (the length an override keeps when only its details changed). */
const lengthOf = (it: ExportedItem) =>
  (Date.parse(`${it.dtend.slice(0, 19)}Z`) - Date.parse(`${it.dtstart.slice(0, 19)}Z`)) / 1000;

/** An item as VEVENTs: the series (with cancelled occurrences as EXDATE) and one per changed occurrence. */
function eventsOf(it: ExportedItem, people: People): IcsEvent[] {
  const day = (s: string) => (it.allDay ? s.slice(0, 10) : s);
  const base = {
    uid: it.uid,
    sequence: it.sequence,
    stamp: it.updatedAt,
    created: it.createdAt,
    allDay: it.allDay,
    zone: it.allDay ? null : it.timeZone,
    categories: [it.kind],
    color: it.color,
    klass: it.busyOnly ? ('CONFIDENTIAL' as const) : undefined,
    organizer: it.busyOnly || !it.organizerId ? null : (people.organizers.get(it.organizerId) ?? null),
    attendees: it.busyOnly ? [] : (people.attendees.get(it.id) ?? []),
  };
  const cancelled = it.exceptions.filter((x) => x.cancelled).map((x) => day(x.recurrenceId));
  const master: IcsEvent = {
    ...base,
    start: day(it.dtstart),
    end: day(it.dtend),
    summary: it.title,
    description: it.description,
    location: it.location,
    status: it.status,
    rrule: it.rrule,
    exdates: [...it.exdates.map(day), ...cancelled],
    rdates: it.rdates.map(day),
  };
  const overrides = it.exceptions
    .filter((x) => !x.cancelled)
    .map((x): IcsEvent => {
      const start = x.dtstart ?? x.recurrenceId;
      const end = x.dtend ?? addSeconds(x.recurrenceId, lengthOf(it));
      return {
        ...base,
        recurrenceId: day(x.recurrenceId),
        start: day(start),
        end: day(end),
        summary: x.title ?? it.title,
        description: x.description ?? it.description,
        location: x.location ?? it.location,
        status: x.status ?? it.status,
      };
    });
  return [master, ...overrides];
}

/** A holiday of the feed as an all-day VEVENT. */
const holidayEvent = (h: Occurrence, stamp: Date): IcsEvent => ({
  uid: `holiday-${h.start}-${h.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}@kalendaryo`,
  sequence: 0,
  stamp,
  allDay: true,
  start: h.start.slice(0, 10),
  end: h.end.slice(0, 10),
  zone: null,
  summary: h.title,
  categories: ['holiday'],
  color: h.color,
});

interface People {
  organizers: Map<string, { name: string; email: string }>;
  attendees: Map<string, IcsAttendee[]>;
}

async function peopleOf(db: Queryable, items: readonly ExportedItem[], withPeople: boolean): Promise<People> {
  const people: People = { organizers: new Map(), attendees: new Map() };
  if (!withPeople) return people;
  const open = items.filter((i) => !i.busyOnly);
  const organizerIds = [...new Set(open.map((i) => i.organizerId).filter((x): x is string => x !== null))];
  for (const p of await findPeople(db, organizerIds))
    people.organizers.set(p.id, { name: p.name, email: p.email });
  for (const a of await findAttendees(
    db,
    open.map((i) => i.id),
  )) {
    const list = people.attendees.get(a.item_id) ?? [];
    list.push({ name: a.name, email: a.email, partstat: a.status ? PARTSTAT[a.status]! : 'NEEDS-ACTION' });
    people.attendees.set(a.item_id, list);
  }
  return people;
}

/** How far past the window the VTIMEZONEs reach when a series has no end (readers expand it further). */
const ENDLESS_REACH_MS = 10 * 365 * DAY;

const endless = (it: ExportedItem) => it.rrule !== null && !/(^|;)(COUNT|UNTIL)=/i.test(it.rrule);

/**
 * The instants the VTIMEZONEs must cover: from the earliest item to the window's end, or ten years
 * beyond it when a series never ends, so readers expanding it later still find the right offsets.
 */
function zoneRange(set: ExportSet, endMs: number) {
  let fromMs = endMs;
  let toMs = endMs;
  for (const it of set.items) {
    if (it.allDay || !it.timeZone) continue;
    const start = Date.parse(localToInstant(it.dtstart, it.timeZone));
    const end = Date.parse(localToInstant(it.dtend, it.timeZone));
    fromMs = Math.min(fromMs, start);
    toMs = Math.max(toMs, end, endless(it) ? endMs + ENDLESS_REACH_MS : 0);
  }
  return { fromMs: fromMs - DAY, toMs: toMs + DAY };
}

async function document(
  db: Queryable,
  set: ExportSet,
  meta: { name: string; color?: string | undefined; refresh?: string; endMs: number; withPeople: boolean },
  now: Date,
): Promise<IcsDocument> {
  const people = await peopleOf(db, set.items, meta.withPeople);
  const zones = set.items.filter((i) => !i.allDay && i.timeZone).map((i) => i.timeZone!);
  function* events(): Generator<IcsEvent> {
    for (const it of set.items) yield* eventsOf(it, people);
    for (const h of set.holidays) yield holidayEvent(h, now);
  }
  return {
    chunks: writeCalendar(
      {
        name: meta.name,
        color: meta.color,
        ...(meta.refresh ? { refresh: meta.refresh } : {}),
        zoneRange: zoneRange(set, meta.endMs),
      },
      zones,
      events(),
    ),
    truncated: set.truncated,
  };
}

/** `GET /calendar.ics`: what `GET /calendar` with the same filters shows, as iCalendar. */
export async function exportFeed(
  deps: Deps,
  actor: Actor,
  q: Partial<FeedQuery>,
  clock: Clock = systemClock,
): Promise<IcsDocument> {
  const now = clock();
  const window = {
    ...defaultWindow(now),
    ...(q.start ? { start: q.start } : {}),
    ...(q.end ? { end: q.end } : {}),
  };
  const set = await exportItems(deps, actor, { ...q, ...window });
  return document(deps.db, set, { name: 'Kalendaryo', endMs: Date.parse(window.end), withPeople: true }, now);
}

/** `GET /calendars/{id}/calendar.ics`: one calendar the actor may view, as they see it. */
export async function exportCalendar(
  deps: Deps,
  actor: Actor,
  calendarId: string,
  q: { start?: string | undefined; end?: string | undefined },
  clock: Clock = systemClock,
  refresh?: string,
): Promise<IcsDocument> {
  const cal = await requireCalendar(deps.db, actor, calendarId, 'view');
  const now = clock();
  const window = {
    ...defaultWindow(now),
    ...(q.start ? { start: q.start } : {}),
    ...(q.end ? { end: q.end } : {}),
  };
  const set = await exportItems(deps, actor, { ...window, calendars: calendarId, holidays: 'false' });
  return document(
    deps.db,
    set,
    {
      name: cal.name,
      color: cal.color,
      endMs: Date.parse(window.end),
      withPeople: true,
      ...(refresh ? { refresh } : {}),
    },
    now,
  );
}

/** A feed's answer: its text, a strong ETag of it and when its content last changed. */
export interface FeedAnswer {
  text: string;
  etag: string;
  lastModified: Date;
}

/**
 * The subscription feed behind a token: the calendar as its user sees it now. The whole text is
 * hashed for the ETag (so a 304 is exact whatever changed), and the feed remembers when that hash
 * last changed, which is its Last-Modified.
 */
export async function subscriptionFeed(
  deps: Deps,
  token: string,
  clock: Clock = systemClock,
): Promise<FeedAnswer> {
  const feed = await resolveFeed(deps, token);
  const user = await findUserById(deps.db, feed.user_id);
  if (!user?.active) throw new AppError('calendar_feed.not_found');
  const actor: Actor = {
    userId: user.id,
    role: user.role,
    name: user.name,
    email: user.email,
    sessionId: 'feed',
    via: 'bearer',
    csrfToken: null,
  };
  let doc: IcsDocument;
  try {
    doc = await exportCalendar(deps, actor, feed.calendar_id, {}, clock, REFRESH);
  } catch (e) {
    // The user lost access to the calendar: the feed says nothing more than an unknown one.
    if (e instanceof Error && 'code' in e && (e.code === 'calendar.not_found' || e.code === 'auth.forbidden'))
      throw new AppError('calendar_feed.not_found');
    throw e;
  }
  const text = [...doc.chunks].join('');
  const hash = createHash('sha256').update(text).digest('base64url');
  const lastModified = await feedAnswered(deps, feed.id, hash);
  return { text, etag: `"${hash}"`, lastModified };
}

/** A view link's calendar as iCalendar (no organisers or attendees: the holder is anonymous). */
export async function linkCalendarIcs(
  deps: Deps,
  token: string,
  who: { userId: string | null; meta: RequestMeta },
  clock: Clock = systemClock,
): Promise<IcsDocument> {
  const used = await useLink(deps, token, 'ics', who, clock);
  const now = clock();
  const window = defaultWindow(now);
  const set = await linkExportItems(
    deps.db,
    used.calendar.id,
    used.link.show_details,
    Date.parse(window.start),
    Date.parse(window.end),
  );
  return document(
    deps.db,
    set,
    {
      name: used.calendar.name,
      color: used.calendar.color,
      refresh: REFRESH,
      endMs: Date.parse(window.end),
      withPeople: false,
    },
    now,
  );
}
