/**
 * The contract's enumerations as plain constants, without zod. The schemas build on them, and the
 * browser imports them from `@kalendaryo/contract/values` so that a status or role list costs a
 * few bytes instead of pulling the schema library into the bundle.
 */

export const roles = ['admin', 'coordinator', 'staff', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** The `status` filter of the user list. */
export const userStatusFilters = ['all', 'active', 'inactive'] as const;
export type UserStatusFilter = (typeof userStatusFilters)[number];

export const resourceTypes = ['vehicle', 'equipment', 'room', 'facility', 'facilitator', 'other'] as const;
export type ResourceType = (typeof resourceTypes)[number];

export const resourceStatuses = ['available', 'maintenance', 'retired'] as const;
export type ResourceStatus = (typeof resourceStatuses)[number];

export const bookingStatuses = ['pending', 'approved', 'rejected', 'cancelled', 'completed'] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

export const rsvpStatuses = ['going', 'maybe', 'declined'] as const;
export type RsvpStatus = (typeof rsvpStatuses)[number];

export const attendanceStatuses = ['not_checked_in', 'checked_in', 'checked_out'] as const;
export type AttendanceStatus = (typeof attendanceStatuses)[number];

export const checkInMethods = ['manual', 'qr_code', 'nfc'] as const;
export type CheckInMethod = (typeof checkInMethods)[number];

/** How the attendance summary groups occurrences. */
export const summaryGroupings = ['kind', 'community', 'month'] as const;
export type SummaryGrouping = (typeof summaryGroupings)[number];

/** Length limits the schemas enforce, for forms that check as the person types. */
export const limits = {
  email: 254,
  name: 200,
  passwordMin: 10,
  passwordMax: 200,
  resourceLocation: 500,
  resourceDescription: 20_000,
  bookingPurpose: 1000,
  bookingNotes: 5000,
} as const;

/** Whether `v` is one of `values`: narrows a URL parameter or a select's value to the enumeration. */
export const isOneOf = <const T extends readonly string[]>(values: T, v: unknown): v is T[number] =>
  typeof v === 'string' && (values as readonly string[]).includes(v);

/** Most people one free/busy request may ask about. */
export const FREEBUSY_MAX_USERS = 50;
/** Longest window (days) one free/busy request may ask about. */
export const FREEBUSY_MAX_DAYS = 62;

/** Every message Kalendaryo sends, by its stable `type`. */
export const notificationTypes = [
  'item.invited',
  'item.changed',
  'item.cancelled',
  'reminder',
  'rsvp.updated',
  'booking.requested',
  'booking.approved',
  'booking.rejected',
  'booking.conflict',
  'leave.requested',
  'leave.decided',
  'task.assigned',
  'digest',
] as const;
export type NotificationType = (typeof notificationTypes)[number];

/** Where a message can reach a person. `in_app` is the inbox and is always on. */
export const notificationChannels = ['in_app', 'email', 'sms', 'push'] as const;
export type NotificationChannel = (typeof notificationChannels)[number];

/** Reminder times the web offers (minutes before the start); any 0–40320 (four weeks) is accepted. */
export const reminderPresets = [15, 30, 60, 1440, 10080] as const;
/** Most reminders one person may set for one item. */
export const REMINDERS_MAX = 5;
/** Latest reminder, in minutes before the start (four weeks). */
export const REMINDER_MAX_MINUTES = 40_320;
