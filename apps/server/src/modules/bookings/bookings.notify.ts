import type { Queryable } from '../../db/client';
import { type NotificationInput, notify } from '../notifications';
import type { ResourceRecord } from '../resources';
import {
  type BookingFacts,
  bookingConflictMessage,
  bookingDecidedMessage,
  bookingRequestedMessage,
  type MissedSlot,
} from './bookings.messages';
import { findApprovers, findUserName } from './bookings.notify.repository';
import type { OwnBookingRow } from './bookings.repository';

// Booking messages, written in the transaction of the change; nobody is told of their own act.
// Keys name the booking (and its status), since a booking need not belong to an item.

type Booked = Pick<
  OwnBookingRow,
  'id' | 'start_at' | 'end_at' | 'purpose' | 'item_id' | 'occurrence' | 'requester_id'
>;

const factsOf = (b: Booked, resource: Pick<ResourceRecord, 'name'>): BookingFacts => ({
  id: b.id,
  resourceName: resource.name,
  start: b.start_at,
  end: b.end_at,
  purpose: b.purpose,
});

/**
 * `booking.requested` to the resource's approvers (but the requester) for a pending booking, or
 * for `count` pending bookings of one request (`first` the earliest).
 */
export async function notifyBookingRequested(
  tx: Queryable,
  resource: ResourceRecord,
  first: Booked,
  requester: { id: string; name: string | null },
  count = 1,
): Promise<void> {
  const approvers = await findApprovers(tx, resource.rules.approverIds, requester.id);
  if (!approvers.length) return;
  const name = requester.name ?? (await findUserName(tx, requester.id)) ?? 'Someone';
  const text = bookingRequestedMessage(factsOf(first, resource), name, count);
  await notify(
    tx,
    approvers.map(
      (recipientId): NotificationInput => ({
        recipientId,
        type: 'booking.requested',
        ...text,
        itemId: first.item_id,
        occurrence: count > 1 ? null : first.occurrence,
        key: first.id,
      }),
    ),
  );
}

/** `booking.approved` / `booking.rejected` to the requester, with the reason, unless they decided it. */
export async function notifyBookingDecided(
  tx: Queryable,
  actor: { userId: string; name: string },
  booking: Booked,
  resource: ResourceRecord,
  decision: 'approved' | 'rejected',
  reason: string | null,
): Promise<void> {
  if (!booking.requester_id || booking.requester_id === actor.userId) return;
  const text = bookingDecidedMessage(factsOf(booking, resource), decision, actor.name, reason);
  await notify(tx, [
    {
      recipientId: booking.requester_id,
      type: `booking.${decision}`,
      ...text,
      itemId: booking.item_id,
      occurrence: booking.occurrence,
      key: `${booking.id}:${decision}`,
    },
  ]);
}

/** `booking.conflict` to the requester of a standing request whose occurrences the horizon job could not book. */
export async function notifyBookingConflict(
  tx: Queryable,
  requesterId: string,
  resource: ResourceRecord,
  item: { id: string; title: string },
  missed: readonly MissedSlot[],
): Promise<void> {
  if (!missed.length) return;
  const text = bookingConflictMessage(resource.id, resource.name, item, missed);
  await notify(tx, [
    {
      recipientId: requesterId,
      type: 'booking.conflict',
      ...text,
      itemId: item.id,
      // One message per run: the job moves past these occurrences, so the first names the run.
      key: `${resource.id}:${missed[0]!.occurrence ?? missed[0]!.start.toISOString()}`,
    },
  ]);
}
