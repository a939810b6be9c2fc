/**
 * Wall-clock times in a named zone, for the browser. The calendar shows every item in the
 * person's zone (Asia/Manila by default) whatever zone the device is set to, so instants are
 * turned into wall times here with Intl, and wall times back into instants.
 *
 * Forms used throughout: a date 'YYYY-MM-DD', a wall time 'YYYY-MM-DDTHH:mm:ss' (no offset).
 */

const MS_PER_DAY = 86_400_000;
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

const formatters = new Map<string, Intl.DateTimeFormat>();
function partsFormatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall time of an instant in `zone`. */
export function wallOf(instant: Date | number, zone: string): string {
  const parts = partsFormatter(zone).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const year = get('year');
  return `${pad(year, 4)}-${pad(get('month'))}-${pad(get('day'))}T${pad(get('hour') % 24)}:${pad(get('minute'))}:${pad(get('second'))}`;
}

/** A wall time (or date, read as midnight) as the milliseconds it would have if it were UTC. */
export function wallMs(wall: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(wall);
  if (!m) return Number.NaN;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0)) as number[];
  return Date.UTC(y!, mo! - 1, d!, h ?? 0, mi ?? 0, s ?? 0);
}

/** Inverse of `wallMs`. */
export const msToWall = (ms: number): string => new Date(ms).toISOString().slice(0, 19);

/** Minutes `zone` is ahead of UTC at an instant. */
export function offsetMinutes(instant: number, zone: string): number {
  return Math.round((wallMs(wallOf(instant, zone)) - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The instant of a wall time in `zone`. A time in a spring-forward gap takes the offset in force
 * before the gap, a repeated (fall-back) time its first occurrence: RFC 5545 §3.3.5, as the server.
 */
export function instantOf(wall: string, zone: string): number {
  const local = wallMs(wall);
  const before = offsetMinutes(local - MS_PER_DAY, zone) * 60_000;
  const after = offsetMinutes(local + MS_PER_DAY, zone) * 60_000;
  const valid = [local - before, local - after].filter((t) => wallMs(wallOf(t, zone)) === local);
  if (valid.length === 0) return local - before;
  return Math.min(...valid);
}

/** ISO instant with Z of a wall time in `zone`. */
export const isoInstant = (wall: string, zone: string): string =>
  new Date(instantOf(wall, zone)).toISOString();

/** Today's date in `zone`. */
export const todayIn = (zone: string, now: number = Date.now()): string => wallOf(now, zone).slice(0, 10);

export const isDate = (v: string | null | undefined): boolean => !!v && /^\d{4}-\d{2}-\d{2}$/.test(v);

/** Whether a 'YYYY-MM-DD' names a real day. */
export function isRealDate(v: string | null | undefined): v is string {
  if (!isDate(v)) return false;
  return msToWall(wallMs(v as string)).slice(0, 10) === v;
}

export const addDays = (date: string, n: number): string =>
  msToWall(wallMs(date) + n * MS_PER_DAY).slice(0, 10);

/** Shifts a wall time by whole calendar days and wall-clock seconds. */
export const shiftWall = (wall: string, days: number, seconds = 0): string =>
  msToWall(wallMs(wall) + days * MS_PER_DAY + seconds * 1000);

/** Whole days from `a` to `b` (dates). */
export const daysBetween = (a: string, b: string): number => Math.round((wallMs(b) - wallMs(a)) / MS_PER_DAY);

/** 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (date: string): number => new Date(wallMs(date)).getUTCDay();

/** The first day of the week holding `date`; weeks start on `firstDay` (1 = Monday). */
export function startOfWeek(date: string, firstDay = 1): string {
  return addDays(date, -((weekdayOf(date) - firstDay + 7) % 7));
}

export const startOfMonth = (date: string): string => `${date.slice(0, 7)}-01`;

/** `date` moved by `n` months, the day clamped to the target month's length. */
export function addMonths(date: string, n: number): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7)) - 1 + n;
  const year = y + Math.floor(m / 12);
  const month = ((m % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${pad(year, 4)}-${pad(month + 1)}-${pad(Math.min(Number(date.slice(8, 10)), last))}`;
}

/** Days in the month of `date`. */
export const daysInMonth = (date: string): number =>
  new Date(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)), 0)).getUTCDate();

/** Formats a wall time or date (read as UTC, so no device zone is involved). */
export function formatWall(wall: string, options: Intl.DateTimeFormatOptions, locale = 'en-PH'): string {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' }).format(new Date(wallMs(wall)));
}

/** 'YYYY-MM-DDTHH:mm' for <input type="datetime-local">. */
export const toInputDateTime = (wall: string): string => wall.slice(0, 16);

/** '…T09:00' (from an input) → '…T09:00:00'. */
export const fromInputDateTime = (value: string): string =>
  value.length === 16 ? `${value}:00` : value.slice(0, 19);

/** The office's zone: the default for people and items that name none. */
export const OFFICE_TIME_ZONE = 'Asia/Manila';
