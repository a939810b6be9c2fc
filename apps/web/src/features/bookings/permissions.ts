/** Who may do what with bookings. The server decides; these only keep the screens honest. */
import type { Resource, Role } from '@kalendaryo/contract';
import type { BookingStatus } from '@kalendaryo/contract/values';
import { isApproverRole } from '@kalendaryo/domain/office/index';

export const bookingStatusLabels: Record<BookingStatus, string> = {
  pending: 'Pending approval',
  approved: 'Approved',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  completed: 'Completed',
};

/** Statuses that hold the resource: the ones the server refuses to let overlap. */
export const HOLDING_STATUSES: readonly BookingStatus[] = ['pending', 'approved'];

/** Whether you decide this resource's bookings: the server's answer for it. */
export const approvesResource = (resource: Pick<Resource, 'canApprove'> | undefined): boolean =>
  resource?.canApprove === true;

/** Who sees the approvals queue: approver roles always, anyone named an approver of some resource. */
export const canApprove = (role: Role, resources: readonly Pick<Resource, 'canApprove'>[]): boolean =>
  isApproverRole(role) || resources.some((r) => r.canApprove);

/** Viewers look; everyone else may ask for a resource. */
export const canRequest = (role: Role): boolean => role !== 'viewer';
