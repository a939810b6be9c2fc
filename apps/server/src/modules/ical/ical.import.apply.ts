import type { ImportResult } from '@kalendaryo/contract';
import type { Queryable } from '../../db/client';
import {
  deleteImportedItems,
  exceptionOf,
  findItemsByUid,
  type ImportedWrite,
  type ItemRow,
  type ItemValues,
  importedTimes,
  insertImportedItems,
  itemUidsOnCalendar,
  loadExceptions,
  updateImportedItem,
} from '../items';
import { addImportedGuests, type ImportedGuest, peopleOnItems } from '../participants';
import { findUserByEmail } from '../users';
import type { ImportedItem } from './ical.import.read';

/** The stored times of an imported item (validates its rule: a refused one throws its AppError). */
export const timesOfImported = (item: ImportedItem) =>
  importedTimes({
    start: item.start,
    end: item.end,
    timeZone: item.timeZone,
    allDay: item.allDay,
    rrule: item.rrule,
    exdates: item.exdates,
    rdates: item.rdates,
  });

/**
 * The UID an item gets on `calendarId` when its file's UID is taken by an item on another
 * calendar. UIDs are unique across calendars, and the same file imported into two calendars is
 * two copies; deriving (rather than skipping) keeps both and says nothing about calendars the
 * importer may not see. It is stable, so re-importing into the same calendar finds it again.
 */
export const derivedUid = (uid: string, calendarId: string) => `${uid}#${calendarId}`;

export interface ApplyInput {
  calendarId: string;
  /** Organiser of new items whose ORGANIZER is not a Kalendaryo user. */
  organizerId: string;
  items: readonly ImportedItem[];
  /** A subscription refresh: items whose UID left the source are deleted. */
  removeMissing: boolean;
}

type Touched = { item: ImportedItem; id: string; state: 'created' | 'updated' | 'unchanged' };
type Counts = Omit<ImportResult, 'skipped' | 'dryRun'> & { removed: number };

function valuesOf(
  item: ImportedItem,
  input: ApplyInput,
  uid: string,
  organizerId: string,
  sequence: number,
): ItemValues {
  return {
    calendarId: input.calendarId,
    kind: item.kind,
    title: item.title,
    description: item.description,
    location: item.location,
    allDay: item.allDay,
    timeZone: item.timeZone,
    ...timesOfImported(item),
    status: item.status,
    visibility: item.visibility,
    organizerId,
    communityId: null,
    color: null,
    uid,
    sequence,
    splitFromId: null,
  };
}

const detailsOf = (item: ImportedItem): Record<string, unknown> =>
  item.task
    ? {
        dueAt: item.task.dueAt?.toISOString(),
        taskStatus: item.task.taskStatus,
        priority: item.task.priority,
      }
    : {};

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function taskDetailsDiffer(row: ItemRow, item: ImportedItem): boolean {
  if (!item.task) return false;
  const d = row.details ?? {};
  const due = d.due_at ? new Date(String(d.due_at)).getTime() : null;
  return (
    due !== (item.task.dueAt?.getTime() ?? null) ||
    d.task_status !== item.task.taskStatus ||
    d.priority !== item.task.priority
  );
}

/** Whether the stored item already says what the file says (times, text, rule, exceptions). */
function unchanged(
  row: ItemRow,
  v: ItemValues,
  w: ImportedWrite,
  stored: readonly unknown[],
  item: ImportedItem,
) {
  const fields: [unknown, unknown][] = [
    [row.kind, v.kind],
    [row.title, v.title],
    [row.description, v.description],
    [row.location, v.location],
    [row.all_day, v.allDay],
    [row.dtstart, v.dtstart],
    [row.dtend, v.dtend],
    [row.time_zone, v.timeZone],
    [row.rrule, v.rrule],
    [row.exdates, v.exdates],
    [row.rdates, v.rdates],
    [row.status, v.status],
    [row.visibility, v.visibility],
  ];
  const wanted = [...w.exceptions].sort((a, b) => a.recurrenceId.localeCompare(b.recurrenceId));
  return fields.every(([a, b]) => same(a, b)) && same(stored, wanted) && !taskDetailsDiffer(row, item);
}

/** Users named by email in the items, found once each. */
async function usersByEmail(db: Queryable, items: readonly ImportedItem[]): Promise<Map<string, string>> {
  const emails = new Set(items.flatMap((i) => i.people.flatMap((p) => (p.email ? [p.email] : []))));
  const out = new Map<string, string>();
  for (const email of emails) {
    const user = await findUserByEmail(db, email);
    if (user?.active) out.set(email, user.id);
  }
  return out;
}

/**
 * Writes the items of a file to a calendar inside the caller's transaction: new UIDs are created
 * (in one statement), known ones rewritten only when something differs (SEQUENCE + 1), and the
 * people named added as participants (users by email, others as guests).
 */
export async function applyImport(db: Queryable, input: ApplyInput): Promise<Counts> {
  const counts: Counts = { created: 0, updated: 0, unchanged: 0, removed: 0 };
  const uids = input.items.flatMap((i) => [i.uid, derivedUid(i.uid, input.calendarId)]);
  const rows = await findItemsByUid(db, uids);
  const byUid = new Map(rows.map((r) => [r.uid, r]));
  const users = await usersByEmail(db, input.items);
  const exceptions = await loadExceptions(
    db,
    rows.filter((r) => r.calendar_id === input.calendarId).map((r) => r.id),
  );
  const creates: { item: ImportedItem; write: ImportedWrite }[] = [];
  const touched: Touched[] = [];
  for (const item of input.items) {
    const own = [byUid.get(item.uid), byUid.get(derivedUid(item.uid, input.calendarId))].find(
      (r) => r?.calendar_id === input.calendarId,
    );
    const organizerEmail = item.people.find((p) => p.organizer)?.email;
    const organizerId = (organizerEmail && users.get(organizerEmail)) || input.organizerId;
    if (!own) {
      const uid = byUid.has(item.uid) ? derivedUid(item.uid, input.calendarId) : item.uid;
      const values = valuesOf(item, input, uid, organizerId, 0);
      creates.push({ item, write: { values, exceptions: item.exceptions, details: detailsOf(item) } });
      continue;
    }
    const values = valuesOf(item, input, own.uid, own.organizer_id ?? organizerId, own.sequence + 1);
    const write = { values, exceptions: item.exceptions, details: detailsOf(item) };
    const stored = exceptions.filter((x) => x.item_id === own.id).map(exceptionOf);
    if (unchanged(own, { ...values, sequence: own.sequence }, write, stored, item)) {
      counts.unchanged++;
      touched.push({ item, id: own.id, state: 'unchanged' });
    } else {
      await updateImportedItem(db, own.id, write);
      counts.updated++;
      touched.push({ item, id: own.id, state: 'updated' });
    }
  }
  const ids = await insertImportedItems(
    db,
    creates.map((c) => c.write),
  );
  counts.created = ids.length;
  for (const [i, c] of creates.entries())
    touched.push({ item: c.item, id: ids[i] as string, state: 'created' });
  const grown = await addPeople(db, touched, users);
  counts.unchanged -= grown;
  counts.updated += grown;
  if (input.removeMissing) {
    const keep = new Set(touched.map((t) => t.id));
    const gone = (await itemUidsOnCalendar(db, input.calendarId))
      .filter((r) => !keep.has(r.id))
      .map((r) => r.id);
    await deleteImportedItems(db, gone);
    counts.removed = gone.length;
  }
  return counts;
}

/**
 * Adds the people of the file to their items; returns how many items otherwise unchanged
 * gained someone (they count as updated).
 */
async function addPeople(
  db: Queryable,
  touched: readonly Touched[],
  users: Map<string, string>,
): Promise<number> {
  const present = await peopleOnItems(
    db,
    touched.map((t) => t.id),
  );
  const guests: ImportedGuest[] = [];
  const grown = new Set<string>();
  for (const { item, id, state } of touched) {
    const have = present.get(id) ?? new Set<string>();
    for (const p of item.people) {
      const userId = p.email ? (users.get(p.email) ?? null) : null;
      const key = userId ?? p.email ?? p.name;
      if (have.has(key)) continue;
      have.add(key);
      guests.push({ itemId: id, userId, name: p.name, email: p.email });
      if (state === 'unchanged') grown.add(id);
    }
  }
  await addImportedGuests(db, guests);
  return grown.size;
}
