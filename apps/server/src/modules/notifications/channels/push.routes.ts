import {
  pushSubscriptionBody,
  pushSubscriptionResponse,
  uuidParam,
  vapidKeyResponse,
} from '@kalendaryo/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../../../config';
import type { Db } from '../../../db/client';
import { actorOf } from '../../../http/auth';
import * as push from './push.service';

const tags = ['notifications'];

/** Web push: the server's VAPID key and each person's browser subscriptions. */
export async function pushRoutes(app: FastifyInstance, deps: { db: Db; config: Pick<Config, 'channels'> }) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/push/vapid-key',
    {
      schema: {
        tags,
        summary: 'The public key to subscribe with (PushManager.subscribe applicationServerKey)',
        response: { 200: vapidKeyResponse },
      },
    },
    async () => push.vapidPublicKey({ db: deps.db, vapid: deps.config.channels.vapid }),
  );
  r.post(
    '/api/v1/push/subscriptions',
    {
      schema: {
        tags,
        summary: 'Register this browser for push messages (the same endpoint again updates it)',
        body: pushSubscriptionBody,
        response: { 201: pushSubscriptionResponse },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await push.subscribe(
            { db: deps.db, privateEndpoints: deps.config.channels.pushPrivateEndpoints },
            actorOf(request),
            request.body,
            request.headers['user-agent'],
          ),
        ),
  );
  r.delete(
    '/api/v1/push/subscriptions/:id',
    { schema: { tags, summary: 'Stop push messages to a browser', params: uuidParam } },
    async (request, reply) => {
      await push.unsubscribe(deps, actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );
}
