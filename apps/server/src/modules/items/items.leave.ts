import type { Item, UpdateItemBody } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import { recordAudit } from '../audit';
import type { Actor, RequestMeta } from '../deps';
import { findUserById } from '../users';
import { isApprover } from './items.access';
import { findLeaveOverlaps, lockLeaveOf, reopenLeave } from './items.leave.repository';
import { notifyLeaveRequested } from './items.notify';
import { clientTime } from './items.present';
import { findItem, type ItemRow, type ItemValues, touchWorkflow } from './items.repository';

/** What colleagues see of someone's approved leave instead of its title. */
export const ON_LEAVE = 'On leave';

/** Whether the actor sees a leave request in full (type, reason, decision): its requester or an approver. */
export const seesLeaveFully = (actor: Pick<Actor, 'userId' | 'role'>, organizerId: string | null) =>
  organizerId === actor.userId || isApprover(actor);

/**
 * Checks a backup person: an active user other than the requester. Null or absent is no backup.
 */
async function assertBackup(db: Queryable, backupId: unknown, requesterId: string | null): Promise<void> {
  if (typeof backupId !== 'string') return;
  const user = await findUserById(db, backupId);
  if (!user?.active || backupId === requesterId)
    throw new AppError('request.invalid', 'The backup must be another active user.', [
      { field: 'details.backupUserId', message: 'is not another active user' },
    ]);
}

/**
 * Refuses leave that overlaps pending or approved leave of the same requester (409
 * `leave.overlap`, naming the other requests). Takes the requester's leave lock first, so of two
 * overlapping requests filed at once the second sees the first.
 */
async function assertNoOverlap(
  db: Queryable,
  requesterId: string,
  span: { startAt: Date; endAt: Date; rrule: string | null; seriesEndAt: Date | null },
  exceptId: string | null,
): Promise<void> {
  await lockLeaveOf(db, requesterId);
  const end = span.rrule ? (span.seriesEndAt ?? new Date(8.64e15)) : span.endAt;
  const others = await findLeaveOverlaps(db, requesterId, span.startAt, end, exceptId);
  if (others.length === 0) return;
  const conflicts = others.map((o) => ({
    id: o.id,
    start: clientTime(o.dtstart, o.time_zone, o.all_day),
    end: clientTime(o.dtend, o.time_zone, o.all_day),
    status: o.approval_status,
  }));
  throw new AppError(
    'leave.overlap',
    `The dates overlap your ${conflicts[0]!.status} leave from ${conflicts[0]!.start} to ${conflicts[0]!.end}.`,
    undefined,
    { conflicts },
  );
}

/** Checks a new leave request (backup person, no overlap) inside the transaction that inserts it. */
export async function checkNewLeave(
  tx: Queryable,
  values: ItemValues,
  details: Record<string, unknown>,
): Promise<void> {
  if (values.kind !== 'leave' || !values.organizerId) return;
  await assertBackup(tx, details.backup_user_id, values.organizerId);
  await assertNoOverlap(tx, values.organizerId, values, null);
}

/** Refuses a change of a leave request's status through the item form: decisions have their own routes. */
export function checkLeavePatch(row: ItemRow, patch: UpdateItemBody): void {
  if (row.kind === 'leave' && patch.status !== undefined && patch.status !== row.status)
    throw new AppError(
      'auth.forbidden',
      'The status of leave follows its approval: approvers approve or reject it, the requester cancels it.',
    );
}

/**
 * After an edit of leave (in the same transaction): a change of dates, length or type sends
 * decided leave back to pending, since the decision was about other days; the new dates must not
 * overlap other leave, and a new backup must be an active user.
 */
export async function afterLeaveEdit(
  tx: Queryable,
  actor: Actor,
  before: ItemRow,
  targetId: string,
  meta: RequestMeta,
): Promise<void> {
  if (before.kind !== 'leave') return;
  const after = await findItem(tx, targetId);
  if (!after) return;
  if ((after.details?.backup_user_id ?? null) !== (before.details?.backup_user_id ?? null))
    await assertBackup(tx, after.details?.backup_user_id, after.organizer_id);
  const changed =
    after.start_at.getTime() !== before.start_at.getTime() ||
    after.end_at.getTime() !== before.end_at.getTime() ||
    after.all_day !== before.all_day ||
    after.rrule !== before.rrule ||
    (after.series_end_at?.getTime() ?? null) !== (before.series_end_at?.getTime() ?? null) ||
    after.details?.leave_type !== before.details?.leave_type ||
    targetId !== before.id;
  if (!changed) return;
  if (await reopenLeave(tx, targetId)) {
    await touchWorkflow(tx, targetId, 'tentative');
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'leave.reopened',
      entityType: 'item',
      entityId: targetId,
      ip: meta.ip,
      data: { was: String(before.details?.approval_status) },
    });
    const reopened = await findItem(tx, targetId);
    if (reopened) await notifyLeaveRequested(tx, actor, reopened, true);
  }
  const status = String(after.details?.approval_status ?? 'pending');
  if (after.organizer_id && (status === 'pending' || status === 'approved' || status === 'rejected'))
    await assertNoOverlap(
      tx,
      after.organizer_id,
      {
        startAt: after.start_at,
        endAt: after.end_at,
        rrule: after.rrule,
        seriesEndAt: after.series_end_at,
      },
      targetId,
    );
}

/** An item as `actor` may see it: others' leave as "On leave", without type, reason, description or place. */
export function maskLeaveItem(actor: Pick<Actor, 'userId' | 'role'>, item: Item): Item {
  if (item.kind !== 'leave' || seesLeaveFully(actor, item.organizerId)) return item;
  return {
    ...item,
    title: ON_LEAVE,
    description: null,
    location: null,
    details: { approvalStatus: item.details.approvalStatus },
  };
}
