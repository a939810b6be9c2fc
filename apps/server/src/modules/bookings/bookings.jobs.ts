import type { Db, Queryable } from '../../db/client';
import { recordAudit } from '../audit';
import { type ItemRow, loadItemRow } from '../items';
import { type JobLog, startPeriodic } from '../periodic';
import { loadResources } from '../resources';
import { notifyBookingConflict } from './bookings.notify';
import { lockResourceWrites } from './bookings.repository';
import {
  announceBooked,
  horizonEnd,
  insertSlots,
  itemSlots,
  MAX_SLOTS,
  type SlotContext,
  type SlotOutcome,
} from './bookings.series';
import { advanceSeries, claimSeries, dueSeries, type SeriesRow, stopSeries } from './series.repository';

export interface HorizonRun {
  series: number;
  booked: number;
  conflicts: number;
  refused: number;
  stopped: number;
  /** Standing requests that failed this run (tried again next run). */
  errors: string[];
}

/**
 * Books the occurrences that came within the horizon since the last run, for every standing
 * request of an item. Idempotent and safe on several servers at once: each standing request is
 * claimed with FOR UPDATE SKIP LOCKED, advanced only in the transaction that books, and the
 * unique (resource, item, occurrence) index refuses an occurrence booked twice. Conflicting and
 * refused occurrences are written to the audit log (`booking.series_conflict`), never dropped.
 */
export async function runBookingHorizon(db: Db, now = new Date()): Promise<HorizonRun> {
  const run: HorizonRun = { series: 0, booked: 0, conflicts: 0, refused: 0, stopped: 0, errors: [] };
  for (const { id, resource_id } of await dueSeries(db, now)) {
    try {
      await db.transaction(async (tx) => {
        // The resource's write lock first, as every booking write takes it: no lock-order deadlock
        // with a request booking the same item at the same moment.
        await lockResourceWrites(tx, resource_id);
        const s = await claimSeries(tx, id);
        if (s) await advance(tx, s, now, run);
      });
    } catch (e) {
      run.errors.push(`${id}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return run;
}

async function advance(tx: Queryable, s: SeriesRow, now: Date, run: HorizonRun) {
  const stop = async (why: string) => {
    await stopSeries(tx, s.id);
    await recordAudit(tx, {
      actorId: null,
      action: 'booking.series_stopped',
      entityType: 'item',
      entityId: s.item_id,
      data: { resourceId: s.resource_id, reason: why },
    });
    run.stopped++;
  };
  const item = await loadItemRow(tx, s.item_id);
  const resource = (await loadResources(tx, [s.resource_id])).get(s.resource_id);
  if (!item || !resource) return;
  if (resource.status === 'retired') return stop('the resource is retired');
  // Under maintenance: the horizon does not move, so these occurrences are tried again next run.
  if (resource.status !== 'available') return;
  const nowMs = now.getTime();
  const fromMs = Math.max(s.booked_through.getTime(), nowMs);
  let toMs = horizonEnd(nowMs, s.horizon_days, resource.rules.maxDaysAhead);
  if (toMs <= fromMs) return;
  let slots = await itemSlots(tx, item, fromMs, toMs);
  if (slots.length > MAX_SLOTS) {
    toMs = slots[MAX_SLOTS]!.startMs;
    slots = slots.slice(0, MAX_SLOTS);
  }
  run.series++;
  const ctx: SlotContext = {
    resource,
    itemId: item.id,
    requesterId: s.requester_id,
    actorId: null,
    purpose: s.purpose,
    notes: s.notes,
    nowMs,
  };
  const out = await insertSlots(tx, ctx, slots);
  run.booked += out.booked.length;
  run.conflicts += out.conflicts.length;
  run.refused += out.refused.length;
  await report(tx, ctx, item, out);
  const more = item.series_end_at === null || item.series_end_at.getTime() > toMs;
  await advanceSeries(tx, s.id, new Date(toMs), more);
}

/**
 * What a run did for one standing request, in its transaction: approvers are asked for the
 * pending bookings it made, and the requester is told of the occurrences it could not book
 * (each also written to the audit log).
 */
async function report(tx: Queryable, ctx: SlotContext, item: ItemRow, out: SlotOutcome) {
  const { resource, requesterId } = ctx;
  await announceBooked(tx, ctx, out.booked, { id: requesterId, name: null });
  const missed = [...out.conflicts, ...out.refused].sort((a, b) => a.slot.startMs - b.slot.startMs);
  await notifyBookingConflict(
    tx,
    requesterId,
    resource,
    item,
    missed.map((c) => ({
      occurrence: c.slot.occurrence,
      start: new Date(c.slot.startMs),
      end: new Date(c.slot.endMs),
      why: 'holders' in c ? 'already booked' : c.detail,
    })),
  );
  for (const c of missed) {
    await recordAudit(tx, {
      actorId: null,
      action: 'booking.series_conflict',
      entityType: 'item',
      entityId: item.id,
      data: {
        resourceId: resource.id,
        requesterId,
        occurrence: c.slot.occurrence,
        start: new Date(c.slot.startMs).toISOString(),
        end: new Date(c.slot.endMs).toISOString(),
        ...('holders' in c ? { conflicts: c.holders.map((h) => h.id) } : { code: c.code }),
      },
    });
  }
}

/**
 * Runs the horizon job a minute after start-up and then every `everyMs` (an hour), on an unref'd
 * timer so it never keeps the process alive. Returns a function that stops it.
 */
export function startBookingHorizonTimer(db: Db, log: JobLog, everyMs = 3_600_000): () => void {
  return startPeriodic({
    job: 'booking-horizon',
    everyMs,
    firstMs: 60_000,
    log,
    run: async () => {
      const r = await runBookingHorizon(db);
      return r.series || r.errors.length ? { msg: 'booking horizon advanced', data: r } : null;
    },
  });
}
