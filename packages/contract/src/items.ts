import { z } from 'zod';
import { listQuery } from './common';
import { reminderMinutesSchema } from './notifications';

export const itemKinds = ['event', 'engagement', 'task', 'assessment', 'community_event', 'leave'] as const;
export const itemKindSchema = z.enum(itemKinds);
export type ItemKind = z.infer<typeof itemKindSchema>;

export const itemStatuses = ['tentative', 'confirmed', 'cancelled'] as const;
export const itemStatusSchema = z.enum(itemStatuses);
export type ItemStatus = z.infer<typeof itemStatusSchema>;
export const visibilitySchema = z.enum(['default', 'public', 'private']);
export type Visibility = z.infer<typeof visibilitySchema>;
export const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'Use a colour like #0f766e' });

/** Whether `zone` is an IANA time-zone name this runtime knows. */
export const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone.length > 0 && !/^[+-]?\d/.test(zone);
  } catch {
    return false;
  }
};
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine(isTimeZone, { message: 'Use an IANA time zone such as Asia/Manila' });

/** `2026-03-08T09:00:00` (seconds optional): a wall-clock time without offset. */
export const LOCAL_DATE_TIME =
  /^[1-9]\d{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$/;
/**
 * `2026-03-08`: years 1000–9999 (PostgreSQL has no year 0), months 01–12 and days 01–31, so no
 * date of this shape makes `Date.parse` fail or reaches the database as a value it refuses.
 */
export const DATE_ONLY = /^[1-9]\d{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/;
/**
 * An ISO 8601 instant: `2026-03-08T01:00:00Z` or with a real UTC offset, at most ±14:00 and
 * minutes below 60 (`+99:99` would silently move the time by days). Month, day, hour, minute and
 * second are in range and the year is 1000–9999, so `Date.parse` of a matching value is never NaN
 * (month 58 would be) and PostgreSQL never meets year 0.
 */
export const INSTANT =
  /^[1-9]\d{3}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])T(?:[01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-](?:(?:0\d|1[0-3]):[0-5]\d|14:00))$/i;

const timeValue = z
  .string()
  .max(40)
  .refine((v) => INSTANT.test(v) || LOCAL_DATE_TIME.test(v) || DATE_ONLY.test(v), {
    message: 'Use an ISO 8601 instant (2026-03-08T01:00:00Z), a local date-time, or a date for all-day items',
  });

// Kind-specific fields, under `details`.
export const eventDetailsSchema = z.object({
  eventType: z
    .enum(['meeting', 'workshop', 'training', 'consultation', 'conference', 'other'])
    .default('meeting'),
  agenda: z.string().max(20_000).nullable().optional(),
});
export const engagementDetailsSchema = z.object({
  stakeholders: z.array(z.string().trim().min(1).max(200)).max(100).default([]),
  engagementType: z
    .enum(['consultation', 'dialogue', 'partnership', 'courtesy_call', 'other'])
    .default('consultation'),
  objectives: z.string().max(20_000).nullable().optional(),
});
export const taskDetailsSchema = z.object({
  assigneeId: z.uuid().nullable().optional(),
  priority: z.enum(['low', 'normal', 'high', 'urgent']).default('normal'),
  dueAt: z.string().regex(INSTANT, { message: 'Use an ISO 8601 instant' }).nullable().optional(),
  taskStatus: z.enum(['todo', 'in_progress', 'done']).default('todo'),
});
export const assessmentDetailsSchema = z.object({
  assessmentType: z.enum(['mana', 'rapid', 'follow_up', 'other']).default('mana'),
  team: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  objectives: z.string().max(20_000).nullable().optional(),
});
export const communityEventDetailsSchema = z.object({
  eventCategory: z.enum(['cultural', 'religious', 'administrative']),
  serviceImpact: z.enum(['none', 'low', 'medium', 'high']).default('none'),
  impactNotes: z.string().max(20_000).nullable().optional(),
});
/** Kinds of leave; `official` is official business away from the office. */
export const leaveTypes = [
  'vacation',
  'sick',
  'personal',
  'official',
  'emergency',
  'maternity',
  'paternity',
  'special',
  'other',
] as const;
export type LeaveType = (typeof leaveTypes)[number];
export const leaveApprovalStatuses = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type LeaveApprovalStatus = (typeof leaveApprovalStatuses)[number];
export const leaveDetailsSchema = z.object({
  leaveType: z.enum(leaveTypes),
  backupUserId: z
    .uuid()
    .nullable()
    .optional()
    .describe('Who covers the work while the requester is away (an active user)'),
});
export type EventDetails = z.infer<typeof eventDetailsSchema>;
export type EngagementDetails = z.infer<typeof engagementDetailsSchema>;
export type TaskDetails = z.infer<typeof taskDetailsSchema>;
export type AssessmentDetails = z.infer<typeof assessmentDetailsSchema>;
export type CommunityEventDetails = z.infer<typeof communityEventDetailsSchema>;
export type LeaveDetails = z.infer<typeof leaveDetailsSchema>;

/** The details schema of each kind; the service validates `details` against the item's kind. */
export const detailsSchemas = {
  event: eventDetailsSchema,
  engagement: engagementDetailsSchema,
  task: taskDetailsSchema,
  assessment: assessmentDetailsSchema,
  community_event: communityEventDetailsSchema,
  leave: leaveDetailsSchema,
} as const satisfies Record<ItemKind, z.ZodType>;

const itemFields = {
  title: z.string().trim().min(1, { message: 'Enter a title' }).max(500),
  description: z.string().max(50_000).nullable().optional(),
  location: z.string().max(500).nullable().optional(),
  start: timeValue.describe(
    'ISO instant; a date (YYYY-MM-DD) for all-day items; a local date-time when timeZone is null',
  ),
  end: timeValue.describe(
    'ISO instant; for all-day items the day after the last day (a single-day item may repeat the start date)',
  ),
  timeZone: timeZoneSchema
    .nullable()
    .optional()
    .describe('IANA zone of the wall-clock times (default Asia/Manila); null = floating'),
  allDay: z.boolean().optional(),
  rrule: z
    .string()
    .max(1000)
    .nullable()
    .optional()
    .describe(
      'RFC 5545 RRULE value, e.g. FREQ=WEEKLY;BYDAY=MO,WE. Refused with 422 recurrence.too_complex when it costs too much to expand: FREQ=SECONDLY; HOURLY or MINUTELY without COUNT ≤ 10,000 or an UNTIL within 10,000 periods (INTERVAL × hour/minute) of the start; BYxxx lists that multiply to more than 10,000 candidate starts in one period',
    ),
  exdates: z
    .array(timeValue)
    .max(1000)
    .optional()
    .describe('Excluded occurrences: local date-times (or instants) of their original start'),
  rdates: z.array(timeValue).max(1000).optional(),
  status: itemStatusSchema.optional(),
  visibility: visibilitySchema.optional(),
  communityId: z.uuid().nullable().optional(),
  color: colorSchema.nullable().optional(),
  details: z.record(z.string(), z.unknown()).optional().describe('Fields of the item’s kind'),
  reminders: reminderMinutesSchema
    .optional()
    .describe(
      'The signed-in user’s own reminders for this item (minutes before each start); omitted = their defaults',
    ),
};

export const createItemBody = z.object({
  kind: itemKindSchema,
  calendarId: z.uuid().optional(),
  ...itemFields,
});
export type CreateItemBody = z.infer<typeof createItemBody>;

export const updateItemBody = createItemBody
  .omit({ kind: true })
  .partial()
  .extend({
    version: z.number().int().positive().optional().describe('The version you edited; or send If-Match'),
  });
export type UpdateItemBody = z.infer<typeof updateItemBody>;

export const editScopeSchema = z.enum(['this', 'future', 'all']);
export type EditScope = z.infer<typeof editScopeSchema>;

export const scopeQuery = z.object({
  scope: editScopeSchema.default('all'),
  occurrence: z
    .string()
    .max(40)
    .optional()
    .describe(
      'The recurrence id (original local start, or its instant) of the occurrence; required for this/future',
    ),
  bookings: z
    .enum(['move', 'keep'])
    .optional()
    .describe(
      'Resource bookings of the moved occurrences: `move` them along (default; 409 `booking.conflict` when ' +
        'the resource is taken at the new time) or `keep` the item’s move without them (they are cancelled)',
    ),
});

export const exceptionSchema = z.object({
  recurrenceId: z.string(),
  cancelled: z.boolean(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  location: z.string().nullable(),
  status: itemStatusSchema.nullable(),
});
export type ItemException = z.infer<typeof exceptionSchema>;

export const itemSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  kind: itemKindSchema,
  calendarId: z.uuid(),
  title: z.string(),
  description: z.string().nullable(),
  location: z.string().nullable(),
  allDay: z.boolean(),
  start: z.string(),
  end: z.string(),
  dtstart: z.string().describe('Local wall time of the first start'),
  dtend: z.string(),
  timeZone: z.string().nullable(),
  rrule: z.string().nullable(),
  exdates: z.array(z.string()),
  rdates: z.array(z.string()),
  status: itemStatusSchema,
  visibility: visibilitySchema,
  organizerId: z.uuid().nullable(),
  communityId: z.uuid().nullable(),
  color: z.string().nullable(),
  uid: z.string(),
  sequence: z.number().int(),
  splitFromId: z.uuid().nullable(),
  details: z.record(z.string(), z.unknown()),
  exceptions: z.array(exceptionSchema),
  canEdit: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Item = z.infer<typeof itemSchema>;

export const feedQuery = z.object({
  start: z.string().regex(INSTANT, { message: 'Use an ISO 8601 instant' }),
  end: z.string().regex(INSTANT, { message: 'Use an ISO 8601 instant' }),
  kinds: z.string().max(200).optional().describe('Comma-separated kinds'),
  calendars: z.string().max(4000).optional().describe('Comma-separated calendar ids'),
  status: z.string().max(100).optional().describe('Comma-separated statuses'),
  community: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
  holidays: z
    .enum(['true', 'false'])
    .optional()
    .describe('Include Philippine holidays (default: the user’s setting)'),
  tz: timeZoneSchema.optional().describe('Zone for floating and all-day items (default: the user’s zone)'),
});
export type FeedQuery = z.input<typeof feedQuery>;

export const occurrenceSchema = z.object({
  itemId: z.uuid().nullable(),
  kind: z.union([itemKindSchema, z.literal('holiday')]),
  title: z.string(),
  start: z.string(),
  end: z.string(),
  allDay: z.boolean(),
  recurrenceId: z.string().nullable().describe('Original local start of this occurrence of a series'),
  isException: z.boolean(),
  status: z.string(),
  color: z.string(),
  calendarId: z.uuid().nullable(),
  communityId: z.uuid().nullable(),
  location: z.string().nullable(),
  recurring: z.boolean(),
  editable: z.boolean(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type Occurrence = z.infer<typeof occurrenceSchema>;

export const feedResponse = z.object({
  occurrences: z.array(occurrenceSchema),
  truncated: z
    .boolean()
    .describe(
      'Some occurrences are missing: the window holds more than the feed returns, or a series needed more work than its share (see truncatedSeries)',
    ),
  truncatedSeries: z
    .array(z.uuid())
    .describe(
      'Series the viewer may edit that were shown cut short because expanding them needed more work than allowed (an absurd or endless dense rule): fix their rule',
    ),
});
export type Feed = z.infer<typeof feedResponse>;

/** A leave request as the leave list shows it: the item with its requester and backup named. */
export const leaveRequestSchema = itemSchema.extend({
  requester: z.object({ id: z.uuid(), name: z.string(), email: z.string() }).nullable(),
  backup: z.object({ id: z.uuid(), name: z.string() }).nullable(),
});
export type LeaveRequest = z.infer<typeof leaveRequestSchema>;

export const leaveListQuery = listQuery.extend({
  status: z.enum(leaveApprovalStatuses).optional(),
});

export const completeTaskBody = z.object({
  occurrence: z
    .string()
    .max(40)
    .optional()
    .describe('The recurrence id of the occurrence of a series to mark done'),
  all: z.boolean().optional().describe('Mark the whole task (every occurrence of a series) done'),
});
export type CompleteTaskBody = z.infer<typeof completeTaskBody>;

export const listItemsQuery = listQuery.extend({
  kind: itemKindSchema.optional(),
  calendarId: z.uuid().optional(),
});

/** A deleted item that can still be restored (`POST /api/v1/items/{id}/restore`). */
export const deletedItemSchema = z.object({
  id: z.uuid(),
  kind: itemKindSchema,
  title: z.string(),
  calendarId: z.uuid(),
  start: z.string().describe('The instant of its (first) start'),
  deletedAt: z.string(),
  deletedBy: z.uuid().nullable(),
  restorableUntil: z.string().describe('After this instant it is gone for good'),
});
export type DeletedItem = z.infer<typeof deletedItemSchema>;

/** The answer of a restore: the item, and the bookings its deletion cancelled (not restored). */
export const restoredItemSchema = itemSchema.extend({
  cancelledBookings: z
    .array(
      z.object({
        id: z.uuid(),
        resourceId: z.uuid(),
        resourceName: z.string(),
        start: z.string(),
        end: z.string(),
      }),
    )
    .describe(
      'Bookings of the item that were cancelled when it was deleted: they stay cancelled (the resource may be taken since); book again',
    ),
});
export type RestoredItem = z.infer<typeof restoredItemSchema>;
