import type { Booking, BookingStatus } from '@kalendaryo/contract';
import { errorCatalogue } from '@kalendaryo/contract';
import { AppError, isAppError } from '@kalendaryo/domain';
import { recordAudit } from '../audit';
import type { Actor, RequestMeta } from '../deps';
import { notifyBookingDecided } from './bookings.notify';
import {
  type BookingChange,
  type BookingExpectation,
  type BookingRow,
  otherApproverExists,
  updateBooking,
} from './bookings.repository';
import type { BookingDeps } from './bookings.service';
import { getBooking, requireBooking } from './bookings.service';

export type BookingAction = 'approve' | 'reject' | 'cancel' | 'complete' | 'check-out' | 'check-in';

/**
 * The booking life cycle: pending → approved | rejected | cancelled; approved → cancelled |
 * completed. Check-out and check-in record when a vehicle or piece of equipment left and came
 * back, on an approved booking. Anything else is `booking.invalid_transition`. `out` is what the
 * check-out state must be for the step (see `BookingExpectation`).
 */
const steps: Record<
  BookingAction,
  { from: readonly BookingStatus[]; out?: BookingExpectation['checkedOut']; audit: string; verb: string }
> = {
  approve: { from: ['pending'], audit: 'booking.approved', verb: 'approved' },
  reject: { from: ['pending'], audit: 'booking.rejected', verb: 'rejected' },
  cancel: { from: ['pending', 'approved'], out: 'back', audit: 'booking.cancelled', verb: 'cancelled' },
  complete: { from: ['approved'], out: 'back', audit: 'booking.completed', verb: 'completed' },
  'check-out': { from: ['approved'], out: 'none', audit: 'booking.checked_out', verb: 'checked out' },
  'check-in': { from: ['approved'], out: 'in', audit: 'booking.checked_in', verb: 'checked in' },
};

const CHECKED_TYPES = new Set(['vehicle', 'equipment']);

/** Minutes before its start from which a booking may be checked out, unless configured. */
export const DEFAULT_CHECKOUT_LEAD_MINUTES = 120;

const invalid = (detail: string) => new AppError('booking.invalid_transition', detail);

const when = (d: Date) => d.toISOString().replace(/:\d\d\.\d{3}Z$/, 'Z');

/** The change an action makes to a booking in its state at `now`, or the reason it cannot. */
function changeFor(
  action: BookingAction,
  row: BookingRow,
  actor: Actor,
  reason: string | null,
  now: Date,
  leadMinutes: number,
): BookingChange {
  const out = row.checked_out_at !== null && row.checked_in_at === null;
  const started = now.getTime() >= row.start_at.getTime();
  switch (action) {
    case 'approve':
      return { status: 'approved', decided_by: actor.userId, decided_at: now, decision_reason: reason };
    case 'reject':
      if (!reason?.trim())
        throw new AppError('request.invalid', 'Give a reason for rejecting the booking.', [
          { field: 'reason', message: 'is required to reject' },
        ]);
      return { status: 'rejected', decided_by: actor.userId, decided_at: now, decision_reason: reason };
    case 'cancel':
      if (out) throw invalid('The booking is checked out: check it in first.');
      return { status: 'cancelled', cancelled_at: now };
    case 'complete':
      if (out) throw invalid('The booking is checked out: check it in first.');
      if (now.getTime() <= row.start_at.getTime())
        throw invalid(
          `The booking has not started: it can be completed after ${when(row.start_at)}; cancel it instead.`,
        );
      // Completed early, it ends now: the record shows the real use, and the time left is free
      // again (the resource is back); a booking never completes before it starts, so no time
      // still wholly ahead is ever freed by completing.
      return {
        status: 'completed',
        completed_at: now,
        ...(row.end_at.getTime() > now.getTime() ? { end_at: now } : {}),
      };
    case 'check-out': {
      if (!CHECKED_TYPES.has(row.resource_type))
        throw invalid('Only vehicles and equipment are checked out and in.');
      if (row.checked_out_at) throw invalid('The booking is already checked out.');
      const from = new Date(row.start_at.getTime() - leadMinutes * 60_000);
      if (now < from)
        throw invalid(
          `It is too early: the booking starts ${when(row.start_at)} and can be checked out from ${when(from)}.`,
        );
      return { checked_out_at: now };
    }
    case 'check-in':
      if (!CHECKED_TYPES.has(row.resource_type))
        throw invalid('Only vehicles and equipment are checked out and in.');
      if (!row.checked_out_at)
        throw invalid(
          started
            ? 'The booking is not checked out.'
            : `The booking has not started (${when(row.start_at)}) and is not checked out.`,
        );
      if (row.checked_in_at) throw invalid('The booking is already checked in.');
      return { checked_in_at: now };
  }
}

/**
 * Moves a booking one step: approvers approve and reject (a reason is required to reject); the
 * requester cancels (administrators too); the requester or an approver completes, checks out and
 * checks in. Nobody approves their own booking: another approver does, and an administrator
 * only when nobody else could. A booking the actor may not see is 404; one they see but may not
 * change is 403. The step is one conditional update: of concurrent decisions one applies and the
 * others are 409 `booking.invalid_transition`.
 */
export async function transition(
  deps: Pick<BookingDeps, 'db' | 'checkoutLeadMinutes'>,
  actor: Actor,
  id: string,
  action: BookingAction,
  reason: string | null,
  meta: RequestMeta,
  now = new Date(),
): Promise<Booking> {
  await deps.db.transaction(async (tx) => {
    const { row, resource, access } = await requireBooking(tx, actor, id);
    const step = steps[action];
    const allowed =
      action === 'approve' || action === 'reject'
        ? access.approver
        : action === 'cancel'
          ? access.cancel
          : access.mine || access.approver;
    if (!allowed)
      throw new AppError(
        'auth.forbidden',
        action === 'approve' || action === 'reject'
          ? `Only the approvers of ${resource.name} decide its bookings.`
          : action === 'cancel'
            ? 'Only the requester can cancel a booking.'
            : 'Only the requester or an approver can do this.',
      );
    if (!step.from.includes(row.status)) throw invalid(`A ${row.status} booking cannot be ${step.verb}.`);
    if (
      action === 'approve' &&
      access.mine &&
      (actor.role !== 'admin' || (await otherApproverExists(tx, actor.userId, resource.rules.approverIds)))
    )
      throw new AppError(
        'auth.forbidden',
        `You cannot approve your own booking: another approver of ${resource.name} decides it.`,
      );
    if (action === 'approve' && resource.status !== 'available')
      throw new AppError(
        'booking.resource_unavailable',
        `${resource.name} is ${resource.status === 'retired' ? 'retired' : 'under maintenance'}.`,
      );
    const lead = deps.checkoutLeadMinutes ?? DEFAULT_CHECKOUT_LEAD_MINUTES;
    const change = changeFor(action, row, actor, reason?.trim() || null, now, lead);
    const applied = await updateBooking(tx, id, change, {
      statuses: step.from,
      ...(step.out ? { checkedOut: step.out } : {}),
    });
    if (!applied)
      throw invalid(`The booking changed meanwhile and can no longer be ${step.verb}: reload it.`);
    if (action === 'approve' || action === 'reject')
      await notifyBookingDecided(
        tx,
        actor,
        row,
        resource,
        change.status as 'approved',
        change.decision_reason ?? null,
      );
    await recordAudit(tx, {
      actorId: actor.userId,
      action: step.audit,
      entityType: 'booking',
      entityId: id,
      ip: meta.ip,
      data: { from: row.status, to: change.status ?? row.status, ...(reason ? { reason } : {}) },
    });
  });
  return getBooking(deps, actor, id);
}

export interface BulkResult {
  id: string;
  ok: boolean;
  booking?: Booking;
  error?: { code: string; status: number; detail?: string };
}

/** Approves or rejects many bookings, each on its own: one refused does not stop the others. */
export async function decideMany(
  deps: Pick<BookingDeps, 'db' | 'checkoutLeadMinutes'>,
  actor: Actor,
  ids: readonly string[],
  action: 'approve' | 'reject',
  reason: string | null,
  meta: RequestMeta,
): Promise<{ results: BulkResult[] }> {
  const results: BulkResult[] = [];
  for (const id of new Set(ids)) {
    try {
      results.push({ id, ok: true, booking: await transition(deps, actor, id, action, reason, meta) });
    } catch (e) {
      if (!isAppError(e)) throw e;
      results.push({
        id,
        ok: false,
        error: {
          code: e.code,
          status: errorCatalogue[e.code].status,
          ...(e.detail ? { detail: e.detail } : {}),
        },
      });
    }
  }
  return { results };
}
