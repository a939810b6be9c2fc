import {
  createItemBody,
  feedQuery,
  feedResponse,
  INSTANT,
  itemSchema,
  listItemsQuery,
  page,
  scopeQuery,
  updateItemBody,
  uuidParam,
} from '@kalendaryo/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf } from '../../http/auth';
import type { ServiceDeps } from '../deps';
import { expectedVersion } from './items.access';
import { calendarFeed } from './items.feed';
import * as items from './items.service';
import * as workflows from './items.workflows';

const tags = ['items'];
/** A user id in the `users` list of free/busy: `[0-9a-f-]{36}` let 36 dashes reach the database. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const reasonBody = z.object({ reason: z.string().trim().max(2000).nullable().optional() });

export async function itemsRoutes(app: FastifyInstance, deps: ServiceDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ifMatch = (h: unknown) => (typeof h === 'string' ? h : undefined);

  r.post(
    '/api/v1/items',
    {
      schema: {
        tags,
        summary: 'Create a calendar item of any kind',
        body: createItemBody,
        response: { 201: itemSchema },
      },
    },
    async (request, reply) => {
      const item = await items.createItem(deps, actorOf(request), request.body, metaOf(request));
      return reply
        .code(201)
        .header('etag', `"${item.version}"`)
        .header('location', `/api/v1/items/${item.id}`)
        .send(item);
    },
  );

  r.get(
    '/api/v1/items',
    {
      schema: {
        tags,
        summary: 'Items you may see (series, not occurrences), by first start',
        querystring: listItemsQuery,
        response: { 200: page(itemSchema) },
      },
    },
    async (request) => items.listItems(deps, actorOf(request), request.query),
  );

  r.get(
    '/api/v1/items/:id',
    { schema: { tags, params: uuidParam, response: { 200: itemSchema } } },
    async (request, reply) => {
      const item = await items.getItem(deps, actorOf(request), request.params.id);
      return reply.header('etag', `"${item.version}"`).send(item);
    },
  );

  r.patch(
    '/api/v1/items/:id',
    {
      schema: {
        tags,
        summary: 'Edit an item; for a series, scope=this|future|all with occurrence=<recurrence id>',
        description:
          'Send If-Match: "<version>" (or `version` in the body): a stale version is answered 412.',
        params: uuidParam,
        querystring: scopeQuery,
        body: updateItemBody,
        response: { 200: itemSchema },
      },
    },
    async (request, reply) => {
      const item = await items.updateItem(
        deps,
        actorOf(request),
        request.params.id,
        request.body,
        {
          ...request.query,
          expectedVersion: expectedVersion(ifMatch(request.headers['if-match']), request.body.version),
        },
        metaOf(request),
      );
      return reply.header('etag', `"${item.version}"`).send(item);
    },
  );

  r.delete(
    '/api/v1/items/:id',
    {
      schema: {
        tags,
        summary: 'Delete an item, or occurrences of a series with scope=this|future',
        params: uuidParam,
        querystring: scopeQuery,
      },
    },
    async (request, reply) => {
      await items.deleteItem(
        deps,
        actorOf(request),
        request.params.id,
        {
          ...request.query,
          expectedVersion: expectedVersion(ifMatch(request.headers['if-match']), undefined),
        },
        metaOf(request),
      );
      return reply.code(204).send();
    },
  );

  r.get(
    '/api/v1/calendar',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Occurrences of every visible item in a window',
        querystring: feedQuery,
        response: { 200: feedResponse },
      },
      // The feed can hold thousands of occurrences built by our own code: the schema documents
      // it, but re-validating every one on the way out would cost more than building them.
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    async (request) => calendarFeed(deps, actorOf(request), request.query),
  );

  for (const decision of ['approve', 'reject', 'cancel'] as const) {
    r.post(
      `/api/v1/items/:id/leave/${decision}`,
      {
        schema: {
          tags: ['leave'],
          summary: `${decision[0]!.toUpperCase()}${decision.slice(1)} a leave request`,
          params: uuidParam,
          body: reasonBody.optional(),
          response: { 200: itemSchema },
        },
      },
      async (request) =>
        workflows.decideLeave(
          deps,
          actorOf(request),
          request.params.id,
          decision,
          request.body?.reason ?? null,
          metaOf(request),
        ),
    );
  }
  r.get(
    '/api/v1/leave',
    {
      schema: {
        tags: ['leave'],
        summary: 'Leave requests (approvers: everyone’s; others: their own)',
        querystring: z.object({
          status: z.enum(['pending', 'approved', 'rejected', 'cancelled']).optional(),
        }),
        response: { 200: z.object({ items: z.array(itemSchema), nextCursor: z.null() }) },
      },
    },
    async (request) => ({
      items: await workflows.listLeave(deps, actorOf(request), request.query.status),
      nextCursor: null,
    }),
  );

  r.post(
    '/api/v1/items/:id/task/complete',
    { schema: { tags: ['tasks'], params: uuidParam, response: { 200: itemSchema } } },
    async (request) => workflows.completeTask(deps, actorOf(request), request.params.id, metaOf(request)),
  );
  r.post(
    '/api/v1/items/:id/task/reassign',
    {
      schema: {
        tags: ['tasks'],
        params: uuidParam,
        body: z.object({ assigneeId: z.uuid() }),
        response: { 200: itemSchema },
      },
    },
    async (request) =>
      workflows.reassignTask(
        deps,
        actorOf(request),
        request.params.id,
        request.body.assigneeId,
        metaOf(request),
      ),
  );

  r.get(
    '/api/v1/freebusy',
    {
      schema: {
        tags: ['calendar'],
        summary: 'Busy times of users (confirmed items, approved leave)',
        querystring: z.object({
          users: z.string().max(4000).describe('Comma-separated user ids'),
          start: z.string().regex(INSTANT),
          end: z.string().regex(INSTANT),
        }),
      },
    },
    async (request) => {
      actorOf(request);
      const ids = request.query.users.split(',').filter((s) => UUID.test(s));
      return {
        busy: await workflows.busyTimes(
          deps,
          ids,
          Date.parse(request.query.start),
          Date.parse(request.query.end),
        ),
      };
    },
  );
}
