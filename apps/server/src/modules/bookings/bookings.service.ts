import type { Booking, BookingConflict, CreateBookingBody, ListBookingsQuery } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Db, Queryable } from '../../db/client';
import { sqlState } from '../../db/errors';
import { isRetryable, type RetryPolicy, retrying } from '../../db/retry';
import type { Actor, RequestMeta } from '../deps';
import { isSeries, loadExceptions, requireItem, resolveOccurrence } from '../items';
import { isManager, loadResource, loadResources, type ResourceRecord } from '../resources';
import { notifyBookingRequested } from './bookings.notify';
import { bookingAccess, presentBooking, presentConflict } from './bookings.policy';
import * as repo from './bookings.repository';

/** What the booking services use. */
export interface BookingDeps {
  db: Db;
  /** Days ahead that the occurrences of an item are booked (KALENDARYO_BOOKING_HORIZON_DAYS). */
  horizonDays: number;
  /** Minutes before the start from which a booking may be checked out (KALENDARYO_CHECKOUT_LEAD_MINUTES). */
  checkoutLeadMinutes?: number;
  /** Queue writers of one resource on an advisory lock (default); false leaves it to the constraint. */
  serializeWrites?: boolean;
}

const DAY_MS = 86_400_000;

/** A rule of the resource that refuses a booking of [startMs, endMs), or null when none does. */
export function ruleBreak(
  resource: ResourceRecord,
  startMs: number,
  endMs: number,
  nowMs: number,
): {
  code: 'booking.resource_unavailable' | 'booking.too_long' | 'booking.too_far_ahead';
  detail: string;
} | null {
  if (resource.status !== 'available')
    return {
      code: 'booking.resource_unavailable',
      detail: `${resource.name} is ${resource.status === 'retired' ? 'retired' : 'under maintenance'}.`,
    };
  const { maxDurationMinutes, maxDaysAhead } = resource.rules;
  if (maxDurationMinutes !== null && endMs - startMs > maxDurationMinutes * 60_000)
    return {
      code: 'booking.too_long',
      detail: `${resource.name} may be booked for at most ${maxDurationMinutes} minutes at a time.`,
    };
  if (maxDaysAhead !== null && startMs > nowMs + maxDaysAhead * DAY_MS)
    return {
      code: 'booking.too_far_ahead',
      detail: `${resource.name} may be booked at most ${maxDaysAhead} days ahead.`,
    };
  return null;
}

/** Refuses a range that is empty, reversed or already over. */
export function assertBookableTime(startMs: number, endMs: number, nowMs: number): void {
  if (!(endMs > startMs))
    throw new AppError('booking.invalid_time', 'The end must be after the start.', [
      { field: 'end', message: 'must be after start' },
    ]);
  if (endMs <= nowMs)
    throw new AppError('booking.invalid_time', 'The booking would be over already.', [
      { field: 'end', message: 'is in the past' },
    ]);
}

/** The conflict problem: the bookings that hold the time, as the actor may see them. */
export function conflictError(
  conflicts: readonly BookingConflict[],
  extensions: Record<string, unknown> = {},
) {
  return new AppError(
    'booking.conflict',
    conflicts.length
      ? `The resource is already booked: ${conflicts.map((c) => `${c.start}–${c.end} (${c.status})`).join(', ')}.`
      : 'The resource is busy; try again.',
    undefined,
    { conflicts, ...extensions },
  );
}

/** The live bookings of `resource` overlapping [start, end), for the actor. */
export async function conflictsWith(
  db: Queryable,
  actor: Actor,
  resource: ResourceRecord,
  start: Date,
  end: Date,
): Promise<BookingConflict[]> {
  return (await repo.liveOverlaps(db, resource.id, start, end)).map((r) =>
    presentConflict(r, actor, resource),
  );
}

/** The item (and occurrence of it) a booking is for; the actor must be able to see the item. */
async function itemLink(db: Queryable, actor: Actor, itemId: string, occurrence: string | null | undefined) {
  const { row } = await requireItem(db, actor, itemId, 'view');
  if (!occurrence) return { itemId, occurrence: null };
  if (!isSeries(row))
    throw new AppError('item.not_recurring', 'The item does not repeat: leave out `occurrence`.', [
      { field: 'occurrence', message: 'is only for recurring items' },
    ]);
  return { itemId, occurrence: resolveOccurrence(row, await loadExceptions(db, [itemId]), occurrence) };
}

/** An exclusion violation whose holder was gone by the time it was looked up. */
class HolderGone extends Error {}

/**
 * Requests a booking: pending, or approved when the resource approves automatically. The
 * exclusion constraint refuses an overlap with a pending or approved booking (409
 * `booking.conflict` naming the holders); the resource's rules refuse with their own 422s.
 */
export async function createBooking(
  deps: BookingDeps,
  actor: Actor,
  body: CreateBookingBody,
  meta: RequestMeta,
  now = new Date(),
): Promise<Booking> {
  const start = new Date(body.start);
  const end = new Date(body.end);
  assertBookableTime(start.getTime(), end.getTime(), now.getTime());
  const resource = await loadResource(deps.db, body.resourceId);
  const broken = ruleBreak(resource, start.getTime(), end.getTime(), now.getTime());
  if (broken) throw new AppError(broken.code, broken.detail);
  if (body.occurrence && !body.itemId)
    throw new AppError('request.invalid', 'An occurrence belongs to an item: give itemId too.', [
      { field: 'occurrence', message: 'needs itemId' },
    ]);
  const link = body.itemId
    ? await itemLink(deps.db, actor, body.itemId, body.occurrence)
    : { itemId: null, occurrence: null };
  const status = resource.rules.autoApprove ? 'approved' : 'pending';
  const write = async () => {
    try {
      return await deps.db.transaction(async (tx) => {
        const row = await repo.insertBooking(
          tx,
          {
            resourceId: resource.id,
            requesterId: actor.userId,
            ...link,
            start,
            end,
            purpose: body.purpose,
            notes: body.notes ?? null,
            status,
          },
          {
            actorId: actor.userId,
            ip: meta.ip,
            data: { resourceId: resource.id, start: start.toISOString(), end: end.toISOString() },
          },
          deps.serializeWrites !== false,
        );
        // Approvers learn of the request in the transaction that makes it.
        if (row.status === 'pending')
          await notifyBookingRequested(tx, resource, row, { id: actor.userId, name: actor.name });
        return row;
      });
    } catch (e) {
      if (sqlState(e) === '23505')
        throw new AppError('booking.duplicate', 'This occurrence of the item already books this resource.');
      if (sqlState(e) !== '23P01') throw e;
      const conflicts = await conflictsWith(deps.db, actor, resource, start, end);
      if (conflicts.length) throw conflictError(conflicts);
      // The holder went (cancelled) between the violation and the look-up: the time may be free.
      throw new HolderGone();
    }
  };
  const row = await retrying(write, { also: (e) => e instanceof HolderGone }).catch((e: unknown) => {
    throw isRetryable(e) || e instanceof HolderGone ? conflictError([]) : e;
  });
  return presentBooking(
    { ...row, resource_name: resource.name, resource_type: resource.type, requester_name: actor.name },
    actor,
    resource,
  );
}

/**
 * Runs `write` in a transaction that first takes the resource's write lock, under the one retry
 * policy (db/retry.ts): a deadlock or serialization failure runs it again; when contention
 * persists, the answer is a 409 `booking.conflict` ("the resource is busy; try again").
 */
export async function writeLocked<T>(
  db: Db,
  resourceId: string,
  write: (tx: Queryable) => Promise<T>,
  policy: RetryPolicy = {},
): Promise<T> {
  try {
    return await retrying(
      () =>
        db.transaction(async (tx) => {
          await repo.lockResourceWrites(tx, resourceId);
          return write(tx);
        }),
      policy,
    );
  } catch (e) {
    throw isRetryable(e) ? conflictError([]) : e;
  }
}

/** A booking the actor may see (others are 404), with the resource it books. */
export async function requireBooking(db: Queryable, actor: Actor, id: string, forUpdate = false) {
  const row = await repo.findBooking(db, id, forUpdate);
  if (!row) throw new AppError('booking.not_found');
  const resource = await loadResource(db, row.resource_id);
  const access = bookingAccess(actor, row, resource);
  if (!access.sees) throw new AppError('booking.not_found');
  return { row, resource, access };
}

export async function getBooking(deps: Pick<BookingDeps, 'db'>, actor: Actor, id: string): Promise<Booking> {
  const { row, resource } = await requireBooking(deps.db, actor, id);
  return presentBooking(row, actor, resource);
}

/** Bookings by id, presented, in start order (ids the actor may not see are left out). */
export async function presentBookings(db: Queryable, actor: Actor, rows: readonly repo.BookingRow[]) {
  const resources = await loadResources(
    db,
    rows.map((r) => r.resource_id),
  );
  return rows.flatMap((r) => {
    const resource = resources.get(r.resource_id);
    return resource && bookingAccess(actor, r, resource).sees ? [presentBooking(r, actor, resource)] : [];
  });
}

/**
 * Bookings the actor may see, by start: coordinators and administrators see all; others their
 * own and those of resources they approve. Keyset-paginated on (start, id).
 */
export async function listBookings(
  deps: Pick<BookingDeps, 'db'>,
  actor: Actor,
  q: ListBookingsQuery,
): Promise<{ items: Booking[]; nextCursor: string | null }> {
  const page = await repo.listBookings(
    deps.db,
    {
      visibleTo: isManager(actor) ? undefined : actor.userId,
      resourceId: q.resourceId,
      statuses: q.status?.split(',').map((s) => s.trim()),
      requesterId: q.requester === 'me' ? actor.userId : q.requester,
      itemId: q.itemId,
      from: q.from ? new Date(q.from) : undefined,
      to: q.to ? new Date(q.to) : undefined,
    },
    q,
  );
  return { items: await presentBookings(deps.db, actor, page.items), nextCursor: page.nextCursor };
}
