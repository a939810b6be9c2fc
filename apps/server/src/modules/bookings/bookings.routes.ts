import {
  approveBody,
  bookingSchema,
  bulkApproveBody,
  bulkDecisionResponse,
  bulkRejectBody,
  createBookingBody,
  itemBookingsBody,
  itemBookingsResponse,
  listBookingsQuery,
  page,
  rejectBody,
  uuidParam,
} from '@kalendaryo/contract';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf, metaOf } from '../../http/auth';
import { bookItemOccurrences } from './bookings.series';
import * as bookings from './bookings.service';
import { type BookingAction, decideMany, transition } from './bookings.workflow';

const tags = ['bookings'];

const actions: { action: BookingAction; summary: string; body: z.ZodType | undefined }[] = [
  {
    action: 'approve',
    summary: 'Approve a pending booking (the resource’s approvers)',
    body: approveBody.nullish(),
  },
  {
    action: 'reject',
    summary: 'Reject a pending booking with a reason (the resource’s approvers)',
    body: rejectBody,
  },
  { action: 'cancel', summary: 'Cancel your pending or approved booking', body: approveBody.nullish() },
  { action: 'complete', summary: 'Mark an approved booking completed', body: undefined },
  { action: 'check-out', summary: 'Record that a vehicle or equipment left', body: undefined },
  { action: 'check-in', summary: 'Record that a vehicle or equipment came back', body: undefined },
];

export async function bookingsRoutes(app: FastifyInstance, deps: bookings.BookingDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/api/v1/bookings',
    {
      schema: {
        tags,
        summary: 'Request a booking: pending, or approved where the resource approves automatically',
        description:
          'An overlap with a pending or approved booking of the resource is 409 `booking.conflict` with ' +
          '`conflicts: [{id, start, end, status, requester?}]`. Rules: `booking.too_far_ahead`, ' +
          '`booking.too_long`, `booking.resource_unavailable`, `booking.invalid_time` (422).',
        body: createBookingBody,
        response: { 201: bookingSchema },
      },
    },
    async (request, reply) => {
      const created = await bookings.createBooking(deps, actorOf(request), request.body, metaOf(request));
      return reply.code(201).header('location', `/api/v1/bookings/${created.id}`).send(created);
    },
  );

  r.get(
    '/api/v1/bookings',
    {
      schema: {
        tags,
        summary: 'Bookings you may see, by start (yours and those you approve; all for coordinators)',
        querystring: listBookingsQuery,
        response: { 200: page(bookingSchema) },
      },
    },
    async (request) => bookings.listBookings(deps, actorOf(request), request.query),
  );

  r.get(
    '/api/v1/bookings/:id',
    { schema: { tags, params: uuidParam, response: { 200: bookingSchema } } },
    async (request) => bookings.getBooking(deps, actorOf(request), request.params.id),
  );

  for (const decision of ['approve', 'reject'] as const) {
    r.post(
      `/api/v1/bookings/${decision}`,
      {
        schema: {
          tags,
          summary: `${decision === 'approve' ? 'Approve' : 'Reject'} many bookings; each succeeds or fails on its own`,
          body: decision === 'approve' ? bulkApproveBody : bulkRejectBody,
          response: { 200: bulkDecisionResponse },
        },
      },
      async (request) => {
        const body = request.body as { ids: string[]; reason?: string | null };
        return decideMany(deps, actorOf(request), body.ids, decision, body.reason ?? null, metaOf(request));
      },
    );
  }

  for (const a of actions) {
    r.post(
      `/api/v1/bookings/:id/${a.action}`,
      {
        schema: {
          tags,
          summary: a.summary,
          params: uuidParam,
          ...(a.body ? { body: a.body } : {}),
          response: { 200: bookingSchema },
        },
      },
      async (request) => {
        const reason = (request.body as { reason?: string | null } | undefined)?.reason ?? null;
        return transition(deps, actorOf(request), request.params.id, a.action, reason, metaOf(request));
      },
    );
  }

  r.post(
    '/api/v1/items/:itemId/bookings',
    {
      schema: {
        tags,
        summary: 'Book a resource for every occurrence of an item within the horizon',
        description:
          'Without `skipConflicts`, a taken occurrence books nothing: 409 `booking.conflict` with ' +
          '`occurrences: [{occurrence, start, end, conflicts}]`. With it, the free occurrences are booked ' +
          'and the others reported. Later occurrences of a longer series are booked by the horizon job.',
        params: z.object({ itemId: z.uuid() }),
        body: itemBookingsBody,
        response: { 200: itemBookingsResponse, 201: itemBookingsResponse },
      },
    },
    async (request, reply) => {
      const { created, result } = await bookItemOccurrences(
        deps,
        actorOf(request),
        request.params.itemId,
        request.body,
        metaOf(request),
      );
      return reply.code(created ? 201 : 200).send(result);
    },
  );
}
