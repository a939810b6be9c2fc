import { z } from 'zod';
import { attendanceStatuses, checkInMethods, rsvpStatuses, summaryGroupings } from './values';

export const rsvpStatusSchema = z.enum(rsvpStatuses);
export const attendanceStatusSchema = z.enum(attendanceStatuses);
export const checkInMethodSchema = z.enum(checkInMethods);

const occurrenceParam = z
  .string()
  .max(40)
  .describe(
    'Recurrence id of the occurrence (original local start, or its instant); omit for items that do not repeat',
  );

export const itemIdParam = z.object({ itemId: z.uuid() });
export const participantParams = z.object({ itemId: z.uuid(), participantId: z.uuid() });
export const occurrenceQuery = z.object({ occurrence: occurrenceParam.optional() });
export type OccurrenceQuery = z.infer<typeof occurrenceQuery>;

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
/** Someone without an account invited by name. */
export type Guest = z.infer<typeof guestSchema>;

export const addParticipantBody = z.union([
  z.object({ userId: z.uuid(), needs: preparationNeedsSchema.optional() }).strict(),
  z.object({ guest: guestSchema, needs: preparationNeedsSchema.optional() }).strict(),
]);
export type AddParticipantBody = z.infer<typeof addParticipantBody>;

export const updateParticipantBody = z.object({ needs: preparationNeedsSchema }).strict();
export type UpdateParticipantBody = z.infer<typeof updateParticipantBody>;

export const rsvpSchema = z.object({
  occurrence: z.string().describe('"" for all occurrences, else the recurrence id'),
  status: rsvpStatusSchema,
  respondedAt: z.string(),
});
export type Rsvp = z.infer<typeof rsvpSchema>;

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
export type RsvpCounts = z.infer<typeof rsvpCountsSchema>;

export const participantListResponse = z.object({
  items: z.array(participantSchema),
  nextCursor: z.string().nullable(),
  counts: rsvpCountsSchema.describe('RSVPs for `occurrence` (the specific answer overrides "all")'),
});
export type ParticipantList = z.infer<typeof participantListResponse>;

export const rsvpBody = z.object({
  status: rsvpStatusSchema,
  occurrence: occurrenceParam.optional().describe('Omit to answer for all occurrences'),
});
export type RsvpBody = z.infer<typeof rsvpBody>;
export const rsvpResponse = z.object({
  participantId: z.uuid(),
  occurrence: z.string(),
  status: rsvpStatusSchema,
  respondedAt: z.string(),
});
export type RsvpResponse = z.infer<typeof rsvpResponse>;

export const attendanceSettingsBody = z
  .object({
    allowWalkIns: z.boolean().optional(),
    needsViewers: z
      .array(z.uuid())
      .max(50)
      .optional()
      .describe('Users, besides the organiser and each participant themself, who see needs and contacts'),
  })
  .strict()
  .refine((b) => b.allowWalkIns !== undefined || b.needsViewers !== undefined, {
    message: 'give allowWalkIns or needsViewers',
  });
export const attendanceSettingsSchema = z.object({
  allowWalkIns: z.boolean(),
  /** Only for the organiser, who names them. */
  needsViewers: z.array(z.uuid()).optional(),
});
export type AttendanceSettings = z.infer<typeof attendanceSettingsSchema>;

export const codeResponse = z.object({
  token: z.string(),
  url: z.string(),
  occurrence: z.string(),
  notBefore: z.string(),
  expiresAt: z.string(),
  qrSvg: z.string(),
});
/** A check-in code: its token, the URL it leads to, when it is valid, and its QR image. */
export type CheckInCode = z.infer<typeof codeResponse>;

export const checkInPreviewBody = z.object({ token: z.string().min(1).max(2000) }).strict();
export const checkInPreviewResponse = z.object({
  itemId: z.uuid(),
  occurrence: z.string(),
  title: z.string().nullable().describe('null when the signed-in user may not read the event'),
  start: z.string(),
  end: z.string(),
  cancelled: z.boolean(),
});
export type CheckInPreview = z.infer<typeof checkInPreviewResponse>;

export const checkInBody = z.object({
  token: z.string().min(1).max(2000),
  method: z.enum(['qr_code', 'nfc']).optional(),
  scannedAt: z.iso
    .datetime({ offset: true })
    .optional()
    .describe(
      'When the organiser’s scanner scanned a badge offline (at most 24 h ago; the code is verified at that time). ' +
        'Ignored for a self check-in with the event code, which counts when it arrives.',
    ),
  itemId: z.uuid().optional().describe('The event the scanner is set to: a code of another one is refused'),
});
export const checkOutBody = checkInBody;
export type CheckInBody = z.infer<typeof checkInBody>;

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
export type AttendanceReport = z.infer<typeof reportResponse>;

export const summaryQuery = z.object({
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  groupBy: z.enum(summaryGroupings).default('kind'),
});
export type SummaryQuery = z.infer<typeof summaryQuery>;
export const summaryResponse = z.object({
  groupBy: z.enum(summaryGroupings),
  truncated: z
    .boolean()
    .describe('Some series were too costly to expand in full: their later occurrences are not counted'),
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
export type AttendanceSummary = z.infer<typeof summaryResponse>;
