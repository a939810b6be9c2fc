import {
  checkRecurrenceLimits,
  DEFAULT_MAX_CANDIDATES,
  expandScheduleWithin,
  isAppError,
  type SeriesSchedule,
  type SeriesStart,
} from '@kalendaryo/domain';

/** What the expansion needs of a series: wall times in `zone` (null = floating). */
export type SeriesSpec = SeriesSchedule;

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
  starts: SeriesStart[];
  /** The budget ran out, or the series cannot be expanded at all: later starts may be missing. */
  truncated: boolean;
  candidates: number;
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
): SeriesStart[] {
  return expandScheduleWithin(spec, window, { limit, floatingZone, maxCandidates: DEFAULT_MAX_CANDIDATES })
    .starts;
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
    const got = expandScheduleWithin(spec, window, {
      limit: budget.limit,
      floatingZone,
      maxCandidates: budget.candidates,
      onBudget: 'truncate',
    });
    return { ...got, truncated: got.truncated || got.starts.length >= budget.limit };
  } catch (e) {
    if (!isAppError(e) || !/^(recurrence|time)\./.test(e.code)) throw e;
    return { starts: [], truncated: true, candidates: budget.candidates };
  }
}

/**
 * Validates the RRULE of a new or changed series: its parts (`recurrence.invalid_rule` naming the
 * wrong one) and its cost (`recurrence.too_complex`: SECONDLY, HOURLY/MINUTELY without a near end,
 * absurd BYxxx products; see the domain's limits).
 */
export const validateRule = (rrule: string, dtstart: string, zone: string | null) => {
  checkRecurrenceLimits({ dtstart, tzid: zone, rrule });
};
