import { type MessageText, officeWall, spanLabel, wallLabel } from '../items';

// What booking messages say: pure functions from a booking (or the occurrences a standing
// request met) to the title, body, link and template data of a notification. Times are in the
// office's zone.

/** A booking as its messages describe it. */
export interface BookingFacts {
  id: string;
  resourceName: string;
  start: Date;
  end: Date;
  purpose: string;
}

const whenOf = (b: Pick<BookingFacts, 'start' | 'end'>) =>
  spanLabel(officeWall(b.start.getTime()), officeWall(b.end.getTime()), false);
const startOf = (d: Date) => wallLabel(officeWall(d.getTime()));

const bookingData = (b: BookingFacts) => ({
  bookingId: b.id,
  resourceName: b.resourceName,
  when: whenOf(b),
  start: b.start.toISOString(),
  end: b.end.toISOString(),
  purpose: b.purpose,
});

/** `booking.requested`: a booking (or `count` bookings of a series, `b` the first) waits for approval. */
export function bookingRequestedMessage(b: BookingFacts, requesterName: string, count = 1): MessageText {
  const what = count > 1 ? `${count} occurrences from ${startOf(b.start)}` : startOf(b.start);
  return {
    title: `${b.resourceName} requested for ${what}`,
    body:
      count > 1
        ? `${requesterName} asks for ${b.resourceName} for ${count} occurrences, the first ${whenOf(b)}: ${b.purpose}.`
        : `${requesterName} asks for ${b.resourceName} on ${whenOf(b)}: ${b.purpose}.`,
    path: '/bookings/approvals',
    data: { ...bookingData(b), requesterName, count },
  };
}

/** `booking.approved` / `booking.rejected`: the decision on the requester's booking, with the reason. */
export function bookingDecidedMessage(
  b: BookingFacts,
  decision: 'approved' | 'rejected',
  deciderName: string,
  reason: string | null,
): MessageText {
  return {
    title: `${b.resourceName} ${decision} for ${startOf(b.start)}`,
    body: `${deciderName} ${decision} your booking of ${b.resourceName} on ${whenOf(b)}.${reason ? ` Reason: ${reason}` : ''}`,
    path: `/bookings?${new URLSearchParams({ booking: b.id })}`,
    data: { ...bookingData(b), decision, decidedBy: deciderName, reason },
  };
}

/** One occurrence a standing request could not book, and why. */
export interface MissedSlot {
  occurrence: string | null;
  start: Date;
  end: Date;
  /** "already booked", or the rule that refused it. */
  why: string;
}

/**
 * `booking.conflict`: the booking horizon job could not book some occurrences of an item for
 * the requester. The link opens a new booking for the first of them, to pick another resource.
 */
export function bookingConflictMessage(
  resourceId: string,
  resourceName: string,
  item: { id: string; title: string },
  missed: readonly MissedSlot[],
): MessageText {
  const first = missed[0]!;
  const listed = missed.slice(0, 3).map((m) => `${whenOf(m)} (${m.why})`);
  const more = missed.length > 3 ? ` and ${missed.length - 3} more` : '';
  const q = new URLSearchParams({
    resourceId,
    itemId: item.id,
    ...(first.occurrence ? { occurrence: first.occurrence } : {}),
    start: officeWall(first.start.getTime()).slice(0, 16),
    end: officeWall(first.end.getTime()).slice(0, 16),
    purpose: item.title,
  });
  return {
    title:
      missed.length > 1
        ? `${resourceName} not booked for ${missed.length} occurrences of “${item.title}”`
        : `${resourceName} not booked for ${startOf(first.start)}`,
    body: `Your standing request for ${resourceName} could not book “${item.title}” on ${listed.join(', ')}${more}. Book another time or resource.`,
    path: `/bookings/new?${q}`,
    data: {
      resourceName,
      itemTitle: item.title,
      start: first.start.toISOString(),
      end: first.end.toISOString(),
      missed: missed.map((m) => ({
        occurrence: m.occurrence,
        when: whenOf(m),
        start: m.start.toISOString(),
        end: m.end.toISOString(),
        why: m.why,
      })),
    },
  };
}
