import { Temporal } from 'temporal-polyfill';
import { getTimeZone } from './zone';

/** A change of a zone's UTC offset (ms, east positive) at an instant. */
export interface ZoneTransition {
  readonly atMs: number;
  readonly offsetFrom: number;
  readonly offsetTo: number;
}

/** Most transitions one call returns (two a year for two centuries), so no range can stall a caller. */
const MAX_TRANSITIONS = 400;

/**
 * The offset in force at `fromMs` and the transitions of `tzid` in [fromMs, toMs), from the tz
 * database the runtime carries (RFC 5545 §3.6.5 VTIMEZONE observances are written from them).
 */
export function zoneTransitions(
  tzid: string,
  fromMs: number,
  toMs: number,
): { offsetAtStart: number; transitions: ZoneTransition[] } {
  const zone = getTimeZone(tzid);
  const offsetAtStart = zone.offsetAt(fromMs);
  const transitions: ZoneTransition[] = [];
  let zdt = Temporal.Instant.fromEpochMilliseconds(fromMs).toZonedDateTimeISO(tzid);
  let offset = offsetAtStart;
  while (transitions.length < MAX_TRANSITIONS) {
    const next = zdt.getTimeZoneTransition('next');
    if (!next || next.epochMilliseconds >= toMs) break;
    const to = next.offsetNanoseconds / 1e6;
    transitions.push({ atMs: next.epochMilliseconds, offsetFrom: offset, offsetTo: to });
    offset = to;
    zdt = next;
  }
  return { offsetAtStart, transitions };
}
