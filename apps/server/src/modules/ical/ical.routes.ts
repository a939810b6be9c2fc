import { Readable } from 'node:stream';
import { icsExportQuery, uuidParam } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf } from '../../http/auth';
import type { ServiceDeps } from '../deps';
import { type Clock, PUBLIC_RATE_LIMIT } from '../sharing';
import * as ical from './ical.service';

const tags = ['ical'];
const TEXT_CALENDAR = 'text/calendar; charset=utf-8';
const windowQuery = icsExportQuery.pick({ start: true, end: true });
const icsResponse = { 200: z.string().describe('RFC 5545 iCalendar text') };

/** Streams a written calendar; a cut export says so in a header. */
function sendIcs(reply: FastifyReply, doc: ical.IcsDocument, filename: string) {
  if (doc.truncated) reply.header('x-kalendaryo-truncated', 'true');
  return reply
    .type(TEXT_CALENDAR)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'private, no-cache')
    .send(Readable.from(doc.chunks));
}

/** True when the client's copy is current: If-None-Match first, If-Modified-Since only without it (RFC 9110 §13.2.2). */
function notModified(request: FastifyRequest, etag: string, lastModified: Date): boolean {
  const inm = request.headers['if-none-match'];
  if (inm !== undefined)
    return inm
      .split(',')
      .map((t) => t.trim().replace(/^W\//, ''))
      .some((t) => t === etag || t === '*');
  const ims = request.headers['if-modified-since'];
  if (!ims) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && Math.floor(lastModified.getTime() / 1000) * 1000 <= since;
}

export async function icalRoutes(app: FastifyInstance, deps: ServiceDeps & { clock?: Clock }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const clock = deps.clock ?? (() => new Date());
  r.get(
    '/api/v1/calendars/:id/calendar.ics',
    {
      schema: {
        tags,
        summary: 'The calendar as iCalendar (RFC 5545), as you may see it',
        params: uuidParam,
        querystring: windowQuery,
        produces: ['text/calendar'],
      },
    },
    async (request, reply) =>
      sendIcs(
        reply,
        await ical.exportCalendar(deps, actorOf(request), request.params.id, request.query, clock),
        'calendar.ics',
      ),
  );
  r.get(
    '/api/v1/calendar.ics',
    {
      schema: {
        tags,
        summary: 'What GET /calendar shows with the same filters, as iCalendar (RFC 5545)',
        querystring: icsExportQuery,
        produces: ['text/calendar'],
      },
    },
    async (request, reply) =>
      sendIcs(reply, await ical.exportFeed(deps, actorOf(request), request.query, clock), 'kalendaryo.ics'),
  );
  r.get(
    '/api/v1/public/links/:token/calendar.ics',
    {
      config: { public: true, rateLimit: PUBLIC_RATE_LIMIT },
      schema: {
        tags,
        summary: 'A view link’s calendar as iCalendar (anyone with the link)',
        params: z.object({ token: z.string().max(200) }),
        produces: ['text/calendar'],
      },
    },
    async (request, reply) =>
      sendIcs(
        reply,
        await ical.linkCalendarIcs(
          deps,
          request.params.token,
          { userId: request.actor?.userId ?? null, meta: metaOf(request) },
          clock,
        ),
        'calendar.ics',
      ),
  );
  subscriptionRoute(app, deps, clock);
}

/** The secret feed URL that calendar apps poll, outside /api so that it reads as a file. */
function subscriptionRoute(app: FastifyInstance, deps: ServiceDeps, clock: Clock) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/ics/:file',
    {
      // Outside /api: the global limit skips it, so it gets its own, per address.
      config: { public: true, rateLimit: { ...PUBLIC_RATE_LIMIT, allowList: () => false } },
      schema: {
        tags,
        summary: 'A subscription feed (webcal://…/ics/<token>.ics): ETag, Last-Modified and 304',
        params: z.object({ file: z.string().max(200) }),
        response: { ...icsResponse, 304: z.null() },
        produces: ['text/calendar'],
      },
    },
    async (request, reply) => {
      const token = request.params.file.endsWith('.ics') ? request.params.file.slice(0, -4) : '';
      if (!token) throw new AppError('calendar_feed.not_found');
      const answer = await ical.subscriptionFeed(deps, token, clock);
      reply
        .header('etag', answer.etag)
        .header('last-modified', answer.lastModified.toUTCString())
        .header('cache-control', 'private, no-cache');
      if (notModified(request, answer.etag, answer.lastModified)) return reply.code(304).send(null);
      return reply
        .type(TEXT_CALENDAR)
        .header('content-disposition', 'inline; filename="calendar.ics"')
        .send(answer.text);
    },
  );
}
