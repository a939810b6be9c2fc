import type { Item } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { Queryable } from '../../db/client';
import { recordAudit } from '../audit/audit.repository';
import type { Actor, RequestMeta, ServiceDeps } from '../deps';
import { findUserById } from '../users/users.repository';
import { isApprover, requireItem } from './items.access';
import { presentItem } from './items.present';
import { findExceptions, findItem } from './items.repository';

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
    await tx.query(
      `update leave_details set approval_status = $2, approver_id = case when $4 then $3::uuid else approver_id end,
         decided_at = now(), decision_reason = $5 where item_id = $1`,
      [id, step.to, actor.userId, decision !== 'cancel', reason?.trim() || null],
    );
    const status = step.to === 'approved' ? 'confirmed' : step.to === 'pending' ? 'tentative' : 'cancelled';
    await tx.query('update items set status = $2, version = version + 1, updated_at = now() where id = $1', [
      id,
      status,
    ]);
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
  const params: unknown[] = [status ?? null];
  let who = '';
  if (!isApprover(actor)) {
    params.push(actor.userId);
    who = 'and i.organizer_id = $2';
  }
  const r = await deps.db.query<{ id: string }>(
    `select i.id from items i join leave_details l on l.item_id = i.id
      where i.kind = 'leave' and ($1::text is null or l.approval_status = $1) ${who}
      order by i.start_at limit 500`,
    params,
  );
  return Promise.all(r.rows.map((x) => present(deps.db, actor, x.id)));
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
    await tx.query("update task_details set task_status = 'done', completed_at = now() where item_id = $1", [
      id,
    ]);
    await tx.query('update items set version = version + 1, updated_at = now() where id = $1', [id]);
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
    await tx.query(
      "update task_details set assignee_id = $2, task_status = case when task_status = 'done' then 'todo' else task_status end, completed_at = null where item_id = $1",
      [id, assigneeId],
    );
    await tx.query('update items set version = version + 1, updated_at = now() where id = $1', [id]);
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

/** Busy intervals of users between two instants: their confirmed items and approved leave. */
export async function busyTimes(deps: Deps, userIds: readonly string[], fromMs: number, toMs: number) {
  const r = await deps.db.query<{ user_id: string; start_at: Date; end_at: Date; kind: string }>(
    `select i.organizer_id as user_id, i.start_at, i.end_at, i.kind from items i
       left join leave_details l on l.item_id = i.id
      where i.organizer_id = any($1::uuid[]) and i.status <> 'cancelled' and i.rrule is null
        and (i.kind <> 'leave' or l.approval_status = 'approved')
        and i.start_at < $3 and i.end_at > $2
      order by i.start_at`,
    [userIds, new Date(fromMs), new Date(toMs)],
  );
  return r.rows.map((b) => ({
    userId: b.user_id,
    start: b.start_at.toISOString(),
    end: b.end_at.toISOString(),
    kind: b.kind,
  }));
}
