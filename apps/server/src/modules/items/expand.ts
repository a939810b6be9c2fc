import { expandRecurrence, parseRRule } from '@kalendaryo/domain';
import { localToMs } from './times';

/** What the expansion needs of a series: wall times in `zone` (null = floating). */
export interface SeriesSpec {
  dtstart: string;
  zone: string | null;
  allDay: boolean;
  rrule: string | null;
  exdates: readonly string[];
  rdates: readonly string[];
}

export interface ExpandedStart {
  /** Local wall time of the occurrence's start: its recurrence id. */
  local: string;
  ms: number;
}

/** Most occurrences one series may contribute to one request: no window or rule can stall the server. */
export const MAX_PER_SERIES = 5000;

const UTC = 'UTC';

/**
 * Occurrence starts of a series with `fromMs <= start < toMs` (or, without a window, the first
 * `limit` from DTSTART). Floating series are expanded in `floatingZone` (the viewer's zone).
 */
export function expandStarts(
  spec: SeriesSpec,
  window: { fromMs: number; toMs: number } | null,
  limit = MAX_PER_SERIES,
  floatingZone: string = UTC,
): ExpandedStart[] {
  const zone = spec.zone ?? floatingZone;
  if (!spec.rrule && spec.rdates.length === 0) {
    const ms = localToMs(spec.dtstart, zone);
    return !window || (ms >= window.fromMs && ms < window.toMs) ? [{ local: spec.dtstart, ms }] : [];
  }
  const occurrences = expandRecurrence(
    { dtstart: spec.dtstart, tzid: zone, rrule: spec.rrule, exdates: spec.exdates, rdates: spec.rdates },
    {
      ...(window
        ? {
            window: {
              start: new Date(window.fromMs).toISOString(),
              end: new Date(window.toMs).toISOString(),
            },
          }
        : {}),
      limit,
      maxOccurrences: Math.max(limit, 100_000),
    },
  );
  return occurrences.map((o) => ({ local: o.local, ms: o.epochMs ?? Date.parse(`${o.local}Z`) }));
}

/** Whether the rule has an end (COUNT or UNTIL); an unbounded series has no last occurrence. */
export function isBounded(rrule: string | null): boolean {
  if (!rrule) return true;
  const spec = parseRRule(rrule);
  return spec.count !== undefined || spec.until !== undefined;
}

/** Validates an RRULE (throws `recurrence.invalid_rule` naming the wrong part). */
export const validateRule = (rrule: string) => {
  parseRRule(rrule);
};
