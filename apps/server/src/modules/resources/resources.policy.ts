import { AppError } from '@kalendaryo/domain';
import type { Actor } from '../deps';

/** Coordinators and administrators manage resources and see every booking. */
export const isManager = (actor: Pick<Actor, 'role'>) =>
  actor.role === 'admin' || actor.role === 'coordinator';

/** Only coordinators and administrators create, edit and retire resources. */
export function assertCanManage(actor: Actor): void {
  if (!isManager(actor))
    throw new AppError('auth.forbidden', 'Only coordinators and administrators manage resources.');
}

/**
 * Whether the actor decides bookings of a resource: its named approvers (and administrators, who
 * stand in when an approver is away); without named approvers, coordinators and administrators.
 */
export function canApprove(actor: Pick<Actor, 'role' | 'userId'>, approverIds: readonly string[]): boolean {
  if (approverIds.length === 0) return isManager(actor);
  return actor.role === 'admin' || approverIds.includes(actor.userId);
}

/** Whether the actor sees every booking of a resource, with its requester and purpose. */
export const seesAllBookings = (actor: Pick<Actor, 'role' | 'userId'>, approverIds: readonly string[]) =>
  isManager(actor) || approverIds.includes(actor.userId);
