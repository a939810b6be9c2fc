/**
 * "All" changes: the whole series is rewritten, and what was said about single occurrences (EXDATE
 * and exceptions, keyed by their original start) follows the series when its start moves.
 */
import { isOccurrenceStart, isRecurring } from './expand';
import type { SeriesException, SeriesSchedule } from './types';
import { shiftLocalTime, wallSecondsBetween } from './wall';

/** The overrides a series keeps through an "all" edit. */
export interface CarriedOverrides {
  /** The EXDATEs moved with DTSTART: the series' exclusions unless the edit restates them. */
  readonly exdates: readonly string[];
  /** The exceptions moved with DTSTART that still name an occurrence of the new schedule. */
  readonly exceptions: readonly SeriesException[];
}

/**
 * What an "all" edit from `before` to `after` keeps of the overrides: EXDATEs and exception
 * RECURRENCE-IDs shift by the wall-clock move of DTSTART, and exceptions whose shifted id the new
 * schedule no longer produces are dropped, since a RECURRENCE-ID must name an instance of the
 * series (RFC 5545 §3.8.4.4). A schedule that stops repeating keeps no exceptions.
 */
export function carryOverrides(
  before: SeriesSchedule,
  after: SeriesSchedule,
  exceptions: readonly SeriesException[],
): CarriedOverrides {
  const delta = wallSecondsBetween(before.dtstart, after.dtstart);
  const shift = (local: string) => (delta ? shiftLocalTime(local, delta) : local);
  const exdates = before.exdates.map(shift);
  if (!isRecurring(after)) return { exdates, exceptions: [] };
  // EXDATE stays out of the match: `after` may still hold the exclusions before their shift.
  const schedule = { ...after, exdates: [] };
  return {
    exdates,
    exceptions: exceptions
      .map((x) => (delta ? { ...x, recurrenceId: shift(x.recurrenceId) } : x))
      .filter((x) => isOccurrenceStart(schedule, x.recurrenceId)),
  };
}
