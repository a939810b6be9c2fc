import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Method, request, type TestApp } from '../test/server';
import {
  buildMatrixWorld,
  type Caller,
  type Need,
  type Obj,
  RELATIONS,
  type Relation,
  ROLES,
} from './authorization.fixtures';

/**
 * The authorization matrix by object: for each route that acts on an object, the status every
 * role gets in every relation to it (see `authorization.fixtures.ts`): 404 where they may not see
 * the object, 403 where they see it but may not do this, 2xx where they may. `authorization.test.ts`
 * checks that every documented route has an entry at all; this file checks what each answers.
 *
 * Rules the table follows: viewers are refused every write (403) except answering an invitation;
 * editing an item needs edit permission on its calendar; deleting an item someone else organises
 * needs manage permission there (administrators manage shared calendars); participants and
 * attendance are managed by editors, the organiser and coordinators who see the item; bookings
 * are seen by their requester, coordinators and administrators, and decided by approvers, never
 * by their requester; leave is decided by coordinators and administrators, never their own;
 * colleagues do not see others' pending leave and never change others' leave. Administrators
 * manage every shared calendar, so their view and edit columns read as manage.
 */
type Cells = readonly (number | null)[];
interface Row {
  route: string;
  needs: Need;
  /** The call uses its object up (deletes, decides, completes it): each cell meant to succeed gets a fresh one. */
  consumes?: boolean;
  call: (o: Obj, ids: { ben: string; van: string }) => [Method, string, unknown?, Record<string, string>?];
  expect: Record<Caller, Cells>;
}

const __ = null; // not a relation this object has (a viewer owns nothing; bookings are not on calendars)
const I = '/api/v1/items';
const ICS = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Matrix//EN',
  'BEGIN:VEVENT',
  'UID:matrix-import@example.org',
  'DTSTAMP:20300101T000000Z',
  'DTSTART:20300304T010000Z',
  'DTEND:20300304T020000Z',
  'SUMMARY:Imported',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

// biome-ignore format: the table reads as a grid
const TABLE: Row[] = [
  // Items: reading, editing, deleting, one occurrence of a series.
  { route: 'GET /api/v1/items/{id}', needs: 'event', call: (o) => ['GET', `${I}/${o.id}`],
    //           own  other view edit manage invited
    expect: { admin:       [200, 404, 200, 200, 200, 200],
              coordinator: [200, 404, 200, 200, 200, 200],
              staff:       [200, 404, 200, 200, 200, 200],
              viewer:      [ __, 404, 200, 200, 200, 200] } },
  { route: 'PATCH /api/v1/items/{id}', needs: 'event', call: (o) => ['PATCH', `${I}/${o.id}`, { location: 'Room 2' }],
    expect: { admin:       [200, 404, 200, 200, 200, 403],
              coordinator: [200, 404, 403, 200, 200, 403],
              staff:       [200, 404, 403, 200, 200, 403],
              viewer:      [ __, 403, 403, 403, 403, 403] } },
  { route: 'PATCH /api/v1/items/{id}?scope=this', needs: 'series',
    call: (o) => ['PATCH', `${I}/${o.id}?scope=this&occurrence=${o.occurrence}`, { location: 'Room 3' }],
    expect: { admin:       [200, 404, 200, 200, 200, 403],
              coordinator: [200, 404, 403, 200, 200, 403],
              staff:       [200, 404, 403, 200, 200, 403],
              viewer:      [ __, 403, 403, 403, 403, 403] } },
  { route: 'DELETE /api/v1/items/{id}', needs: 'event', consumes: true, call: (o) => ['DELETE', `${I}/${o.id}`],
    // Someone else organises it: an editor may not delete it, a manager may.
    expect: { admin:       [204, 404, 204, 204, 204, 403],
              coordinator: [204, 404, 403, 403, 204, 403],
              staff:       [204, 404, 403, 403, 204, 403],
              viewer:      [ __, 403, 403, 403, 403, 403] } },
  { route: 'POST /api/v1/items/{id}/restore', needs: 'deleted', consumes: true,
    call: (o) => ['POST', `${I}/${o.id}/restore`],
    // Whoever could have deleted it; to anyone else a deleted item does not exist.
    expect: { admin:       [200, 404, 200, 200, 200, 404],
              coordinator: [200, 404, 404, 404, 200, 404],
              staff:       [200, 404, 404, 404, 200, 404],
              viewer:      [ __, 403, 403, 403, 403, 403] } },
  { route: 'DELETE /api/v1/items/{id}?scope=this', needs: 'series', consumes: true,
    call: (o) => ['DELETE', `${I}/${o.id}?scope=this&occurrence=${o.occurrence}`],
    expect: { admin:       [204, 404, 204, 204, 204, 403],
              coordinator: [204, 404, 403, 403, 204, 403],
              staff:       [204, 404, 403, 403, 204, 403],
              viewer:      [ __, 403, 403, 403, 403, 403] } },
  { route: 'GET /api/v1/items/{id}/conflicts', needs: 'event', call: (o) => ['GET', `${I}/${o.id}/conflicts`],
    expect: { admin:       [200, 404, 200, 200, 200, 200],
              coordinator: [200, 404, 200, 200, 200, 200],
              staff:       [200, 404, 200, 200, 200, 200],
              viewer:      [ __, 404, 200, 200, 200, 200] } },

  // Reminders: one's own, for what one sees; viewers only where they take part.
  { route: 'GET /api/v1/items/{id}/reminders', needs: 'event', call: (o) => ['GET', `${I}/${o.id}/reminders`],
    expect: { admin:       [200, 404, 200, 200, 200, 200],
              coordinator: [200, 404, 200, 200, 200, 200],
              staff:       [200, 404, 200, 200, 200, 200],
              viewer:      [ __, 404, 200, 200, 200, 200] } },
  { route: 'PUT /api/v1/items/{id}/reminders', needs: 'event',
    call: (o) => ['PUT', `${I}/${o.id}/reminders`, { minutes: [30] }],
    expect: { admin:       [200, 404, 200, 200, 200, 200],
              coordinator: [200, 404, 200, 200, 200, 200],
              staff:       [200, 404, 200, 200, 200, 200],
              viewer:      [ __, 404, 403, 403, 403, 200] } },

  // Participants and answers. Coordinators manage the participants of what they see.
  { route: 'GET /api/v1/items/{itemId}/participants', needs: 'event', call: (o) => ['GET', `${I}/${o.id}/participants`],
    expect: { admin:       [200, 404, 200, 200, 200, 200],
              coordinator: [200, 404, 200, 200, 200, 200],
              staff:       [200, 404, 200, 200, 200, 200],
              viewer:      [ __, 404, 200, 200, 200, 200] } },
  { route: 'POST /api/v1/items/{itemId}/participants', needs: 'event',
    call: (o) => ['POST', `${I}/${o.id}/participants`, { guest: { name: 'Walk-in' } }],
    expect: { admin:       [201, 404, 201, 201, 201, 201],
              coordinator: [201, 404, 201, 201, 201, 201],
              staff:       [201, 404, 403, 201, 201, 403],
              viewer:      [ __, 403, 403, 403, 403, 403] } },
  { route: 'PATCH /api/v1/items/{itemId}/participants/{participantId}', needs: 'guest',
    // A guest's needs are the organiser's to see and change (and the guest's own).
    call: (o) => ['PATCH', `${I}/${o.itemId}/participants/${o.id}`, { needs: { dietary: 'Halal' } }],
    expect: { admin:       [200, 404, 403, 403, 403, 403],
              coordinator: [200, 404, 403, 403, 403, 403],
              staff:       [200, 404, 403, 403, 403, 403],
              viewer:      [ __, 403, 403, 403, 403, 403] } },
  { route: 'DELETE /api/v1/items/{itemId}/participants/{participantId}', needs: 'guest', consumes: true,
    call: (o) => ['DELETE', `${I}/${o.itemId}/participants/${o.id}`],
    expect: { admin:       [204, 404, 204, 204, 204, 204],
              coordinator: [204, 404, 204, 204, 204, 204],
              staff:       [204, 404, 403, 204, 204, 403],
              viewer:      [ __, 403, 403, 403, 403, 403] } },
  { route: 'POST /api/v1/items/{itemId}/rsvp', needs: 'event',
    // Only those invited answer, viewers too.
    call: (o) => ['POST', `${I}/${o.id}/rsvp`, { status: 'going' }],
    expect: { admin:       [403, 404, 403, 403, 403, 200],
              coordinator: [403, 404, 403, 403, 403, 200],
              staff:       [403, 404, 403, 403, 403, 200],
              viewer:      [ __, 404, 403, 403, 403, 200] } },

  // Attendance.
  { route: 'PATCH /api/v1/items/{itemId}/attendance-settings', needs: 'event',
    call: (o) => ['PATCH', `${I}/${o.id}/attendance-settings`, { allowWalkIns: true }],
    expect: { admin:       [200, 404, 200, 200, 200, 200],
              coordinator: [200, 404, 200, 200, 200, 200],
              staff:       [200, 404, 403, 200, 200, 403],
              viewer:      [ __, 403, 403, 403, 403, 403] } },
  { route: 'GET /api/v1/items/{itemId}/check-in-code', needs: 'event', call: (o) => ['GET', `${I}/${o.id}/check-in-code`],
    expect: { admin:       [200, 404, 200, 200, 200, 200],
              coordinator: [200, 404, 200, 200, 200, 200],
              staff:       [200, 404, 403, 200, 200, 403],
              viewer:      [ __, 404, 403, 403, 403, 403] } },
  { route: 'GET /api/v1/items/{itemId}/participants/{participantId}/code', needs: 'guest',
    // Someone else's badge does not exist for those who do not manage the item.
    call: (o) => ['GET', `${I}/${o.itemId}/participants/${o.id}/code`],
    expect: { admin:       [200, 404, 200, 200, 200, 200],
              coordinator: [200, 404, 200, 200, 200, 200],
              staff:       [200, 404, 404, 200, 200, 404],
              viewer:      [ __, 404, 404, 404, 404, 404] } },
  { route: 'POST /api/v1/items/{itemId}/participants/{participantId}/check-in', needs: 'guest', consumes: true,
    call: (o) => ['POST', `${I}/${o.itemId}/participants/${o.id}/check-in`, {}],
    expect: { admin:       [200, 404, 200, 200, 200, 200],
              coordinator: [200, 404, 200, 200, 200, 200],
              staff:       [200, 404, 403, 200, 200, 403],
              viewer:      [ __, 403, 403, 403, 403, 403] } },
  { route: 'GET /api/v1/items/{itemId}/attendance', needs: 'event', call: (o) => ['GET', `${I}/${o.id}/attendance`],
    expect: { admin:       [200, 404, 200, 200, 200, 200],
              coordinator: [200, 404, 200, 200, 200, 200],
              staff:       [200, 404, 403, 200, 200, 403],
              viewer:      [ __, 404, 403, 403, 403, 403] } },

  // Tasks: editors and the assignee complete them.
  { route: 'POST /api/v1/items/{id}/task/complete', needs: 'task', consumes: true,
    call: (o) => ['POST', `${I}/${o.id}/task/complete`, {}],
    expect: { admin:       [200, 404, 200, 200, 200, 404],
              coordinator: [200, 404, 403, 200, 200, 404],
              staff:       [200, 404, 403, 200, 200, 404],
              viewer:      [ __, 403, 403, 403, 403, 403] } },
  { route: 'POST /api/v1/items/{id}/task/reassign', needs: 'task',
    call: (o, p) => ['POST', `${I}/${o.id}/task/reassign`, { assigneeId: p.ben }],
    expect: { admin:       [200, 404, 200, 200, 200, 404],
              coordinator: [200, 404, 403, 200, 200, 404],
              staff:       [200, 404, 403, 200, 200, 404],
              viewer:      [ __, 403, 403, 403, 403, 403] } },

  // Leave (Ana's, pending): approvers decide others' leave wherever it is filed, never their own;
  // colleagues do not see pending leave at all.
  { route: 'POST /api/v1/items/{id}/leave/approve', needs: 'leave', consumes: true,
    call: (o) => ['POST', `${I}/${o.id}/leave/approve`, {}],
    expect: { admin:       [403, 200, 200, 200, 200, 200],
              coordinator: [403, 200, 200, 200, 200, 200],
              staff:       [403, 404, 404, 404, 404, 404],
              viewer:      [ __, 403, 403, 403, 403, 403] } },
  { route: 'POST /api/v1/items/{id}/leave/reject', needs: 'leave', consumes: true,
    call: (o) => ['POST', `${I}/${o.id}/leave/reject`, { reason: 'Audit week' }],
    expect: { admin:       [403, 200, 200, 200, 200, 200],
              coordinator: [403, 200, 200, 200, 200, 200],
              staff:       [403, 404, 404, 404, 404, 404],
              viewer:      [ __, 403, 403, 403, 403, 403] } },
  { route: 'POST /api/v1/items/{id}/leave/cancel', needs: 'leave', consumes: true,
    call: (o) => ['POST', `${I}/${o.id}/leave/cancel`, {}],
    expect: { admin:       [200, 200, 200, 200, 200, 200],
              coordinator: [200, 200, 200, 200, 200, 200],
              staff:       [200, 404, 404, 404, 404, 404],
              viewer:      [ __, 403, 403, 403, 403, 403] } },

  // Approved leave: colleagues see it ("On leave") but it stays the requester's to change.
  { route: 'GET /api/v1/items/{id} (approved leave)', needs: 'approved', call: (o) => ['GET', `${I}/${o.id}`],
    expect: { admin:       [200, 200, 200, 200, 200, 200],
              coordinator: [200, 200, 200, 200, 200, 200],
              staff:       [200, 404, 200, 200, 200, 404],
              viewer:      [ __, 404, 200, 200, 200, 404] } },
  { route: 'PATCH /api/v1/items/{id} (approved leave)', needs: 'approved',
    call: (o) => ['PATCH', `${I}/${o.id}`, { location: 'Marawi' }],
    expect: { admin:       [200, 403, 200, 200, 200, 403],
              coordinator: [200, 403, 403, 200, 200, 403],
              staff:       [200, 404, 403, 403, 403, 404],
              viewer:      [ __, 403, 403, 403, 403, 403] } },
  { route: 'DELETE /api/v1/items/{id} (approved leave)', needs: 'approved', consumes: true,
    call: (o) => ['DELETE', `${I}/${o.id}`],
    expect: { admin:       [204, 403, 204, 204, 204, 403],
              coordinator: [204, 403, 403, 403, 204, 403],
              staff:       [204, 404, 403, 403, 403, 404],
              viewer:      [ __, 403, 403, 403, 403, 403] } },

  // Bookings are not on calendars: their requester, coordinators and administrators see them.
  { route: 'GET /api/v1/bookings/{id}', needs: 'booking', call: (o) => ['GET', `/api/v1/bookings/${o.id}`],
    expect: { admin:       [200, 200, __, __, __, __],
              coordinator: [200, 200, __, __, __, __],
              staff:       [200, 404, __, __, __, __],
              viewer:      [ __, 404, __, __, __, __] } },
  { route: 'POST /api/v1/bookings/{id}/approve', needs: 'booking', consumes: true,
    call: (o) => ['POST', `/api/v1/bookings/${o.id}/approve`, {}],
    expect: { admin:       [403, 200, __, __, __, __],
              coordinator: [403, 200, __, __, __, __],
              staff:       [403, 404, __, __, __, __],
              viewer:      [ __, 403, __, __, __, __] } },
  { route: 'POST /api/v1/bookings/{id}/reject', needs: 'booking', consumes: true,
    call: (o) => ['POST', `/api/v1/bookings/${o.id}/reject`, { reason: 'Van in repair' }],
    expect: { admin:       [200, 200, __, __, __, __],
              coordinator: [200, 200, __, __, __, __],
              staff:       [403, 404, __, __, __, __],
              viewer:      [ __, 403, __, __, __, __] } },
  { route: 'POST /api/v1/bookings/{id}/cancel', needs: 'booking', consumes: true,
    call: (o) => ['POST', `/api/v1/bookings/${o.id}/cancel`, {}],
    expect: { admin:       [200, 200, __, __, __, __],
              coordinator: [200, 403, __, __, __, __],
              staff:       [200, 404, __, __, __, __],
              viewer:      [ __, 403, __, __, __, __] } },
  { route: 'POST /api/v1/bookings/{id}/complete', needs: 'started', consumes: true,
    call: (o) => ['POST', `/api/v1/bookings/${o.id}/complete`, {}],
    expect: { admin:       [200, 200, __, __, __, __],
              coordinator: [200, 200, __, __, __, __],
              staff:       [200, 404, __, __, __, __],
              viewer:      [ __, 403, __, __, __, __] } },
  { route: 'POST /api/v1/bookings/{id}/check-out', needs: 'started', consumes: true,
    call: (o) => ['POST', `/api/v1/bookings/${o.id}/check-out`, {}],
    expect: { admin:       [200, 200, __, __, __, __],
              coordinator: [200, 200, __, __, __, __],
              staff:       [200, 404, __, __, __, __],
              viewer:      [ __, 403, __, __, __, __] } },
  { route: 'POST /api/v1/bookings/{id}/check-in', needs: 'out', consumes: true,
    call: (o) => ['POST', `/api/v1/bookings/${o.id}/check-in`, {}],
    expect: { admin:       [200, 200, __, __, __, __],
              coordinator: [200, 200, __, __, __, __],
              staff:       [200, 404, __, __, __, __],
              viewer:      [ __, 403, __, __, __, __] } },

  { route: 'POST /api/v1/items/{itemId}/bookings', needs: 'event',
    // Whoever sees an item may ask for a room or vehicle for it (the request is theirs, approvers
    // decide it). The event is beyond the booking horizon, so nothing is booked and calls repeat.
    call: (o, p) => ['POST', `${I}/${o.id}/bookings`, { resourceId: p.van, purpose: 'Trip' }],
    expect: { admin:       [200, 404, 200, 200, 200, 200],
              coordinator: [200, 404, 200, 200, 200, 200],
              staff:       [200, 404, 200, 200, 200, 200],
              viewer:      [ __, 403, 403, 403, 403, 403] } },

  // Calendars and their members: "own" is the caller's personal calendar (never deleted).
  { route: 'POST /api/v1/items (on the calendar)', needs: 'calendar',
    call: (o) => ['POST', I, { kind: 'event', title: 'Visit', calendarId: o.id,
      start: '2030-04-01T01:00:00Z', end: '2030-04-01T02:00:00Z', timeZone: 'Asia/Manila' }],
    expect: { admin:       [201, 404, 201, 201, 201, 404],
              coordinator: [201, 404, 403, 201, 201, 404],
              staff:       [201, 404, 403, 201, 201, 404],
              viewer:      [403, 403, 403, 403, 403, 403] } },
  { route: 'GET /api/v1/calendars/{id}', needs: 'calendar', call: (o) => ['GET', `/api/v1/calendars/${o.id}`],
    expect: { admin:       [200, 404, 200, 200, 200, 404],
              coordinator: [200, 404, 200, 200, 200, 404],
              staff:       [200, 404, 200, 200, 200, 404],
              viewer:      [200, 404, 200, 200, 200, 404] } },
  { route: 'PATCH /api/v1/calendars/{id}', needs: 'calendar',
    call: (o) => ['PATCH', `/api/v1/calendars/${o.id}`, { description: 'Plans' }],
    expect: { admin:       [200, 404, 200, 200, 200, 404],
              coordinator: [200, 404, 403, 403, 200, 404],
              staff:       [200, 404, 403, 403, 200, 404],
              viewer:      [403, 403, 403, 403, 403, 403] } },
  { route: 'DELETE /api/v1/calendars/{id}', needs: 'calendar', consumes: true,
    call: (o) => ['DELETE', `/api/v1/calendars/${o.id}`],
    expect: { admin:       [409, 404, 204, 204, 204, 404],
              coordinator: [409, 404, 403, 403, 204, 404],
              staff:       [409, 404, 403, 403, 204, 404],
              viewer:      [403, 403, 403, 403, 403, 403] } },
  { route: 'GET /api/v1/calendars/{id}/members', needs: 'calendar', call: (o) => ['GET', `/api/v1/calendars/${o.id}/members`],
    expect: { admin:       [200, 404, 200, 200, 200, 404],
              coordinator: [200, 404, 200, 200, 200, 404],
              staff:       [200, 404, 200, 200, 200, 404],
              viewer:      [200, 404, 200, 200, 200, 404] } },
  { route: 'PUT /api/v1/calendars/{id}/members/{userId}', needs: 'calendar',
    call: (o, p) => ['PUT', `/api/v1/calendars/${o.id}/members/${p.ben}`, { permission: 'view' }],
    expect: { admin:       [200, 404, 200, 200, 200, 404],
              coordinator: [200, 404, 403, 403, 200, 404],
              staff:       [200, 404, 403, 403, 200, 404],
              viewer:      [403, 403, 403, 403, 403, 403] } },
  { route: 'DELETE /api/v1/calendars/{id}/members/{userId}', needs: 'calendar',
    call: (o, p) => ['DELETE', `/api/v1/calendars/${o.id}/members/${p.ben}`],
    expect: { admin:       [204, 404, 204, 204, 204, 404],
              coordinator: [204, 404, 403, 403, 204, 404],
              staff:       [204, 404, 403, 403, 204, 404],
              viewer:      [403, 403, 403, 403, 403, 403] } },
  // Export, your own subscription feed, share links (links are the managers').
  { route: 'GET /api/v1/calendars/{id}/calendar.ics', needs: 'calendar',
    call: (o) => ['GET', `/api/v1/calendars/${o.id}/calendar.ics`],
    expect: { admin:       [200, 404, 200, 200, 200, 404],
              coordinator: [200, 404, 200, 200, 200, 404],
              staff:       [200, 404, 200, 200, 200, 404],
              viewer:      [200, 404, 200, 200, 200, 404] } },
  { route: 'POST /api/v1/calendars/{id}/feed', needs: 'calendar', call: (o) => ['POST', `/api/v1/calendars/${o.id}/feed`],
    expect: { admin:       [201, 404, 201, 201, 201, 404],
              coordinator: [201, 404, 201, 201, 201, 404],
              staff:       [201, 404, 201, 201, 201, 404],
              viewer:      [201, 404, 201, 201, 201, 404] } },
  // Once made (the row above), your feed is there to read; before, GET is 404 calendar_feed.not_found.
  { route: 'GET /api/v1/calendars/{id}/feed', needs: 'calendar', call: (o) => ['GET', `/api/v1/calendars/${o.id}/feed`],
    expect: { admin:       [200, 404, 200, 200, 200, 404],
              coordinator: [200, 404, 200, 200, 200, 404],
              staff:       [200, 404, 200, 200, 200, 404],
              viewer:      [200, 404, 200, 200, 200, 404] } },
  { route: 'DELETE /api/v1/calendars/{id}/feed', needs: 'calendar', call: (o) => ['DELETE', `/api/v1/calendars/${o.id}/feed`],
    expect: { admin:       [204, 404, 204, 204, 204, 404],
              coordinator: [204, 404, 204, 204, 204, 404],
              staff:       [204, 404, 204, 204, 204, 404],
              viewer:      [204, 404, 204, 204, 204, 404] } },
  { route: 'POST /api/v1/calendars/{id}/links', needs: 'calendar',
    call: (o) => ['POST', `/api/v1/calendars/${o.id}/links`, { access: 'view' }],
    expect: { admin:       [201, 404, 201, 201, 201, 404],
              coordinator: [201, 404, 403, 403, 201, 404],
              staff:       [201, 404, 403, 403, 201, 404],
              viewer:      [403, 403, 403, 403, 403, 403] } },
  { route: 'GET /api/v1/calendars/{id}/links', needs: 'calendar', call: (o) => ['GET', `/api/v1/calendars/${o.id}/links`],
    expect: { admin:       [200, 404, 200, 200, 200, 404],
              coordinator: [200, 404, 403, 403, 200, 404],
              staff:       [200, 404, 403, 403, 200, 404],
              viewer:      [200, 404, 403, 403, 200, 404] } },
  { route: 'POST /api/v1/calendars/{id}/import', needs: 'calendar',
    // Importing writes items: edit permission on the calendar (dry run, so nothing stays).
    call: (o) => ['POST', `/api/v1/calendars/${o.id}/import?dryRun=true`, ICS, { 'content-type': 'text/calendar' }],
    expect: { admin:       [200, 404, 200, 200, 200, 404],
              coordinator: [200, 404, 403, 200, 200, 404],
              staff:       [200, 404, 403, 200, 200, 404],
              viewer:      [403, 403, 403, 403, 403, 403] } },
];

/**
 * Routes on one object that the table leaves to other tests: the same service as a row in
 * another format, or checked per item kind in their module's tests.
 */
const ELSEWHERE = new Set([
  // One share link of a calendar: its managers revoke it and read its log (sharing.links.test.ts).
  'DELETE /api/v1/calendars/{id}/links/{linkId}',
  'GET /api/v1/calendars/{id}/links/{linkId}/accesses',
  'GET /api/v1/items/{itemId}/check-in-code.svg',
  'GET /api/v1/items/{itemId}/check-in-code.png',
  'GET /api/v1/items/{itemId}/participants/{participantId}/code.svg',
  'GET /api/v1/items/{itemId}/participants/{participantId}/code.png',
  'GET /api/v1/items/{itemId}/attendance-settings',
  'POST /api/v1/items/{itemId}/participants/{participantId}/check-out',
]);

/** Routes whose object is an item, a booking or a calendar (users and resources go by role alone). */
const ON_OBJECTS = /^[A-Z]+ \/api\/v1\/(items|bookings|calendars)\/\{/;

let t: TestApp;
let world: Awaited<ReturnType<typeof buildMatrixWorld>>;
beforeAll(async () => {
  t = await createTestApp();
  world = await buildMatrixWorld(t);
}, 120_000);
afterAll(() => t.close());

/** A row of the table as one line, so that a difference reads as a line of the grid. */
const line = (cells: Cells) => cells.map((c) => (c === null ? ' --' : String(c))).join(' ');
const grid = (m: Record<Caller, Cells>) => ROLES.map((r) => `${r.padEnd(11)} ${line(m[r])}`);

/** What each role gets in each relation, in the table's shape. */
async function actual(row: Row): Promise<Record<Caller, Cells>> {
  const out = {} as Record<Caller, (number | null)[]>;
  for (const role of ROLES) {
    out[role] = [];
    for (const [i, rel] of RELATIONS.entries()) {
      const want = row.expect[role][i] ?? null;
      if (want === null) {
        out[role].push(null);
        continue;
      }
      // A call refused as expected changes nothing, so it may use the shared object.
      const fresh = row.consumes === true && want < 300;
      const obj = await world.object(row.needs, rel as Relation, role, fresh);
      const [method, url, body, headers] = row.call(obj, { ben: world.ben.user.id, van: world.van });
      const res = await request(
        t,
        world.callers[role],
        method,
        url,
        method === 'GET' ? undefined : (body ?? {}),
        headers,
      );
      out[role].push(res.statusCode);
    }
  }
  return out;
}

/** The documented route of a table row (its query left out). */
const documented = (route: string) => route.replace(/( \(|\?).*$/, '');

describe('the authorization matrix by object', () => {
  it('has a row for every documented route that acts on one object', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    const keys = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const rows = new Set(TABLE.map((r) => documented(r.route)));
    expect(
      [...rows].filter((k) => !keys.includes(k)),
      'rows without a route',
    ).toEqual([]);
    expect(
      keys.filter((k) => ON_OBJECTS.test(k) && !rows.has(k) && !ELSEWHERE.has(k)),
      'routes on one object without a row',
    ).toEqual([]);
  });

  it.each(TABLE.map((r) => [r.route, r] as const))(
    '%s',
    async (_name, row) => {
      expect(grid(await actual(row))).toEqual(grid(row.expect));
    },
    60_000,
  );
});
