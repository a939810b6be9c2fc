/**
 * Time for every page: wall-clock strings over the domain's zone layer (packages/domain/src/time),
 * and the few ways the app writes an instant, a span or an occurrence for people to read. Pages
 * show times in the person's zone whatever zone the device is set to; the domain turns instants
 * into wall times and back (RFC 5545 gap and overlap rules, offsets cached per transition), and
 * this module only reads and writes the forms the inputs and the URL hold: a date 'YYYY-MM-DD', a
 * wall time 'YYYY-MM-DDTHH:mm:ss' (no offset), and 'YYYY-MM-DDTHH:mm'.
 */
import type { Occurrence } from '@kalendaryo/contract';
import { OFFICE_TIME_ZONE } from '@kalendaryo/domain/office/index';
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  formatInstant,
  formatLocalDate,
  formatLocalDateTime,
  getTimeZone,
  MS_PER_DAY,
  parseLocalDate,
  parseLocalDateTime,
  weekdayOfDays,
} from '@kalendaryo/domain/time/index';
import { plural } from './messages';

const LOCALE = 'en-PH';

/** Invalid input fails loudly, as Date#toISOString does, rather than formatting as 'NaN-…'. */
function finite(ms: number): number {
  if (!Number.isFinite(ms)) throw new RangeError('Invalid time value');
  return ms;
}

/** A date, a 'YYYY-MM-DDTHH:mm[:ss]' wall time (anything after the seconds is ignored) as wall ms; NaN when unreadable. */
export function wallMs(wall: string): number {
  const ms =
    wall.length === 10
      ? parseLocalDate(wall)
      : parseLocalDateTime(wall.length === 16 ? `${wall}:00` : wall.slice(0, 19));
  return ms ?? Number.NaN;
}

const toDate = (ms: number): string => formatLocalDate(finite(ms));
const toWall = (ms: number): string => formatLocalDateTime(finite(ms));

/** The wall time of an instant in `zone`. */
export const wallOf = (instant: Date | number, zone: string): string =>
  toWall(getTimeZone(zone).toWall(finite(Number(instant))));

/** Minutes `zone` is ahead of UTC at an instant. */
export const offsetMinutes = (instant: number, zone: string): number =>
  getTimeZone(zone).offsetAt(instant) / 60_000;

/**
 * ISO instant with Z of a wall time in `zone`. A time in a spring-forward gap takes the offset in
 * force before the gap, a repeated (fall-back) time its first occurrence (RFC 5545 §3.3.5).
 */
export const isoInstant = (wall: string, zone: string): string =>
  formatInstant(getTimeZone(zone).toInstant(finite(wallMs(wall))));

/** Today's date in `zone`. */
export const todayIn = (zone: string, now: number = Date.now()): string => wallOf(now, zone).slice(0, 10);

export const isDate = (v: string | null | undefined): boolean => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** Whether a 'YYYY-MM-DD' names a real day. */
export const isRealDate = (v: string | null | undefined): v is string =>
  typeof v === 'string' && parseLocalDate(v) !== undefined;

export const addDays = (date: string, n: number): string => toDate(wallMs(date) + n * MS_PER_DAY);

/** Shifts a wall time by whole calendar days and wall-clock seconds. */
export const shiftWall = (wall: string, days: number, seconds = 0): string =>
  toWall(wallMs(wall) + days * MS_PER_DAY + seconds * 1000);

/** Whole days from `a` to `b` (dates). */
export const daysBetween = (a: string, b: string): number => Math.round((wallMs(b) - wallMs(a)) / MS_PER_DAY);

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (date: string): number =>
  (weekdayOfDays(Math.floor(finite(wallMs(date)) / MS_PER_DAY)) + 1) % 7;

/** The first day of the week holding `date`; weeks start on `firstDay` (1 = Monday). */
export function startOfWeek(date: string, firstDay = 1): string {
  return addDays(date, -((weekdayOf(date) - firstDay + 7) % 7));
}

export const startOfMonth = (date: string): string => `${date.slice(0, 7)}-01`;

/** `date` moved by `n` months, the day clamped to the target month's length. */
export function addMonths(date: string, n: number): string {
  const { year, month, day } = civilFromDays(Math.floor(finite(wallMs(date)) / MS_PER_DAY));
  const m = month - 1 + n;
  const y = year + Math.floor(m / 12);
  const mo = (((m % 12) + 12) % 12) + 1;
  return toDate(daysFromCivil(y, mo, Math.min(day, daysInMonth(y, mo))) * MS_PER_DAY);
}

/** Formats a wall time or date (read as UTC, so no device zone is involved). */
export function formatWall(wall: string, options: Intl.DateTimeFormatOptions, locale = LOCALE): string {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(wallMs(wall)));
}

/** 'YYYY-MM-DDTHH:mm' for <input type="datetime-local">. */
export const toInputDateTime = (wall: string): string => wall.slice(0, 16);

/** '…T09:00' (from an input) → '…T09:00:00'. */
export const fromInputDateTime = (value: string): string =>
  value.length === 16 ? `${value}:00` : value.slice(0, 19);

/** "Nov 26, 2025, 9:05 AM" in `zone`; `missing` when there is no instant, "Unknown" when it is unreadable. */
export function formatDateTime(
  iso: string | null | undefined,
  zone: string = OFFICE_TIME_ZONE,
  missing = '—',
): string {
  if (!iso) return missing;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return 'Unknown';
  return new Intl.DateTimeFormat(LOCALE, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: zone,
  }).format(date);
}

/** "Mon, 4 Mar 2030, 9:00 – 11:00 am" in `zone`. */
export function formatSpan(start: string, end: string, zone: string): string {
  const a = new Date(start);
  const b = new Date(end);
  if (Number.isNaN(a.getTime()) || Number.isNaN(b.getTime())) return `${start} – ${end}`;
  return new Intl.DateTimeFormat(LOCALE, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone: zone,
  }).formatRange(a, b);
}

/** Start and end of an occurrence as wall times (or dates, end exclusive) in `zone`. */
export function occurrenceWall(o: Pick<Occurrence, 'start' | 'end' | 'allDay'>, zone: string) {
  if (o.allDay) {
    const start = o.start.slice(0, 10);
    const end = isDate(o.end) ? o.end : o.end.slice(0, 10);
    return { start, end: end > start ? end : addDays(start, 1) };
  }
  return { start: wallOf(Date.parse(o.start), zone), end: wallOf(Date.parse(o.end), zone) };
}

/** "Thursday, 26 November 2026, 9:00 – 10:00 am" (or the days of an all-day occurrence). */
export function formatOccurrenceTime(o: Pick<Occurrence, 'start' | 'end' | 'allDay'>, zone: string): string {
  const { start, end } = occurrenceWall(o, zone);
  const day: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
  if (o.allDay) {
    const last = addDays(end, -1);
    if (last <= start) return `${formatWall(start, day)}, all day`;
    const fmt = new Intl.DateTimeFormat(LOCALE, { ...day, timeZone: 'UTC' });
    return fmt.formatRange(new Date(`${start}T00:00:00Z`), new Date(`${last}T00:00:00Z`));
  }
  const fmt = new Intl.DateTimeFormat(LOCALE, {
    ...day,
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'UTC',
  });
  return fmt.formatRange(new Date(`${start}Z`), new Date(`${end}Z`));
}

/** "2 hours 30 minutes", "45 minutes", "1 day". */
export function formatMinutes(minutes: number): string {
  const m = Math.round(minutes);
  if (m % 1440 === 0 && m >= 1440) return plural(m / 1440, 'day');
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return [h ? plural(h, 'hour') : '', rest || !h ? plural(rest, 'minute') : ''].filter(Boolean).join(' ');
}

/** '+08:00' for Asia/Manila at this moment: what the grids take to follow the person's zone. */
export function offsetString(zone: string, now: number = Date.now()): string {
  const min = offsetMinutes(now, zone);
  const abs = Math.abs(min);
  return `${min < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
