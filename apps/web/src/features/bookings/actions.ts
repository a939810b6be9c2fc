/** Which actions a booking offers to whom. The server decides; this only keeps buttons honest. */
import type { Booking } from '@kalendaryo/contract';
import type { ResourceType } from '@kalendaryo/contract/values';
import { isCheckable } from '../resources/labels';
import type { BookingAction } from './bookings-api';

export interface Viewer {
  userId: string;
  /** Approves this booking's resource (manager, or named approver). */
  approves: boolean;
  resourceType?: ResourceType | undefined;
  now: number;
}

export function availableActions(b: Booking, v: Viewer): BookingAction[] {
  const own = b.requesterId !== null && b.requesterId === v.userId;
  // The server answers who decides and who cancels; the rest follows its policy.
  const decides = b.canApprove;
  const cancels = b.canCancel;
  const out: BookingAction[] = [];
  if (b.status === 'pending') {
    if (decides) out.push('approve', 'reject');
    if (cancels) out.push('cancel');
    return out;
  }
  if (b.status !== 'approved') return out;
  const away = !!b.checkedOutAt && !b.checkedInAt;
  if (isCheckable(v.resourceType ?? b.resource.type) && (own || v.approves)) {
    if (!b.checkedOutAt) out.push('check-out');
    else if (!b.checkedInAt) out.push('check-in');
  }
  const started = Date.parse(b.start) <= v.now;
  const ended = Date.parse(b.end) <= v.now;
  if (!away && ((v.approves && started) || (own && ended))) out.push('complete');
  if (cancels && !away && !ended) out.push('cancel');
  return out;
}

/** What an action asks first: a reason (reject), a confirmation (cancel), or nothing. */
export const confirmationOf = (a: BookingAction): 'reason' | 'confirm' | 'none' =>
  a === 'reject' ? 'reason' : a === 'cancel' ? 'confirm' : 'none';
