import { z } from 'zod';
import { listQuery, page } from './common';
import { DATE_ONLY, INSTANT, timeZoneSchema } from './items';
import { bookingStatuses, limits, resourceStatuses, resourceTypes } from './values';

// Resources (vehicles, rooms, equipment, facilities, facilitators) and their bookings (SCOPE §2).

export const resourceTypeSchema = z.enum(resourceTypes);

export const resourceStatusSchema = z.enum(resourceStatuses);

export const bookingStatusSchema = z.enum(bookingStatuses);

const instant = z.string().regex(INSTANT, { message: 'Use an ISO 8601 instant, e.g. 2026-03-09T01:00:00Z' });
const date = z.string().regex(DATE_ONLY, { message: 'Use a date, e.g. 2026-03-01' });

/** Booking rules of a resource; every rule is optional (absent or null = no limit). */
export const resourceRulesInput = z.object({
  maxDaysAhead: z
    .number()
    .int()
    .min(0)
    .max(3650)
    .nullable()
    .optional()
    .describe('How many days ahead a booking may start'),
  maxDurationMinutes: z.number().int().min(1).max(525_600).nullable().optional(),
  approverIds: z
    .array(z.uuid())
    .max(50)
    .optional()
    .describe('Users who approve bookings; empty = administrators and coordinators'),
  autoApprove: z.boolean().optional().describe('Bookings are approved as soon as they are made'),
});

const resourceFields = {
  name: z.string().trim().min(1, { message: 'Enter a name' }).max(limits.name),
  type: resourceTypeSchema,
  location: z.string().trim().max(limits.resourceLocation).nullable().optional(),
  capacity: z.number().int().min(0).max(100_000).nullable().optional().describe('Seats or people'),
  description: z.string().max(limits.resourceDescription).nullable().optional(),
  status: resourceStatusSchema.optional(),
  userId: z.uuid().nullable().optional().describe('The user a facilitator resource stands for'),
  rules: resourceRulesInput.optional(),
};

export const createResourceBody = z.object(resourceFields);
export type CreateResourceBody = z.infer<typeof createResourceBody>;

export const updateResourceBody = z
  .object(resourceFields)
  .partial()
  .extend({
    version: z.number().int().positive().optional().describe('The version you edited; or send If-Match'),
  });
export type UpdateResourceBody = z.infer<typeof updateResourceBody>;

export const resourceRulesSchema = z.object({
  maxDaysAhead: z.number().int().nullable(),
  maxDurationMinutes: z.number().int().nullable(),
  approverIds: z.array(z.uuid()),
  autoApprove: z.boolean(),
});
export type ResourceRules = z.infer<typeof resourceRulesSchema>;

export const resourceSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: resourceTypeSchema,
  location: z.string().nullable(),
  capacity: z.number().int().nullable(),
  description: z.string().nullable(),
  status: resourceStatusSchema,
  userId: z.uuid().nullable(),
  rules: resourceRulesSchema,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  canManage: z.boolean().describe('Whether you may edit and retire it (coordinators, administrators)'),
  canApprove: z.boolean().describe('Whether you decide its bookings'),
});
export type Resource = z.infer<typeof resourceSchema>;

export const listResourcesQuery = listQuery.extend({
  type: resourceTypeSchema.optional(),
  status: resourceStatusSchema.optional(),
  q: z.string().trim().max(200).optional().describe('Search in name, location and description'),
  capacity: z.coerce.number().int().min(0).optional().describe('At least this capacity'),
});
export type ListResourcesQuery = z.infer<typeof listResourcesQuery>;

/** A resource as a booking or an availability row names it. */
export const resourceSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  type: resourceTypeSchema,
});
export type ResourceSummary = z.infer<typeof resourceSummarySchema>;

const personRef = z.object({ id: z.uuid(), name: z.string() });

export const bookingSchema = z.object({
  id: z.uuid(),
  resourceId: z.uuid(),
  resource: resourceSummarySchema,
  requesterId: z.uuid().nullable(),
  requester: personRef.nullable(),
  itemId: z.uuid().nullable(),
  occurrence: z.string().nullable().describe('Recurrence id (original local start) of the item occurrence'),
  start: z.string(),
  end: z.string(),
  purpose: z.string(),
  notes: z.string().nullable(),
  status: bookingStatusSchema,
  decidedBy: z.uuid().nullable(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  checkedInAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
  canApprove: z.boolean(),
  canCancel: z.boolean(),
});
export type Booking = z.infer<typeof bookingSchema>;

/** A booking that holds the time asked for; `requester` only where you may see who holds it. */
export const bookingConflictSchema = z.object({
  id: z.uuid(),
  start: z.string(),
  end: z.string(),
  status: bookingStatusSchema,
  requester: personRef.optional(),
});
export type BookingConflict = z.infer<typeof bookingConflictSchema>;

export const createBookingBody = z.object({
  resourceId: z.uuid(),
  start: instant,
  end: instant,
  purpose: z.string().trim().min(1, { message: 'Say what the booking is for' }).max(limits.bookingPurpose),
  notes: z.string().max(limits.bookingNotes).nullable().optional(),
  itemId: z.uuid().nullable().optional().describe('The calendar item the booking serves'),
  occurrence: z
    .string()
    .max(40)
    .nullable()
    .optional()
    .describe('For a recurring item: the recurrence id (original start) of the occurrence booked'),
});
export type CreateBookingBody = z.infer<typeof createBookingBody>;

const statusList = z
  .string()
  .max(100)
  .refine((v) => v.split(',').every((s) => (bookingStatuses as readonly string[]).includes(s.trim())), {
    message: `Comma-separated statuses among ${bookingStatuses.join(', ')}`,
  });

export const listBookingsQuery = listQuery.extend({
  resourceId: z.uuid().optional(),
  status: statusList.optional().describe('Comma-separated statuses'),
  requester: z
    .union([z.literal('me'), z.uuid()])
    .optional()
    .describe('A user id, or `me`'),
  itemId: z.uuid().optional(),
  from: instant.optional().describe('Bookings ending after this instant'),
  to: instant.optional().describe('Bookings starting before this instant'),
});
export type ListBookingsQuery = z.infer<typeof listBookingsQuery>;

export const approveBody = z.object({ reason: z.string().trim().max(2000).nullable().optional() });
export const rejectBody = z.object({
  reason: z.string().trim().min(1, { message: 'Give a reason' }).max(2000),
});
export const bulkApproveBody = approveBody.extend({ ids: z.array(z.uuid()).min(1).max(200) });
export const bulkRejectBody = rejectBody.extend({ ids: z.array(z.uuid()).min(1).max(200) });
export type ApproveBody = z.infer<typeof approveBody>;
export type RejectBody = z.infer<typeof rejectBody>;
export type BulkApproveBody = z.infer<typeof bulkApproveBody>;
export type BulkRejectBody = z.infer<typeof bulkRejectBody>;

export const bulkDecisionResponse = z.object({
  results: z.array(
    z.object({
      id: z.uuid(),
      ok: z.boolean(),
      booking: bookingSchema.optional(),
      error: z
        .object({ code: z.string(), status: z.number().int(), detail: z.string().optional() })
        .optional(),
    }),
  ),
});
/** How each booking of a bulk approval or rejection went. */
export type BulkDecisionResult = z.infer<typeof bulkDecisionResponse>;

export const itemBookingsBody = z.object({
  resourceId: z.uuid(),
  purpose: z.string().trim().min(1, { message: 'Say what the booking is for' }).max(limits.bookingPurpose),
  notes: z.string().max(limits.bookingNotes).nullable().optional(),
  horizonDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .optional()
    .describe('Book occurrences starting within this many days (default: the server’s horizon, 365)'),
  skipConflicts: z
    .boolean()
    .default(false)
    .describe('Book the occurrences that are free and report the rest; otherwise book nothing on a conflict'),
});
export type ItemBookingsBody = z.infer<typeof itemBookingsBody>;

export const occurrenceConflictSchema = z.object({
  occurrence: z.string().nullable(),
  start: z.string(),
  end: z.string(),
  conflicts: z.array(bookingConflictSchema),
});
export const occurrenceRefusalSchema = z.object({
  occurrence: z.string().nullable(),
  start: z.string(),
  end: z.string(),
  code: z.string(),
  detail: z.string(),
});
export type OccurrenceConflict = z.infer<typeof occurrenceConflictSchema>;
export type OccurrenceRefusal = z.infer<typeof occurrenceRefusalSchema>;

/**
 * The members a `booking.conflict` problem adds: the bookings that hold the time and, when booking
 * a whole series refused everything, which occurrences clash or break a rule.
 */
export interface BookingConflictDetails {
  conflicts: BookingConflict[];
  occurrences?: OccurrenceConflict[];
  refused?: OccurrenceRefusal[];
}

export const itemBookingsResponse = z.object({
  booked: z.array(bookingSchema),
  conflicts: z.array(occurrenceConflictSchema).describe('Occurrences another booking holds: not booked'),
  refused: z.array(occurrenceRefusalSchema).describe('Occurrences the resource’s rules refuse'),
  alreadyBooked: z.array(z.object({ occurrence: z.string().nullable(), bookingId: z.uuid() })),
  horizonEnd: z.string().describe('Occurrences starting before this instant were considered'),
  continues: z.boolean().describe('Later occurrences are booked by the horizon job as the horizon moves'),
});
export type ItemBookingsResult = z.infer<typeof itemBookingsResponse>;

export const availabilityQuery = listQuery.extend({
  type: resourceTypeSchema.optional(),
  start: instant,
  end: instant,
  resourceIds: z.string().max(4000).optional().describe('Comma-separated resource ids'),
});
export type AvailabilityQuery = z.infer<typeof availabilityQuery>;
export const availabilitySchema = z.object({
  resource: resourceSummarySchema.extend({
    status: resourceStatusSchema,
    capacity: z.number().int().nullable(),
    location: z.string().nullable(),
  }),
  busy: z.array(
    z.object({ bookingId: z.uuid(), start: z.string(), end: z.string(), status: bookingStatusSchema }),
  ),
  free: z.array(z.object({ start: z.string(), end: z.string() })),
});
export type ResourceAvailability = z.infer<typeof availabilitySchema>;
export const availabilityResponse = page(availabilitySchema);

export const freeResourcesQuery = z.object({
  type: resourceTypeSchema.optional(),
  start: instant,
  end: instant,
  capacity: z.coerce.number().int().min(0).optional().describe('At least this capacity'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type FreeResourcesQuery = z.infer<typeof freeResourcesQuery>;

export const utilisationQuery = listQuery.extend({
  type: resourceTypeSchema.optional(),
  from: date.describe('First day'),
  to: date.describe('Day after the last day'),
  tz: timeZoneSchema.optional().describe('Zone of the days (default: your zone)'),
});
export type UtilisationQuery = z.infer<typeof utilisationQuery>;
export const utilisationResponse = page(
  z.object({
    resource: resourceSummarySchema,
    days: z.array(
      z.object({
        date: z.string(),
        booked: z.number().describe('Fraction of the day approved or completed bookings hold (0–1)'),
        pending: z.number().describe('Fraction of the day pending bookings hold (0–1)'),
      }),
    ),
  }),
).extend({ timeZone: z.string(), from: z.string(), to: z.string() });
export type Utilisation = z.infer<typeof utilisationResponse>;
/** How much of each day one resource is booked. */
export type ResourceUtilisation = Utilisation['items'][number];
