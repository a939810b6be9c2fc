import {
  createUserBody,
  listPeopleQuery,
  listUsersQuery,
  page,
  personSchema,
  updateUserBody,
  userSchema,
  uuidParam,
} from '@kalendaryo/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, metaOf } from '../../http/auth';
import type { ServiceDeps } from '../deps';
import * as users from './users.service';

const tags = ['users'];

export async function usersRoutes(app: FastifyInstance, deps: ServiceDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'List users (administrators)',
        querystring: listUsersQuery,
        response: { 200: page(userSchema) },
      },
    },
    async (request) => users.listUsers(deps, actorOf(request), request.query),
  );

  r.get(
    '/api/v1/people',
    {
      schema: {
        tags,
        summary: 'Active colleagues (any signed-in user), for assignees and participants',
        querystring: listPeopleQuery,
        response: { 200: page(personSchema) },
      },
    },
    async (request) => {
      actorOf(request);
      return users.listPeople(deps, request.query);
    },
  );

  r.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Create a user (administrators)',
        body: createUserBody,
        response: { 201: userSchema },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await users.createUser(deps, actorOf(request), request.body, metaOf(request))),
  );

  r.get(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: 'One user (administrators, or yourself)',
        params: uuidParam,
        response: { 200: userSchema },
      },
    },
    async (request) => users.getUser(deps, actorOf(request), request.params.id),
  );

  r.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: 'Change a user’s name or role',
        params: uuidParam,
        body: updateUserBody,
        response: { 200: userSchema },
      },
    },
    async (request) =>
      users.updateUser(deps, actorOf(request), request.params.id, request.body, metaOf(request)),
  );

  r.post(
    '/api/v1/users/:id/deactivate',
    {
      schema: {
        tags,
        summary: 'Deactivate a user: their sessions and tokens stop working at once',
        params: uuidParam,
        response: { 200: userSchema },
      },
    },
    async (request) =>
      users.updateUser(deps, actorOf(request), request.params.id, { active: false }, metaOf(request)),
  );

  r.post(
    '/api/v1/users/:id/activate',
    { schema: { tags, summary: 'Reactivate a user', params: uuidParam, response: { 200: userSchema } } },
    async (request) =>
      users.updateUser(deps, actorOf(request), request.params.id, { active: true }, metaOf(request)),
  );
}
