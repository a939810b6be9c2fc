import type { ItemKind, Role } from '@kalendaryo/contract';

/**
 * The office's defaults, in one place for the server and the browser: the zone an item gets when
 * none is named, the working week, the colour of each kind, and who decides on requests.
 */

/** The zone of the OOBC office; new items, the demo data and the feed default to it. */
export const OFFICE_TIME_ZONE = 'Asia/Manila';

/** Working days (ISO weekday numbers, 1 = Monday) and hours of the office, in its own zone. */
export const OFFICE_WORKING_DAYS: readonly number[] = [1, 2, 3, 4, 5];
export const OFFICE_WORKING_HOURS = { start: '08:00', end: '17:00' } as const;

/** What the calendar shows besides items: read-only public holidays. */
export type OccurrenceKind = ItemKind | 'holiday';

/** Colour of each kind, used when an item has no colour of its own. */
export const KIND_COLORS: Readonly<Record<OccurrenceKind, string>> = {
  event: '#0f766e',
  engagement: '#7c3aed',
  task: '#2563eb',
  assessment: '#b45309',
  community_event: '#be123c',
  leave: '#4b5563',
  holiday: '#dc2626',
};

/** Roles that approve leave and bookings (unless a resource names its own approvers) and manage resources. */
export const APPROVER_ROLES: readonly Role[] = ['admin', 'coordinator'];

/** Whether `role` approves requests and manages shared things such as resources. */
export const isApproverRole = (role: Role): boolean => APPROVER_ROLES.includes(role);
