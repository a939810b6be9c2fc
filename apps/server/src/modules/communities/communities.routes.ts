import { communitySchema, createCommunityBody, listQuery, page, uuidParam } from '@kalendaryo/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../../http/auth';
import type { ServiceDeps } from '../deps';
import * as communities from './communities.service';

const tags = ['communities'];

export async function communitiesRoutes(app: FastifyInstance, deps: ServiceDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/communities',
    {
      schema: {
        tags,
        querystring: listQuery.extend({ q: z.string().trim().max(200).optional() }),
        response: { 200: page(communitySchema) },
      },
    },
    async (request) => communities.listCommunities(deps, request.query),
  );
  r.post(
    '/api/v1/communities',
    {
      schema: {
        tags,
        summary: 'Register a community (coordinators, administrators)',
        body: createCommunityBody,
        response: { 201: communitySchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await communities.createCommunity(deps, actorOf(request), request.body)),
  );
  r.get(
    '/api/v1/communities/:id',
    { schema: { tags, params: uuidParam, response: { 200: communitySchema } } },
    async (request) => communities.getCommunity(deps, request.params.id),
  );
}
