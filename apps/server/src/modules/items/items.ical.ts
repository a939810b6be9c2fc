import { OFFICE_TIME_ZONE } from '@kalendaryo/domain';
import type { ItemState } from './items.messages';
import type { ItemRow } from './items.repository';
import { instantOf } from './when';

/** A person in an invitation: the organiser, or an attendee with their answer (RFC 5545 §3.2.12). */
export interface IcalPerson {
  name: string;
  email: string;
}
export type Partstat = 'NEEDS-ACTION' | 'ACCEPTED' | 'TENTATIVE' | 'DECLINED';
export interface IcalAttendee extends IcalPerson {
  partstat: Partstat;
}

/**
 * `data.ical` of item messages: what the email channel needs to write an iTIP part (RFC 5546)
 * with the item's UID and SEQUENCE, so mail clients add, move or remove the event. Timed items
 * give ISO instants and their zone; all-day items give dates (`end` exclusive). A message about
 * one occurrence names it by `recurrenceId` (an instant, or a date when all-day) and carries no
 * `rrule`; `range: 'THISANDFUTURE'` cancels that occurrence and every later one.
 */
export interface IcalData {
  uid: string;
  sequence: number;
  method: 'REQUEST' | 'CANCEL';
  start: string;
  end: string;
  allDay: boolean;
  timeZone: string;
  summary: string;
  location: string | null;
  description: string | null;
  organizer: IcalPerson | null;
  attendees: IcalAttendee[];
  rrule?: string;
  exdates?: string[];
  rdates?: string[];
  recurrenceId?: string;
  range?: 'THISANDFUTURE';
  status: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
}

/** An RSVP as an iCalendar participation status. */
export const partstatOf = (rsvp: string | null | undefined): Partstat =>
  rsvp === 'going'
    ? 'ACCEPTED'
    : rsvp === 'maybe'
      ? 'TENTATIVE'
      : rsvp === 'declined'
        ? 'DECLINED'
        : 'NEEDS-ACTION';

const timeOf = (local: string, s: Pick<ItemState, 'allDay' | 'zone'>) =>
  s.allDay ? local.slice(0, 10) : instantOf(local, s.zone);

/**
 * The iCalendar fields of an item (`state.occurrence` null) or of one occurrence, as they are
 * after the change the message is about. `sequence` is the item's SEQUENCE after that change.
 */
export function icalData(
  row: Pick<ItemRow, 'uid' | 'sequence' | 'description' | 'exdates' | 'rdates'>,
  state: ItemState,
  opts: {
    method: 'REQUEST' | 'CANCEL';
    organizer: IcalPerson | null;
    attendees: readonly IcalAttendee[];
    thisAndFuture?: boolean;
  },
): IcalData {
  const status =
    opts.method === 'CANCEL' || state.status === 'cancelled'
      ? 'CANCELLED'
      : state.status === 'tentative'
        ? 'TENTATIVE'
        : 'CONFIRMED';
  return {
    uid: row.uid,
    sequence: row.sequence,
    method: opts.method,
    start: timeOf(state.start, state),
    end: timeOf(state.end, state),
    allDay: state.allDay,
    // Floating items are read in the office's zone, as their instants are.
    timeZone: state.zone ?? OFFICE_TIME_ZONE,
    summary: state.title,
    location: state.location,
    description: row.description,
    organizer: opts.organizer,
    attendees: [...opts.attendees],
    ...(state.occurrence
      ? {
          recurrenceId: timeOf(state.occurrence, state),
          ...(opts.thisAndFuture ? { range: 'THISANDFUTURE' as const } : {}),
        }
      : state.rrule
        ? {
            rrule: state.rrule,
            exdates: row.exdates.map((d) => timeOf(d, state)),
            rdates: row.rdates.map((d) => timeOf(d, state)),
          }
        : {}),
    status,
  };
}
