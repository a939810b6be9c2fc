// Mirrors the bookings part of the API (issue 5); kept local so the bundle needs no zod.
import type { Role } from '../auth/types';
import type { Resource, ResourceType } from '../resources/types';

export const bookingStatuses = ['pending', 'approved', 'rejected', 'cancelled', 'completed'] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

export const bookingStatusLabels: Record<BookingStatus, string> = {
  pending: 'Pending approval',
  approved: 'Approved',
  rejected: 'Rejected',
  cancelled: 'Cancelled',
  completed: 'Completed',
};

export const isBookingStatus = (v: unknown): v is BookingStatus =>
  typeof v === 'string' && (bookingStatuses as readonly string[]).includes(v);

/** Statuses that hold the resource: the ones the server refuses to let overlap. */
export const HOLDING_STATUSES: readonly BookingStatus[] = ['pending', 'approved'];

export interface PersonRef {
  id: string;
  name?: string;
  email?: string;
}

export interface Booking {
  id: string;
  status: BookingStatus;
  resourceId: string;
  /** The resource, when the server embeds it. */
  resource?: Pick<Resource, 'id' | 'name' | 'type'> & Partial<Resource>;
  /** ISO instants. */
  start: string;
  end: string;
  purpose: string;
  notes: string | null;
  requesterId: string | null;
  /** Named only to those who may see who holds it. */
  requester?: PersonRef | null;
  itemId?: string | null;
  occurrence?: string | null;
  /** The approver's or rejecter's reason. */
  decisionReason?: string | null;
  decidedBy?: string | null;
  decidedAt?: string | null;
  checkedOutAt?: string | null;
  checkedInAt?: string | null;
  version?: number;
  createdAt?: string;
  /** The server's answers: whether you may decide it (pending only), cancel it (live only). */
  canApprove?: boolean;
  canCancel?: boolean;
}

export interface BookingBody {
  resourceId: string;
  start: string;
  end: string;
  purpose: string;
  notes?: string;
  itemId?: string;
  occurrence?: string;
}

/** One booking a request collides with (the `conflicts` of a `booking.conflict` problem). */
export interface Conflict {
  id: string;
  start: string;
  end: string;
  status: string;
  requester?: PersonRef | string | null;
  purpose?: string;
}

/** The answer of a bulk approve or reject, per booking. */
export interface BulkResult {
  id: string;
  ok: boolean;
  status?: BookingStatus;
  code?: string;
  message?: string;
}

export interface Interval {
  start: string;
  end: string;
}

/** Busy intervals and free slots of one resource in a window. */
export interface ResourceAvailability {
  resourceId: string;
  name?: string;
  type?: ResourceType;
  busy: (Interval & { bookingId?: string; status?: string })[];
  free: Interval[];
}

/** Booked fraction (0–1) of one resource on each day of a window; `pending` is held by requests. */
export interface ResourceUtilisation {
  resourceId: string;
  name: string;
  type?: ResourceType;
  days: { date: string; fraction: number; pending?: number }[];
}

/**
 * Whether `user` decides this resource's bookings: the server says so (`canApprove`); without
 * that, its named approvers and administrators, or coordinators and administrators when it names none.
 */
export function approvesResource(
  user: { id: string; role: Role },
  resource: Pick<Resource, 'rules' | 'canApprove'> | undefined,
): boolean {
  if (!resource) return false;
  if (typeof resource.canApprove === 'boolean') return resource.canApprove;
  const named = resource.rules?.approverIds ?? [];
  if (named.length === 0) return user.role === 'admin' || user.role === 'coordinator';
  return user.role === 'admin' || named.includes(user.id);
}

/** Who sees the approvals queue: managers always, anyone named an approver of some resource. */
export function canApprove(
  user: { id: string; role: Role },
  resources: readonly Pick<Resource, 'rules'>[],
): boolean {
  if (user.role === 'admin' || user.role === 'coordinator') return true;
  return resources.some((r) => approvesResource(user, r));
}

/** Viewers look; everyone else may ask for a resource. */
export const canRequest = (role: Role): boolean => role !== 'viewer';
