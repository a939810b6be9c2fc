import { z } from 'zod';
import { colorSchema } from './items';

/** What an import did (or, with `dryRun`, would do) with each component of the file. */
export const importResultSchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.array(
    z.object({
      uid: z.string().describe('The UID of the skipped component ("" when it had none)'),
      reason: z.string(),
    }),
  ),
  dryRun: z.boolean().describe('True when nothing was written (a preview)'),
});
export type ImportResult = z.infer<typeof importResultSchema>;

export const importQuery = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .describe('true: answer with the same counts without writing anything'),
});

/** The largest .ics body an import or a subscription download accepts. */
export const ICAL_MAX_BYTES = 10 * 1024 * 1024;

/** A calendar that mirrors an external .ics address, refreshed on a schedule. */
export const subscriptionSchema = z.object({
  id: z.uuid(),
  calendarId: z.uuid(),
  url: z.string(),
  name: z.string(),
  color: z.string(),
  refreshMinutes: z.number().int(),
  lastRefreshAt: z.iso.datetime().nullable().describe('When the address was last asked'),
  lastSuccessAt: z.iso.datetime().nullable().describe('When the calendar last matched its source'),
  lastError: z.string().nullable().describe('Why the last refresh failed (null after a success)'),
  nextRefreshAt: z.iso.datetime(),
  createdAt: z.iso.datetime(),
});
export type Subscription = z.infer<typeof subscriptionSchema>;

export const createSubscriptionBody = z.object({
  url: z.string().trim().min(1, { message: 'Enter an address' }).max(2000),
  name: z.string().trim().min(1, { message: 'Enter a name' }).max(200),
  color: colorSchema.optional(),
});
export type CreateSubscriptionBody = z.infer<typeof createSubscriptionBody>;
