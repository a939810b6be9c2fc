import type { Item } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import { recordAudit } from '../audit';
import type { Actor, RequestMeta, ServiceDeps } from '../deps';
import { findUserById } from '../users';
import { isApprover, requireItem } from './items.access';
import { presentItem } from './items.present';
import {
  completeTaskRow,
  decideLeaveRow,
  findExceptions,
  findItem,
  findLeaveIds,
  reassignTaskRow,
  touchWorkflow,
} from './items.repository';

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
  return presentItem(row, await findExceptions(db, [id]), permission);
}

/**
 * Decides a leave request. Approvers (coordinators, administrators) approve or reject others'
 * requests with a reason; the requester cancels their own. Rejected and cancelled leave is no
 * longer busy time (the item's status becomes cancelled).
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
    const { row } = await requireItem(tx, actor, id, 'view', true);
    if (row.kind !== 'leave') throw new AppError('item.not_found', 'This item is not a leave request.');
    const current = String(row.details?.approval_status ?? 'pending');
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
    if (!step.from.includes(current))
      throw new AppError('leave.invalid_transition', `A ${current} leave request cannot be ${step.to}.`);
    await decideLeaveRow(tx, id, {
      status: step.to,
      deciderId: actor.userId,
      byApprover: decision !== 'cancel',
      reason: reason?.trim() || null,
    });
    const status = step.to === 'approved' ? 'confirmed' : step.to === 'pending' ? 'tentative' : 'cancelled';
    await touchWorkflow(tx, id, status);
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

/** Leave requests awaiting a decision, for approvers; a requester sees their own. */
export async function listLeave(deps: Deps, actor: Actor, status: string | undefined) {
  const ids = await findLeaveIds(deps.db, status ?? null, isApprover(actor) ? undefined : actor.userId);
  return Promise.all(ids.map((id) => present(deps.db, actor, id)));
}

/** Marks a task done (anyone who may edit it, or its assignee). */
export async function completeTask(deps: Deps, actor: Actor, id: string, meta: RequestMeta): Promise<Item> {
  await deps.db.transaction(async (tx) => {
    const row = await findItem(tx, id, true);
    if (row?.kind !== 'task') throw new AppError('item.not_found');
    const assignee = row.details?.assignee_id;
    await requireItem(tx, actor, id, assignee === actor.userId ? 'view' : 'edit');
    if (row.details?.task_status === 'done')
      throw new AppError('task.invalid_transition', 'The task is already done.');
    await completeTaskRow(tx, id);
    await touchWorkflow(tx, id);
    await recordAudit(tx, {
      actorId: actor.userId,
      action: 'task.completed',
      entityType: 'item',
      entityId: id,
      ip: meta.ip,
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
