/**
 * The booking form's values ⇄ the API's body, the checks made before sending (the resource's
 * rules, overlaps with bookings already made), and the reading of the server's refusals.
 * Times in the form are wall times in the person's zone ('YYYY-MM-DDTHH:mm').
 */
import type {
  BookingConflict,
  BookingConflictDetails,
  CreateBookingBody,
  Resource,
} from '@kalendaryo/contract';
import { limits } from '@kalendaryo/contract/values';
import type { ApiError } from '../../app/api';
import { plural } from '../../app/messages';
import type { ApiErrorCode } from '../../app/problem';
import {
  addDays,
  formatMinutes,
  fromInputDateTime,
  isoInstant,
  shiftWall,
  toInputDateTime,
  wallOf,
} from '../../app/time';
import { compact, type FieldErrors } from '../../app/validation';

/** A stretch of time as two ISO instants, end exclusive. */
export interface Interval {
  start: string;
  end: string;
}

export interface BookingFormValues {
  resourceId: string;
  start: string;
  end: string;
  purpose: string;
  notes: string;
  /** '' or '<itemId>|<recurrenceId>' (recurrenceId empty for single items). */
  itemRef: string;
}

export type BookingField = keyof BookingFormValues;

const PURPOSE_MAX = limits.bookingPurpose;
const NOTES_MAX = limits.bookingNotes;

const INPUT_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A wall time from the URL: 'YYYY-MM-DDTHH:mm[:ss]' kept, anything else dropped. */
const wallParam = (v: string | null): string | null => (v && INPUT_DATETIME.test(v) ? v.slice(0, 16) : null);

/** The next whole hour from `now` in `zone`, as an input value. */
export function nextWholeHour(now: number, zone: string): string {
  const wall = wallOf(now, zone);
  return toInputDateTime(shiftWall(`${wall.slice(0, 13)}:00:00`, 0, 3600));
}

/**
 * Initial values from `/bookings/new?resourceId=&start=&end=&itemId=&occurrence=&purpose=`; a
 * missing start is the next whole hour, a missing or earlier end one hour after the start.
 */
export function valuesFromSearch(params: URLSearchParams, zone: string, now: number): BookingFormValues {
  const start = wallParam(params.get('start')) ?? nextWholeHour(now, zone);
  const end = wallParam(params.get('end'));
  const itemId = params.get('itemId');
  return {
    resourceId: params.get('resourceId') ?? '',
    start,
    end: end && end > start ? end : toInputDateTime(shiftWall(fromInputDateTime(start), 0, 3600)),
    purpose: (params.get('purpose') ?? '').slice(0, PURPOSE_MAX),
    notes: '',
    itemRef: itemId ? `${itemId}|${params.get('occurrence') ?? ''}` : '',
  };
}

/** ISO instants of the form's window, or null while it is incomplete or backwards. */
export function windowOf(v: Pick<BookingFormValues, 'start' | 'end'>, zone: string): Interval | null {
  if (!INPUT_DATETIME.test(v.start) || !INPUT_DATETIME.test(v.end)) return null;
  const start = isoInstant(fromInputDateTime(v.start), zone);
  const end = isoInstant(fromInputDateTime(v.end), zone);
  return Date.parse(end) > Date.parse(start) ? { start, end } : null;
}

/** The checks the server makes too, so people learn of them while typing. */
export function validateBooking(
  v: BookingFormValues,
  zone: string,
  now: number,
  resource?: Pick<Resource, 'status' | 'rules' | 'name'>,
): FieldErrors<BookingField> {
  const purpose = v.purpose.trim();
  const startOk = INPUT_DATETIME.test(v.start);
  const endOk = INPUT_DATETIME.test(v.end);
  const window = windowOf(v, zone);
  let start: string | undefined = startOk ? undefined : 'Enter when the booking starts';
  let end: string | undefined = endOk ? undefined : 'Enter when the booking ends';
  if (startOk && endOk && !window) end = 'The end must be after the start';
  let resourceId: string | undefined = v.resourceId ? undefined : 'Choose a resource';
  if (resource && resource.status !== 'available') {
    resourceId = `${resource.name} is ${resource.status === 'retired' ? 'retired' : 'under maintenance'} and cannot be booked`;
  }
  if (window && resource) {
    const minutes = (Date.parse(window.end) - Date.parse(window.start)) / 60_000;
    const max = resource.rules.maxDurationMinutes;
    if (max && minutes > max) end = `${resource.name} can be booked for at most ${formatMinutes(max)}`;
    const ahead = resource.rules.maxDaysAhead;
    if (typeof ahead === 'number' && Date.parse(window.start) > now + (ahead + 1) * 86_400_000) {
      start =
        ahead === 0
          ? `${resource.name} can be booked on the day only`
          : `${resource.name} can be booked at most ${plural(ahead, 'day')} ahead`;
    }
  }
  if (window && Date.parse(window.end) <= now) end = 'The booking is over already; choose a later time';
  return compact<BookingField>({
    resourceId,
    start,
    end,
    purpose: !purpose
      ? 'Say what the booking is for'
      : purpose.length > PURPOSE_MAX
        ? `Use at most ${PURPOSE_MAX} characters`
        : undefined,
    notes: v.notes.length > NOTES_MAX ? `Use at most ${NOTES_MAX} characters` : undefined,
    itemRef: undefined,
  });
}

/** The body of `POST /bookings` for valid values. */
export function bodyFromValues(v: BookingFormValues, zone: string): CreateBookingBody {
  const [itemId, occurrence] = v.itemRef ? v.itemRef.split('|') : [];
  return {
    resourceId: v.resourceId,
    start: isoInstant(fromInputDateTime(v.start), zone),
    end: isoInstant(fromInputDateTime(v.end), zone),
    purpose: v.purpose.trim(),
    ...(v.notes.trim() ? { notes: v.notes.trim() } : {}),
    ...(itemId ? { itemId } : {}),
    ...(itemId && occurrence ? { occurrence } : {}),
  };
}

/** Intervals that share time with [start, end) (ends are exclusive: back-to-back is fine). */
export function overlapping<T extends Interval>(intervals: readonly T[], window: Interval): T[] {
  const s = Date.parse(window.start);
  const e = Date.parse(window.end);
  return intervals.filter((i) => Date.parse(i.start) < e && Date.parse(i.end) > s);
}

/** How the form shows a refusal: beside a field, as a list of conflicts, or as a sentence. */
export type BookingRefusal =
  | { kind: 'conflict'; message: string; conflicts: BookingConflict[] }
  | { kind: 'rule'; field: BookingField; message: string }
  | { kind: 'other'; message: string };

const ruleFields: Partial<Record<ApiErrorCode, BookingField>> = {
  'booking.too_far_ahead': 'start',
  'booking.too_long': 'end',
  'booking.resource_unavailable': 'resourceId',
  'booking.invalid_time': 'end',
};

const ruleFallbacks: Partial<Record<ApiErrorCode, string>> = {
  'booking.too_far_ahead': 'This resource cannot be booked that far ahead.',
  'booking.too_long': 'This booking is longer than the resource allows.',
  'booking.resource_unavailable':
    'This resource is not available for booking (under maintenance or retired).',
  'booking.invalid_time': 'The start and end do not make a valid booking: the end must be after the start.',
};

/** Reads the server's refusal of a booking request. */
export function readRefusal(e: ApiError): BookingRefusal {
  if (e.code === 'booking.conflict') {
    return {
      kind: 'conflict',
      message: 'The resource is already booked for part of this time.',
      // The members the contract says a booking.conflict carries.
      conflicts: (e.extensions as Partial<BookingConflictDetails> | undefined)?.conflicts ?? [],
    };
  }
  const field = ruleFields[e.code];
  if (field) return { kind: 'rule', field, message: e.detail ?? ruleFallbacks[e.code] ?? e.friendly };
  return { kind: 'other', message: e.friendly };
}

/**
 * `/bookings/new?…` for a calendar occurrence: its time (office hours, 08:00–17:00, for all-day
 * items), the item and which occurrence, and its title as the purpose.
 */
export function bookingPathFor(
  o: { itemId: string; title: string; recurrenceId: string | null; recurring: boolean; allDay: boolean },
  wall: { start: string; end: string },
  back: string,
): string {
  const q = new URLSearchParams({ itemId: o.itemId });
  if (o.recurring && o.recurrenceId) q.set('occurrence', o.recurrenceId);
  if (o.allDay) {
    q.set('start', `${wall.start.slice(0, 10)}T08:00`);
    q.set('end', `${addDays(wall.end.slice(0, 10), -1)}T17:00`);
  } else {
    q.set('start', toInputDateTime(wall.start));
    q.set('end', toInputDateTime(wall.end));
  }
  q.set('purpose', o.title);
  q.set('back', back);
  return `/bookings/new?${q}`;
}
