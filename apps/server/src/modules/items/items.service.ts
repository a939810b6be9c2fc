import { randomUUID } from 'node:crypto';
import type { CreateItemBody, EditScope, Item, UpdateItemBody } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import { sqlState } from '../../db/errors';
import { decodeCursor, encodeCursor } from '../../http/pagination';
import { recordAudit } from '../audit/audit.repository';
import { personalCalendarId, visibleCalendars } from '../calendars/calendars.repository';
import { requireCalendar } from '../calendars/calendars.service';
import type { Actor, RequestMeta, ServiceDeps } from '../deps';
import { assertVersion, requireItem } from './items.access';
import { presentItem } from './items.present';
import * as repo from './items.repository';
import {
  carriedExceptions,
  continuedRule,
  exceptionForThis,
  isOccurrence,
  isSeries,
  resolveOccurrence,
  shiftedExceptions,
  truncatedRule,
} from './items.scopes';
import { detailColumns, presentDetails, valuesForCreate, valuesForUpdate } from './items.values';
import { shiftLocal, wallDeltaSeconds } from './times';

type Deps = Pick<ServiceDeps, 'db'>;

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
  const params: unknown[] = [[...permissions.keys()]];
  const where = ["(i.calendar_id = any($1::uuid[]) or i.visibility = 'public')"];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  if (q.kind) add('i.kind = ?', q.kind);
  if (q.calendarId) add('i.calendar_id = ?::uuid', q.calendarId);
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor, ['string', 'uuid']);
    params.push(at, id);
    where.push(`(i.start_at, i.id) > ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
  }
  params.push(q.limit + 1);
  const rows = (
    await deps.db.query<repo.ItemRow>(
      `select ${repo.ITEM_COLUMNS} from items i ${repo.ITEM_JOINS} where ${where.join(' and ')}
        order by i.start_at, i.id limit $${params.length}`,
      params,
    )
  ).rows;
  const page = rows.slice(0, q.limit);
  const exceptions = await repo.findExceptions(
    deps.db,
    page.map((r) => r.id),
  );
  const last = page.at(-1);
  return {
    items: page.map((r) =>
      presentItem(
        r,
        exceptions.filter((x) => x.item_id === r.id),
        permissions.get(r.calendar_id) ?? null,
      ),
    ),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.start_at.toISOString(), last.id]) : null,
  };
}

export async function getItem(deps: Deps, actor: Actor, id: string): Promise<Item> {
  const { row, permission } = await requireItem(deps.db, actor, id, 'view');
  return presentItem(row, await repo.findExceptions(deps.db, [id]), permission);
}

export interface ScopeOptions {
  scope: EditScope;
  occurrence?: string | undefined;
  expectedVersion?: number | undefined;
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
      if (patch.calendarId && patch.calendarId !== row.calendar_id)
        await requireCalendar(tx, actor, patch.calendarId, 'edit');
      const scope = isSeries(row) ? opts.scope : 'all';
      let target = id;
      if (scope === 'this') await editThis(tx, row, patch, opts.occurrence);
      else if (scope === 'future') target = await editFuture(tx, row, patch, opts.occurrence);
      else await editAll(tx, row, patch);
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

async function editThis(
  tx: Queryable,
  row: repo.ItemRow,
  patch: UpdateItemBody,
  occurrence: string | undefined,
) {
  const exceptions = await repo.findExceptions(tx, [row.id]);
  const rid = resolveOccurrence(row, exceptions, occurrence);
  const existing = exceptions.find((x) => x.recurrence_id === rid);
  await repo.upsertException(tx, row.id, exceptionForThis(row, rid, existing, patch));
  await repo.touchItem(tx, row.id, undefined);
}

async function editAll(tx: Queryable, row: repo.ItemRow, patch: UpdateItemBody) {
  // Exclusions follow the series when its start moves, unless the client restates them.
  const draft = valuesForUpdate(row, patch);
  const shift = wallDeltaSeconds(row.dtstart, draft.dtstart);
  const values =
    shift && patch.exdates === undefined && row.exdates.length
      ? valuesForUpdate(row, { ...patch, exdates: row.exdates.map((d) => shiftLocal(d, shift)) })
      : draft;
  const carried = isSeries(row)
    ? await carriedExceptions(tx, row, {
        dtstart: values.dtstart,
        zone: values.timeZone,
        allDay: values.allDay,
        rrule: values.rrule,
        exdates: values.exdates,
        rdates: values.rdates,
      })
    : [];
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

async function editFuture(
  tx: Queryable,
  row: repo.ItemRow,
  patch: UpdateItemBody,
  occurrence: string | undefined,
): Promise<string> {
  const exceptions = await repo.findExceptions(tx, [row.id]);
  const rid = resolveOccurrence(row, exceptions, occurrence);
  if (rid === row.dtstart) {
    await editAll(tx, row, patch);
    return row.id;
  }
  const durationSec = wallDeltaSeconds(row.dtstart, row.dtend);
  const later = (d: string) => d >= rid;
  // The new series: the old one's fields from the occurrence on, then the patch.
  const tail: repo.ItemRow = {
    ...row,
    dtstart: rid,
    dtend: shiftLocal(rid, durationSec),
    rrule: continuedRule(row, rid),
    exdates: row.exdates.filter(later),
    rdates: row.rdates.filter(later),
  };
  const tailValues = {
    ...valuesForUpdate(tail, patch),
    uid: `${randomUUID()}@kalendaryo`,
    sequence: 0,
    splitFromId: row.id,
  };
  const newId = await repo.insertItem(tx, tailValues);
  await repo.upsertDetails(
    tx,
    newId,
    row.kind,
    detailColumns(row.kind, { ...editableDetails(row), ...(patch.details ?? {}) }),
  );
  const moved = exceptions.filter((x) => later(x.recurrence_id));
  const delta = wallDeltaSeconds(tail.dtstart, tailValues.dtstart);
  const tailSpec = {
    dtstart: tailValues.dtstart,
    zone: tailValues.timeZone,
    allDay: tailValues.allDay,
    rrule: tailValues.rrule,
    exdates: [],
    rdates: tailValues.rdates,
  };
  await repo.replaceExceptions(
    tx,
    newId,
    shiftedExceptions(moved, delta).filter((x) => isOccurrence(tailSpec, x.recurrenceId)),
  );
  // The old series ends just before the occurrence.
  const head = valuesForUpdate(row, {
    rrule: row.rrule ? truncatedRule(row, rid) : null,
    exdates: row.exdates.filter((d) => !later(d)),
    rdates: row.rdates.filter((d) => !later(d)),
  });
  if (!(await repo.updateItem(tx, row.id, head, row.version)))
    throw new AppError('request.precondition_failed');
  await repo.replaceExceptions(
    tx,
    row.id,
    shiftedExceptions(
      exceptions.filter((x) => !later(x.recurrence_id)),
      0,
    ),
  );
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
    const { row } = await requireItem(tx, actor, id, 'edit', true);
    assertVersion(row, opts.expectedVersion);
    const scope = isSeries(row) ? opts.scope : 'all';
    const exceptions = scope === 'all' ? [] : await repo.findExceptions(tx, [id]);
    const rid = scope === 'all' ? null : resolveOccurrence(row, exceptions, opts.occurrence);
    if (scope === 'all' || (scope === 'future' && rid === row.dtstart)) {
      await repo.deleteItem(tx, id, undefined);
    } else if (scope === 'this') {
      const base = {
        dtstart: null,
        dtend: null,
        title: null,
        description: null,
        location: null,
        status: null,
      };
      await repo.upsertException(tx, id, { ...base, recurrenceId: rid!, cancelled: true });
      await repo.touchItem(tx, id, undefined);
    } else {
      const head = valuesForUpdate(row, {
        rrule: row.rrule ? truncatedRule(row, rid!) : null,
        exdates: row.exdates.filter((d) => d < rid!),
        rdates: row.rdates.filter((d) => d < rid!),
      });
      await repo.updateItem(tx, id, head, row.version);
      await repo.replaceExceptions(
        tx,
        id,
        shiftedExceptions(
          exceptions.filter((x) => x.recurrence_id < rid!),
          0,
        ),
      );
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
