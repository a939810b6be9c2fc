import type { ItemKind } from '@kalendaryo/contract';
import type { SeriesException } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import {
  findItemsByUid,
  insertDefaultDetails,
  insertExceptionsBatch,
  insertItemsBatch,
  itemUidsOnCalendar,
} from './items.imported.repository';
import * as repo from './items.repository';
import { detailColumns, resolveTimes, type TimeInput } from './items.values';

/**
 * Writing items that come from outside (an iCalendar import or a subscription refresh) inside
 * the caller's transaction, many at a time. The caller has checked permission on the calendar.
 */
export { findItemsByUid, itemUidsOnCalendar };

/** The stored times of an item from its file times; a rule the engine refuses throws its AppError. */
export const importedTimes = (t: TimeInput) => resolveTimes(t);

/** One item to create or rewrite, with its exceptions and kind details. */
export interface ImportedWrite {
  values: repo.ItemValues;
  exceptions: readonly SeriesException[];
  details: Record<string, unknown>;
}

/** Creates items with their details and exceptions; returns their ids in order. */
export async function insertImportedItems(
  db: Queryable,
  writes: readonly ImportedWrite[],
): Promise<string[]> {
  const ids = await insertItemsBatch(
    db,
    writes.map((w) => w.values),
  );
  const byKind = new Map<ItemKind, string[]>();
  writes.forEach((w, i) => {
    const id = ids[i] as string;
    if (Object.keys(w.details).length > 0) return;
    byKind.set(w.values.kind, [...(byKind.get(w.values.kind) ?? []), id]);
  });
  for (const [kind, kindIds] of byKind) await insertDefaultDetails(db, repo.detailTables[kind], kindIds);
  for (const [i, w] of writes.entries())
    if (Object.keys(w.details).length > 0)
      await repo.upsertDetails(db, ids[i] as string, w.values.kind, detailColumns(w.values.kind, w.details));
  await insertExceptionsBatch(
    db,
    writes.flatMap((w, i) => w.exceptions.map((x) => ({ ...x, itemId: ids[i] as string }))),
  );
  return ids;
}

/** Rewrites an item from its file (new SEQUENCE given by the caller) and replaces its exceptions. */
export async function updateImportedItem(db: Queryable, id: string, w: ImportedWrite): Promise<void> {
  await repo.updateItem(db, id, w.values, undefined);
  if (Object.keys(w.details).length > 0)
    await repo.upsertDetails(db, id, w.values.kind, detailColumns(w.values.kind, w.details));
  await repo.replaceExceptions(db, id, w.exceptions);
}

/** Deletes items that left a subscribed calendar's source. */
export async function deleteImportedItems(db: Queryable, ids: readonly string[]): Promise<void> {
  for (const id of ids) await repo.deleteItem(db, id, undefined);
}
