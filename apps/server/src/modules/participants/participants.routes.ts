import {
  addParticipantBody,
  attendanceSettingsBody,
  attendanceSettingsSchema,
  itemIdParam,
  occurrenceQuery,
  participantListResponse,
  participantParams,
  participantSchema,
  participantWithConflictsSchema,
  rsvpBody,
  rsvpResponse,
  updateParticipantBody,
} from '@kalendaryo/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorOf, metaOf } from '../../http/auth';
import { itemConflicts } from '../items';
import * as participants from './participants.service';

const tags = ['participants'];

export async function participantsRoutes(
  app: FastifyInstance,
  deps: participants.ParticipantDeps & { now?: () => number },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const now = deps.now ?? Date.now;

  r.get(
    '/api/v1/items/:itemId/participants',
    {
      schema: {
        tags,
        summary: 'Participants of an item, with RSVP counts (for `occurrence` of a series)',
        params: itemIdParam,
        querystring: occurrenceQuery,
        response: { 200: participantListResponse },
      },
    },
    async (request) =>
      participants.listParticipants(deps, actorOf(request), request.params.itemId, request.query.occurrence),
  );

  r.post(
    '/api/v1/items/:itemId/participants',
    {
      schema: {
        tags,
        summary: 'Invite a user (`userId`) or a guest without an account (`guest`)',
        description:
          'A user already invited is 409 `participant.duplicate`. `conflicts` lists when the invited user is busy or on leave at the item’s time (a warning, never a refusal).',
        params: itemIdParam,
        body: addParticipantBody,
        response: { 201: participantWithConflictsSchema },
      },
    },
    async (request, reply) => {
      const p = await participants.addParticipant(
        deps,
        actorOf(request),
        request.params.itemId,
        request.body,
        metaOf(request),
      );
      const conflicts = p.userId ? await itemConflicts(deps.db, p.itemId, { userIds: [p.userId] }) : [];
      return reply
        .code(201)
        .header('location', `/api/v1/items/${p.itemId}/participants/${p.id}`)
        .send({ ...p, conflicts });
    },
  );

  r.patch(
    '/api/v1/items/:itemId/participants/:participantId',
    {
      schema: {
        tags,
        summary: 'Preparation needs (dietary, accessibility, transport): the participant or the organiser',
        params: participantParams,
        body: updateParticipantBody,
        response: { 200: participantSchema },
      },
    },
    async (request) =>
      participants.updateNeeds(
        deps,
        actorOf(request),
        request.params.itemId,
        request.params.participantId,
        request.body.needs,
      ),
  );

  r.delete(
    '/api/v1/items/:itemId/participants/:participantId',
    { schema: { tags, summary: 'Remove a participant (voids their badge)', params: participantParams } },
    async (request, reply) => {
      await participants.removeParticipant(
        deps,
        actorOf(request),
        request.params.itemId,
        request.params.participantId,
        metaOf(request),
      );
      return reply.code(204).send();
    },
  );

  r.post(
    '/api/v1/items/:itemId/rsvp',
    {
      schema: {
        tags,
        summary: 'Answer an invitation: for one occurrence, or without `occurrence` for all of them',
        description:
          'Only participants answer (403 `attendance.not_invited`). A specific answer overrides "all".',
        params: itemIdParam,
        body: rsvpBody,
        response: { 200: rsvpResponse },
      },
    },
    async (request) => participants.rsvp(deps, actorOf(request), request.params.itemId, request.body, now()),
  );

  r.get(
    '/api/v1/items/:itemId/attendance-settings',
    {
      schema: {
        tags,
        summary: 'Whether walk-ins may check in',
        params: itemIdParam,
        response: { 200: attendanceSettingsSchema },
      },
    },
    async (request) => participants.getAttendanceSettings(deps, actorOf(request), request.params.itemId),
  );

  r.patch(
    '/api/v1/items/:itemId/attendance-settings',
    {
      schema: {
        tags,
        summary:
          'Whether signed-in users who are not invited may check in as walk-ins (the organiser); ' +
          'who besides the organiser sees participants’ needs and contacts (`needsViewers`, only the organiser)',
        params: itemIdParam,
        body: attendanceSettingsBody,
        response: { 200: attendanceSettingsSchema },
      },
    },
    async (request) =>
      participants.setAttendanceSettings(deps, actorOf(request), request.params.itemId, request.body),
  );
}
