/**
 * "This" changes: one occurrence is moved, renamed or cancelled by an exception stored under its
 * RECURRENCE-ID (RFC 5545 §3.8.4.4), which later edits of the whole series carry along.
 */
import { AppError } from '../errors';
import type { OccurrenceStatus, SeriesException, SeriesTimes } from './types';
import { addLocalDays, epochMsToLocal, localToEpochMs, shiftLocalTime, wallSecondsBetween } from './wall';

/** What a "this" edit may change of one occurrence; times are local wall times in the series' zone. */
export interface OccurrenceChange {
  readonly start?: string | undefined;
  readonly end?: string | undefined;
  readonly title?: string | undefined;
  readonly description?: string | null | undefined;
  readonly location?: string | null | undefined;
  readonly status?: OccurrenceStatus | undefined;
}

/** An exception and the series' exceptions with it stored. */
export interface ExceptionStored {
  readonly exception: SeriesException;
  readonly exceptions: readonly SeriesException[];
}

/** The exceptions with `exception` in place of any under the same RECURRENCE-ID, ascending by it. */
function store(exceptions: readonly SeriesException[], exception: SeriesException): ExceptionStored {
  const others = exceptions.filter((x) => x.recurrenceId !== exception.recurrenceId);
  const at = others.findIndex((x) => x.recurrenceId > exception.recurrenceId);
  const next = at < 0 ? [...others, exception] : [...others.slice(0, at), exception, ...others.slice(at)];
  return { exception, exceptions: next };
}

/** The end of occurrence `recurrenceId` as the series gives it: the first occurrence's length later. */
function seriesEnd(series: SeriesTimes, recurrenceId: string): string {
  const seconds = wallSecondsBetween(series.dtstart, series.dtend);
  return series.allDay
    ? addLocalDays(recurrenceId, Math.round(seconds / 86_400))
    : epochMsToLocal(localToEpochMs(recurrenceId, series.zone) + seconds * 1000, series.zone);
}

/**
 * Applies a "this" edit to the occurrence `recurrenceId`, merged with the exception already stored
 * for it: a new start without an end keeps the length; an all-day end equal to its start means one
 * day; an end before the start is refused (`item.invalid_time`). Times are stored only when the
 * occurrence moved. Editing a cancelled occurrence restores it.
 */
export function editOccurrence(
  series: SeriesTimes,
  exceptions: readonly SeriesException[],
  recurrenceId: string,
  change: OccurrenceChange,
): ExceptionStored {
  const existing = exceptions.find((x) => x.recurrenceId === recurrenceId);
  const currentStart = existing?.dtstart ?? recurrenceId;
  const currentEnd = existing?.dtend ?? seriesEnd(series, recurrenceId);
  const dtstart = change.start ?? currentStart;
  let dtend =
    change.end ??
    (change.start === undefined
      ? currentEnd
      : shiftLocalTime(currentEnd, wallSecondsBetween(currentStart, dtstart)));
  if (series.allDay && dtend === dtstart) dtend = addLocalDays(dtstart, 1);
  if (localToEpochMs(dtend, series.zone) < localToEpochMs(dtstart, series.zone))
    throw new AppError('item.invalid_time', 'The end must not be before the start.', [
      { field: 'end', message: 'is before the start' },
    ]);
  const moved = dtstart !== recurrenceId || dtend !== currentEnd || existing?.dtstart != null;
  return store(exceptions, {
    recurrenceId,
    cancelled: false,
    dtstart: moved ? dtstart : null,
    dtend: moved ? dtend : null,
    title: change.title ?? existing?.title ?? null,
    description: change.description === undefined ? (existing?.description ?? null) : change.description,
    location: change.location === undefined ? (existing?.location ?? null) : change.location,
    status: change.status ?? existing?.status ?? null,
  });
}

/** Cancels the occurrence `recurrenceId` (RFC 5545 §3.8.1.11 STATUS:CANCELLED on its override), dropping any earlier change of it. */
export function cancelOccurrence(
  exceptions: readonly SeriesException[],
  recurrenceId: string,
): ExceptionStored {
  return store(exceptions, cancelledException(recurrenceId));
}

/** The exception that cancels occurrence `recurrenceId` and changes nothing else. */
export const cancelledException = (recurrenceId: string): SeriesException => ({
  recurrenceId,
  cancelled: true,
  dtstart: null,
  dtend: null,
  title: null,
  description: null,
  location: null,
  status: null,
});
