import { createSubscriptionBody, subscriptionSchema, uuidParam } from '@kalendaryo/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf } from '../../http/auth';
import {
  createSubscription,
  getSubscription,
  listSubscriptions,
  refreshNow,
  type SubscriptionDeps,
} from './ical.subscriptions';

const tags = ['calendars'];

export async function icalSubscriptionsRoutes(app: FastifyInstance, deps: SubscriptionDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/calendars/subscriptions',
    {
      schema: {
        tags,
        summary: 'Subscribed calendars you may view, with their last refresh and error',
        response: { 200: z.object({ items: z.array(subscriptionSchema), nextCursor: z.null() }) },
      },
    },
    async (request) => ({ items: await listSubscriptions(deps, actorOf(request)), nextCursor: null }),
  );
  r.post(
    '/api/v1/calendars/subscriptions',
    {
      schema: {
        tags,
        summary:
          'Subscribe to an external .ics address: a new read-only calendar (coordinators, administrators)',
        body: createSubscriptionBody,
        response: { 201: subscriptionSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await createSubscription(deps, actorOf(request), request.body, metaOf(request), new Date())),
  );
  r.get(
    '/api/v1/calendars/subscriptions/:id',
    { schema: { tags, params: uuidParam, response: { 200: subscriptionSchema } } },
    async (request) => getSubscription(deps, actorOf(request), request.params.id),
  );
  r.post(
    '/api/v1/calendars/subscriptions/:id/refresh',
    {
      schema: {
        tags,
        summary: 'Refresh a subscribed calendar now (managers of the calendar)',
        params: uuidParam,
        response: { 200: subscriptionSchema },
      },
    },
    async (request) => refreshNow(deps, actorOf(request), request.params.id, new Date()),
  );
}
