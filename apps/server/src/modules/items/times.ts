import { DATE_ONLY, INSTANT, LOCAL_DATE_TIME } from '@kalendaryo/contract';
import {
  AppError,
  epochMsToLocal,
  formatLocalDateTime,
  parseInstant,
  parseLocalDateTime,
} from '@kalendaryo/domain';

// Reading the times clients send. The wall-time arithmetic on stored times is the domain's
// (packages/domain/src/series/wall.ts), re-exported here under the names the server uses.
export {
  addLocalDays as addDays,
  epochMsToLocal as msToLocal,
  localToEpochMs as localToMs,
  shiftLocalTime as shiftLocal,
  wallSecondsBetween as wallDeltaSeconds,
} from '@kalendaryo/domain';

/** `2026-03-08T09:00:00`: the canonical local wall time form stored and returned. */
export const canonicalLocal = (v: string): string => (v.length === 16 ? `${v}:00` : v.slice(0, 19));

/**
 * Reads a time value given by a client as the local wall time of `zone`: an instant is
 * converted, a local date-time is taken as it is, a date is midnight. Returns null when the
 * value has none of these forms or names a day that does not exist.
 */
export function toLocal(value: string, zone: string | null): string | null {
  try {
    if (INSTANT.test(value)) {
      const ms = parseInstant(value);
      return ms === undefined ? null : epochMsToLocal(ms, zone);
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
