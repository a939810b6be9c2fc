import { DATE_ONLY, INSTANT, LOCAL_DATE_TIME, timeZoneSchema } from '@kalendaryo/contract';
import {
  AppError,
  checkRecurrenceLimits,
  MAX_PERIOD_CANDIDATES,
  MAX_SUB_DAILY_PERIODS,
} from '@kalendaryo/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ExpansionPool } from '../../workers/expansion-pool';

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

/** The limits on rules, as the API documentation states them. */
export const RULE_LIMITS = `Rules are refused with 422 \`recurrence.too_complex\` when they cost too much to expand: FREQ=SECONDLY; HOURLY or MINUTELY without COUNT ≤ ${MAX_SUB_DAILY_PERIODS.toLocaleString('en')} or an UNTIL within ${MAX_SUB_DAILY_PERIODS.toLocaleString('en')} periods (INTERVAL × hour/minute) of the start; and rules whose BYxxx lists multiply to more than ${MAX_PERIOD_CANDIDATES.toLocaleString('en')} candidate starts in one period (e.g. every second of every day of a year, then BYSETPOS=-1).`;

/**
 * `POST /api/v1/recurrence/preview`. The expansion runs in a worker thread (`deps.pool`, or a pool
 * of its own closed with the app) within the domain's candidate budget and a time limit.
 */
export async function recurrenceRoutes(app: FastifyInstance, deps: { pool?: ExpansionPool } = {}) {
  const pool = deps.pool ?? new ExpansionPool();
  if (!deps.pool) app.addHook('onClose', () => pool.close());
  // A listening server loads its workers at once, so that the first preview does not wait for them.
  app.addHook('onListen', async () => pool.warm());
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/v1/recurrence/preview',
    {
      schema: {
        tags: ['recurrence'],
        summary: 'Expand a recurrence rule (RFC 5545) into its occurrences',
        description: `Zoned rules answer UTC instants with Z; floating rules answer local date-times. The first \`limit\` occurrences inside the window (start <= occurrence < end), or from dtstart without a window. ${RULE_LIMITS} An expansion that still examines more than a million candidates, or runs for more than two seconds, is refused the same way.`,
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
      const input = {
        dtstart: b.dtstart,
        tzid: b.tzid,
        rrule: b.rrule ?? null,
        exdates: b.exdates,
        rdates: b.rdates,
      };
      // Cheap checks here: a rule refused for its shape never reaches a worker.
      checkRecurrenceLimits(input);
      const { occurrences } = await pool.expand(input, {
        ...(b.window ? { window: b.window } : {}),
        limit: b.limit,
      });
      // iCalendar times have whole seconds: instants are written without milliseconds.
      return { occurrences: occurrences.map((o) => (o.start ? o.start.replace('.000Z', 'Z') : o.local)) };
    },
  );
}
