import type { CompleteTaskBody, Item, LeaveRequest } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import { decodeCursor, encodeCursor } from '../../db/paging';
import { recordAudit } from '../audit';
import type { Actor, RequestMeta, ServiceDeps } from '../deps';
import { findUserById } from '../users';
import { isApprover, requireItem } from './items.access';
import { maskLeaveItem } from './items.leave';
import {
  completeWholeTask,
  findLeavePage,
  findTaskCompletions,
  insertTaskCompletion,
  transitionLeave,
} from './items.leave.repository';
import { notifyLeaveDecided, notifyTaskAssigned } from './items.notify';
import { presentItem } from './items.present';
import { findExceptions, findItem, reassignTaskRow, touchWorkflow } from './items.repository';
import { isSeries, resolveOccurrence } from './items.scopes';

type Deps = Pick<ServiceDeps, 'db'>;
type LeaveDecision = 'approve' | 'reject' | 'cancel';

/** Allowed leave transitions: pending → approved | rejected | cancelled; approved → cancelled. */
const leaveNext: Record<LeaveDecision, { from: string[]; to: string }> = {
  approve: { from: ['pending'], to: 'approved' },
  reject: { from: ['pending'], to: 'rejected' },
  cancel: { from: ['pending', 'approved'], to: 'cancelled' },
};

async function present(db: Queryable, actor: Actor, id: string): Promise<Item> {
  const { row, permission } = await requireItem(db, actor, id, 'view');
  const item = maskLeaveItem(actor, presentItem(row, await findExceptions(db, [id]), permission));
  if (row.kind !== 'task' || !isSeries(row)) return item;
  const done = await findTaskCompletions(db, [id]);
  return {
    ...item,
    details: {
      ...item.details,
      completedOccurrences: done.map((d) => (row.all_day ? d.recurrence_id.slice(0, 10) : d.recurrence_id)),
    },
  };
}

/**
 * Decides a leave request. Approvers (coordinators, administrators) approve or reject others'
 * requests with a reason; the requester cancels their own. Rejected and cancelled leave is no
 * longer busy time (the item's status becomes cancelled). The decision is one conditional update,
 * so of racing decisions one wins and the others are 409 `leave.invalid_transition`.
 */
export async function decideLeave(
  deps: Deps,
  actor: Actor,
  id: string,
  decision: LeaveDecision,
  reason: string | null,
  meta: RequestMeta,
): Promise<Item> {
  await deps.db.transaction(async (tx) => {
    // The item row is locked first, as an edit of it does, so a decision and an edit never deadlock.
    const { row } = await requireItem(tx, actor, id, 'view', true);
    if (row.kind !== 'leave') throw new AppError('item.not_found', 'This item is not a leave request.');
    if (decision === 'cancel') {
      if (row.organizer_id !== actor.userId && !isApprover(actor))
        throw new AppError('auth.forbidden', 'Only the requester or an approver can cancel leave.');
    } else {
      if (!isApprover(actor))
        throw new AppError('auth.forbidden', 'Only coordinators and administrators decide leave.');
      if (row.organizer_id === actor.userId) throw new AppError('leave.self_approval');
      if (decision === 'reject' && !reason?.trim()) {
        throw new AppError('request.invalid', 'Give a reason for rejecting the request.', [
          { field: 'reason', message: 'is required to reject' },
        ]);
      }
    }
    const step = leaveNext[decision];
    const moved = await transitionLeave(tx, id, step.from, step.to, {
      id: actor.userId,
      byApprover: decision !== 'cancel',
      reason: reason?.trim() || null,
    });
    if (!moved) {
      // Read again: the state the request is in now, which a concurrent decision may have set.
      const now = await findItem(tx, id);
      const current = String(now?.details?.approval_status ?? 'gone');
      throw new AppError(
        'leave.invalid_transition',
        `${/^[aeiou]/.test(current) ? 'An' : 'A'} ${current} leave request cannot be ${step.to}.`,
      );
    }
    await touchWorkflow(tx, id, step.to === 'approved' ? 'confirmed' : 'cancelled');
    const decided = await findItem(tx, id);
    if (decided)
      await notifyLeaveDecided(
        tx,
        actor,
        decided,
        step.to as 'approved' | 'rejected' | 'cancelled',
        reason?.trim() || null,
      );
    await recordAudit(tx, {
      actorId: actor.userId,
      action: `leave.${step.to}`,
      entityType: 'item',
      entityId: id,
      ip: meta.ip,
      data: { reason },
    });
  });
  return present(deps.db, actor, id);
}

/**
 * Leave requests by start, keyset-paginated: approvers see everyone's, others their own. The
 * requester and backup are named so a queue can show them without another request.
 */
export async function listLeave(
  deps: Deps,
  actor: Actor,
  q: { status?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: LeaveRequest[]; nextCursor: string | null }> {
  const rows = await findLeavePage(deps.db, {
    status: q.status ?? null,
    requesterId: isApprover(actor) ? undefined : actor.userId,
    after: q.cursor ? (decodeCursor(q.cursor, ['timestamptz', 'uuid']) as [Date, string]) : undefined,
    limit: q.limit + 1,
  });
  const page = rows.slice(0, q.limit);
  const names = new Map<string, { id: string; name: string; email: string } | null>();
  const person = async (userId: unknown) => {
    if (typeof userId !== 'string') return null;
    if (!names.has(userId)) {
      const u = await findUserById(deps.db, userId);
      names.set(userId, u ? { id: u.id, name: u.name, email: u.email } : null);
    }
    return names.get(userId) ?? null;
  };
  const items: LeaveRequest[] = [];
  for (const r of page) {
    const item = await present(deps.db, actor, r.id);
    const backup = await person(item.details.backupUserId);
    items.push({
      ...item,
      requester: await person(item.organizerId),
      backup: backup ? { id: backup.id, name: backup.name } : null,
    });
  }
  const last = page.at(-1);
  return {
    items,
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.start_at.toISOString(), last.id]) : null,
  };
}

/**
 * Marks a task done (anyone who may edit it, or its assignee): one occurrence of a series
 * (`occurrence`), or the whole task (`all`, or a task that does not repeat). Each is one
 * conditional write, so doing it twice at once is one 200 and a 409 `task.invalid_transition`.
 */
export async function completeTask(
  deps: Deps,
  actor: Actor,
  id: string,
  body: CompleteTaskBody,
  meta: RequestMeta,
): Promise<Item> {
  await deps.db.transaction(async (tx) => {
    const row = await findItem(tx, id);
    if (row?.kind !== 'task') throw new AppError('item.not_found');
    const assignee = row.details?.assignee_id;
    await requireItem(tx, actor, id, assignee === actor.userId ? 'view' : 'edit');
    let occurrence: string | null = null;
    if (isSeries(row) && !body.all) {
      if (!body.occurrence)
        throw new AppError(
          'item.occurrence_required',
          'This task repeats: give the `occurrence` that is done, or `all: true` for every one.',
          [{ field: 'occurrence', message: 'is required for a recurring task' }],
        );
      occurrence = resolveOccurrence(row, await findExceptions(tx, [id]), body.occurrence);
      if (
        row.details?.task_status === 'done' ||
        !(await insertTaskCompletion(tx, id, occurrence, actor.userId))
      )
        throw new AppError('task.invalid_transition', 'This occurrence of the task is already done.');
    } else if (!(await completeWholeTask(tx, id))) {
      throw new AppError('task.invalid_transition', 'The task is already done.');
    }
    await touchWorkflow(tx, id);
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'task.completed',
      entityType: 'item',
      entityId: id,
      ip: meta.ip,
      ...(occurrence ? { data: { occurrence } } : {}),
    });
  });
  return present(deps.db, actor, id);
}

/** Gives a task to another person (editors of its calendar). */
export async function reassignTask(
  deps: Deps,
  actor: Actor,
  id: string,
  assigneeId: string,
  meta: RequestMeta,
): Promise<Item> {
  await deps.db.transaction(async (tx) => {
    const { row } = await requireItem(tx, actor, id, 'edit', true);
    if (row.kind !== 'task') throw new AppError('item.not_found', 'This item is not a task.');
    const user = await findUserById(tx, assigneeId);
    if (!user?.active)
      throw new AppError('request.invalid', 'The assignee must be an active user.', [
        { field: 'assigneeId', message: 'is not an active user' },
      ]);
    await reassignTaskRow(tx, id, assigneeId);
    await touchWorkflow(tx, id);
    // Given again to the person who has it, nobody needs telling (a retried request says nothing twice).
    const assigned = await findItem(tx, id);
    if (assigned && row.details?.assignee_id !== assigneeId) await notifyTaskAssigned(tx, actor, assigned);
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'task.reassigned',
      entityType: 'item',
      entityId: id,
      ip: meta.ip,
      data: { assigneeId },
    });
  });
  return present(deps.db, actor, id);
}
