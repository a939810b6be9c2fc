import { DATE_ONLY, INSTANT, LOCAL_DATE_TIME } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import { Temporal } from 'temporal-polyfill';

/** `2026-03-08T09:00:00`: the canonical local wall time form stored and returned. */
export const canonicalLocal = (v: string): string => (v.length === 16 ? `${v}:00` : v.slice(0, 19));

/** Local wall time in `zone` → epoch ms; a gap time takes the offset before the gap (RFC 5545 §3.3.5). */
export function localToMs(local: string, zone: string | null): number {
  if (zone === null) return Date.parse(`${canonicalLocal(local)}Z`);
  return Temporal.PlainDateTime.from(canonicalLocal(local)).toZonedDateTime(zone, {
    disambiguation: 'compatible',
  }).epochMilliseconds;
}

/** Epoch ms → local wall time in `zone` (UTC wall time for floating). */
export function msToLocal(ms: number, zone: string | null): string {
  if (zone === null) return new Date(ms).toISOString().slice(0, 19);
  return Temporal.Instant.fromEpochMilliseconds(ms)
    .toZonedDateTimeISO(zone)
    .toPlainDateTime()
    .toString({ smallestUnit: 'second' });
}

/** Adds whole days to a local wall time or date, on the calendar (not 24-hour steps). */
export function addDays(local: string, days: number): string {
  const dt = Temporal.PlainDateTime.from(canonicalLocal(local.length === 10 ? `${local}T00:00:00` : local));
  return dt.add({ days }).toString({ smallestUnit: 'second' });
}

/** Whole calendar days from one local date to another. */
export const daysBetween = (a: string, b: string): number =>
  Temporal.PlainDate.from(a.slice(0, 10)).until(Temporal.PlainDate.from(b.slice(0, 10)), {
    largestUnit: 'days',
  }).days;

/** The difference between two local wall times, in seconds of wall-clock time. */
export const wallDeltaSeconds = (from: string, to: string): number =>
  Temporal.PlainDateTime.from(canonicalLocal(from)).until(Temporal.PlainDateTime.from(canonicalLocal(to)), {
    largestUnit: 'seconds',
  }).seconds;

/** Shifts a local wall time by a number of wall-clock seconds. */
export const shiftLocal = (local: string, seconds: number): string =>
  Temporal.PlainDateTime.from(canonicalLocal(local)).add({ seconds }).toString({ smallestUnit: 'second' });

/**
 * Reads a time value given by a client as the local wall time of `zone`: an instant is
 * converted, a local date-time is taken as it is, a date is midnight. Returns null when the
 * value has none of these forms or names a day that does not exist.
 */
export function toLocal(value: string, zone: string | null): string | null {
  try {
    if (INSTANT.test(value)) {
      Temporal.PlainDate.from(value.slice(0, 10), { overflow: 'reject' });
      const ms = Date.parse(value);
      return Number.isNaN(ms) ? null : msToLocal(ms, zone);
    }
    if (LOCAL_DATE_TIME.test(value))
      return Temporal.PlainDateTime.from(canonicalLocal(value), { overflow: 'reject' }).toString({
        smallestUnit: 'second',
      });
    if (DATE_ONLY.test(value))
      return `${Temporal.PlainDate.from(value, { overflow: 'reject' }).toString()}T00:00:00`;
  } catch {
    return null;
  }
  return null;
}

/** Like `toLocal`, but a value that cannot be read is a 422 naming `field`. */
export function requireLocal(value: string, zone: string | null, field: string): string {
  const local = toLocal(value, zone);
  if (local === null)
    throw new AppError('item.invalid_time', `${field}: “${value}” is not a valid date or time.`, [
      { field, message: 'is not a valid date or time' },
    ]);
  return local;
}

export const isDateOnly = (v: string) => DATE_ONLY.test(v);
export const isInstant = (v: string) => INSTANT.test(v);
