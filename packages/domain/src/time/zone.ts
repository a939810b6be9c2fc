/**
 * The zone layer: UTC instants ↔ local wall times in an IANA zone, with the RFC 5545 rules for
 * times that do not exist or exist twice (§3.3.5, §3.3.10 with verified erratum 4271; Temporal's
 * `disambiguation: 'compatible'`).
 *
 * Offsets come from Temporal (temporal-polyfill, which reads the host's tzdata through Intl), but
 * only once per transition: each zone keeps, per ~398-day block of UTC time, the list of constant-
 * offset segments between transitions. A conversion is then a Map lookup and a short scan, with
 * no Intl call and no allocation, so expanding 10,000 instances costs microseconds of zone work.
 */
import { Temporal } from 'temporal-polyfill';
import { AppError } from '../errors';
import { MS_PER_DAY } from './civil';
import type { WallMs } from './wall-time';

/** A named IANA time zone with cached offsets. */
export interface TimeZone {
  /** The zone's identifier as the caller spelled it. */
  readonly id: string;
  /** Offset from UTC (ms, east positive) in force at an instant. */
  offsetAt(epochMs: number): number;
  /** The instant of a wall time: a gap time takes the offset before the gap, a repeated time its first occurrence. */
  toInstant(wall: WallMs): number;
  /** The wall time at an instant. */
  toWall(epochMs: number): WallMs;
  /** True when the offset does not change from `from` to `to` (no transition in between). */
  fixedBetween(from: number, to: number): boolean;
}

/** A constant offset from `start` until `end` (the last segment of a block may reach past it). */
interface Segment {
  readonly start: number;
  readonly end: number;
  readonly offset: number;
}

// 2^35 ms ≈ 397.7 days: a block usually holds two DST transitions, so three segments.
const BLOCK_MS = 2 ** 35;
const MAX_BLOCKS_PER_ZONE = 4096;

class CachedZone implements TimeZone {
  private readonly blocks = new Map<number, readonly Segment[]>();
  private lastIndex = Number.NaN;
  private lastSegments: readonly Segment[] = [];

  constructor(readonly id: string) {}

  offsetAt(epochMs: number): number {
    const index = Math.floor(epochMs / BLOCK_MS);
    if (index !== this.lastIndex) {
      this.lastSegments = this.block(index);
      this.lastIndex = index;
    }
    const segments = this.lastSegments;
    for (let i = segments.length - 1; i > 0; i--) {
      const s = segments[i] as Segment;
      if (epochMs >= s.start) return s.offset;
    }
    return (segments[0] as Segment).offset;
  }

  toInstant(wall: WallMs): number {
    // Same shape as Temporal's GetPossibleEpochNanoseconds: look a day either side for the offsets
    // that could apply, then keep the candidates whose own offset agrees.
    const before = this.offsetAt(wall - MS_PER_DAY);
    const after = this.offsetAt(wall + MS_PER_DAY);
    if (before === after) return wall - before;
    const early = wall - before;
    const late = wall - after;
    const earlyValid = this.offsetAt(early) === before;
    const lateValid = this.offsetAt(late) === after;
    if (earlyValid && lateValid) return Math.min(early, late); // repeated hour: the first occurrence
    if (earlyValid) return early;
    if (lateValid) return late;
    return wall - before; // gap: shift forward by the gap, i.e. keep the offset before it
  }

  toWall(epochMs: number): WallMs {
    return epochMs + this.offsetAt(epochMs);
  }

  fixedBetween(from: number, to: number): boolean {
    // A segment's end is the next transition (the last one of a block: as far as it is known).
    const segments = this.block(Math.floor(from / BLOCK_MS));
    let segment = segments[0] as Segment;
    for (const s of segments) if (from >= s.start) segment = s;
    return segment.end >= to;
  }

  private block(index: number): readonly Segment[] {
    const cached = this.blocks.get(index);
    if (cached) return cached;
    if (this.blocks.size >= MAX_BLOCKS_PER_ZONE) this.blocks.clear();
    const start = index * BLOCK_MS;
    // The previous block may already know that no transition comes before this one ends.
    const last = this.blocks.get(index - 1)?.at(-1);
    const segments =
      last && last.end >= start + BLOCK_MS
        ? [{ start, end: last.end, offset: last.offset }]
        : computeSegments(this.id, start, start + BLOCK_MS);
    this.blocks.set(index, segments);
    return segments;
  }
}

// Temporal's search for the next transition looks at least this far ahead before answering null.
const SEARCHED_AHEAD_MS = 1095 * 86_400_000;

function computeSegments(id: string, start: number, end: number): Segment[] {
  const segments: Segment[] = [];
  let zdt = Temporal.Instant.fromEpochMilliseconds(start).toZonedDateTimeISO(id);
  let segmentStart = start;
  let offset = zdt.offsetNanoseconds / 1e6;
  for (;;) {
    const next = zdt.getTimeZoneTransition('next');
    if (!next || next.epochMilliseconds >= end) {
      // The last segment records how long the offset is known to hold, past the block if need be.
      const knownUntil = next ? next.epochMilliseconds : zdt.epochMilliseconds + SEARCHED_AHEAD_MS;
      segments.push({ start: segmentStart, end: Math.max(end, knownUntil), offset });
      return segments;
    }
    segments.push({ start: segmentStart, end: next.epochMilliseconds, offset });
    segmentStart = next.epochMilliseconds;
    offset = next.offsetNanoseconds / 1e6;
    zdt = next;
  }
}

const zones = new Map<string, CachedZone>();

/** True when `tzid` names a time zone the runtime knows (IANA name or fixed offset). */
export function isTimeZone(tzid: string): boolean {
  if (zones.has(tzid)) return true;
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(tzid);
    return true;
  } catch {
    return false;
  }
}

/** The cached zone for an IANA name; throws `time.unknown_zone` for names the runtime does not know. */
export function getTimeZone(tzid: string): TimeZone {
  const known = zones.get(tzid);
  if (known) return known;
  if (!isTimeZone(tzid)) {
    throw new AppError('time.unknown_zone', `'${tzid}' is not a known IANA time zone`, [
      { field: 'tzid', message: `'${tzid}' is not a known IANA time zone`, code: 'unknown_zone' },
    ]);
  }
  const zone = new CachedZone(tzid);
  zones.set(tzid, zone);
  return zone;
}
