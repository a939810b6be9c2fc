import { FORBIDDEN_CONTROL } from '@kalendaryo/contract';
import { cancelledException, type SeriesException } from '@kalendaryo/domain';
import ICAL from 'ical.js';
import { type ComponentLines, invalidAt, normaliseEndings, scanLines } from './ical.import.lines';
import {
  dayAfter,
  type IcsTime,
  localIn,
  msOf,
  SkipComponent,
  seriesZone,
  timesOf,
} from './ical.import.times';
import { type ResolvedZone, zoneResolver } from './ical.zones';

/** A person named by ORGANIZER or ATTENDEE. */
export interface ImportedPerson {
  email: string | null;
  name: string;
  organizer: boolean;
}

/** One series (or single item) of the file, in the shape items are stored. */
export interface ImportedItem {
  uid: string;
  kind: 'event' | 'engagement' | 'assessment' | 'task';
  title: string;
  description: string | null;
  location: string | null;
  allDay: boolean;
  timeZone: string | null;
  /** Local wall times in `timeZone` (dates for all-day items). */
  start: string;
  end: string;
  rrule: string | null;
  exdates: string[];
  rdates: string[];
  status: 'tentative' | 'confirmed' | 'cancelled';
  visibility: 'default' | 'private';
  exceptions: SeriesException[];
  people: ImportedPerson[];
  task: { dueAt: Date | null; taskStatus: 'todo' | 'in_progress' | 'done'; priority: string } | null;
}

export interface ReadResult {
  items: ImportedItem[];
  skipped: { uid: string; reason: string }[];
  /** How often the publisher asks to be polled (REFRESH-INTERVAL, RFC 7986, or X-PUBLISHED-TTL), in minutes. */
  refreshMinutes: number | null;
}

/** The calendar's REFRESH-INTERVAL (RFC 7986 §5.7) or Outlook's X-PUBLISHED-TTL, in minutes. */
function refreshOf(calendars: readonly ICAL.Component[]): number | null {
  for (const c of calendars)
    for (const name of ['refresh-interval', 'x-published-ttl']) {
      const raw = c.getFirstProperty(name)?.toJSON()[3];
      if (typeof raw !== 'string') continue;
      try {
        const seconds = ICAL.Duration.fromString(raw).toSeconds();
        if (seconds > 0) return Math.round(seconds / 60);
      } catch {
        // A malformed interval is ignored: the subscription keeps its own schedule.
      }
    }
  return null;
}

type Resolve = (tzid: string) => ResolvedZone | undefined;

/** A component with the lines it came from, for errors that name the line. */
interface Source {
  comp: ICAL.Component;
  lines: ComponentLines;
}

/** Reads a property, turning a value ical.js cannot decode into a 422 naming its line. */
function read<T>(src: Source, name: string, get: () => T): T {
  try {
    return get();
  } catch (e) {
    if (e instanceof SkipComponent) throw e;
    const prop = src.lines.props.find((p) => p.name === name.toUpperCase());
    const message = e instanceof Error ? e.message : String(e);
    throw invalidAt(
      prop?.line ?? src.lines.line,
      name.toUpperCase(),
      prop ? `“${prop.value.slice(0, 80)}”: ${message}` : message,
    );
  }
}

// The control characters no request field accepts (PostgreSQL text cannot even hold U+0000).
const CONTROL = new RegExp(FORBIDDEN_CONTROL.source, 'g');

const text = (src: Source, name: string): string | null => {
  const v = read(src, name, () => src.comp.getFirstPropertyValue(name));
  const clean = typeof v === 'string' ? v.replace(CONTROL, '') : '';
  return clean.trim() !== '' ? clean : null;
};

/** One change per occurrence: of several with the same RECURRENCE-ID, the highest SEQUENCE. */
function latestChanges(changes: readonly Source[], recurrenceIdOf: (s: Source) => string): Source[] {
  const seq = (s: Source) => Number(s.comp.getFirstPropertyValue('sequence') ?? 0);
  const byId = new Map<string, Source>();
  for (const c of [...changes].sort((a, b) => seq(a) - seq(b))) byId.set(recurrenceIdOf(c), c);
  return [...byId.values()];
}

const allTimes = (src: Source, name: string, resolve: Resolve): IcsTime[] =>
  read(src, name, () => src.comp.getAllProperties(name).flatMap((p) => timesOf(p, resolve)));

function parseDocument(body: string): { sources: Source[]; resolve: Resolve; refreshMinutes: number | null } {
  const normalised = normaliseEndings(body);
  const scanned = scanLines(normalised);
  let parsed: unknown;
  try {
    parsed = ICAL.parse(normalised);
  } catch (e) {
    throw invalidAt(1, 'VCALENDAR', e instanceof Error ? e.message : String(e));
  }
  const roots = (Array.isArray(parsed) && Array.isArray(parsed[0]) ? parsed : [parsed]) as unknown[];
  const calendars = roots.map((r) => new ICAL.Component(r as unknown[]));
  const resolvers = calendars.map((c) => zoneResolver(c));
  const resolve: Resolve = (tzid) => {
    for (const r of resolvers) {
      const z = r(tzid);
      if (z) return z;
    }
    return undefined;
  };
  const comps = calendars.flatMap((c) =>
    c.getAllSubcomponents().filter((s) => s.name === 'vevent' || s.name === 'vtodo'),
  );
  const sources = comps.map((comp, i) => ({ comp, lines: scanned[i] as ComponentLines }));
  return { sources, resolve, refreshMinutes: refreshOf(calendars) };
}

/**
 * Reads an iCalendar file into items: one per UID (the master with the highest SEQUENCE), its
 * RECURRENCE-ID components attached as exceptions (STATUS:CANCELLED ones as cancelled
 * occurrences). Structural errors are a 422 naming the line; a component that cannot become an
 * item (no UID, unknown zone, a rule our engine refuses) is skipped with a reason.
 */
export function readCalendar(body: string, validate: (item: ImportedItem) => void): ReadResult {
  const { sources, resolve, refreshMinutes } = parseDocument(body);
  const masters = new Map<string, Source>();
  const overrides = new Map<string, Source[]>();
  const skipped: ReadResult['skipped'] = [];
  for (const src of sources) {
    const uid = text(src, 'uid');
    if (!uid) {
      skipped.push({ uid: '', reason: `the ${src.lines.kind} at line ${src.lines.line} has no UID` });
      continue;
    }
    if (src.comp.hasProperty('recurrence-id')) {
      overrides.set(uid, [...(overrides.get(uid) ?? []), src]);
      continue;
    }
    const seen = masters.get(uid);
    const seq = (s: Source) => Number(s.comp.getFirstPropertyValue('sequence') ?? 0);
    if (!seen || seq(src) >= seq(seen)) masters.set(uid, src);
  }
  const items: ImportedItem[] = [];
  for (const [uid, src] of masters) {
    try {
      const item = readItem(uid, src, overrides.get(uid) ?? [], resolve);
      validate(item);
      items.push(item);
    } catch (e) {
      if (e instanceof SkipComponent) skipped.push({ uid, reason: e.message });
      else if (e instanceof Error && 'code' in e && e.code !== 'ical.invalid')
        skipped.push({ uid, reason: (e as { detail?: string }).detail ?? e.message });
      else throw e;
    }
  }
  for (const uid of overrides.keys())
    if (!masters.has(uid))
      skipped.push({
        uid,
        reason: 'changes to single occurrences (RECURRENCE-ID) whose series is not in the file',
      });
  return { items, skipped, refreshMinutes };
}

const STATUS: Record<string, ImportedItem['status']> = {
  TENTATIVE: 'tentative',
  CONFIRMED: 'confirmed',
  CANCELLED: 'cancelled',
};

function kindOf(src: Source): ImportedItem['kind'] {
  if (src.lines.kind === 'VTODO') return 'task';
  const categories = src.comp
    .getAllProperties('categories')
    .flatMap((p) => p.getValues().map((v) => String(v).trim().toLowerCase()));
  // Kalendaryo's own export writes the kind as a category (tasks as VEVENTs with CATEGORIES:task);
  // other kinds need details a file lacks.
  if (categories.includes('task')) return 'task';
  if (categories.includes('engagement')) return 'engagement';
  if (categories.includes('assessment')) return 'assessment';
  return 'event';
}

function readItem(uid: string, src: Source, changes: Source[], resolve: Resolve): ImportedItem {
  const isTask = src.lines.kind === 'VTODO';
  const startProp =
    allTimes(src, 'dtstart', resolve)[0] ?? (isTask ? allTimes(src, 'due', resolve)[0] : undefined);
  if (!startProp)
    throw new SkipComponent(isTask ? 'a task without DTSTART or DUE' : 'an event without DTSTART');
  const allDay = startProp.kind === 'date';
  const zone = allDay ? null : seriesZone(startProp);
  const start = allDay ? (startProp as { date: string }).date : localIn(startProp, zone, '00:00:00');
  const timeOfDay = allDay ? '00:00:00' : start.slice(11, 19);
  const end = endOf(src, startProp, start, zone, resolve, isTask);
  const rrules = src.lines.props.filter((p) => p.name === 'RRULE');
  if (rrules.length > 1) throw new SkipComponent('several RRULEs in one component (deprecated by RFC 5545)');
  const asLocal = (t: IcsTime) => localIn(t, zone, timeOfDay);
  const status = String(
    read(src, 'status', () => src.comp.getFirstPropertyValue('status')) ?? '',
  ).toUpperCase();
  const klass = String(src.comp.getFirstPropertyValue('class') ?? '').toUpperCase();
  return {
    uid,
    kind: kindOf(src),
    title: (text(src, 'summary') ?? '(no title)').slice(0, 500),
    description: text(src, 'description'),
    location: text(src, 'location'),
    allDay,
    timeZone: zone,
    start,
    end,
    rrule: rrules[0]?.value.trim() || null,
    exdates: allTimes(src, 'exdate', resolve).map(asLocal),
    rdates: allTimes(src, 'rdate', resolve).map(asLocal),
    status: isTask ? 'confirmed' : (STATUS[status] ?? 'confirmed'),
    visibility: klass === 'PRIVATE' || klass === 'CONFIDENTIAL' ? 'private' : 'default',
    exceptions: latestChanges(changes, (c) =>
      localIn(allTimes(c, 'recurrence-id', resolve)[0] as IcsTime, zone, timeOfDay),
    )
      .map((c) => exceptionOf(c, zone, allDay, timeOfDay, resolve))
      .sort((a, b) => a.recurrenceId.localeCompare(b.recurrenceId)),
    people: peopleOf(src),
    task: isTask ? taskOf(src, status, resolve) : null,
  };
}

/** DTEND, else DTSTART + DURATION, else (RFC 5545 §3.6.1) one day for dates, no length for times. */
function endOf(
  src: Source,
  startProp: IcsTime,
  start: string,
  zone: string | null,
  resolve: Resolve,
  isTask: boolean,
): string {
  const endProp = allTimes(src, isTask ? 'due' : 'dtend', resolve)[0];
  const allDay = startProp.kind === 'date';
  if (endProp && !(isTask && !src.comp.hasProperty('dtstart'))) {
    if (allDay) return endProp.kind === 'date' ? endProp.date : dayAfter(start);
    return localIn(endProp, zone, start.slice(11, 19));
  }
  const duration = read(src, 'duration', () =>
    src.comp.getFirstPropertyValue('duration'),
  ) as ICAL.Duration | null;
  const seconds = duration ? duration.toSeconds() : 0;
  if (allDay) return dayAfter(start, Math.max(1, Math.round(seconds / 86_400)));
  return localIn({ kind: 'utc', ms: msOf(startProp) + seconds * 1000 }, zone, '00:00:00');
}

function exceptionOf(
  src: Source,
  zone: string | null,
  allDay: boolean,
  timeOfDay: string,
  resolve: Resolve,
): SeriesException {
  const rid = allTimes(src, 'recurrence-id', resolve)[0] as IcsTime;
  const recurrenceId = localIn(rid, zone, timeOfDay);
  const status = String(src.comp.getFirstPropertyValue('status') ?? '').toUpperCase();
  if (status === 'CANCELLED') return cancelledException(recurrenceId);
  const startProp = allTimes(src, 'dtstart', resolve)[0] ?? rid;
  const dtstart = localIn(startProp, zone, timeOfDay);
  const endText = endOf(src, startProp, allDay ? dtstart.slice(0, 10) : dtstart, zone, resolve, false);
  return {
    recurrenceId,
    cancelled: false,
    dtstart,
    dtend: endText.length === 10 ? `${endText}T00:00:00` : endText,
    title: text(src, 'summary')?.slice(0, 500) ?? null,
    description: text(src, 'description'),
    location: text(src, 'location'),
    status: STATUS[status] ?? null,
  };
}

function personOf(p: ICAL.Property, organizer: boolean): ImportedPerson {
  const value = String(p.getFirstValue() ?? '');
  const email = /^mailto:/i.test(value) ? value.slice(7).trim().toLowerCase() : null;
  const cn = p.getParameter('cn');
  const name = (typeof cn === 'string' && cn.trim() ? cn.trim() : (email ?? value)).slice(0, 200);
  return { email, name: name || 'Guest', organizer };
}

function peopleOf(src: Source): ImportedPerson[] {
  const organizer = src.comp.getAllProperties('organizer').map((p) => personOf(p, true));
  const attendees = src.comp.getAllProperties('attendee').map((p) => personOf(p, false));
  const seen = new Set<string>();
  return [...organizer, ...attendees].filter((p) => {
    const key = p.email ?? p.name;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function taskOf(src: Source, status: string, resolve: Resolve): ImportedItem['task'] {
  const due = allTimes(src, 'due', resolve)[0];
  const priority = Number(src.comp.getFirstPropertyValue('priority') ?? 0);
  return {
    dueAt: due ? new Date(msOf(due)) : null,
    taskStatus: status === 'COMPLETED' ? 'done' : status === 'IN-PROCESS' ? 'in_progress' : 'todo',
    // RFC 5545 §3.8.1.9: 1–4 high, 5 medium, 6–9 low, 0 undefined.
    priority:
      priority >= 1 && priority <= 2
        ? 'urgent'
        : priority <= 4 && priority > 0
          ? 'high'
          : priority >= 6
            ? 'low'
            : 'normal',
  };
}
