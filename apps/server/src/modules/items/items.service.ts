import { randomUUID } from 'node:crypto';
import type { CreateItemBody, EditScope, Item, UpdateItemBody } from '@kalendaryo/contract';
import {
  AppError,
  cancelOccurrence,
  carryOverrides,
  editOccurrence,
  type SeriesException,
  type SeriesPart,
  splitSeries,
} from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import { sqlState } from '../../db/errors';
import { decodeCursor, encodeCursor } from '../../db/paging';
import { recordAudit } from '../audit';
import { personalCalendarId, requireCalendar, visibleCalendars } from '../calendars';
import type { Actor, RequestMeta, ServiceDeps } from '../deps';
import { assertMayDelete, assertVersion, requireItem } from './items.access';
import type { ItemFollowers, ItemMove } from './items.followers';
import { afterLeaveEdit, checkLeavePatch, checkNewLeave, maskLeaveItem } from './items.leave';
import { announceCreate, announceUpdate, notifyItemRemoved } from './items.notify';
import { presentItem } from './items.present';
import * as repo from './items.repository';
import {
  exceptionOf,
  isSeries,
  occurrenceChange,
  resolveOccurrence,
  specOf,
  timesOf,
  timesOfValues,
} from './items.scopes';
import { detailColumns, presentDetails, valuesForCreate, valuesForUpdate } from './items.values';
import { wallDeltaSeconds } from './times';

type Deps = Pick<ServiceDeps, 'db'> & {
  /** What follows items when they move or go (resource bookings); none in some tools and tests. */
  followers?: ItemFollowers | undefined;
};

/** Fields of a kind's details that workflows own, never set through the item form. */
const WORKFLOW_FIELDS = ['approvalStatus', 'approverId', 'decidedAt', 'decisionReason', 'completedAt'];

const editableDetails = (row: repo.ItemRow) =>
  Object.fromEntries(
    Object.entries(presentDetails(row.details)).filter(([k]) => !WORKFLOW_FIELDS.includes(k)),
  );

/** Translates foreign-key violations of the references a client gives into 422s. */
async function guardRefs<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (sqlState(e) === '23503') {
      const constraint = String((e as { constraint?: string }).constraint ?? '');
      const field = constraint.includes('community')
        ? 'communityId'
        : constraint.includes('assignee')
          ? 'details.assigneeId'
          : 'reference';
      throw new AppError('request.invalid', `${field} does not name an existing record.`, [
        { field, message: 'does not exist' },
      ]);
    }
    throw e;
  }
}

async function load(db: Queryable, id: string, permission: Parameters<typeof presentItem>[2]): Promise<Item> {
  const row = await repo.findItem(db, id);
  if (!row) throw new AppError('item.not_found');
  return presentItem(row, await repo.findExceptions(db, [id]), permission);
}

/** Creates an item of any kind on a calendar the actor may edit (their personal one by default). */
export async function createItem(
  deps: Deps,
  actor: Actor,
  body: CreateItemBody,
  meta: RequestMeta,
): Promise<Item> {
  const calendarId = body.calendarId ?? (await personalCalendarId(deps.db, actor.userId));
  const cal = await requireCalendar(deps.db, actor, calendarId, 'edit');
  const details = detailColumns(body.kind, body.details ?? {});
  const values = valuesForCreate(body, calendarId, actor.userId);
  const id = await guardRefs(() =>
    deps.db.transaction(async (tx) => {
      await checkNewLeave(tx, values, details);
      const newId = await repo.insertItem(tx, values);
      await repo.upsertDetails(tx, newId, body.kind, details);
      await recordAudit(tx, {
        actorId: actor.userId,
        action: 'item.created',
        entityType: 'item',
        entityId: newId,
        ip: meta.ip,
        data: { kind: body.kind },
      });
      await announceCreate(tx, actor, newId);
      return newId;
    }),
  );
  return load(deps.db, id, cal.permission);
}

/** Items (series, not occurrences) the actor may see, by first start; keyset-paginated. */
export async function listItems(
  deps: Deps,
  actor: Actor,
  q: {
    limit: number;
    cursor?: string | undefined;
    kind?: string | undefined;
    calendarId?: string | undefined;
  },
): Promise<{ items: Item[]; nextCursor: string | null }> {
  const cals = await visibleCalendars(deps.db, actor.userId, actor.role);
  const permissions = new Map(cals.map((c) => [c.id, c.permission]));
  const rows = await repo.findVisibleItems(deps.db, {
    calendarIds: [...permissions.keys()],
    kind: q.kind,
    calendarId: q.calendarId,
    after: q.cursor ? (decodeCursor(q.cursor, ['timestamptz', 'uuid']) as [Date, string]) : undefined,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const exceptions = await repo.findExceptions(
    deps.db,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((r) =>
      maskLeaveItem(
        actor,
        presentItem(
          r,
          exceptions.filter((x) => x.item_id === r.id),
          permissions.get(r.calendar_id) ?? null,
        ),
      ),
    ),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.start_at.toISOString(), last.id]) : null,
  };
}

export async function getItem(deps: Deps, actor: Actor, id: string): Promise<Item> {
  const { row, permission } = await requireItem(deps.db, actor, id, 'view');
  return maskLeaveItem(actor, presentItem(row, await repo.findExceptions(deps.db, [id]), permission));
}

export interface ScopeOptions {
  scope: EditScope;
  occurrence?: string | undefined;
  expectedVersion?: number | undefined;
  /** `keep`: move the item without its resource bookings (they are cancelled). */
  bookings?: 'move' | 'keep' | undefined;
}

/**
 * Edits an item. For a series, `scope` says what changes: `this` occurrence (an exception that
 * survives later edits), this and the `future` ones (the series is split: the old one ends
 * before the occurrence, a new one starts there), or `all` (exceptions that still fit are kept).
 * A stale `expectedVersion` is a 412. Returns the item that now holds the edited occurrence.
 */
export async function updateItem(
  deps: Deps,
  actor: Actor,
  id: string,
  patch: UpdateItemBody,
  opts: ScopeOptions,
  meta: RequestMeta,
): Promise<Item> {
  const resultId = await guardRefs(() =>
    deps.db.transaction(async (tx) => {
      const { row } = await requireItem(tx, actor, id, 'edit', true);
      assertVersion(row, opts.expectedVersion);
      checkLeavePatch(row, patch);
      if (patch.calendarId && patch.calendarId !== row.calendar_id)
        await requireCalendar(tx, actor, patch.calendarId, 'edit');
      const scope = isSeries(row) ? opts.scope : 'all';
      let target = id;
      const exceptions = isSeries(row) ? await repo.findExceptions(tx, [id]) : [];
      const rid = scope === 'all' ? null : resolveOccurrence(row, exceptions, opts.occurrence);
      // The recurrence id a "future" split starts at: bookings from it on go to the new series.
      const splitAt = scope === 'future' ? rid : null;
      if (scope === 'this') await editThis(tx, row, patch, opts.occurrence);
      else if (scope === 'future') target = await editFuture(tx, row, patch, opts.occurrence);
      else await editAll(tx, row, patch);
      await afterLeaveEdit(tx, actor, row, target, meta);
      await followMoves(deps, tx, actor, row, target, splitAt, scope, opts, meta);
      await announceUpdate(tx, actor, { row, exceptions, target, scope, rid });
      await recordAudit(tx, {
        actorId: actor.userId,
        action: 'item.updated',
        entityType: 'item',
        entityId: id,
        ip: meta.ip,
        data: { scope, occurrence: opts.occurrence ?? null },
      });
      return target;
    }),
  );
  const { permission } = await requireItem(deps.db, actor, resultId, 'view');
  return load(deps.db, resultId, permission);
}

/**
 * Tells what follows items (resource bookings) how the edit carried the occurrences: an "all"
 * edit shifts every recurrence id by the move of the series start; a split hands the occurrences
 * from `splitAt` on to the new series, shifted to its start; a single item or a "this" edit keeps
 * its recurrence ids. Runs in the edit's transaction, so a booking that cannot follow undoes it.
 */
async function followMoves(
  deps: Deps,
  tx: Queryable,
  actor: Actor,
  before: repo.ItemRow,
  target: string,
  splitAt: string | null,
  scope: EditScope,
  opts: ScopeOptions,
  meta: RequestMeta,
) {
  if (!deps.followers) return;
  const after = await repo.findItem(tx, target);
  let move: ItemMove = isSeries(before)
    ? { itemId: before.id }
    : { itemId: before.id, previous: { start: before.start_at, end: before.end_at } };
  if (after && scope !== 'this' && isSeries(before)) {
    const from = target === before.id ? before.dtstart : (splitAt ?? before.dtstart);
    move = {
      itemId: before.id,
      ...(target !== before.id ? { toItemId: target, fromOccurrence: from } : {}),
      shiftSeconds: wallDeltaSeconds(from, after.dtstart),
    };
  }
  await deps.followers.itemsMoved(tx, actor, [move], { keepBookings: opts.bookings === 'keep' }, meta);
}

/** The exceptions of a series as the series rules take them, with their stored rows. */
async function exceptionsOf(tx: Queryable, row: repo.ItemRow) {
  const rows = await repo.findExceptions(tx, [row.id]);
  return { rows, exceptions: rows.map(exceptionOf) };
}

async function editThis(
  tx: Queryable,
  row: repo.ItemRow,
  patch: UpdateItemBody,
  occurrence: string | undefined,
) {
  const { rows, exceptions } = await exceptionsOf(tx, row);
  const rid = resolveOccurrence(row, rows, occurrence);
  const { exception } = editOccurrence(timesOf(row), exceptions, rid, occurrenceChange(row, patch));
  await repo.upsertException(tx, row.id, exception);
  await repo.touchItem(tx, row.id, undefined);
}

/**
 * The stored values of `row` after an "all" patch, and the exceptions it keeps: exclusions and
 * exceptions follow the series when its start moves (exclusions unless the patch restates them),
 * and exceptions the new rule no longer produces are dropped.
 */
function allEdit(row: repo.ItemRow, patch: UpdateItemBody, exceptions: readonly SeriesException[]) {
  const draft = valuesForUpdate(row, patch);
  const carried = carryOverrides(specOf(row), timesOfValues(draft), exceptions);
  const moved = carried.exdates.some((d, i) => d !== row.exdates[i]);
  const values =
    patch.exdates === undefined && moved
      ? valuesForUpdate(row, { ...patch, exdates: [...carried.exdates] })
      : draft;
  return { values, exceptions: carried.exceptions };
}

async function editAll(
  tx: Queryable,
  row: repo.ItemRow,
  patch: UpdateItemBody,
  exceptions?: readonly SeriesException[],
) {
  const current = exceptions ?? (isSeries(row) ? (await exceptionsOf(tx, row)).exceptions : []);
  const { values, exceptions: carried } = allEdit(row, patch, current);
  if (!(await repo.updateItem(tx, row.id, values, row.version)))
    throw new AppError('request.precondition_failed');
  await repo.replaceExceptions(tx, row.id, carried);
  if (patch.details)
    await repo.upsertDetails(
      tx,
      row.id,
      row.kind,
      detailColumns(row.kind, { ...editableDetails(row), ...patch.details }),
    );
}

/** Stored values of the head of a split: the old series, ending before the occurrence. */
const headValues = (row: repo.ItemRow, head: SeriesPart) =>
  valuesForUpdate(row, {
    rrule: head.times.rrule,
    exdates: [...head.times.exdates],
    rdates: [...head.times.rdates],
  });

async function editFuture(
  tx: Queryable,
  row: repo.ItemRow,
  patch: UpdateItemBody,
  occurrence: string | undefined,
): Promise<string> {
  const { rows, exceptions } = await exceptionsOf(tx, row);
  const rid = resolveOccurrence(row, rows, occurrence);
  const { head, tail } = splitSeries(timesOf(row), exceptions, rid);
  if (!head) {
    await editAll(tx, row, patch, tail.exceptions);
    return row.id;
  }
  // The new series: the old one's fields from the occurrence on, then the patch as an "all" edit.
  const tailRow: repo.ItemRow = {
    ...row,
    dtstart: tail.times.dtstart,
    dtend: tail.times.dtend,
    rrule: tail.times.rrule,
    exdates: [...tail.times.exdates],
    rdates: [...tail.times.rdates],
  };
  const edited = allEdit(tailRow, patch, tail.exceptions);
  const newId = await repo.insertItem(tx, {
    ...edited.values,
    uid: `${randomUUID()}@kalendaryo`,
    sequence: 0,
    splitFromId: row.id,
  });
  await repo.upsertDetails(
    tx,
    newId,
    row.kind,
    detailColumns(row.kind, { ...editableDetails(row), ...(patch.details ?? {}) }),
  );
  await repo.replaceExceptions(tx, newId, edited.exceptions);
  if (!(await repo.updateItem(tx, row.id, headValues(row, head), row.version)))
    throw new AppError('request.precondition_failed');
  await repo.replaceExceptions(tx, row.id, head.exceptions);
  return newId;
}

/**
 * Deletes an item, or for a series one occurrence (`this`: a cancelled exception), the
 * occurrence and every later one (`future`), or the whole series (`all`).
 */
export async function deleteItem(
  deps: Deps,
  actor: Actor,
  id: string,
  opts: ScopeOptions,
  meta: RequestMeta,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const { row, permission } = await requireItem(tx, actor, id, 'view', true);
    assertMayDelete(actor, row, permission);
    assertVersion(row, opts.expectedVersion);
    const scope = isSeries(row) ? opts.scope : 'all';
    const follow = (move: ItemMove) =>
      deps.followers?.itemsMoved(tx, actor, [move], { keepBookings: false }, meta);
    if (scope === 'all') {
      await notifyItemRemoved(tx, actor, row, [], { rid: null, thisAndFuture: false });
      await follow({ itemId: id, removed: true });
      await repo.deleteItem(tx, id, undefined);
    } else {
      const { rows, exceptions } = await exceptionsOf(tx, row);
      const rid = resolveOccurrence(row, rows, opts.occurrence);
      await notifyItemRemoved(tx, actor, row, rows, { rid, thisAndFuture: scope === 'future' });
      if (scope === 'this') {
        await repo.upsertException(tx, id, cancelOccurrence(exceptions, rid).exception);
        await repo.touchItem(tx, id, undefined);
        await follow({ itemId: id });
      } else {
        const { head } = splitSeries(timesOf(row), exceptions, rid);
        if (!head) {
          await follow({ itemId: id, removed: true });
          await repo.deleteItem(tx, id, undefined);
        } else {
          await repo.updateItem(tx, id, headValues(row, head), row.version);
          await repo.replaceExceptions(tx, id, head.exceptions);
          await follow({ itemId: id });
        }
      }
    }
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'item.deleted',
      entityType: 'item',
      entityId: id,
      ip: meta.ip,
      data: { scope, occurrence: opts.occurrence ?? null },
    });
  });
}

/** An item's stored row, for other modules' checks (no access check: pair with requireItem). */
export const loadItemRow = (db: Queryable, id: string, forUpdate = false) => repo.findItem(db, id, forUpdate);

/** The exceptions (moved, changed, cancelled occurrences) of some series. */
export const loadExceptions = (db: Queryable, itemIds: readonly string[]) => repo.findExceptions(db, itemIds);
