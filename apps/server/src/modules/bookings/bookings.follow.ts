import { AppError } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import { sqlState } from '../../db/errors';
import { recordAudit } from '../audit';
import { type ItemFollowers, type ItemMove, isSeries, loadItemRow, shiftLocal } from '../items';
import { loadResource } from '../resources';
import * as repo from './bookings.repository';
import { itemSlots } from './bookings.series';
import { conflictError, conflictsWith } from './bookings.service';
import { carrySeries } from './series.repository';

const DAY_MS = 86_400_000;

interface Plan {
  row: repo.FollowingRow;
  /** Where it goes, or null when its occurrence is gone (it is cancelled). */
  to: { itemId: string; occurrence: string | null; start: Date; end: Date } | null;
  reason: string;
}

/** Where each live booking of a moved item goes: the occurrence it was for, now. */
async function plan(tx: Queryable, move: ItemMove, now: Date): Promise<Plan[]> {
  const rows = (await repo.liveBookingsOfItem(tx, move.itemId, now)).filter(
    (r) => !move.fromOccurrence || (r.occurrence !== null && r.occurrence >= move.fromOccurrence),
  );
  if (rows.length === 0) return [];
  const targetId = move.toItemId ?? move.itemId;
  const item = move.removed ? undefined : await loadItemRow(tx, targetId);
  if (!item || item.status === 'cancelled')
    return rows.map((row) => ({ row, to: null, reason: 'The item was deleted or cancelled.' }));
  if (!isSeries(item)) {
    // A booking with a margin (the van leaves an hour before the visit) keeps it.
    const dStart = move.previous ? item.start_at.getTime() - move.previous.start.getTime() : null;
    const dEnd = move.previous ? item.end_at.getTime() - move.previous.end.getTime() : null;
    return rows.map((row) => {
      const start = dStart === null ? item.start_at : new Date(row.start_at.getTime() + dStart);
      const end = dEnd === null ? item.end_at : new Date(row.end_at.getTime() + dEnd!);
      const kept = end > start;
      return {
        row,
        to: {
          itemId: targetId,
          occurrence: null,
          start: kept ? start : item.start_at,
          end: kept ? end : item.end_at,
        },
        reason: 'The item moved.',
      };
    });
  }
  const rid = (r: repo.FollowingRow) =>
    r.occurrence === null
      ? null
      : move.shiftSeconds
        ? shiftLocal(r.occurrence, move.shiftSeconds)
        : r.occurrence;
  const starts = rows.map((r) => r.start_at.getTime());
  // Occurrences move within days, not years: look a year either side of the bookings.
  const slots = await itemSlots(
    tx,
    item,
    Math.min(...starts) - 366 * DAY_MS,
    Math.max(...starts) + 366 * DAY_MS,
  );
  const byRid = new Map(slots.map((s) => [s.occurrence, s]));
  return rows.map((row) => {
    const occurrence = rid(row);
    const slot = occurrence === null ? undefined : byRid.get(occurrence);
    return slot
      ? {
          row,
          to: { itemId: targetId, occurrence, start: new Date(slot.startMs), end: new Date(slot.endMs) },
          reason: 'The item moved.',
        }
      : { row, to: null, reason: 'The occurrence was deleted or cancelled.' };
  });
}

const unchanged = (p: Plan) =>
  p.to !== null &&
  p.to.itemId === p.row.item_id &&
  p.to.occurrence === p.row.occurrence &&
  p.to.start.getTime() === p.row.start_at.getTime() &&
  p.to.end.getTime() === p.row.end_at.getTime();

/**
 * Resource bookings follow their items: when an item (or occurrences of a series) moves, its
 * pending and approved bookings that have not ended move with it in the same transaction, and a
 * resource taken at the new time refuses the whole change with 409 `booking.conflict` naming the
 * holders; with `keepBookings` they are cancelled instead. A split's new series takes over the
 * standing requests (and the bookings of its occurrences). Bookings of deleted or cancelled
 * occurrences are cancelled. Every move and cancellation is audited. A booking checked out (the
 * vehicle is on the road) is left as it is.
 */
export function bookingFollowers(): ItemFollowers {
  return {
    async itemsMoved(tx, actor, moves, opts, meta) {
      const now = new Date();
      // A split's new series keeps booking its occurrences as the horizon moves (not when the
      // user moved it without its bookings).
      for (const m of moves)
        if (!opts.keepBookings && !m.removed && m.toItemId && m.toItemId !== m.itemId)
          await carrySeries(tx, m.itemId, m.toItemId);
      const plans = (await Promise.all(moves.map((m) => plan(tx, m, now))))
        .flat()
        .filter((p) => !unchanged(p));
      const active = plans.filter((p) => !(p.row.checked_out_at && !p.row.checked_in_at));
      if (active.length === 0) return;
      // Writers of a resource queue on its lock (in a fixed order, so two moves cannot deadlock).
      for (const id of [...new Set(active.map((p) => p.row.resource_id))].sort())
        await repo.lockResourceWrites(tx, id);
      const moving = opts.keepBookings ? [] : active.filter((p) => p.to !== null);
      const ids = new Set(moving.map((p) => p.row.id));
      for (const p of moving) {
        const resource = await loadResource(tx, p.row.resource_id);
        const held = (await conflictsWith(tx, actor, resource, p.to!.start, p.to!.end)).filter(
          (c) => !ids.has(c.id),
        );
        if (held.length)
          throw conflictError(held, {
            bookingId: p.row.id,
            resource: { id: resource.id, name: resource.name },
            hint: 'Move the item without its bookings (bookings=keep) to cancel them instead.',
          });
      }
      // Bookings moving later go latest first (earlier ones earliest first), so a series shifted
      // along does not collide with its own next occurrence on the way.
      const later = moving
        .filter((p) => p.to!.start > p.row.start_at)
        .sort((a, b) => +b.row.start_at - +a.row.start_at);
      const earlier = moving
        .filter((p) => p.to!.start <= p.row.start_at)
        .sort((a, b) => +a.row.start_at - +b.row.start_at);
      for (const p of [...later, ...earlier]) {
        try {
          await repo.moveBooking(tx, p.row.id, p.to!);
        } catch (e) {
          if (sqlState(e) === '23P01' || sqlState(e) === '23505')
            throw conflictError([], { bookingId: p.row.id });
          throw e;
        }
        await recordAudit(tx, {
          actorId: actor.userId,
          action: 'booking.moved',
          entityType: 'booking',
          entityId: p.row.id,
          ip: meta.ip,
          data: {
            from: { start: p.row.start_at.toISOString(), end: p.row.end_at.toISOString() },
            to: { start: p.to!.start.toISOString(), end: p.to!.end.toISOString() },
            itemId: p.to!.itemId,
          },
        });
      }
      for (const p of active.filter((x) => !ids.has(x.row.id))) {
        const reason = p.to ? 'The item moved without its bookings.' : p.reason;
        const done = await repo.updateBooking(
          tx,
          p.row.id,
          { status: 'cancelled', cancelled_at: now },
          { statuses: ['pending', 'approved'], checkedOut: 'back' },
        );
        if (!done)
          throw new AppError(
            'booking.invalid_transition',
            'A booking of the item changed meanwhile: try again.',
          );
        await recordAudit(tx, {
          actorId: actor.userId,
          action: 'booking.cancelled',
          entityType: 'booking',
          entityId: p.row.id,
          ip: meta.ip,
          data: { from: p.row.status, to: 'cancelled', reason },
        });
      }
    },
  };
}
