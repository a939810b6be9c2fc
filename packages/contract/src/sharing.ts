import { z } from 'zod';
import { listQuery } from './common';
import { INSTANT, timeZoneSchema } from './items';

const instant = z.string().regex(INSTANT, { message: 'Use an ISO 8601 instant' });

/** A calendar's subscription feed for the signed-in user (the token only when just made). */
export const calendarFeedSchema = z.object({
  calendarId: z.uuid(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  url: z.string().nullable().describe('The https URL with its token: only in the answer that made it'),
  webcalUrl: z.string().nullable(),
  token: z.string().nullable().describe('Shown once; Kalendaryo keeps only its hash'),
});
export type CalendarFeed = z.infer<typeof calendarFeedSchema>;

export const shareAccessSchema = z.enum(['view', 'edit']);
export type ShareAccess = z.infer<typeof shareAccessSchema>;

export const createShareLinkBody = z.object({
  access: shareAccessSchema,
  showDetails: z.boolean().optional().describe('false: every item shows only as busy (view links)'),
  expiresAt: instant.nullable().optional(),
  maxViews: z.number().int().min(1).max(1_000_000).nullable().optional(),
});
export type CreateShareLinkBody = z.infer<typeof createShareLinkBody>;

export const shareLinkSchema = z.object({
  id: z.uuid(),
  calendarId: z.uuid(),
  access: shareAccessSchema,
  showDetails: z.boolean(),
  expiresAt: z.string().nullable(),
  maxViews: z.number().int().nullable(),
  views: z.number().int(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  live: z.boolean().describe('Not expired and with views left'),
});
export type ShareLink = z.infer<typeof shareLinkSchema>;

export const createdShareLinkSchema = shareLinkSchema.extend({
  url: z.string().describe('The page the link opens, with its token'),
  token: z.string().describe('Shown once; Kalendaryo keeps only its hash'),
});
export type CreatedShareLink = z.infer<typeof createdShareLinkSchema>;

export const linkAccessSchema = z.object({
  id: z.uuid(),
  at: z.string(),
  action: z.enum(['open', 'calendar', 'ics', 'accept']),
  user: z.object({ id: z.uuid(), name: z.string() }).nullable().describe('null: not signed in'),
  userAgent: z.string().nullable(),
  addressHash: z.string().describe('A keyed hash of the address: equal hashes, same address'),
});
export type LinkAccess = z.infer<typeof linkAccessSchema>;
export const linkAccessesQuery = listQuery;

/** What a share link shows about its calendar before anything else. */
export const publicLinkSchema = z.object({
  calendar: z.object({ name: z.string(), color: z.string() }),
  access: shareAccessSchema,
  showDetails: z.boolean(),
});
export type PublicLink = z.infer<typeof publicLinkSchema>;

export const publicCalendarQuery = z.object({
  start: instant,
  end: instant,
  tz: timeZoneSchema.optional().describe('Zone for floating and all-day items (default UTC)'),
});

export const acceptedLinkSchema = z.object({
  calendarId: z.uuid(),
  permission: z.enum(['view', 'edit', 'manage']),
});

/** The filters of `GET /calendar.ics`: those of `GET /calendar`, with the window optional. */
export const icsExportQuery = z.object({
  start: instant.optional().describe('Default: a year ago'),
  end: instant.optional().describe('Default: two years ahead'),
  kinds: z.string().max(200).optional(),
  calendars: z.string().max(4000).optional(),
  status: z.string().max(100).optional(),
  community: z.uuid().optional(),
  q: z.string().trim().max(200).optional(),
  holidays: z.enum(['true', 'false']).optional(),
  tz: timeZoneSchema.optional(),
});
