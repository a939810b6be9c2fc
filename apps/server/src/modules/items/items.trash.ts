import type { DeletedItem, Item } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Db, Queryable } from '../../db/client';
import { sqlState } from '../../db/errors';
import { decodeCursor, encodeCursor } from '../../db/paging';
import { recordAudit } from '../audit';
import { visibleCalendars } from '../calendars';
import type { Actor, RequestMeta, ServiceDeps } from '../deps';
import { assertMayDelete, itemPermission } from './items.access';
import { checkRestoredLeave, maskLeaveItem } from './items.leave';
import { presentItem } from './items.present';
import { detailTables, findExceptions, findItem, type ItemRow, touchItem } from './items.repository';
import * as trash from './items.trash.repository';

/** How long a deleted item can be restored. */
export const RESTORE_DAYS = 30;
const DAY_MS = 86_400_000;
const oldestRestorable = (now: Date) => new Date(now.getTime() - RESTORE_DAYS * DAY_MS);

/** Keeps a snapshot of an item about to be deleted, in the deleting transaction. */
export const keepSnapshot = (tx: Queryable, row: Pick<ItemRow, 'id' | 'kind'>, actor: Actor) =>
  trash.insertSnapshot(tx, row.id, row.kind, actor.userId);

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

/**
 * Inserts the snapshot's rows again. References to what went meanwhile (a user, a community, the
 * series it was split from) become null, as they would have had the item stayed; participants
 * whose account went are left out, with their answers and attendance.
 */
async function reinsert(tx: Queryable, s: trash.Snapshot): Promise<void> {
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const userRefs = [
    s.item.organizer_id,
    s.details?.assignee_id,
    s.details?.approver_id,
    s.details?.backup_user_id,
    ...s.participants.map((p) => p.user_id),
    ...s.attendance.map((a) => a.recorded_by),
    ...s.taskCompletions.map((c) => c.completed_by),
  ].flatMap((v) => str(v) ?? []);
  const users = await trash.existingIds(tx, 'users', userRefs);
  const user = (v: unknown) => (str(v) !== null && users.has(str(v)!) ? v : null);
  const refIn = async (table: 'communities' | 'items', v: unknown) =>
    str(v) !== null && (await trash.existingIds(tx, table, [str(v)!])).has(str(v)!) ? v : null;
  const item = {
    ...s.item,
    organizer_id: user(s.item.organizer_id),
    community_id: await refIn('communities', s.item.community_id),
    split_from_id: await refIn('items', s.item.split_from_id),
  };
  await trash.insertRows(tx, 'items', [item]);
  if (s.details) {
    const d = { ...s.details };
    for (const k of ['assignee_id', 'approver_id', 'backup_user_id']) if (k in d) d[k] = user(d[k]);
    await trash.insertRows(tx, detailTables[s.item.kind as ItemRow['kind']], [d]);
  }
  await trash.insertRows(tx, 'item_exceptions', s.exceptions);
  const participants = s.participants.filter((p) => p.user_id === null || user(p.user_id) !== null);
  const kept = new Set(participants.map((p) => p.id));
  await trash.insertRows(tx, 'participants', participants);
  await trash.insertRows(
    tx,
    'rsvps',
    s.rsvps.filter((r) => kept.has(r.participant_id)),
  );
  await trash.insertRows(
    tx,
    'attendance',
    s.attendance
      .filter((a) => kept.has(a.participant_id))
      .map((a) => ({ ...a, recorded_by: user(a.recorded_by) })),
  );
  if (s.attendanceSettings) await trash.insertRows(tx, 'item_attendance_settings', [s.attendanceSettings]);
  await trash.insertRows(
    tx,
    'task_completions',
    s.taskCompletions.map((c) => ({ ...c, completed_by: user(c.completed_by) })),
  );
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
): Promise<Item> {
  const since = oldestRestorable(now);
  const found = await trash.findDeleted(deps.db, id);
  if (!found || found.deleted_at <= since || !(await mayRestore(deps.db, actor, found)))
    throw new AppError('item.not_found', 'There is no deleted item with this id that you may restore.');
  try {
    await deps.db.transaction(async (tx) => {
      const taken = await trash.takeSnapshot(tx, id, since);
      if (!taken) throw new AppError('item.not_found', 'The item was restored already, or is gone for good.');
      await reinsert(tx, taken.snapshot);
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
  return maskLeaveItem(actor, presentItem(row, await findExceptions(deps.db, [id]), permission));
}

/** Deleted items the actor may restore, most recently deleted first; keyset-paginated. */
export async function listDeleted(
  deps: Pick<ServiceDeps, 'db'>,
  actor: Actor,
  q: { limit: number; cursor?: string | undefined },
  now: Date = new Date(),
): Promise<{ items: DeletedItem[]; nextCursor: string | null }> {
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

interface JobLog {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** Purges old snapshots hourly (first run after a minute); returns the function that stops it. */
export function startDeletedItemsPurgeTimer(
  db: Db,
  log: JobLog,
  everyMs = 3_600_000,
  clock: () => Date = () => new Date(),
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const purged = await purgeDeletedItems(db, clock());
      if (purged) log.info({ job: 'deleted-items-purge', purged }, 'deleted items purged');
    } catch (e) {
      log.error({ job: 'deleted-items-purge', err: e }, 'deleted items purge failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void tick(), Math.min(60_000, everyMs));
  const timer = setInterval(() => void tick(), everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
