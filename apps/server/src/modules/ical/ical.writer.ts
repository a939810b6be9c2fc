/**
 * An iCalendar writer (RFC 5545, RFC 7986): events in, folded text out, one component at a time
 * so a large calendar never sits in memory as one string. ical.js formats each property (value
 * types, §3.3.11 text escaping, parameters); folding and the VTIMEZONE blocks are ours, the
 * latter from the tz database the runtime carries, since ical.js ships no zone data. Knows
 * nothing of Kalendaryo's tables: it is shared by export, feeds and whatever else writes .ics.
 */
import { formatLocalDateTime, parseLocalDateTime, zoneTransitions } from '@kalendaryo/domain';
import ICAL from 'ical.js';

/** One VEVENT. Times are local wall times (`YYYY-MM-DDTHH:MM:SS`, or `YYYY-MM-DD` when all-day) in `zone`. */
export interface IcsEvent {
  uid: string;
  sequence: number;
  /** When the information last changed (RFC 5545 §3.8.7.2 without METHOD). */
  stamp: Date;
  created?: Date | undefined;
  allDay: boolean;
  start: string;
  end: string;
  /** IANA zone, or null for floating times. */
  zone: string | null;
  summary: string;
  description?: string | null | undefined;
  location?: string | null | undefined;
  status?: 'tentative' | 'confirmed' | 'cancelled' | undefined;
  categories?: readonly string[] | undefined;
  /** `#rrggbb`; written as an RFC 7986 COLOR and as Apple's X-APPLE-CALENDAR-COLOR is not per event. */
  color?: string | null | undefined;
  /** The RRULE value without `RRULE:`. */
  rrule?: string | null | undefined;
  exdates?: readonly string[] | undefined;
  rdates?: readonly string[] | undefined;
  /** For an override of one occurrence: its original local start. */
  recurrenceId?: string | null | undefined;
  /** PUBLIC, PRIVATE or CONFIDENTIAL (busy blocks). */
  klass?: 'PUBLIC' | 'PRIVATE' | 'CONFIDENTIAL' | undefined;
  organizer?: { name: string; email: string } | null | undefined;
  attendees?: readonly IcsAttendee[] | undefined;
}

export interface IcsAttendee {
  name: string;
  email: string;
  partstat: 'NEEDS-ACTION' | 'ACCEPTED' | 'DECLINED' | 'TENTATIVE';
}

/** The calendar around the events. */
export interface IcsCalendar {
  name: string;
  color?: string | undefined;
  description?: string | null | undefined;
  /** How often subscribers should poll (REFRESH-INTERVAL and X-PUBLISHED-TTL). */
  refresh?: string | undefined;
  /** The instants the VTIMEZONEs must cover (the occurrences readers will compute). */
  zoneRange: { fromMs: number; toMs: number };
}

const CRLF = '\r\n';
const PRODID = '-//Kalendaryo//Kalendaryo Calendar//EN';

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): every physical line, the leading space of a
 * continuation included, has at most 75 octets, and no UTF-8 sequence is split.
 */
export function foldLine(line: string): string {
  let out = '';
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch);
    if (octets + size > 75) {
      out += `${current}${CRLF} `;
      current = '';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  return out + current;
}

type Value = string | ICAL.Time | ICAL.Recur | ICAL.UtcOffset | ICAL.Duration | string[];

/** One property as a folded content line with its CRLF. */
function line(name: string, value: Value, params: Record<string, string> = {}, type?: string): string {
  const prop = new ICAL.Property(name.toLowerCase());
  if (type) prop.resetType(type);
  for (const [k, v] of Object.entries(params)) prop.setParameter(k, v);
  if (Array.isArray(value)) prop.setValues(value);
  else prop.setValue(value);
  return foldLine(ICAL.stringify.property(prop.toJSON(), ICAL.design.icalendar, true)) + CRLF;
}

/**
 * A TEXT property ical.js does not know (RFC 7986 NAME, X-WR-*), escaped as §3.3.11 asks: ical.js
 * would write it unescaped or with a VALUE parameter that some readers show.
 */
function textLine(name: string, value: string): string {
  const escaped = value.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
  return `${foldLine(`${name}:${escaped}`)}${CRLF}`;
}

const utc = (d: Date) => ICAL.Time.fromJSDate(d, true);

/** A local value as a DATE or floating DATE-TIME (the zone goes in the TZID parameter). */
function localTime(value: string, allDay: boolean): ICAL.Time {
  return allDay
    ? ICAL.Time.fromDateString(value.slice(0, 10))
    : ICAL.Time.fromDateTimeString(value.slice(0, 19));
}

/** DTSTART, DTEND, EXDATE… with VALUE=DATE for all-day, TZID for zoned and nothing for floating. */
function timeLine(name: string, value: string, ev: Pick<IcsEvent, 'allDay' | 'zone'>): string {
  if (ev.allDay) return line(name, localTime(value, true), {}, 'date');
  return line(name, localTime(value, false), ev.zone ? { tzid: ev.zone } : {}, 'date-time');
}

function eventLines(ev: IcsEvent): string {
  let out = 'BEGIN:VEVENT\r\n';
  out += line('UID', ev.uid);
  out += line('DTSTAMP', utc(ev.stamp));
  if (ev.created) out += line('CREATED', utc(ev.created));
  out += line('LAST-MODIFIED', utc(ev.stamp));
  out += line('SEQUENCE', String(ev.sequence), {}, 'integer');
  if (ev.recurrenceId) out += timeLine('RECURRENCE-ID', ev.recurrenceId, ev);
  out += timeLine('DTSTART', ev.start, ev);
  out += timeLine('DTEND', ev.end, ev);
  if (ev.rrule) out += line('RRULE', ICAL.Recur.fromString(ev.rrule.replace(/^RRULE:/i, '')));
  for (const d of ev.exdates ?? []) out += timeLine('EXDATE', d, ev);
  for (const d of ev.rdates ?? []) out += timeLine('RDATE', d, ev);
  out += line('SUMMARY', ev.summary);
  if (ev.description) out += line('DESCRIPTION', ev.description);
  if (ev.location) out += line('LOCATION', ev.location);
  if (ev.status) out += line('STATUS', ev.status.toUpperCase());
  if (ev.categories?.length) out += line('CATEGORIES', [...ev.categories]);
  if (ev.klass) out += line('CLASS', ev.klass);
  if (ev.color) out += line('COLOR', ev.color);
  // All-day items do not block time in free/busy (RFC 5545 §3.8.2.7), timed ones do.
  out += line('TRANSP', ev.allDay ? 'TRANSPARENT' : 'OPAQUE');
  if (ev.organizer)
    out += line('ORGANIZER', `mailto:${ev.organizer.email}`, { cn: ev.organizer.name }, 'cal-address');
  for (const a of ev.attendees ?? [])
    out += line(
      'ATTENDEE',
      `mailto:${a.email}`,
      { cn: a.name, partstat: a.partstat, role: 'REQ-PARTICIPANT' },
      'cal-address',
    );
  return `${out}END:VEVENT\r\n`;
}

const offset = (ms: number) => ICAL.UtcOffset.fromSeconds(Math.round(ms / 1000));

/**
 * A VTIMEZONE for `zone` over [fromMs, toMs) (RFC 5545 §3.6.5): the offset in force at the start,
 * then one observance per transition, written out rather than as RRULEs so that past and future
 * rule changes of the tz database come out exactly.
 */
export function vtimezone(zone: string, fromMs: number, toMs: number): string {
  const { offsetAtStart, transitions } = zoneTransitions(zone, fromMs, toMs);
  const local = (ms: number) => ICAL.Time.fromDateTimeString(formatLocalDateTime(ms).slice(0, 19));
  let out = `BEGIN:VTIMEZONE\r\n${line('TZID', zone)}`;
  out += 'BEGIN:STANDARD\r\n';
  out += line('DTSTART', local(fromMs + offsetAtStart));
  out += line('TZOFFSETFROM', offset(offsetAtStart));
  out += line('TZOFFSETTO', offset(offsetAtStart));
  out += 'END:STANDARD\r\n';
  for (const t of transitions) {
    const kind = t.offsetTo > t.offsetFrom ? 'DAYLIGHT' : 'STANDARD';
    out += `BEGIN:${kind}\r\n`;
    // The observance starts at the local time of the transition in the offset it replaces.
    out += line('DTSTART', local(t.atMs + t.offsetFrom));
    out += line('TZOFFSETFROM', offset(t.offsetFrom));
    out += line('TZOFFSETTO', offset(t.offsetTo));
    out += `END:${kind}\r\n`;
  }
  return `${out}END:VTIMEZONE\r\n`;
}

/**
 * The calendar as text, one chunk per component: the header with its properties, a VTIMEZONE
 * for every zone the events use, then each event. Events are read once, so they may be produced
 * lazily; their zones must be known up front (`zones`).
 */
export function* writeCalendar(
  cal: IcsCalendar,
  zones: Iterable<string>,
  events: Iterable<IcsEvent>,
): Generator<string> {
  let head = 'BEGIN:VCALENDAR\r\n';
  head += line('VERSION', '2.0');
  head += line('PRODID', PRODID);
  head += line('CALSCALE', 'GREGORIAN');
  head += textLine('NAME', cal.name);
  head += textLine('X-WR-CALNAME', cal.name);
  if (cal.description) head += textLine('X-WR-CALDESC', cal.description);
  if (cal.color) {
    head += line('COLOR', cal.color);
    head += line('X-APPLE-CALENDAR-COLOR', cal.color);
  }
  if (cal.refresh) {
    head += line('REFRESH-INTERVAL', ICAL.Duration.fromString(cal.refresh), {}, 'duration');
    head += line('X-PUBLISHED-TTL', cal.refresh);
  }
  yield head;
  for (const zone of [...new Set(zones)].sort())
    yield vtimezone(zone, cal.zoneRange.fromMs, cal.zoneRange.toMs);
  for (const ev of events) yield eventLines(ev);
  yield 'END:VCALENDAR\r\n';
}

/** The wall time `seconds` after a local date-time (for an override that keeps its series' length). */
export function addSeconds(local: string, seconds: number): string {
  const wall = parseLocalDateTime(local.slice(0, 19));
  if (wall === undefined) return local;
  return formatLocalDateTime(wall + seconds * 1000).slice(0, 19);
}
