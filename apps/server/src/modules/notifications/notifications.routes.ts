import {
  failedDeliveryPage,
  listQuery,
  notificationListQuery,
  notificationPage,
  notificationSchema,
  preferencesPatch,
  preferencesSchema,
  readAllResponse,
  unreadCountResponse,
  uuidParam,
} from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth';
import { failedDeliveries } from './deliveries.service';
import type { InboxDeps } from './inbox.service';
import * as inbox from './inbox.service';
import { getPreferences, updatePreferences } from './preferences.service';
import { openStream } from './stream';

const tags = ['notifications'];

/** The inbox, its live stream, preferences, and the administrators' list of failed deliveries. */
export async function notificationsRoutes(app: FastifyInstance, deps: InboxDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const streams = new Set<() => void>();
  // Open streams never finish on their own: end them as the server closes, so a graceful stop
  // does not wait for every browser to go away.
  app.addHook('preClose', async () => {
    for (const end of [...streams]) end();
  });

  r.get(
    '/api/v1/notifications',
    {
      schema: {
        tags,
        summary: 'My inbox, newest first (only messages already due); unread=true for unread ones',
        querystring: notificationListQuery,
        response: { 200: notificationPage },
      },
    },
    async (request) => inbox.listNotifications(deps, actorOf(request).userId, request.query),
  );

  r.get(
    '/api/v1/notifications/unread-count',
    {
      schema: { tags, summary: 'How many of my messages are unread', response: { 200: unreadCountResponse } },
    },
    async (request) => inbox.unreadCount(deps, actorOf(request).userId),
  );

  r.get(
    '/api/v1/notifications/stream',
    {
      schema: {
        tags,
        summary: 'Live updates of my inbox (Server-Sent Events)',
        description:
          '`text/event-stream`: `event: unread` with `{unread}` on connect and after every change, ' +
          '`event: notification` with a notification as it arrives, a comment line every 25 s.',
      },
    },
    async (request, reply) => {
      const userId = actorOf(request).userId;
      reply.hijack();
      openStream(request, reply.raw, { ...deps, userId, streams });
    },
  );

  r.post(
    '/api/v1/notifications/:id/read',
    {
      schema: {
        tags,
        summary: 'Mark one of my messages read',
        params: uuidParam,
        response: { 200: notificationSchema },
      },
    },
    async (request) => inbox.readNotification(deps, actorOf(request).userId, request.params.id),
  );

  r.post(
    '/api/v1/notifications/read-all',
    { schema: { tags, summary: 'Mark all my messages read', response: { 200: readAllResponse } } },
    async (request) => inbox.readAll(deps, actorOf(request).userId),
  );

  r.get(
    '/api/v1/preferences',
    {
      schema: {
        tags: ['preferences'],
        summary: 'My notification preferences (defaults filled in)',
        response: { 200: preferencesSchema },
      },
    },
    async (request) => getPreferences(deps, actorOf(request).userId),
  );

  r.patch(
    '/api/v1/preferences',
    {
      schema: {
        tags: ['preferences'],
        summary:
          'Change my notification preferences: channels per type, reminders, quiet hours, digest, phone',
        body: preferencesPatch,
        response: { 200: preferencesSchema },
      },
    },
    async (request) => updatePreferences(deps, actorOf(request).userId, request.body),
  );

  r.get(
    '/api/v1/admin/deliveries',
    {
      schema: {
        tags,
        summary: 'Deliveries the worker gave up on, newest first (administrators)',
        querystring: listQuery.extend({ status: z.enum(['failed']).default('failed') }),
        response: { 200: failedDeliveryPage },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      if (actor.role !== 'admin')
        throw new AppError('auth.forbidden', 'Only administrators see failed deliveries.');
      return failedDeliveries(deps, request.query);
    },
  );
}
