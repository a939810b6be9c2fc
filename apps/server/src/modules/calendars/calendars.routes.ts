import {
  calendarMemberSchema,
  calendarSchema,
  createCalendarBody,
  setMemberBody,
  updateCalendarBody,
  uuidParam,
} from '@kalendaryo/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf } from '../../http/auth';
import type { ServiceDeps } from '../deps';
import * as calendars from './calendars.service';

const tags = ['calendars'];
const memberParams = z.object({ id: z.uuid(), userId: z.uuid() });

export async function calendarsRoutes(app: FastifyInstance, deps: ServiceDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/calendars',
    {
      schema: {
        tags,
        summary: 'Calendars you may view, with your permission',
        response: { 200: z.object({ items: z.array(calendarSchema), nextCursor: z.null() }) },
      },
    },
    async (request) => ({ items: await calendars.listCalendars(deps, actorOf(request)), nextCursor: null }),
  );
  r.post(
    '/api/v1/calendars',
    {
      schema: {
        tags,
        summary: 'Create a shared calendar (coordinators, administrators)',
        body: createCalendarBody,
        response: { 201: calendarSchema },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await calendars.createCalendar(deps, actorOf(request), request.body, metaOf(request))),
  );
  r.get(
    '/api/v1/calendars/:id',
    { schema: { tags, params: uuidParam, response: { 200: calendarSchema } } },
    async (request) => calendars.getCalendar(deps, actorOf(request), request.params.id),
  );
  r.patch(
    '/api/v1/calendars/:id',
    { schema: { tags, params: uuidParam, body: updateCalendarBody, response: { 200: calendarSchema } } },
    async (request) => calendars.updateCalendar(deps, actorOf(request), request.params.id, request.body),
  );
  r.delete('/api/v1/calendars/:id', { schema: { tags, params: uuidParam } }, async (request, reply) => {
    await calendars.deleteCalendar(deps, actorOf(request), request.params.id, metaOf(request));
    return reply.code(204).send();
  });
  r.get(
    '/api/v1/calendars/:id/members',
    {
      schema: {
        tags,
        params: uuidParam,
        response: { 200: z.object({ items: z.array(calendarMemberSchema), nextCursor: z.null() }) },
      },
    },
    async (request) => ({
      items: await calendars.listMembers(deps, actorOf(request), request.params.id),
      nextCursor: null,
    }),
  );
  r.put(
    '/api/v1/calendars/:id/members/:userId',
    {
      schema: {
        tags,
        summary: 'Share with a user at view, edit or manage',
        params: memberParams,
        body: setMemberBody,
      },
    },
    async (request) => ({
      items: await calendars.setMember(
        deps,
        actorOf(request),
        request.params.id,
        request.params.userId,
        request.body.permission,
        metaOf(request),
      ),
      nextCursor: null,
    }),
  );
  r.delete(
    '/api/v1/calendars/:id/members/:userId',
    { schema: { tags, params: memberParams } },
    async (request, reply) => {
      await calendars.removeMember(
        deps,
        actorOf(request),
        request.params.id,
        request.params.userId,
        metaOf(request),
      );
      return reply.code(204).send();
    },
  );
}
