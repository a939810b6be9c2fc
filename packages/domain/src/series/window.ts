/** The occurrences of a series in a window, with its exceptions merged in. */
import { expandScheduleWithin } from './expand';
import type { EpochWindow, SeriesException, SeriesOccurrence, SeriesStart, SeriesTimes } from './types';
import { addLocalDays, epochMsToLocal, localToEpochMs, wallSecondsBetween } from './wall';

/** How to expand a series for a window. */
export interface WindowOptions {
  /** Most starts one series may contribute (see `expandSchedule`). */
  readonly limit: number;
  /** Zone in which a floating series is read: the viewer's. */
  readonly floatingZone: string;
  /** Candidates the engine may examine for this series (default: the engine's budget). */
  readonly maxCandidates?: number;
  /** Past the budget: refuse with `recurrence.too_complex` (default) or cut the series short. */
  readonly onBudget?: 'throw' | 'truncate';
}

/**
 * The occurrences of a series that overlap `window` (a zero-length one: that start inside it),
 * ascending by start, with its exceptions merged in (RFC 5545 §3.8.4.4): changed occurrences carry
 * their exception, moved ones take its times (also when moved in from outside the window),
 * cancelled ones are left out. `truncated` says the expansion reached `limit`.
 */
export function occurrencesInWindow(
  series: SeriesTimes,
  exceptions: readonly SeriesException[],
  window: EpochWindow,
  options: WindowOptions,
): { readonly occurrences: SeriesOccurrence[]; readonly truncated: boolean; readonly candidates: number } {
  const zone = series.zone ?? options.floatingZone;
  const durationMs = localToEpochMs(series.dtend, series.zone) - localToEpochMs(series.dtstart, series.zone);
  const durationDays = series.allDay
    ? Math.round(wallSecondsBetween(series.dtstart, series.dtend) / 86_400)
    : 0;
  // Starts from one length before the window, so that an occurrence running into it is found.
  const expansion = expandScheduleWithin(
    { ...series, zone },
    { fromMs: window.fromMs - Math.max(durationMs, 0) - 1, toMs: window.toMs },
    {
      limit: options.limit,
      floatingZone: zone,
      ...(options.maxCandidates !== undefined ? { maxCandidates: options.maxCandidates } : {}),
      ...(options.onBudget !== undefined ? { onBudget: options.onBudget } : {}),
    },
  );
  const starts: SeriesStart[] = [...expansion.starts];
  const byId = new Map<string, SeriesException>();
  if (exceptions.length > 0) {
    for (const x of exceptions) byId.set(x.recurrenceId, x);
    const seen = new Set(starts.map((s) => s.local));
    // Occurrences moved into the window from outside it.
    for (const x of exceptions) {
      if (!x.cancelled && x.dtstart && !seen.has(x.recurrenceId))
        starts.push({ local: x.recurrenceId, ms: localToEpochMs(x.recurrenceId, zone) });
    }
  }
  const occurrences: SeriesOccurrence[] = [];
  for (const s of starts) {
    const x = byId.get(s.local);
    if (x?.cancelled) continue;
    let o: SeriesOccurrence;
    if (!x?.dtstart && !series.allDay) {
      // The common case: the rule's own instant, no wall-time round trip.
      o = { recurrenceId: s.local, startMs: s.ms, endMs: s.ms + durationMs, dates: null, exception: x };
    } else {
      const start = x?.dtstart ?? s.local;
      const end =
        x?.dtend ??
        (series.allDay
          ? addLocalDays(start, durationDays)
          : epochMsToLocal(localToEpochMs(start, zone) + durationMs, zone));
      o = {
        recurrenceId: s.local,
        startMs: localToEpochMs(start, zone),
        endMs: localToEpochMs(end, zone),
        dates: series.allDay ? { start: start.slice(0, 10), end: end.slice(0, 10) } : null,
        exception: x,
      };
    }
    const overlaps =
      o.endMs > o.startMs
        ? o.startMs < window.toMs && o.endMs > window.fromMs
        : o.startMs >= window.fromMs && o.startMs < window.toMs;
    if (overlaps) occurrences.push(o);
  }
  // Moved occurrences may now start out of order; the sort is stable for equal starts.
  if (exceptions.length > 0) occurrences.sort((a, b) => a.startMs - b.startMs);
  return {
    occurrences,
    truncated: expansion.truncated || expansion.starts.length >= options.limit,
    candidates: expansion.candidates,
  };
}
