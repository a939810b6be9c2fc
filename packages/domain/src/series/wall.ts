/**
 * Local wall times of a series as strings, and their instants. Arithmetic runs on UTC-encoded wall
 * milliseconds (see time/wall-time.ts), so adding days or seconds is plain addition; instants come
 * from the zone layer by RFC 5545's gap and overlap rules (§3.3.5).
 */
import { AppError } from '../errors';
import { MS_PER_DAY } from '../time/civil';
import { formatLocalDateTime, parseLocalDateTime, type WallMs } from '../time/wall-time';
import { getTimeZone } from '../time/zone';

/** Wall ms of a local date 'YYYY-MM-DD' (midnight) or date-time (to the minute, second or beyond). */
function wallOf(local: string): WallMs {
  const text =
    local.length === 10 ? `${local}T00:00:00` : local.length === 16 ? `${local}:00` : local.slice(0, 19);
  const wall = parseLocalDateTime(text);
  if (wall === undefined) {
    const message = `'${local}' is not a local date-time 'YYYY-MM-DDTHH:mm:ss'`;
    throw new AppError('time.invalid_local_time', message, [
      { field: 'local', message, code: 'invalid_format' },
    ]);
  }
  return wall;
}

/** Epoch ms of a local wall time in `zone`; floating (null) reads it as UTC. A gap time takes the offset before the gap (RFC 5545 §3.3.5). */
export function localToEpochMs(local: string, zone: string | null): number {
  return zone === null ? wallOf(local) : getTimeZone(zone).toInstant(wallOf(local));
}

/** The local wall time 'YYYY-MM-DDTHH:mm:ss' of epoch ms in `zone` (UTC's for floating). */
export function epochMsToLocal(ms: number, zone: string | null): string {
  return formatLocalDateTime(zone === null ? ms : getTimeZone(zone).toWall(ms));
}

/** A local wall time moved by whole calendar days (not 24-hour steps). */
export function addLocalDays(local: string, days: number): string {
  return formatLocalDateTime(wallOf(local) + days * MS_PER_DAY);
}

/** Seconds of wall-clock time from one local time to another (DST changes do not count). */
export function wallSecondsBetween(from: string, to: string): number {
  return Math.round((wallOf(to) - wallOf(from)) / 1000);
}

/** A local wall time moved by seconds of wall-clock time. */
export function shiftLocalTime(local: string, seconds: number): string {
  return formatLocalDateTime(wallOf(local) + seconds * 1000);
}
