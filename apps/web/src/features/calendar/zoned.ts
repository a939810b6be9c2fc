/**
 * Wall-clock strings for the browser, over the domain's zone layer (packages/domain/src/time). The
 * calendar shows every item in the person's zone whatever zone the device is set to; the domain
 * turns instants into wall times and back (RFC 5545 gap and overlap rules, offsets cached per
 * transition), and this module only reads and writes the forms the inputs and the URL hold:
 * a date 'YYYY-MM-DD', a wall time 'YYYY-MM-DDTHH:mm:ss' (no offset), and 'YYYY-MM-DDTHH:mm'.
 */
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
} from '@kalendaryo/domain';

export { OFFICE_TIME_ZONE } from '@kalendaryo/domain';

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
export function formatWall(wall: string, options: Intl.DateTimeFormatOptions, locale = 'en-PH'): string {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(wallMs(wall)));
}

/** 'YYYY-MM-DDTHH:mm' for <input type="datetime-local">. */
export const toInputDateTime = (wall: string): string => wall.slice(0, 16);

/** '…T09:00' (from an input) → '…T09:00:00'. */
export const fromInputDateTime = (value: string): string =>
  value.length === 16 ? `${value}:00` : value.slice(0, 19);
