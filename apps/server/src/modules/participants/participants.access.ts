import { AppError, isOccurrenceStart } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import { permits } from '../calendars';
import type { Actor } from '../deps';
import {
  type ItemRow,
  isApprover,
  isSeries,
  itemPermission,
  loadExceptions,
  loadItemRow,
  localToMs,
  resolveOccurrence,
  shiftLocal,
  specOf,
  wallDeltaSeconds,
} from '../items';
import { findParticipantByUser, needsViewers, type ParticipantRow } from './participants.repository';

export interface ItemAccess {
  row: ItemRow;
  /** May manage participants, codes and attendance: edit on the item, its organiser, or an approver who sees it (never the viewer role). */
  manage: boolean;
  /** The actor's own participation, if any. */
  self: ParticipantRow | undefined;
  /** The item's organiser (or, for an item without one, an editor of its calendar). */
  organiser: boolean;
}

/**
 * Loads an item for participant and attendance work. Those who may view the item, and its
 * participants, see it; others get 404. `need = 'manage'` is 403 for those who only see it.
 */
export async function itemAccess(
  db: Queryable,
  actor: Actor,
  itemId: string,
  need: 'view' | 'manage',
): Promise<ItemAccess> {
  const row = await loadItemRow(db, itemId);
  if (!row) throw new AppError('item.not_found');
  const permission = await itemPermission(db, actor, row);
  const self = await findParticipantByUser(db, itemId, actor.userId);
  if (!permission && !self) throw new AppError('item.not_found');
  // The viewer role manages nothing, even on a calendar shared with them to edit.
  const manage =
    actor.role !== 'viewer' &&
    (permits(permission, 'edit') ||
      row.organizer_id === actor.userId ||
      (permission !== null && isApprover(actor)));
  if (need === 'manage' && !manage)
    throw new AppError(
      'auth.forbidden',
      'Only the organiser, a coordinator or an administrator may do this.',
    );
  const organiser =
    row.organizer_id === actor.userId || (row.organizer_id === null && permits(permission, 'edit'));
  return { row, manage, self, organiser };
}

/**
 * Whether the actor sees participants' preparation needs and contact details: the organiser and
 * those the organiser names; coordinators and administrators only when named. (Each participant
 * always sees their own.)
 */
export async function seesNeeds(db: Queryable, actor: Actor, access: ItemAccess): Promise<boolean> {
  return access.organiser || (await needsViewers(db, access.row.id)).includes(actor.userId);
}

/**
 * The occurrence key of `occurrence` on `row`: '' for an item that does not repeat (any value is
 * ignored), the recurrence id for a series (required, 404 when the series has no such one), or
 * '' for "all occurrences" where `allowAll`.
 */
export async function occurrenceKey(
  db: Queryable,
  row: ItemRow,
  occurrence: string | undefined,
  allowAll = false,
): Promise<string> {
  if (!isSeries(row)) return '';
  if (!occurrence && allowAll) return '';
  return resolveOccurrence(row, await loadExceptions(db, [row.id]), occurrence);
}

/**
 * Start and end (epoch ms) of the occurrence `key` of `row` as it stands now, moved where an
 * exception moved it, and whether it is cancelled (the item, an exception, an excluded date, or
 * an occurrence the series no longer has: deleted "this and following", or split off into a new
 * series, whose participants have codes of their own).
 */
export async function occurrenceSpan(db: Queryable, row: ItemRow, key: string) {
  if (key === '')
    return {
      startMs: localToMs(row.dtstart, row.time_zone),
      endMs: localToMs(row.dtend, row.time_zone),
      cancelled: row.status === 'cancelled',
    };
  const ex = (await loadExceptions(db, [row.id])).find((x) => x.recurrence_id === key);
  const start = ex?.dtstart ?? key;
  const end = ex?.dtend ?? shiftLocal(start, wallDeltaSeconds(row.dtstart, row.dtend));
  const cancelled =
    row.status === 'cancelled' ||
    ex?.cancelled === true ||
    ex?.status === 'cancelled' ||
    row.exdates.includes(key) ||
    (!ex && !isOccurrenceStart(specOf(row), key));
  return { startMs: localToMs(start, row.time_zone), endMs: localToMs(end, row.time_zone), cancelled };
}
