import { expandSchedule, type SeriesSchedule, type SeriesStart } from '@kalendaryo/domain';

/** What the expansion needs of a series: wall times in `zone` (null = floating). */
export type SeriesSpec = SeriesSchedule;

/** Most occurrences one series may contribute to one request: no window or rule can stall the server. */
export const MAX_PER_SERIES = 5000;

/**
 * Occurrence starts of a series with `fromMs <= start < toMs` (or, without a window, the first
 * `limit` from DTSTART). Floating series are expanded in `floatingZone` (the viewer's).
 */
export function expandStarts(
  spec: SeriesSpec,
  window: { fromMs: number; toMs: number } | null,
  limit = MAX_PER_SERIES,
  floatingZone = 'UTC',
): SeriesStart[] {
  return expandSchedule(spec, window, { limit, floatingZone });
}
