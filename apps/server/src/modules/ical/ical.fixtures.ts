/**
 * Two independent iCalendar readers for tests: ical.js, and python3-icalendar with dateutil's
 * rrule expansion in the event's wall time (zoneinfo for the instants). Each returns the
 * occurrences a file describes in a window, so tests compare them with Kalendaryo's own feed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import ICAL from 'ical.js';

/** One occurrence as a reader sees it: UID, start and end (instants `…Z` or dates), summary. */
export type ReadOccurrence = [uid: string, start: string, end: string, summary: string];

const PYTHON = '/usr/bin/python3';

/** Why the Python reader cannot run here, or null when it can. */
export function pythonReaderMissing(): string | null {
  if (!existsSync(PYTHON)) return `${PYTHON} is missing`;
  const r = spawnSync(PYTHON, ['-c', 'import icalendar, dateutil, zoneinfo'], { encoding: 'utf8' });
  return r.status === 0 ? null : 'python3-icalendar or python3-dateutil is not installed';
}

const SCRIPT = `
import sys, json, re
from datetime import datetime, date, timedelta, timezone
from zoneinfo import ZoneInfo
from icalendar import Calendar
from dateutil.rrule import rrulestr

lo = datetime.fromisoformat(sys.argv[1].replace('Z', '+00:00'))
hi = datetime.fromisoformat(sys.argv[2].replace('Z', '+00:00'))
cal = Calendar.from_ical(sys.stdin.read())

def wall(prop):
    """(naive wall time or date, zone name or None) of a DTSTART-like property."""
    v = prop.dt
    tzid = prop.params.get('TZID')
    if isinstance(v, datetime):
        if v.tzinfo is not None and tzid is None:
            return v.astimezone(timezone.utc).replace(tzinfo=None), 'UTC'
        return v.replace(tzinfo=None), tzid
    return v, None

def instant(w, tz):
    if isinstance(w, datetime):
        return w.replace(tzinfo=ZoneInfo(tz) if tz else timezone.utc).astimezone(timezone.utc)
    return w

def text(x):
    if isinstance(x, datetime):
        return x.strftime('%Y-%m-%dT%H:%M:%SZ')
    return x.isoformat()

def dates(comp, name):
    out = []
    got = comp.get(name)
    if got is None: return out
    for p in (got if isinstance(got, list) else [got]):
        for d in p.dts:
            v = d.dt
            out.append(v.replace(tzinfo=None) if isinstance(v, datetime) else v)
    return out

overrides = {}
masters = []
for ev in cal.walk('VEVENT'):
    if ev.get('RECURRENCE-ID') is not None:
        rid, _ = wall(ev['RECURRENCE-ID'])
        overrides[(str(ev['UID']), rid)] = ev
    else:
        masters.append(ev)

out = []
def emit(ev, s, e, tz):
    a, b = instant(s, tz), instant(e, tz)
    key = a if isinstance(a, datetime) else datetime(a.year, a.month, a.day, tzinfo=timezone.utc)
    if lo <= key < hi:
        out.append([str(ev['UID']), text(a), text(b), str(ev['SUMMARY'])])

for ev in masters:
    uid = str(ev['UID'])
    s, tz = wall(ev['DTSTART'])
    e, _ = wall(ev['DTEND'])
    length = e - s
    starts = [s]
    if ev.get('RRULE') is not None:
        rule = ev['RRULE'].to_ical().decode()
        until = ev['RRULE'].get('UNTIL')
        if until and isinstance(until[0], datetime) and until[0].tzinfo is not None:
            u = until[0].astimezone(ZoneInfo(tz) if tz else timezone.utc).strftime('%Y%m%dT%H%M%S')
            rule = re.sub(r'UNTIL=[^;]+', 'UNTIL=' + u, rule)
        start = s if isinstance(s, datetime) else datetime(s.year, s.month, s.day)
        # Wall times near the window only: a rule without end would run to year 9999.
        margin = timedelta(days=40)
        near = (lo.replace(tzinfo=None) - margin, hi.replace(tzinfo=None) + margin)
        starts = rrulestr(rule, dtstart=start).between(near[0], near[1], inc=True)
        if not isinstance(s, datetime): starts = [x.date() for x in starts]
    starts = sorted(set(starts + dates(ev, 'RDATE')) - set(dates(ev, 'EXDATE')))
    for w in starts:
        o = overrides.get((uid, w))
        if o is not None:
            os_, otz = wall(o['DTSTART'])
            oe, _ = wall(o['DTEND'])
            emit(o, os_, oe, otz)
        else:
            emit(ev, w, w + length, tz)
print(json.dumps(sorted(out)))
`;

/** Occurrences starting in [from, to) as python3-icalendar + dateutil read the file. */
export function readWithPython(ics: string, from: string, to: string): ReadOccurrence[] {
  const r = spawnSync(PYTHON, ['-c', SCRIPT, from, to], { input: ics, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python reader failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as ReadOccurrence[];
}

const textOf = (t: ICAL.Time): string =>
  t.isDate ? t.toString().slice(0, 10) : `${t.toJSDate().toISOString().slice(0, 19)}Z`;

/** Occurrences starting in [from, to) as ical.js reads and expands the file. */
export function readWithIcalJs(ics: string, from: string, to: string): ReadOccurrence[] {
  const root = new ICAL.Component(ICAL.parse(ics));
  for (const tz of root.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(tz);
  const lo = Date.parse(from);
  const hi = Date.parse(to);
  const events = root.getAllSubcomponents('vevent').map((c) => new ICAL.Event(c));
  const out: ReadOccurrence[] = [];
  const keep = (uid: string, start: ICAL.Time, end: ICAL.Time, summary: string) => {
    const at = start.isDate
      ? Date.parse(`${start.toString().slice(0, 10)}T00:00:00Z`)
      : start.toJSDate().getTime();
    if (at >= lo && at < hi) out.push([uid, textOf(start), textOf(end), summary]);
  };
  for (const ev of events.filter((e) => e.isRecurrenceException())) {
    const master = events.find((m) => m.uid === ev.uid && !m.isRecurrenceException());
    master?.relateException(ev);
  }
  for (const ev of events.filter((e) => !e.isRecurrenceException())) {
    if (!ev.isRecurring()) {
      keep(ev.uid, ev.startDate, ev.endDate, ev.summary);
      continue;
    }
    const it = ev.iterator();
    for (let next = it.next(); next; next = it.next()) {
      const d = ev.getOccurrenceDetails(next);
      if (!d.startDate.isDate && d.startDate.toJSDate().getTime() >= hi + 7 * 86_400_000) break;
      if (
        d.startDate.isDate &&
        Date.parse(`${d.startDate.toString().slice(0, 10)}T00:00:00Z`) >= hi + 7 * 86_400_000
      )
        break;
      keep(ev.uid, d.startDate, d.endDate, d.item.summary);
    }
  }
  return out.sort();
}
