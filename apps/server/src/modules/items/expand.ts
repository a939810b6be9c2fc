import {
  checkRecurrenceLimits,
  DEFAULT_MAX_CANDIDATES,
  type ExpandOptions,
  expandSeries,
  isAppError,
  parseRRule,
} from '@kalendaryo/domain';
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

/** Work one expansion may do: occurrences returned and candidates examined (see the domain's budget). */
export interface SeriesBudget {
  limit: number;
  candidates: number;
}

/** What an expansion within a budget found. */
export interface BoundedStarts {
  starts: ExpandedStart[];
  /** The budget ran out, or the series cannot be expanded at all: later starts may be missing. */
  truncated: boolean;
  candidates: number;
}

function expand(
  spec: SeriesSpec,
  window: { fromMs: number; toMs: number } | null,
  limit: number,
  floatingZone: string,
  budget: Pick<ExpandOptions, 'maxCandidates' | 'onBudget'>,
): BoundedStarts {
  const zone = spec.zone ?? floatingZone;
  if (!spec.rrule && spec.rdates.length === 0) {
    const ms = localToMs(spec.dtstart, zone);
    const starts = !window || (ms >= window.fromMs && ms < window.toMs) ? [{ local: spec.dtstart, ms }] : [];
    return { starts, truncated: false, candidates: 0 };
  }
  const got = expandSeries(
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
      ...budget,
    },
  );
  return {
    starts: got.occurrences.map((o) => ({ local: o.local, ms: o.epochMs ?? Date.parse(`${o.local}Z`) })),
    truncated: got.truncated,
    candidates: got.candidates,
  };
}

/**
 * Occurrence starts of a series with `fromMs <= start < toMs` (or, without a window, the first
 * `limit` from DTSTART). Floating series are expanded in `floatingZone` (the viewer's zone). A
 * series too costly to expand is refused (recurrence.too_complex).
 */
export function expandStarts(
  spec: SeriesSpec,
  window: { fromMs: number; toMs: number } | null,
  limit = MAX_PER_SERIES,
  floatingZone: string = UTC,
): ExpandedStart[] {
  return expand(spec, window, limit, floatingZone, { maxCandidates: DEFAULT_MAX_CANDIDATES }).starts;
}

/**
 * `expandStarts` within `budget`, for reading many series at once: a series that exceeds it, or
 * that cannot be expanded at all (a stored rule that is no longer valid), comes back truncated
 * with what was found before, instead of failing the whole answer.
 */
export function expandStartsWithin(
  spec: SeriesSpec,
  window: { fromMs: number; toMs: number },
  budget: SeriesBudget,
  floatingZone: string = UTC,
): BoundedStarts {
  try {
    const got = expand(spec, window, budget.limit, floatingZone, {
      maxCandidates: budget.candidates,
      onBudget: 'truncate',
    });
    return { ...got, truncated: got.truncated || got.starts.length >= budget.limit };
  } catch (e) {
    if (!isAppError(e) || !/^(recurrence|time)\./.test(e.code)) throw e;
    return { starts: [], truncated: true, candidates: budget.candidates };
  }
}

/** Whether the rule has an end (COUNT or UNTIL); an unbounded series has no last occurrence. */
export function isBounded(rrule: string | null): boolean {
  if (!rrule) return true;
  const spec = parseRRule(rrule);
  return spec.count !== undefined || spec.until !== undefined;
}

/**
 * Validates the RRULE of a new or changed series: its parts (`recurrence.invalid_rule` naming the
 * wrong one) and its cost (`recurrence.too_complex`: SECONDLY, HOURLY/MINUTELY without a near end,
 * absurd BYxxx products; see the domain's limits).
 */
export const validateRule = (rrule: string, dtstart: string, zone: string | null) => {
  checkRecurrenceLimits({ dtstart, tzid: zone, rrule });
};
