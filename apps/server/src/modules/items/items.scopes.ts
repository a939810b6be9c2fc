import type { UpdateItemBody } from '@kalendaryo/contract';
import {
  AppError,
  isOccurrenceStart,
  isRecurring,
  type OccurrenceChange,
  type SeriesException,
  type SeriesSchedule,
  type SeriesTimes,
} from '@kalendaryo/domain';
import type { ExceptionRow, ItemRow, ItemValues } from './items.repository';
import { isDateOnly, isInstant, requireLocal } from './times';

// Between stored rows and the domain's series rules (packages/domain/src/series), and between
// the `scope` and `occurrence` a client sends and the recurrence ids those rules work with.

/** The schedule of a stored item (DTSTART, zone, RRULE, EXDATE, RDATE). */
export const specOf = (
  row: Pick<ItemRow, 'dtstart' | 'time_zone' | 'all_day' | 'rrule' | 'exdates' | 'rdates'>,
): SeriesSchedule => ({
  dtstart: row.dtstart,
  zone: row.time_zone,
  allDay: row.all_day,
  rrule: row.rrule,
  exdates: row.exdates,
  rdates: row.rdates,
});

/** The wall times of a stored item as the series rules take them. */
export const timesOf = (row: ItemRow): SeriesTimes => ({
  dtstart: row.dtstart,
  dtend: row.dtend,
  zone: row.time_zone,
  allDay: row.all_day,
  rrule: row.rrule,
  exdates: row.exdates,
  rdates: row.rdates,
});

/** The wall times of item values about to be stored. */
export const timesOfValues = (v: ItemValues): SeriesTimes => ({
  dtstart: v.dtstart,
  dtend: v.dtend,
  zone: v.timeZone,
  allDay: v.allDay,
  rrule: v.rrule,
  exdates: v.exdates,
  rdates: v.rdates,
});

/** A stored exception as the series rules take it. */
export const exceptionOf = (x: ExceptionRow): SeriesException => ({
  recurrenceId: x.recurrence_id,
  cancelled: x.cancelled,
  dtstart: x.dtstart,
  dtend: x.dtend,
  title: x.title,
  description: x.description,
  location: x.location,
  status: x.status,
});

/** Whether the item repeats (by RRULE or RDATE): only then do scopes and occurrences apply. */
export const isSeries = (row: Pick<ItemRow, 'rrule' | 'rdates'>) => isRecurring(row);

/**
 * Reads the `occurrence` parameter (a local date-time, an instant, or a date for all-day series)
 * as the recurrence id of an occurrence of `row`; 404 when the series has no such occurrence.
 */
export function resolveOccurrence(
  row: ItemRow,
  exceptions: readonly ExceptionRow[],
  occurrence: string | undefined,
): string {
  if (!occurrence)
    throw new AppError(
      'item.occurrence_required',
      'Give `occurrence`: the original start of the occurrence to change.',
      [{ field: 'occurrence', message: 'is required for scope this or future' }],
    );
  if (row.time_zone === null && isInstant(occurrence)) {
    throw new AppError(
      'item.occurrence_not_found',
      'This series is floating: name the occurrence by its local date-time.',
    );
  }
  const local =
    isDateOnly(occurrence) && row.all_day
      ? `${occurrence}T00:00:00`
      : requireLocal(occurrence, row.time_zone, 'occurrence');
  if (exceptions.some((x) => x.recurrence_id === local) || isOccurrenceStart(specOf(row), local))
    return local;
  throw new AppError('item.occurrence_not_found', `The series has no occurrence starting ${occurrence}.`);
}

const THIS_ONLY_FORBIDDEN = [
  'rrule',
  'exdates',
  'rdates',
  'timeZone',
  'allDay',
  'calendarId',
  'details',
  'visibility',
  'communityId',
  'color',
] as const;

/** A "this" patch as a change of one occurrence: only its time, title, description, location and status. */
export function occurrenceChange(row: ItemRow, patch: UpdateItemBody): OccurrenceChange {
  const bad = THIS_ONLY_FORBIDDEN.filter((k) => patch[k] !== undefined);
  if (bad.length) {
    throw new AppError(
      'request.invalid',
      'Only the time, title, description, location and status of one occurrence can change; use scope=all or future for the rest.',
      bad.map((f) => ({ field: f, message: 'cannot change for one occurrence' })),
    );
  }
  const read = (v: string, field: string) => {
    if (row.all_day && !isDateOnly(v))
      throw new AppError('item.invalid_time', `${field}: this is an all-day series; give a date.`, [
        { field, message: 'must be a date' },
      ]);
    return requireLocal(v, row.time_zone, field);
  };
  return {
    start: patch.start ? read(patch.start, 'start') : undefined,
    end: patch.end ? read(patch.end, 'end') : undefined,
    title: patch.title,
    description: patch.description,
    location: patch.location,
    status: patch.status,
  };
}
