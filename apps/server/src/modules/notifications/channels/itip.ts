import { getTimeZone } from '@kalendaryo/domain';
import ICAL from 'ical.js';
import { z } from 'zod';

/**
 * `data.ical` of item messages: what an iTIP part (RFC 5546) needs to describe the event. A
 * producer that sends nothing, or something malformed, gets a mail without the calendar part.
 */
const icalSchema = z.object({
  uid: z.string().min(1),
  sequence: z.number().int().min(0),
  method: z.enum(['REQUEST', 'CANCEL']),
  start: z.string(),
  end: z.string(),
  allDay: z.boolean().default(false),
  timeZone: z.string().default('UTC'),
  summary: z.string(),
  location: z.string().nullish(),
  description: z.string().nullish(),
  organizer: z.object({ name: z.string(), email: z.string() }).nullish(),
  attendees: z
    .array(z.object({ name: z.string().nullish(), email: z.string(), partstat: z.string().nullish() }))
    .default([]),
  rrule: z.string().nullish(),
  exdates: z.array(z.string()).default([]),
  rdates: z.array(z.string()).default([]),
  recurrenceId: z.string().nullish(),
  /** With a recurrence id: the change applies to that occurrence and every later one. */
  range: z.literal('THISANDFUTURE').nullish(),
  status: z.string().nullish(),
});
export type ItipEvent = z.infer<typeof icalSchema>;

/** The event of an item message, or undefined when the message carries none. */
export function itipEventOf(data: Record<string, unknown>): ItipEvent | undefined {
  const parsed = icalSchema.safeParse(data.ical);
  return parsed.success ? parsed.data : undefined;
}

const PRODID = '-//Kalendaryo//Notifications//EN';
const PARTSTATS = new Set(['NEEDS-ACTION', 'ACCEPTED', 'DECLINED', 'TENTATIVE', 'DELEGATED']);

/**
 * A VCALENDAR with METHOD and one VEVENT carrying the item's UID and SEQUENCE (RFC 5546 §3.2.2
 * REQUEST, §3.2.5 CANCEL), so a mail client updates the copy it already has. Timed events are
 * written in their own zone with a VTIMEZONE (a weekly series must keep its wall time across DST).
 */
export function itipCalendar(
  event: ItipEvent,
  recipient: { name: string; email: string },
  /** The sender, as ORGANIZER when the item names none (RFC 5546 requires one in REQUEST and CANCEL). */
  sender?: { name: string; email: string },
): string {
  const cal = new ICAL.Component('vcalendar');
  cal.addPropertyWithValue('prodid', PRODID);
  cal.addPropertyWithValue('version', '2.0');
  cal.addPropertyWithValue('calscale', 'GREGORIAN');
  cal.addPropertyWithValue('method', event.method);
  const zoned = !event.allDay && event.timeZone !== 'UTC';
  if (zoned) cal.addSubcomponent(vtimezone(event));

  const ev = new ICAL.Component('vevent');
  ev.addPropertyWithValue('uid', event.uid);
  ev.addPropertyWithValue('sequence', event.sequence);
  ev.addPropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(), true));
  addTime(ev, 'dtstart', event.start, event);
  addTime(ev, 'dtend', event.end, event);
  if (event.recurrenceId) {
    const rid = addTime(ev, 'recurrence-id', event.recurrenceId, event);
    if (event.range) rid.setParameter('range', event.range);
  } else if (event.rrule) {
    ev.addPropertyWithValue(
      'rrule',
      ICAL.Recur.fromString(utcUntil(event.rrule.replace(/^RRULE:/i, ''), event)),
    );
    for (const d of event.exdates) addTime(ev, 'exdate', d, event);
    for (const d of event.rdates) addTime(ev, 'rdate', d, event);
  }
  ev.addPropertyWithValue('summary', event.summary);
  if (event.location) ev.addPropertyWithValue('location', event.location);
  if (event.description) ev.addPropertyWithValue('description', event.description);
  const status = event.method === 'CANCEL' ? 'CANCELLED' : (event.status ?? 'CONFIRMED').toUpperCase();
  ev.addPropertyWithValue('status', status);
  const organizer = event.organizer ?? sender;
  if (organizer) addPerson(ev, 'organizer', organizer.name, organizer.email);

  const attendees = event.attendees.some((a) => sameEmail(a.email, recipient.email))
    ? event.attendees
    : [...event.attendees, { name: recipient.name, email: recipient.email, partstat: 'NEEDS-ACTION' }];
  for (const a of attendees) {
    const prop = addPerson(ev, 'attendee', a.name ?? '', a.email);
    const partstat = (a.partstat ?? 'NEEDS-ACTION').toUpperCase().replace('_', '-');
    prop.setParameter('partstat', PARTSTATS.has(partstat) ? partstat : 'NEEDS-ACTION');
    prop.setParameter('role', 'REQ-PARTICIPANT');
    if (event.method === 'REQUEST') prop.setParameter('rsvp', 'TRUE');
  }
  cal.addSubcomponent(ev);
  return cal.toString();
}

const sameEmail = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

function addPerson(ev: ICAL.Component, name: string, cn: string, email: string) {
  const prop = ev.addPropertyWithValue(name, `mailto:${email}`);
  if (cn) prop.setParameter('cn', cn);
  return prop;
}

/** DTSTART/DTEND/RECURRENCE-ID/EXDATE/RDATE: a DATE for all-day items, local time with TZID, or UTC. */
function addTime(ev: ICAL.Component, name: string, iso: string, event: ItipEvent): ICAL.Property {
  const epoch = Date.parse(iso);
  if (event.allDay) {
    // All-day items carry plain dates (or the local midnight of their zone).
    const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : localFields(epoch, event.timeZone).slice(0, 10);
    return ev.addPropertyWithValue(name, ICAL.Time.fromDateString(date));
  }
  if (event.timeZone === 'UTC')
    return ev.addPropertyWithValue(name, ICAL.Time.fromJSDate(new Date(epoch), true));
  const time = ICAL.Time.fromDateTimeString(localFields(epoch, event.timeZone));
  const prop = ev.addPropertyWithValue(name, time);
  prop.setParameter('tzid', event.timeZone);
  return prop;
}

/**
 * UNTIL as RFC 5545 §3.3.10 wants it with a zoned DTSTART: a UTC instant. Series keep UNTIL in
 * wall time (or as a date, read as through the end of that local day), so it is converted here.
 */
function utcUntil(rule: string, event: ItipEvent): string {
  if (event.allDay || event.timeZone === 'UTC') return rule;
  return rule.replace(
    /UNTIL=(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2}))?(Z?)/i,
    (whole, y, mo, d, h, mi, se, z) => {
      if (z) return whole;
      const local = h ? `${y}-${mo}-${d}T${h}:${mi}:${se}` : `${y}-${mo}-${d}T23:59:59`;
      const zone = getTimeZone(event.timeZone);
      const wall = Date.parse(`${local}Z`);
      const instant = new Date(zone.toInstant(wall)).toISOString();
      return `UNTIL=${instant.replace(/[-:]/g, '').slice(0, 15)}Z`;
    },
  );
}

/** `YYYY-MM-DDTHH:mm:ss` of an instant in a zone. */
function localFields(epochMs: number, tzid: string): string {
  const wall = epochMs + getTimeZone(tzid).offsetAt(epochMs);
  return new Date(wall).toISOString().slice(0, 19);
}

const MINUTE = 60_000;
const DAY = 86_400_000;

/**
 * A VTIMEZONE for the event's zone: its offset changes from a year before the start through the
 * series' end (at most ten years), each written as a one-off STANDARD or DAYLIGHT observance.
 */
function vtimezone(event: ItipEvent): ICAL.Component {
  const zone = getTimeZone(event.timeZone);
  const start = Date.parse(event.start) - 365 * DAY;
  const until = /UNTIL=(\d{8})/.exec(event.rrule ?? '')?.[1];
  const horizon = event.rrule
    ? until
      ? Date.parse(`${until.slice(0, 4)}-${until.slice(4, 6)}-${until.slice(6, 8)}T00:00:00Z`) + DAY
      : Date.parse(event.start) + 10 * 365 * DAY
    : Date.parse(event.end) + DAY;
  const end = Math.min(horizon, Date.parse(event.start) + 10 * 365 * DAY);
  const tz = new ICAL.Component('vtimezone');
  tz.addPropertyWithValue('tzid', event.timeZone);
  const transitions = offsetChanges(zone, start, end);
  const first = zone.offsetAt(start);
  if (transitions.length === 0) {
    tz.addSubcomponent(observance('standard', start, first, first));
    return tz;
  }
  const offsets = [first, ...transitions.map((t) => t.to)];
  const standard = Math.min(...offsets);
  tz.addSubcomponent(observance(first === standard ? 'standard' : 'daylight', start, first, first));
  for (const t of transitions)
    tz.addSubcomponent(observance(t.to === standard ? 'standard' : 'daylight', t.at, t.from, t.to));
  return tz;
}

function offsetChanges(zone: ReturnType<typeof getTimeZone>, from: number, to: number) {
  const changes: { at: number; from: number; to: number }[] = [];
  for (let day = from; day < to; day += DAY) {
    if (zone.fixedBetween(day, day + DAY)) continue;
    let lo = day;
    let hi = day + DAY;
    while (hi - lo > MINUTE) {
      const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE || lo + MINUTE;
      if (zone.offsetAt(mid) === zone.offsetAt(lo)) lo = mid;
      else hi = mid;
    }
    changes.push({ at: hi, from: zone.offsetAt(lo), to: zone.offsetAt(hi) });
  }
  return changes;
}

function observance(kind: 'standard' | 'daylight', at: number, from: number, to: number) {
  const c = new ICAL.Component(kind);
  // DTSTART of an observance is the local time before the change (RFC 5545 §3.6.5).
  c.addPropertyWithValue(
    'dtstart',
    ICAL.Time.fromDateTimeString(new Date(at + from).toISOString().slice(0, 19)),
  );
  c.addPropertyWithValue('tzoffsetfrom', utcOffset(from));
  c.addPropertyWithValue('tzoffsetto', utcOffset(to));
  return c;
}

function utcOffset(ms: number): ICAL.UtcOffset {
  const minutes = Math.round(ms / MINUTE);
  const sign = minutes < 0 ? -1 : 1;
  const abs = Math.abs(minutes);
  return new ICAL.UtcOffset({ hours: Math.floor(abs / 60), minutes: abs % 60, factor: sign });
}
