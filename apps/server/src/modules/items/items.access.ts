import type { CalendarPermission } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import { findCalendarFor, permits } from '../calendars';
import type { Actor } from '../deps';
import { findItem, type ItemRow, isInvited } from './items.repository';

/** Coordinators and administrators decide leave requests. */
export const isApprover = (actor: Pick<Actor, 'role'>) =>
  actor.role === 'admin' || actor.role === 'coordinator';

/**
 * The actor's permission on an item: that of its calendar; view for public items and, for
 * approvers, for leave requests; null when they may not see it at all. Someone else's leave is
 * its requester's and its approvers' business: colleagues, whatever their permission on its
 * calendar, do not see it until it is approved, and then only see it ("On leave"), never change it.
 */
export async function itemPermission(
  db: Queryable,
  actor: Actor,
  row: AccessRow & { details?: ItemRow['details'] },
): Promise<CalendarPermission | null> {
  const colleagueOfLeave = row.kind === 'leave' && row.organizer_id !== actor.userId && !isApprover(actor);
  if (colleagueOfLeave && row.details?.approval_status !== 'approved') return null;
  const perm = await permissionOf(db, actor, row);
  return colleagueOfLeave && perm ? 'view' : perm;
}

/** What deciding access reads of an item (a deleted item's snapshot has no more). */
type AccessRow = Pick<ItemRow, 'id' | 'calendar_id' | 'visibility' | 'kind' | 'organizer_id'>;

async function permissionOf(db: Queryable, actor: Actor, row: AccessRow): Promise<CalendarPermission | null> {
  const cal = await findCalendarFor(db, actor.userId, actor.role, row.calendar_id);
  const perm = cal?.permission ?? null;
  if (perm) return perm;
  if (row.visibility === 'public') return 'view';
  // People invited to an item see it (not its calendar), to answer and to check in.
  if (await isInvited(db, row.id, actor.userId)) return 'view';
  if (row.kind === 'leave' && (isApprover(actor) || row.organizer_id === actor.userId)) return 'view';
  return null;
}

/**
 * Loads an item the actor may `need`: one they may not see is 404 (its existence does not leak),
 * one they see but may not change is 403. `forUpdate` locks the row in the caller's transaction.
 */
export async function requireItem(
  db: Queryable,
  actor: Actor,
  id: string,
  need: CalendarPermission,
  forUpdate = false,
) {
  const row = await findItem(db, id, forUpdate);
  if (!row) throw new AppError('item.not_found');
  const permission = await itemPermission(db, actor, row);
  if (!permission) throw new AppError('item.not_found');
  if (!permits(permission, need))
    throw new AppError('auth.forbidden', 'You may view this item but not change it.');
  return { row, permission };
}

/** Reads an `If-Match` header (`"3"`, `W/"3"`, `3`; `*` = any) as the expected version. */
export function expectedVersion(
  ifMatch: string | undefined,
  bodyVersion: number | undefined,
): number | undefined {
  const raw = ifMatch?.trim();
  if (raw && raw !== '*') {
    const m = raw.match(/^(?:W\/)?"?(\d{1,9})"?$/);
    if (!m)
      throw new AppError('request.precondition_failed', 'If-Match must carry the item’s version, e.g. "3".');
    return Number(m[1]);
  }
  return bodyVersion;
}

/** Fails with 412 when a stored version differs from the one the client edited. */
export function assertVersion(row: Pick<ItemRow, 'version'>, expected: number | undefined) {
  if (expected !== undefined && row.version !== expected) {
    throw new AppError(
      'request.precondition_failed',
      `The item is at version ${row.version}, not ${expected}: reload it and apply your change again.`,
      undefined,
      {
        currentVersion: row.version,
      },
    );
  }
}

/**
 * Whether the actor may delete (or cancel an occurrence of) an item they may see: a manager of its
 * calendar deletes anything on it (administrators manage every shared calendar); an editor
 * deletes what they organise; an administrator also takes down a public item posted by someone
 * else. Seeing an item by invitation, or as the approver of leave, is no right to delete it.
 * Others get 403.
 */
export function assertMayDelete(
  actor: Actor,
  row: Pick<ItemRow, 'organizer_id' | 'visibility'>,
  permission: CalendarPermission,
): void {
  if (permission === 'manage' || (actor.role === 'admin' && row.visibility === 'public')) return;
  if (!permits(permission, 'edit'))
    throw new AppError('auth.forbidden', 'You may view this item but not change it.');
  if (row.organizer_id !== actor.userId)
    throw new AppError(
      'auth.forbidden',
      'Someone else organises this item: only they or a manager of its calendar delete it.',
    );
}
