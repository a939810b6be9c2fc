import { z } from 'zod';

export const rsvpStatuses = ['going', 'maybe', 'declined'] as const;
export const rsvpStatusSchema = z.enum(rsvpStatuses);
export type RsvpStatus = z.infer<typeof rsvpStatusSchema>;
export const attendanceStatusSchema = z.enum(['not_checked_in', 'checked_in', 'checked_out']);
export const checkInMethodSchema = z.enum(['manual', 'qr_code', 'nfc']);
export type CheckInMethod = z.infer<typeof checkInMethodSchema>;

const occurrenceParam = z
  .string()
  .max(40)
  .describe(
    'Recurrence id of the occurrence (original local start, or its instant); omit for items that do not repeat',
  );

export const itemIdParam = z.object({ itemId: z.uuid() });
export const participantParams = z.object({ itemId: z.uuid(), participantId: z.uuid() });
export const occurrenceQuery = z.object({ occurrence: occurrenceParam.optional() });

const text = (max: number) => z.string().trim().min(1).max(max);

export const preparationNeedsSchema = z
  .object({
    dietary: z.string().max(500).nullable().optional(),
    accessibility: z.string().max(500).nullable().optional(),
    transport: z.string().max(500).nullable().optional(),
  })
  .strict();
export type PreparationNeeds = z.infer<typeof preparationNeedsSchema>;

export const guestSchema = z.object({
  name: text(200),
  organisation: z.string().trim().max(200).nullish(),
  email: z.email().max(320).nullish(),
  phone: z.string().trim().max(40).nullish(),
});

export const addParticipantBody = z.union([
  z.object({ userId: z.uuid(), needs: preparationNeedsSchema.optional() }).strict(),
  z.object({ guest: guestSchema, needs: preparationNeedsSchema.optional() }).strict(),
]);
export type AddParticipantBody = z.infer<typeof addParticipantBody>;

export const updateParticipantBody = z.object({ needs: preparationNeedsSchema }).strict();

export const rsvpSchema = z.object({
  occurrence: z.string().describe('"" for all occurrences, else the recurrence id'),
  status: rsvpStatusSchema,
  respondedAt: z.string(),
});

export const participantSchema = z.object({
  id: z.uuid(),
  itemId: z.uuid(),
  userId: z.uuid().nullable(),
  name: z.string(),
  email: z.string().nullable(),
  organisation: z.string().nullable(),
  phone: z.string().nullable(),
  guest: z.boolean(),
  walkIn: z.boolean(),
  needs: preparationNeedsSchema,
  rsvps: z.array(rsvpSchema),
  createdAt: z.string(),
});
export type Participant = z.infer<typeof participantSchema>;

export const rsvpCountsSchema = z.object({
  going: z.number().int(),
  maybe: z.number().int(),
  declined: z.number().int(),
  noResponse: z.number().int(),
});

export const participantListResponse = z.object({
  items: z.array(participantSchema),
  nextCursor: z.string().nullable(),
  counts: rsvpCountsSchema.describe('RSVPs for `occurrence` (the specific answer overrides "all")'),
});

export const rsvpBody = z.object({
  status: rsvpStatusSchema,
  occurrence: occurrenceParam.optional().describe('Omit to answer for all occurrences'),
});
export const rsvpResponse = z.object({
  participantId: z.uuid(),
  occurrence: z.string(),
  status: rsvpStatusSchema,
  respondedAt: z.string(),
});

export const attendanceSettingsBody = z.object({ allowWalkIns: z.boolean() }).strict();
export const attendanceSettingsSchema = z.object({ allowWalkIns: z.boolean() });

export const codeResponse = z.object({
  token: z.string(),
  url: z.string(),
  occurrence: z.string(),
  notBefore: z.string(),
  expiresAt: z.string(),
  qrSvg: z.string(),
});

export const checkInBody = z.object({
  token: z.string().min(1).max(2000),
  method: z.enum(['qr_code', 'nfc']).optional(),
  scannedAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe('When an offline scan was made; the code is verified at that time (at most 24 h ago)'),
  itemId: z.uuid().optional().describe('The event the scanner is set to: a code of another one is refused'),
});
export const checkOutBody = checkInBody;

export const attendanceStateSchema = z.object({
  participantId: z.uuid(),
  itemId: z.uuid(),
  occurrence: z.string(),
  status: attendanceStatusSchema,
  method: checkInMethodSchema.nullable(),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
  walkIn: z.boolean(),
});
export type AttendanceState = z.infer<typeof attendanceStateSchema>;

export const reportQuery = z.object({
  occurrence: occurrenceParam.optional(),
  format: z.enum(['json', 'csv', 'xlsx']).default('json'),
});

export const reportRowSchema = z.object({
  participantId: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  organisation: z.string().nullable(),
  guest: z.boolean(),
  walkIn: z.boolean(),
  rsvp: rsvpStatusSchema.nullable(),
  status: attendanceStatusSchema,
  method: checkInMethodSchema.nullable(),
  checkedInAt: z.string().nullable(),
  checkedOutAt: z.string().nullable(),
});
export type ReportRow = z.infer<typeof reportRowSchema>;

export const reportResponse = z.object({
  itemId: z.uuid(),
  occurrence: z.string(),
  rows: z.array(reportRowSchema),
  totals: rsvpCountsSchema.extend({
    participants: z.number().int(),
    checkedIn: z.number().int().describe('Checked in at some point (including those checked out)'),
    checkedOut: z.number().int(),
    walkIns: z.number().int(),
  }),
});

export const summaryQuery = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  groupBy: z.enum(['kind', 'community', 'month']).default('kind'),
});
export const summaryResponse = z.object({
  groupBy: z.enum(['kind', 'community', 'month']),
  groups: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      occurrences: z.number().int(),
      expected: z.number().int().describe('Participants × occurrences'),
      attended: z.number().int(),
      rate: z.number().nullable().describe('attended / expected, null when nobody was expected'),
    }),
  ),
});
