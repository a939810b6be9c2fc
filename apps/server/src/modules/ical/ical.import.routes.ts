import { ICAL_MAX_BYTES, importQuery, importResultSchema, uuidParam } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, metaOf } from '../../http/auth';
import type { ServiceDeps } from '../deps';
import { importCalendar } from './ical.import';

/**
 * A `text/calendar` body as the import route receives it. The text sits in a private field, so
 * the input guard (which walks JSON bodies for control characters and overlong strings) passes
 * over it: a calendar file is long and made of line breaks by nature.
 */
export class CalendarBody {
  readonly #text: string;
  constructor(text: string) {
    this.#text = text;
  }
  get text(): string {
    return this.#text;
  }
}

/** Registers the `text/calendar` body parser (10 MB; larger bodies are 413 `request.too_large`). */
export function registerCalendarParser(app: FastifyInstance): void {
  if (app.hasContentTypeParser('text/calendar')) return;
  app.addContentTypeParser(
    'text/calendar',
    { parseAs: 'buffer', bodyLimit: ICAL_MAX_BYTES },
    (_req, body, done) => {
      done(null, new CalendarBody((body as Buffer).toString('utf8')));
    },
  );
}

export async function icalImportRoutes(app: FastifyInstance, deps: Pick<ServiceDeps, 'db'>) {
  registerCalendarParser(app);
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/calendars/:id/import',
    {
      bodyLimit: ICAL_MAX_BYTES,
      schema: {
        tags: ['calendars'],
        summary: 'Import an iCalendar (.ics) file into a calendar (edit permission); ?dryRun=true previews',
        consumes: ['text/calendar'],
        params: uuidParam,
        querystring: importQuery,
        response: { 200: importResultSchema },
      },
    },
    async (request) => {
      if (!(request.body instanceof CalendarBody))
        throw new AppError('request.unsupported_media_type', 'Send the file as text/calendar.');
      return importCalendar(
        deps,
        actorOf(request),
        request.params.id,
        request.body.text,
        { dryRun: request.query.dryRun === 'true' },
        metaOf(request),
      );
    },
  );
}
