import type { DeletedItem, RestoredItem } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Db, Queryable } from '../../db/client';
import { sqlState } from '../../db/errors';
import { decodeCursor, encodeCursor } from '../../db/paging';
import { recordAudit } from '../audit';
import { visibleCalendars } from '../calendars';
import type { Actor, RequestMeta, ServiceDeps } from '../deps';
import { type JobLog, startPeriodic } from '../periodic';
import { assertMayDelete, itemPermission } from './items.access';
import { checkRestoredLeave, maskLeaveItem } from './items.leave';
import { presentItem } from './items.present';
import { findExceptions, findItem, type ItemRow, touchItem } from './items.repository';
import * as trash from './items.trash.repository';

/** How long a deleted item can be restored. */
export const RESTORE_DAYS = 30;
const DAY_MS = 86_400_000;
const oldestRestorable = (now: Date) => new Date(now.getTime() - RESTORE_DAYS * DAY_MS);

/** Keeps a snapshot of an item about to be deleted, in the deleting transaction. */
export const keepSnapshot = (tx: Queryable, row: Pick<ItemRow, 'id'>, actor: Actor) =>
  trash.insertSnapshot(tx, row.id, actor.userId);

/**
 * Whether the actor could have deleted the item the snapshot holds, by the rule of deleting
 * (edit permission on its calendar, and manage permission, being its organiser or an
 * administrator for what someone else organises).
 */
async function mayRestore(db: Queryable, actor: Actor, row: trash.DeletedRow): Promise<boolean> {
  const permission = await itemPermission(db, actor, { ...row, id: row.item_id });
  if (!permission) return false;
  try {
    assertMayDelete(actor, row, permission);
    return true;
  } catch (e) {
    if (e instanceof AppError) return false;
    throw e;
  }
}

/** Snapshot tables in the order their rows go back: the item, then what links to it. */
const RESTORE_ORDER = ['items', ...Object.keys(trash.SNAPSHOT_TABLES)];

/**
 * What the database would have done to the kept rows had the item stayed: a reference to a row
 * deleted meanwhile (a user, a community, the series it was split from, a participant left out)
 * becomes null where the foreign key says `on delete set null`, and takes its row out where it
 * says `cascade` (a participant whose account went, with their answers). A row whose reference
 * would have refused the deletion cannot come back (409).
 */
async function repairReferences(tx: Queryable, rows: Record<string, trash.JsonRow[]>) {
  const fks = await trash.foreignKeys(tx, RESTORE_ORDER);
  // Rows being restored count as present: the item itself and the participants kept so far.
  const restoring = new Map<string, Set<string>>();
  const out: Record<string, trash.JsonRow[]> = {};
  for (const table of RESTORE_ORDER) {
    let kept = rows[table] ?? [];
    for (const fk of fks.filter((f) => f.table === table)) {
      const value = (r: trash.JsonRow) => (r[fk.column] == null ? null : String(r[fk.column]));
      const pending = restoring.get(`${fk.target}.${fk.targetColumn}`) ?? new Set<string>();
      const asked = [...new Set(kept.flatMap((r) => value(r) ?? []))].filter((v) => !pending.has(v));
      const found = await trash.existingKeys(tx, fk, asked);
      const present = (r: trash.JsonRow) =>
        value(r) === null || pending.has(value(r)!) || found.has(value(r)!);
      if (fk.onDelete === 'n') kept = kept.map((r) => (present(r) ? r : { ...r, [fk.column]: null }));
      else if (fk.onDelete === 'c') kept = kept.filter(present);
      else if (!kept.every(present))
        throw new AppError('item.restore_conflict', `A record the item refers to (${fk.target}) is gone.`);
    }
    out[table] = kept;
    restoring.set(`${table}.id`, new Set(kept.flatMap((r) => (r.id == null ? [] : [String(r.id)]))));
  }
  return out;
}

/**
 * Restores an item deleted less than 30 days before `now`, with its id and UID, details,
 * exceptions, participants, answers, attendance and completed occurrences; its version and
 * SEQUENCE move on, so clients that cached the deletion take it as a change. Bookings cancelled
 * by the deletion stay cancelled: resources may have been booked by others since. 404 when there
 * is nothing to restore or the actor could not have deleted it; of concurrent restores one
 * succeeds. Restored leave that now overlaps other leave is 409 `leave.overlap`, and the
 * snapshot stays.
 */
export async function restoreItem(
  deps: Pick<ServiceDeps, 'db'>,
  actor: Actor,
  id: string,
  meta: RequestMeta,
  now: Date = new Date(),
): Promise<RestoredItem> {
  const since = oldestRestorable(now);
  const found = await trash.findDeleted(deps.db, id);
  if (!found || found.deleted_at <= since || !(await mayRestore(deps.db, actor, found)))
    throw new AppError('item.not_found', 'There is no deleted item with this id that you may restore.');
  let liveBookings: string[] = [];
  try {
    await deps.db.transaction(async (tx) => {
      const taken = await trash.takeSnapshot(tx, id, since);
      if (!taken) throw new AppError('item.not_found', 'The item was restored already, or is gone for good.');
      liveBookings = taken.snapshot.liveBookings ?? [];
      const rows = await repairReferences(tx, taken.snapshot.rows);
      if (rows.items?.length !== 1) throw new AppError('item.not_found', 'Its calendar is gone.');
      for (const table of RESTORE_ORDER) await trash.insertRows(tx, table, rows[table] ?? []);
      await touchItem(tx, id, undefined);
      await checkRestoredLeave(tx, id);
      await recordAudit(tx, {
        actorId: actor.userId,
        action: 'item.restored',
        entityType: 'item',
        entityId: id,
        ip: meta.ip,
        data: { deletedAt: taken.deleted_at.toISOString(), deletedBy: taken.deleted_by },
      });
    });
  } catch (e) {
    if (sqlState(e) === '23505')
      throw new AppError(
        'item.restore_conflict',
        'Another item now has the same calendar UID (imported again?): the deleted one cannot come back.',
      );
    throw e;
  }
  const row = await findItem(deps.db, id);
  if (!row) throw new AppError('item.not_found');
  const permission = await itemPermission(deps.db, actor, row);
  const item = maskLeaveItem(actor, presentItem(row, await findExceptions(deps.db, [id]), permission));
  const cancelled = await trash.findCancelledBookings(deps.db, liveBookings);
  return {
    ...item,
    cancelledBookings: cancelled.map((b) => ({
      id: b.id,
      resourceId: b.resource_id,
      resourceName: b.resource_name,
      start: b.start_at.toISOString(),
      end: b.end_at.toISOString(),
    })),
  };
}

/** Deleted items the actor may restore, most recently deleted first; keyset-paginated. */
export async function listDeleted(
  deps: Pick<ServiceDeps, 'db'>,
  actor: Actor,
  q: { limit: number; cursor?: string | undefined },
  now: Date = new Date(),
): Promise<{ items: DeletedItem[]; nextCursor: string | null }> {
  // Viewers restore nothing (every write of theirs is refused).
  if (actor.role === 'viewer') return { items: [], nextCursor: null };
  const cals = await visibleCalendars(deps.db, actor.userId, actor.role);
  const rows = await trash.findDeletedFor(deps.db, {
    userId: actor.userId,
    manage: cals.filter((c) => c.permission === 'manage').map((c) => c.id),
    edit: cals.filter((c) => c.permission === 'edit').map((c) => c.id),
    ownDeletions: actor.role === 'admin',
    since: oldestRestorable(now),
    after: q.cursor ? (decodeCursor(q.cursor, ['timestamptz', 'uuid']) as [Date, string]) : undefined,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.item_id,
      kind: r.kind,
      title: r.title,
      calendarId: r.calendar_id,
      start: r.start_at.toISOString(),
      deletedAt: r.deleted_at.toISOString(),
      deletedBy: r.deleted_by,
      restorableUntil: new Date(r.deleted_at.getTime() + RESTORE_DAYS * DAY_MS).toISOString(),
    })),
    nextCursor:
      rows.length > q.limit && last ? encodeCursor([last.deleted_at.toISOString(), last.item_id]) : null,
  };
}

/** Removes the snapshots of items deleted 30 days or more before `now`; returns how many. */
export const purgeDeletedItems = (db: Queryable, now: Date = new Date()) =>
  trash.purgeSnapshots(db, oldestRestorable(now));

/** Purges old snapshots hourly (first run after a minute); returns the function that stops it. */
export function startDeletedItemsPurgeTimer(
  db: Db,
  log: JobLog,
  everyMs = 3_600_000,
  clock: () => Date = () => new Date(),
): () => void {
  return startPeriodic({
    job: 'deleted-items-purge',
    everyMs,
    firstMs: 60_000,
    log,
    run: async () => {
      const purged = await purgeDeletedItems(db, clock());
      return purged ? { msg: 'deleted items purged', data: { purged } } : null;
    },
  });
}
