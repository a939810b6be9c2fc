import { AppError } from '@kalendaryo/domain';
import type { Actor } from '../deps';

/** Only administrators manage users. */
export function assertCanManageUsers(actor: Actor): void {
  if (actor.role !== 'admin') throw new AppError('auth.forbidden', 'Only administrators can manage users.');
}
