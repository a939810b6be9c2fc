/**
 * Wall-clock times as numbers: a local date-time is stored as the milliseconds it would have since
 * 1970-01-01T00:00:00 if it were UTC ("UTC-encoded wall time"). Arithmetic on wall times is then
 * plain integer arithmetic, with no time zone and no host-TZ dependence.
 */
import { civilFromDays, daysFromCivil, isValidDate, MS_PER_DAY } from './civil';

/** Milliseconds of a local wall time read as if it were UTC. */
export type WallMs = number;

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;
const LOCAL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

type Fields = [number, number, number, number?, number?, number?];

/** The first `n` captured groups of a match as numbers. */
const fields = (m: RegExpExecArray, n: 3 | 6): Fields => m.slice(1, n + 1).map(Number) as Fields;

/** Wall ms of year/month/day hh:mm:ss, or undefined when any field is out of range. */
export function wallFromFields(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): WallMs | undefined {
  if (year < 1 || year > 9999 || !isValidDate(year, month, day)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000;
}

/** Parses 'YYYY-MM-DDTHH:mm:ss' into wall ms; undefined when malformed or not a real time. */
export function parseLocalDateTime(text: string): WallMs | undefined {
  const m = LOCAL_DATE_TIME.exec(text);
  if (!m) return undefined;
  return wallFromFields(...fields(m, 6));
}

/** Parses 'YYYY-MM-DD' into the wall ms of its midnight; undefined when malformed. */
export function parseLocalDate(text: string): WallMs | undefined {
  const m = LOCAL_DATE.exec(text);
  if (!m) return undefined;
  return wallFromFields(...fields(m, 3));
}

/** Parses an ISO 8601 instant with `Z` or a numeric offset into epoch ms; undefined when malformed. */
export function parseInstant(text: string): number | undefined {
  const m = INSTANT.exec(text);
  if (!m) return undefined;
  const wall = wallFromFields(...fields(m, 6));
  if (wall === undefined) return undefined;
  const fraction = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  const zone = (m[8] ?? 'Z').toUpperCase();
  if (zone === 'Z') return wall + fraction;
  const sign = zone.startsWith('-') ? -1 : 1;
  const offsetMinutes = Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4, 6));
  return wall + fraction - sign * offsetMinutes * 60_000;
}

// Formatting runs once per occurrence, so it avoids Date objects and padStart.
const PAD2 = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));
const pad4 = (n: number): string => (n >= 1000 ? String(n) : String(n).padStart(4, '0'));

/** Formats wall ms as 'YYYY-MM-DD'. */
export function formatLocalDate(wall: WallMs): string {
  const { year, month, day } = civilFromDays(Math.floor(wall / MS_PER_DAY));
  return `${pad4(year)}-${PAD2[month]}-${PAD2[day]}`;
}

/** Formats wall ms as 'YYYY-MM-DDTHH:mm:ss' (sub-second parts are dropped). */
export function formatLocalDateTime(wall: WallMs): string {
  const days = Math.floor(wall / MS_PER_DAY);
  const { year, month, day } = civilFromDays(days);
  const secondOfDay = Math.floor((wall - days * MS_PER_DAY) / 1000);
  const h = Math.floor(secondOfDay / 3600);
  const mi = Math.floor(secondOfDay / 60) % 60;
  return `${pad4(year)}-${PAD2[month]}-${PAD2[day]}T${PAD2[h]}:${PAD2[mi]}:${PAD2[secondOfDay % 60]}`;
}

/** Formats epoch ms as an ISO 8601 UTC instant ('YYYY-MM-DDTHH:mm:ss.sssZ'), as Date#toISOString does. */
export function formatInstant(epochMs: number): string {
  const ms = ((epochMs % 1000) + 1000) % 1000;
  return `${formatLocalDateTime(epochMs)}.${ms < 100 ? (ms < 10 ? `00${ms}` : `0${ms}`) : ms}Z`;
}
