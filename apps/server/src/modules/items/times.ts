import { DATE_ONLY, INSTANT, LOCAL_DATE_TIME } from '@kalendaryo/contract';
import {
  AppError,
  formatLocalDateTime,
  getTimeZone,
  parseInstant,
  parseLocalDateTime,
} from '@kalendaryo/domain';

// Wall times are handled as "wall ms": the wall-clock reading encoded as if it were UTC, so
// calendar arithmetic on them is plain addition. The domain's zone layer turns them into
// instants by RFC 5545's rules, the same layer the recurrence expansion uses.

const DAY_MS = 86_400_000;

/** `2026-03-08T09:00:00`: the canonical local wall time form stored and returned. */
export const canonicalLocal = (v: string): string => (v.length === 16 ? `${v}:00` : v.slice(0, 19));

const wall = (local: string): number => {
  const w = parseLocalDateTime(canonicalLocal(local.length === 10 ? `${local}T00:00:00` : local));
  if (w === undefined) throw new AppError('item.invalid_time', `“${local}” is not a valid local date-time.`);
  return w;
};

/** Local wall time in `zone` → epoch ms; a gap time takes the offset before the gap (RFC 5545 §3.3.5). */
export function localToMs(local: string, zone: string | null): number {
  return zone === null ? wall(local) : getTimeZone(zone).toInstant(wall(local));
}

/** Epoch ms → local wall time in `zone` (UTC wall time for floating). */
export function msToLocal(ms: number, zone: string | null): string {
  return formatLocalDateTime(zone === null ? ms : getTimeZone(zone).toWall(ms));
}

/** Adds whole days to a local wall time or date, on the calendar (not 24-hour steps). */
export const addDays = (local: string, days: number): string =>
  formatLocalDateTime(wall(local) + days * DAY_MS);

/** The difference between two local wall times, in seconds of wall-clock time. */
export const wallDeltaSeconds = (from: string, to: string): number =>
  Math.round((wall(to) - wall(from)) / 1000);

/** Shifts a local wall time by a number of wall-clock seconds. */
export const shiftLocal = (local: string, seconds: number): string =>
  formatLocalDateTime(wall(local) + seconds * 1000);

/**
 * Reads a time value given by a client as the local wall time of `zone`: an instant is
 * converted, a local date-time is taken as it is, a date is midnight. Returns null when the
 * value has none of these forms or names a day that does not exist.
 */
export function toLocal(value: string, zone: string | null): string | null {
  try {
    if (INSTANT.test(value)) {
      const ms = parseInstant(value);
      return ms === undefined ? null : msToLocal(ms, zone);
    }
    const w = LOCAL_DATE_TIME.test(value)
      ? parseLocalDateTime(canonicalLocal(value))
      : DATE_ONLY.test(value)
        ? parseLocalDateTime(`${value}T00:00:00`)
        : undefined;
    return w === undefined ? null : formatLocalDateTime(w);
  } catch {
    return null;
  }
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
