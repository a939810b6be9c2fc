import {
  completeTaskBody,
  conflictsQuery,
  createItemBody,
  deletedItemSchema,
  feedQuery,
  feedResponse,
  freeBusyQuery,
  freeBusyResponse,
  itemConflictsResponse,
  itemSchema,
  itemWithConflictsSchema,
  leaveListQuery,
  leaveRequestSchema,
  listItemsQuery,
  listQuery,
  page,
  restoredItemSchema,
  scopeQuery,
  updateItemBody,
  uuidParam,
} from '@kalendaryo/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf } from '../../http/auth';
import type { ServiceDeps } from '../deps';
import { expectedVersion, requireItem } from './items.access';
import { freeBusy, itemConflicts, personConflicts, unapprovedBookings } from './items.busy';
import { calendarFeed } from './items.feed';
import type { ItemFollowers } from './items.followers';
import * as items from './items.service';
import { listDeleted, restoreItem } from './items.trash';
import * as workflows from './items.workflows';

const tags = ['items'];
/** A user id in the `users` list of free/busy: `[0-9a-f-]{36}` let 36 dashes reach the database. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const reasonBody = z.object({ reason: z.string().trim().max(2000).nullable().optional() });

export async function itemsRoutes(
  app: FastifyInstance,
  deps: ServiceDeps & { followers?: ItemFollowers | undefined },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const ifMatch = (h: unknown) => (typeof h === 'string' ? h : undefined);

  r.post(
    '/api/v1/items',
    {
      schema: {
        tags,
        summary: 'Create a calendar item of any kind',
        description:
          '`conflicts` lists the people (organiser, assignee, invited users) busy or on leave at its time: a warning, never a refusal.',
        body: createItemBody,
        response: { 201: itemWithConflictsSchema },
      },
    },
    async (request, reply) => {
      const item = await items.createItem(deps, actorOf(request), request.body, metaOf(request));
      return reply
        .code(201)
        .header('etag', `"${item.version}"`)
        .header('location', `/api/v1/items/${item.id}`)
        .send({ ...item, conflicts: await itemConflicts(deps.db, item.id) });
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
          'Send If-Match: "<version>" (or `version` in the body): a stale version is answered 412. `conflicts` lists the people busy or on leave at its (new) time.',
        params: uuidParam,
        querystring: scopeQuery,
        body: updateItemBody,
        response: { 200: itemWithConflictsSchema },
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
      const occurrence = request.query.scope === 'this' ? request.query.occurrence : undefined;
      const conflicts = await itemConflicts(deps.db, item.id, { occurrence });
      return reply.header('etag', `"${item.version}"`).send({ ...item, conflicts });
    },
  );

  r.get(
    '/api/v1/items/:id/conflicts',
    {
      schema: {
        tags,
        summary: 'People busy or on leave, and bookings not approved, for an item or one occurrence',
        description:
          'For a series without `occurrence`: its next occurrences (up to 20 within 90 days). Resources: bookings of the item that are pending or rejected.',
        params: uuidParam,
        querystring: conflictsQuery,
        response: { 200: itemConflictsResponse },
      },
    },
    async (request) => {
      const { row } = await requireItem(deps.db, actorOf(request), request.params.id, 'view');
      const occurrence = request.query.occurrence;
      return {
        people: await personConflicts(deps.db, row, occurrence ? { occurrence } : {}),
        resources: await unapprovedBookings(deps.db, row, occurrence),
      };
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

  r.post(
    '/api/v1/items/:id/restore',
    {
      schema: {
        tags,
        summary: 'Restore an item deleted in the last 30 days (the whole item or series)',
        description:
          'Brings the item back with its id, UID, details, exceptions, participants and answers. Its room and vehicle bookings, cancelled by the deletion, stay cancelled (listed in `cancelledBookings`): book them again. 404 `item.not_found` when nothing deleted with this id may be restored by you (restored already, older than 30 days, or not yours to delete); 409 `leave.overlap` for leave that now overlaps other leave (it stays restorable).',
        params: uuidParam,
        response: { 200: restoredItemSchema },
      },
    },
    async (request, reply) => {
      const item = await restoreItem(deps, actorOf(request), request.params.id, metaOf(request));
      return reply.header('etag', `"${item.version}"`).send(item);
    },
  );

  r.get(
    '/api/v1/items/deleted',
    {
      schema: {
        tags,
        summary: 'Recently deleted items you may restore, most recent first',
        querystring: listQuery,
        response: { 200: page(deletedItemSchema) },
      },
    },
    async (request) => listDeleted(deps, actorOf(request), request.query),
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
        querystring: leaveListQuery,
        response: { 200: page(leaveRequestSchema) },
      },
    },
    async (request) => workflows.listLeave(deps, actorOf(request), request.query),
  );

  r.post(
    '/api/v1/items/:id/task/complete',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Mark a task done: one occurrence of a series, or the whole task',
        params: uuidParam,
        body: completeTaskBody.nullish(),
        response: { 200: itemSchema },
      },
    },
    async (request) =>
      workflows.completeTask(deps, actorOf(request), request.params.id, request.body ?? {}, metaOf(request)),
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
        summary:
          'Busy times of people: items, series occurrences, accepted invitations, leave, holidays, off hours',
        description:
          'Each interval has a `kind`: an item kind (the person organises it, is its assignee or said going/maybe), `holiday` or `off_hours` (outside the office working days and hours). Pending leave and "maybe" answers are `tentative`. Items the asker may not read carry no `itemId` or `title`. At most 50 users and 62 days (422).',
        querystring: freeBusyQuery,
        response: { 200: freeBusyResponse },
      },
    },
    async (request) => {
      const ids = request.query.users
        .split(',')
        .map((s) => s.trim())
        .filter((s) => UUID.test(s));
      return {
        busy: await freeBusy(
          deps.db,
          actorOf(request),
          ids,
          Date.parse(request.query.start),
          Date.parse(request.query.end),
        ),
      };
    },
  );
}
