import { DATE_ONLY, INSTANT, LOCAL_DATE_TIME, timeZoneSchema } from '@kalendaryo/contract';
import { AppError, expandRecurrence } from '@kalendaryo/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';

const local = z.string().refine((v) => LOCAL_DATE_TIME.test(v) || DATE_ONLY.test(v), {
  message: 'Use a local date-time like 2026-03-08T09:00:00 (or a date)',
});

export const previewBody = z.object({
  dtstart: local.describe('Local wall time of the first occurrence'),
  tzid: timeZoneSchema.nullable().describe('IANA zone, or null for floating times'),
  rrule: z.string().max(1000).nullable().optional(),
  exdates: z.array(local).max(1000).default([]),
  rdates: z.array(local).max(1000).default([]),
  window: z.object({ start: z.string().regex(INSTANT), end: z.string().regex(INSTANT) }).optional(),
  limit: z.number().int().min(1).max(1000).default(100),
});

export async function recurrenceRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/recurrence/preview',
    {
      schema: {
        tags: ['recurrence'],
        summary: 'Expand a recurrence rule (RFC 5545) into its occurrences',
        description:
          'Zoned rules answer UTC instants with Z; floating rules answer local date-times. The first `limit` occurrences inside the window (start <= occurrence < end), or from dtstart without a window.',
        body: previewBody,
        response: { 200: z.object({ occurrences: z.array(z.string()) }) },
      },
    },
    async (request) => {
      const b = request.body;
      if (b.window && !(Date.parse(b.window.end) > Date.parse(b.window.start))) {
        throw new AppError('request.invalid', 'window.end must be after window.start.', [
          { field: 'window.end', message: 'must be after window.start' },
        ]);
      }
      const occurrences = expandRecurrence(
        { dtstart: b.dtstart, tzid: b.tzid, rrule: b.rrule ?? null, exdates: b.exdates, rdates: b.rdates },
        { ...(b.window ? { window: b.window } : {}), limit: b.limit },
      );
      // iCalendar times have whole seconds: instants are written without milliseconds.
      return { occurrences: occurrences.map((o) => (o.start ? o.start.replace('.000Z', 'Z') : o.local)) };
    },
  );
}
