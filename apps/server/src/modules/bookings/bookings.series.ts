import {
  DATE_ONLY,
  type ErrorCode,
  INSTANT,
  type ItemBookingsBody,
  type ItemBookingsResult,
} from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import { sqlState } from '../../db/errors';
import { inSavepoint } from '../../db/savepoint';
import type { Actor, RequestMeta } from '../deps';
import { type ItemRow, isSeries, loadExceptions, localToMs, occurrencesOf, requireItem } from '../items';
import { loadResource, type ResourceRecord } from '../resources';
import { notifyBookingRequested } from './bookings.notify';
import { presentConflict } from './bookings.policy';
import * as repo from './bookings.repository';
import { type BookingDeps, conflictError, presentBookings, ruleBreak, writeLocked } from './bookings.service';
import { upsertSeries } from './series.repository';

const DAY_MS = 86_400_000;
/** Zone of floating items when their occurrences become instants: the office's. */
const OFFICE_ZONE = 'Asia/Manila';
/** Most occurrences one request or job run books; the horizon job carries on from there. */
export const MAX_SLOTS = 1000;

/** One occurrence of an item to book. */
export interface Slot {
  occurrence: string | null;
  startMs: number;
  endMs: number;
}

/** The end of the booking window: `days` ahead, no further than the resource's `maxDaysAhead`. */
export function horizonEnd(nowMs: number, days: number, maxDaysAhead: number | null): number {
  const end = nowMs + days * DAY_MS;
  return maxDaysAhead === null ? end : Math.min(end, nowMs + maxDaysAhead * DAY_MS + 1);
}

const instantOf = (v: string, zone: string) =>
  INSTANT.test(v) ? Date.parse(v) : localToMs(DATE_ONLY.test(v) ? `${v}T00:00:00` : v, zone);

/**
 * The occurrences of an item starting in [fromMs, toMs), cancelled ones left out, with their
 * recurrence ids, expanded by the calendar feed's own code (exceptions and moves applied).
 */
export async function itemSlots(db: Queryable, item: ItemRow, fromMs: number, toMs: number): Promise<Slot[]> {
  if (item.status === 'cancelled') return [];
  const exceptions = isSeries(item) ? await loadExceptions(db, [item.id]) : [];
  const zone = item.time_zone ?? OFFICE_ZONE;
  const { items } = occurrencesOf(item, exceptions, fromMs, toMs, zone, 'view');
  return items
    .filter((o) => o.status !== 'cancelled')
    .map((o) => ({
      occurrence:
        o.recurrenceId === null
          ? null
          : DATE_ONLY.test(o.recurrenceId)
            ? `${o.recurrenceId}T00:00:00`
            : o.recurrenceId,
      startMs: instantOf(o.start, zone),
      endMs: instantOf(o.end, zone),
    }))
    .filter((s) => s.startMs >= fromMs && s.startMs < toMs)
    .sort((a, b) => a.startMs - b.startMs);
}

export interface SlotContext {
  resource: ResourceRecord;
  itemId: string;
  requesterId: string;
  /** Who acts: the requester, or null for the horizon job. */
  actorId: string | null;
  ip?: string | undefined;
  purpose: string;
  notes: string | null;
  nowMs: number;
}

export interface SlotOutcome {
  booked: string[];
  conflicts: { slot: Slot; holders: repo.OverlapRow[] }[];
  refused: { slot: Slot; code: ErrorCode; detail: string }[];
  already: { slot: Slot; bookingId: string }[];
}

/**
 * Books each slot inside the caller's transaction, each under a savepoint: the exclusion
 * constraint refuses an overlap (reported with the bookings holding it), the unique index an
 * occurrence already booked. Takes the resource's write lock first.
 */
export async function insertSlots(
  tx: Queryable,
  ctx: SlotContext,
  slots: readonly Slot[],
): Promise<SlotOutcome> {
  await repo.lockResourceWrites(tx, ctx.resource.id);
  const existing = await repo.itemBookings(tx, ctx.resource.id, ctx.itemId);
  const out: SlotOutcome = { booked: [], conflicts: [], refused: [], already: [] };
  const status = ctx.resource.rules.autoApprove ? 'approved' : 'pending';
  for (const slot of slots) {
    const held = existing.get(slot.occurrence ?? '');
    if (held) {
      out.already.push({ slot, bookingId: held });
      continue;
    }
    const broken: { code: ErrorCode; detail: string } | null =
      slot.endMs > slot.startMs
        ? ruleBreak(ctx.resource, slot.startMs, slot.endMs, ctx.nowMs)
        : { code: 'booking.invalid_time', detail: 'The occurrence has no duration.' };
    if (broken) {
      out.refused.push({ slot, ...broken });
      continue;
    }
    const start = new Date(slot.startMs);
    const end = new Date(slot.endMs);
    try {
      const { id } = await inSavepoint(tx, () =>
        repo.insertBooking(
          tx,
          {
            resourceId: ctx.resource.id,
            requesterId: ctx.requesterId,
            itemId: ctx.itemId,
            occurrence: slot.occurrence,
            start,
            end,
            purpose: ctx.purpose,
            notes: ctx.notes,
            status,
          },
          {
            actorId: ctx.actorId,
            ip: ctx.ip ?? null,
            data: { resourceId: ctx.resource.id, itemId: ctx.itemId, occurrence: slot.occurrence },
          },
        ),
      );
      out.booked.push(id);
    } catch (e) {
      const state = sqlState(e);
      if (state === '23505') {
        const again = await repo.itemBookings(tx, ctx.resource.id, ctx.itemId);
        out.already.push({ slot, bookingId: again.get(slot.occurrence ?? '') ?? '' });
      } else if (state === '23P01') {
        const mine = new Set(out.booked);
        const holders = (await repo.liveOverlaps(tx, ctx.resource.id, start, end)).filter(
          (h) => !mine.has(h.id),
        );
        out.conflicts.push({ slot, holders });
      } else throw e;
    }
  }
  return out;
}

/** Tells the approvers of the pending bookings just made for one item, in one message. */
export async function announceBooked(
  tx: Queryable,
  ctx: SlotContext,
  booked: readonly string[],
  requester: { id: string; name: string | null },
): Promise<void> {
  if (!booked.length || ctx.resource.rules.autoApprove) return;
  const [first] = await repo.findBookings(tx, booked);
  if (first) await notifyBookingRequested(tx, ctx.resource, first, requester, booked.length);
}

/** Signals that nothing may be booked: the transaction rolls back and the outcome is reported. */
class NothingBooked {
  constructor(readonly outcome: SlotOutcome) {}
}

const slotTimes = (s: Slot) => ({
  occurrence: s.occurrence,
  start: new Date(s.startMs).toISOString(),
  end: new Date(s.endMs).toISOString(),
});

/**
 * Books every occurrence of an item starting within the horizon (`horizonDays`, default the
 * server's; never beyond the resource's `maxDaysAhead`). Without `skipConflicts` it books all or
 * nothing: a taken occurrence is a 409 `booking.conflict` listing each conflicting occurrence
 * with the bookings that hold it. With `skipConflicts` it books the free ones and reports the
 * rest. Occurrences already booked are named, not booked again. When the series goes on past the
 * horizon, a standing request lets the horizon job book later occurrences as the horizon moves.
 */
export async function bookItemOccurrences(
  deps: BookingDeps,
  actor: Actor,
  itemId: string,
  body: ItemBookingsBody,
  meta: RequestMeta,
  now = new Date(),
): Promise<{ created: boolean; result: ItemBookingsResult }> {
  const { row: item } = await requireItem(deps.db, actor, itemId, 'view');
  const resource = await loadResource(deps.db, body.resourceId);
  if (resource.status !== 'available')
    throw new AppError('booking.resource_unavailable', `${resource.name} is ${resource.status}.`);
  const nowMs = now.getTime();
  const horizonDays = body.horizonDays ?? deps.horizonDays;
  let windowEnd = horizonEnd(nowMs, horizonDays, resource.rules.maxDaysAhead);
  let slots = await itemSlots(deps.db, item, nowMs, windowEnd);
  if (slots.length > MAX_SLOTS) {
    windowEnd = slots[MAX_SLOTS]!.startMs;
    slots = slots.slice(0, MAX_SLOTS);
  }
  const continues = item.series_end_at === null || item.series_end_at.getTime() > windowEnd;
  const ctx: SlotContext = {
    resource,
    itemId,
    requesterId: actor.userId,
    actorId: actor.userId,
    ip: meta.ip,
    purpose: body.purpose,
    notes: body.notes ?? null,
    nowMs,
  };
  let outcome: SlotOutcome;
  try {
    outcome = await writeLocked(deps.db, resource.id, async (tx) => {
      const out = await insertSlots(tx, ctx, slots);
      if (!body.skipConflicts && (out.conflicts.length || out.refused.length)) throw new NothingBooked(out);
      await announceBooked(tx, ctx, out.booked, { id: actor.userId, name: actor.name });
      if (continues)
        await upsertSeries(tx, {
          item_id: itemId,
          resource_id: resource.id,
          requester_id: actor.userId,
          purpose: body.purpose,
          notes: body.notes ?? null,
          horizon_days: horizonDays,
          booked_through: new Date(windowEnd),
        });
      return out;
    });
  } catch (e) {
    if (!(e instanceof NothingBooked)) throw e;
    const reported = report(e.outcome, actor, resource);
    if (reported.conflicts.length)
      throw conflictError(dedupe(reported.conflicts.flatMap((c) => c.conflicts)), {
        occurrences: reported.conflicts,
        refused: reported.refused,
      });
    const first = reported.refused[0]!;
    throw new AppError(first.code, first.detail, undefined, { refused: reported.refused });
  }
  const reported = report(outcome, actor, resource);
  const booked = await presentBookings(deps.db, actor, await repo.findBookings(deps.db, outcome.booked));
  return {
    created: booked.length > 0,
    result: {
      booked,
      ...reported,
      alreadyBooked: outcome.already.map((a) => ({ occurrence: a.slot.occurrence, bookingId: a.bookingId })),
      horizonEnd: new Date(windowEnd).toISOString(),
      continues,
    },
  };
}

function report(out: SlotOutcome, actor: Actor, resource: ResourceRecord) {
  return {
    conflicts: out.conflicts.map((c) => ({
      ...slotTimes(c.slot),
      conflicts: c.holders.map((h) => presentConflict(h, actor, resource)),
    })),
    refused: out.refused.map((r) => ({ ...slotTimes(r.slot), code: r.code, detail: r.detail })),
  };
}

const dedupe = <T extends { id: string }>(list: readonly T[]): T[] => [
  ...new Map(list.map((x) => [x.id, x])).values(),
];
