import {
  availabilityQuery,
  availabilityResponse,
  freeResourcesQuery,
  page,
  resourceSchema,
  utilisationQuery,
  utilisationResponse,
} from '@kalendaryo/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf } from '../../http/auth';
import type { ServiceDeps } from '../deps';
import { availability, freeResources, utilisation } from './bookings.availability';

const tags = ['resources'];

/** Availability of resources: busy and free times, free-resource search, utilisation heatmap. */
export async function availabilityRoutes(app: FastifyInstance, deps: Pick<ServiceDeps, 'db'>) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/resources/availability',
    {
      schema: {
        tags,
        summary: 'Per resource, its pending and approved bookings and free slots in [start, end)',
        querystring: availabilityQuery,
        response: { 200: availabilityResponse },
      },
    },
    async (request) => {
      actorOf(request);
      return availability(deps.db, request.query);
    },
  );
  r.get(
    '/api/v1/resources/free',
    {
      schema: {
        tags,
        summary:
          'Resources free for all of [start, end) that their rules let you book (e.g. a vehicle for a trip)',
        querystring: freeResourcesQuery,
        response: { 200: page(resourceSchema) },
      },
    },
    async (request) => freeResources(deps.db, actorOf(request), request.query),
  );
  r.get(
    '/api/v1/resources/utilisation',
    {
      schema: {
        tags,
        summary:
          'Per resource and day, the fraction booked (approved or completed) and pending: heatmap data',
        querystring: utilisationQuery,
        response: { 200: utilisationResponse },
      },
    },
    async (request) => utilisation(deps.db, actorOf(request), request.query),
  );
}
