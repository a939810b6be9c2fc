import { addLocalDays, epochMsToLocal, localToEpochMs } from '@kalendaryo/domain';
import ICAL from 'ical.js';
import type { ResolvedZone } from './ical.zones';

/** One date or date-time value of a property, as the file states it. */
export type IcsTime =
  | { kind: 'date'; date: string }
  | { kind: 'utc'; ms: number }
  | { kind: 'zoned'; wall: string; zone: ResolvedZone }
  | { kind: 'floating'; wall: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z?$/;

/** Why a component cannot be imported (reported in `skipped`, the rest of the file goes on). */
export class SkipComponent extends Error {}

/** The instant of a wall time in a custom VTIMEZONE, by that VTIMEZONE's own rules. */
function customToMs(wall: string, tz: ICAL.Timezone): number {
  const t = ICAL.Time.fromDateTimeString(wall);
  t.zone = tz;
  return t.toUnixTime() * 1000;
}

/**
 * The values of a DTSTART/DTEND/EXDATE/RDATE/RECURRENCE-ID property (jCal form: ISO strings,
 * `Z` for UTC, TZID as a parameter; PERIOD values give their start).
 */
export function timesOf(prop: ICAL.Property, resolve: (tzid: string) => ResolvedZone | undefined): IcsTime[] {
  const json = prop.toJSON() as [string, Record<string, unknown>, string, ...unknown[]];
  const [, params, type, ...values] = json;
  const tzid = typeof params.tzid === 'string' ? params.tzid : undefined;
  return values.map((raw) => {
    const v = Array.isArray(raw) ? String(raw[0]) : String(raw);
    if (DATE.test(v)) return { kind: 'date', date: v };
    if (!DATE_TIME.test(v) || Number.isNaN(Date.parse(`${v.slice(0, 19)}Z`)))
      throw new Error(`not a ${type === 'date' ? 'date' : 'date-time'} (RFC 5545 §3.3.4, §3.3.5)`);
    if (v.endsWith('Z')) return { kind: 'utc', ms: Date.parse(v) };
    const wall = v.slice(0, 19);
    if (tzid === undefined) return { kind: 'floating', wall };
    const zone = resolve(tzid);
    if (!zone) throw new SkipComponent(`unknown time zone “${tzid}” (no VTIMEZONE describes it)`);
    return { kind: 'zoned', wall, zone };
  });
}

/** The zone a series is stored in, chosen by its DTSTART: null for floating and all-day. */
export function seriesZone(t: IcsTime): string | null {
  if (t.kind === 'utc') return 'UTC';
  if (t.kind === 'zoned') return 'iana' in t.zone ? t.zone.iana : 'UTC';
  return null;
}

/** The instant of a time (floating and dates read as UTC, only for durations). */
export function msOf(t: IcsTime): number {
  switch (t.kind) {
    case 'date':
      return Date.parse(`${t.date}T00:00:00Z`);
    case 'utc':
      return t.ms;
    case 'floating':
      return Date.parse(`${t.wall}Z`);
    case 'zoned':
      return 'iana' in t.zone ? localToEpochMs(t.wall, t.zone.iana) : customToMs(t.wall, t.zone.custom);
  }
}

/**
 * A time as a local wall time of the series' zone (`YYYY-MM-DDTHH:mm:ss`). A date in a timed
 * series names that day at the series' time of day (Outlook's EXDATE;VALUE=DATE); a zoned time
 * in a floating series keeps its wall time.
 */
export function localIn(t: IcsTime, zone: string | null, timeOfDay: string): string {
  switch (t.kind) {
    case 'date':
      return `${t.date}T${timeOfDay}`;
    case 'floating':
      return t.wall;
    case 'utc':
      return epochMsToLocal(t.ms, zone ?? 'UTC');
    case 'zoned':
      if (zone === null && 'iana' in t.zone) return t.wall;
      return epochMsToLocal(msOf(t), zone ?? 'UTC');
  }
}

/** The wall time of an all-day date (midnight), a day later, or `days` later. */
export const dayAfter = (date: string, days = 1) => addLocalDays(`${date}T00:00:00`, days).slice(0, 10);
