import {
  acceptedLinkSchema,
  calendarFeedSchema,
  createdShareLinkSchema,
  createShareLinkBody,
  feedResponse,
  linkAccessesQuery,
  linkAccessSchema,
  page,
  publicCalendarQuery,
  publicLinkSchema,
  shareLinkSchema,
  uuidParam,
} from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf } from '../../http/auth';
import type { ServiceDeps } from '../deps';
import { linkFeed } from '../items';
import * as sharing from './sharing.service';

const tags = ['sharing'];
const linkParams = z.object({ id: z.uuid(), linkId: z.uuid() });
const tokenParam = z.object({ token: z.string().max(200) });
/** Longest window the public calendar answers for: a month view with its padding, twice over. */
const MAX_PUBLIC_DAYS = 100;

/** Limits of the routes anyone may call, per address: enough for a page, not for guessing. */
export const PUBLIC_RATE_LIMIT = {
  max: 120,
  timeWindow: 60_000,
  keyGenerator: (request: FastifyRequest) => `public:${request.ip}`,
};

/** The scheme and host the caller reached us by (behind a proxy, as it says when trusted). */
export const originOf = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/** Who uses a link: the signed-in user, if any, and where from. */
const whoOf = (request: FastifyRequest) => ({ userId: request.actor?.userId ?? null, meta: metaOf(request) });

export async function sharingRoutes(app: FastifyInstance, deps: ServiceDeps & { clock?: sharing.Clock }) {
  const clock = deps.clock ?? (() => new Date());
  feedRoutes(app, deps);
  linkRoutes(app, deps, clock);
  linkUseRoutes(app, deps, clock);
  publicRoutes(app, deps, clock);
}

/** The signed-in user's own subscription feed of a calendar. */
function feedRoutes(app: FastifyInstance, deps: ServiceDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/calendars/:id/feed',
    {
      schema: {
        tags,
        summary: 'Your subscription feed of the calendar',
        params: uuidParam,
        response: { 200: calendarFeedSchema },
      },
    },
    async (request) => sharing.getFeed(deps, actorOf(request), request.params.id, originOf(request)),
  );
  r.post(
    '/api/v1/calendars/:id/feed',
    {
      schema: {
        tags,
        summary:
          'Make your subscription feed of the calendar, or a new token for it (the old URL stops working)',
        params: uuidParam,
        response: { 201: calendarFeedSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await sharing.makeFeed(
            deps,
            actorOf(request),
            request.params.id,
            originOf(request),
            metaOf(request),
          ),
        ),
  );
  r.delete(
    '/api/v1/calendars/:id/feed',
    { schema: { tags, summary: 'Revoke your subscription feed of the calendar', params: uuidParam } },
    async (request, reply) => {
      await sharing.revokeFeed(deps, actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
}

/** A calendar's share links, for its managers. */
function linkRoutes(app: FastifyInstance, deps: ServiceDeps, clock: sharing.Clock) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/calendars/:id/links',
    {
      schema: {
        tags,
        summary: 'Create a share link (managers); the token is shown only in this answer',
        params: uuidParam,
        body: createShareLinkBody,
        response: { 201: createdShareLinkSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await sharing.createLink(
            deps,
            actorOf(request),
            request.params.id,
            request.body,
            originOf(request),
            metaOf(request),
            clock,
          ),
        ),
  );
  r.get(
    '/api/v1/calendars/:id/links',
    {
      schema: {
        tags,
        summary: 'The calendar’s share links that are not revoked (managers)',
        params: uuidParam,
        response: { 200: z.object({ items: z.array(shareLinkSchema), nextCursor: z.null() }) },
      },
    },
    async (request) => ({
      items: await sharing.listLinks(deps, actorOf(request), request.params.id, clock),
      nextCursor: null,
    }),
  );
  r.delete(
    '/api/v1/calendars/:id/links/:linkId',
    { schema: { tags, summary: 'Revoke a share link at once', params: linkParams } },
    async (request, reply) => {
      await sharing.revokeLink(
        deps,
        actorOf(request),
        request.params.id,
        request.params.linkId,
        metaOf(request),
        clock,
      );
      return reply.code(204).send();
    },
  );
}

/** The log of a link's uses (managers), and accepting an edit link (whoever holds it, signed in). */
function linkUseRoutes(app: FastifyInstance, deps: ServiceDeps, clock: sharing.Clock) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/calendars/:id/links/:linkId/accesses',
    {
      schema: {
        tags,
        summary: 'Every use of a share link, newest first (managers)',
        params: linkParams,
        querystring: linkAccessesQuery,
        response: { 200: page(linkAccessSchema) },
      },
    },
    async (request) =>
      sharing.listAccesses(deps, actorOf(request), request.params.id, request.params.linkId, request.query),
  );
  r.post(
    '/api/v1/links/:token/accept',
    {
      config: { rateLimit: PUBLIC_RATE_LIMIT },
      schema: {
        tags,
        summary: 'Accept an edit link: you become an edit member of its calendar (sign-in required)',
        params: tokenParam,
        response: { 200: acceptedLinkSchema },
      },
    },
    async (request) =>
      sharing.acceptLink(deps, actorOf(request), request.params.token, metaOf(request), clock),
  );
}

/** What anyone holding a link may call, without signing in. */
function publicRoutes(app: FastifyInstance, deps: ServiceDeps, clock: sharing.Clock) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const config = { public: true, rateLimit: PUBLIC_RATE_LIMIT };
  r.get(
    '/api/v1/public/links/:token',
    {
      config,
      schema: {
        tags,
        summary: 'What a share link opens (anyone with the link); dead links are 404',
        params: tokenParam,
        response: { 200: publicLinkSchema },
      },
    },
    async (request) => {
      const used = await sharing.useLink(deps, request.params.token, 'open', whoOf(request), clock);
      return {
        calendar: { name: used.calendar.name, color: used.calendar.color },
        access: used.link.access,
        showDetails: used.link.show_details,
      };
    },
  );
  r.get(
    '/api/v1/public/links/:token/calendar',
    {
      config,
      schema: {
        tags,
        summary: 'Occurrences of a view link’s calendar (private items, or all without details, as busy)',
        params: tokenParam,
        querystring: publicCalendarQuery,
        response: { 200: feedResponse },
      },
    },
    async (request) => {
      const fromMs = Date.parse(request.query.start);
      const toMs = Date.parse(request.query.end);
      if (!(toMs > fromMs) || toMs - fromMs > MAX_PUBLIC_DAYS * 86_400_000)
        throw new AppError(
          'request.bad_query',
          `end must be after start, at most ${MAX_PUBLIC_DAYS} days later.`,
          [{ field: 'end', message: `must be after start and within ${MAX_PUBLIC_DAYS} days` }],
        );
      const used = await sharing.useLink(deps, request.params.token, 'calendar', whoOf(request), clock);
      const got = await linkFeed(
        deps.db,
        used.calendar.id,
        used.link.show_details,
        fromMs,
        toMs,
        request.query.tz ?? 'UTC',
      );
      return { occurrences: got.occurrences, truncated: got.truncated, truncatedSeries: [] };
    },
  );
}
