import type { Booking, BookingConflict } from '@kalendaryo/contract';
import type { Actor } from '../deps';
import { canApprove, type ResourceRecord, seesAllBookings } from '../resources';
import type { BookingRow, OverlapRow } from './bookings.repository';

type Approvers = Pick<ResourceRecord, 'rules'>;

/**
 * What the actor may do with a booking. Its requester, the resource's approvers, coordinators and
 * administrators see it (others get 404: its existence does not leak). Approvers decide it; the
 * requester cancels it (administrators too, when the requester cannot).
 */
export function bookingAccess(actor: Actor, row: Pick<BookingRow, 'requester_id'>, resource: Approvers) {
  const mine = row.requester_id !== null && row.requester_id === actor.userId;
  const approver = canApprove(actor, resource.rules.approverIds);
  return {
    sees: mine || seesAllBookings(actor, resource.rules.approverIds),
    mine,
    approver,
    cancel: mine || actor.role === 'admin',
  };
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The API shape of a booking the actor may see. */
export function presentBooking(row: BookingRow, actor: Actor, resource: Approvers): Booking {
  const access = bookingAccess(actor, row, resource);
  const live = row.status === 'pending' || row.status === 'approved';
  return {
    id: row.id,
    resourceId: row.resource_id,
    resource: { id: row.resource_id, name: row.resource_name, type: row.resource_type },
    requesterId: row.requester_id,
    requester:
      row.requester_id && row.requester_name !== null
        ? { id: row.requester_id, name: row.requester_name }
        : null,
    itemId: row.item_id,
    occurrence: row.occurrence,
    start: row.start_at.toISOString(),
    end: row.end_at.toISOString(),
    purpose: row.purpose,
    notes: row.notes,
    status: row.status,
    decidedBy: row.decided_by,
    decidedAt: iso(row.decided_at),
    decisionReason: row.decision_reason,
    cancelledAt: iso(row.cancelled_at),
    completedAt: iso(row.completed_at),
    checkedOutAt: iso(row.checked_out_at),
    checkedInAt: iso(row.checked_in_at),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    version: row.version,
    // Nobody approves their own booking (an administrator only when nobody else could).
    canApprove: access.approver && (!access.mine || actor.role === 'admin') && row.status === 'pending',
    canCancel: access.cancel && live,
  };
}

/** A booking that holds the time asked for, naming its requester only to those who may see it. */
export function presentConflict(row: OverlapRow, actor: Actor, resource: Approvers): BookingConflict {
  const sees = bookingAccess(actor, row, resource).sees;
  return {
    id: row.id,
    start: row.start_at.toISOString(),
    end: row.end_at.toISOString(),
    status: row.status,
    ...(sees && row.requester_id && row.requester_name !== null
      ? { requester: { id: row.requester_id, name: row.requester_name } }
      : {}),
  };
}
