import {
  createResourceBody,
  listResourcesQuery,
  page,
  resourceSchema,
  updateResourceBody,
  uuidParam,
} from '@kalendaryo/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, metaOf } from '../../http/auth';
import type { ServiceDeps } from '../deps';
import { expectedVersion } from '../items';
import * as resources from './resources.service';

const tags = ['resources'];

/** Resource management; availability, free search and utilisation are in the bookings routes. */
export async function resourcesRoutes(app: FastifyInstance, deps: Pick<ServiceDeps, 'db'>) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/resources',
    {
      schema: {
        tags,
        summary: 'Create a resource (coordinators, administrators)',
        body: createResourceBody,
        response: { 201: resourceSchema },
      },
    },
    async (request, reply) => {
      const created = await resources.createResource(deps, actorOf(request), request.body, metaOf(request));
      return reply
        .code(201)
        .header('etag', `"${created.version}"`)
        .header('location', `/api/v1/resources/${created.id}`)
        .send(created);
    },
  );

  r.get(
    '/api/v1/resources',
    {
      schema: {
        tags,
        summary: 'Resources by name; filter by type, status, search text and minimum capacity',
        querystring: listResourcesQuery,
        response: { 200: page(resourceSchema) },
      },
    },
    async (request) => resources.listResources(deps, actorOf(request), request.query),
  );

  r.get(
    '/api/v1/resources/:id',
    { schema: { tags, params: uuidParam, response: { 200: resourceSchema } } },
    async (request, reply) => {
      const found = await resources.getResource(deps, actorOf(request), request.params.id);
      return reply.header('etag', `"${found.version}"`).send(found);
    },
  );

  r.patch(
    '/api/v1/resources/:id',
    {
      schema: {
        tags,
        summary: 'Edit a resource (coordinators, administrators); status retired retires it',
        description:
          'Send If-Match: "<version>" (or `version` in the body): a stale version is answered 412.',
        params: uuidParam,
        body: updateResourceBody,
        response: { 200: resourceSchema },
      },
    },
    async (request, reply) => {
      const ifMatch = request.headers['if-match'];
      const updated = await resources.updateResource(
        deps,
        actorOf(request),
        request.params.id,
        request.body,
        expectedVersion(typeof ifMatch === 'string' ? ifMatch : undefined, request.body.version),
        metaOf(request),
      );
      return reply.header('etag', `"${updated.version}"`).send(updated);
    },
  );

  r.post(
    '/api/v1/resources/:id/retire',
    {
      schema: {
        tags,
        summary: 'Retire a resource: kept in the records, takes no new bookings',
        params: uuidParam,
        response: { 200: resourceSchema },
      },
    },
    async (request) =>
      resources.setResourceStatus(deps, actorOf(request), request.params.id, 'retired', metaOf(request)),
  );
}
