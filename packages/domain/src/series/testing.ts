/** Helpers for the series tests: frozen inputs (a rule that mutates one throws) and exceptions. */
import type { SeriesException, SeriesTimes } from './types';

/** A deep-frozen copy: any attempt to mutate it throws in strict mode. */
export function frozen<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) frozen(v);
    Object.freeze(value);
  }
  return value;
}

/** A series with the given wall times and rule, no EXDATE or RDATE unless given. */
export const series = (
  times: Pick<SeriesTimes, 'dtstart' | 'dtend' | 'zone' | 'rrule'> & Partial<SeriesTimes>,
): SeriesTimes => frozen({ allDay: false, exdates: [], rdates: [], ...times });

/** An exception of `recurrenceId` that changes nothing unless told. */
export const exception = (recurrenceId: string, change: Partial<SeriesException> = {}): SeriesException =>
  frozen({
    recurrenceId,
    cancelled: false,
    dtstart: null,
    dtend: null,
    title: null,
    description: null,
    location: null,
    status: null,
    ...change,
  });

/** Epoch ms of an ISO instant written out in a test. */
export const at = (iso: string): number => Date.parse(iso);
