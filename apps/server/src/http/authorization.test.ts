import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Who } from '../test/factories';
import { createTestApp, type Method, request, type TestApp } from '../test/server';

/**
 * Who may call what, for every route the API documents. Each route has an entry, so a new route
 * fails this test until someone decides who may use it:
 * - `public`: reachable without signing in;
 * - `read`: a read, open to every role (objects the caller may not see are 404);
 * - `write`: a change, refused to viewers (403) whatever the object;
 * - `viewer`: a change viewers may make too (their own session and profile, answering an
 *   invitation, checking themselves in, a preview that changes nothing).
 */
type Access = 'public' | 'read' | 'write' | 'viewer';
const ROUTES: Record<string, Access> = {
  'POST /api/v1/auth/login': 'public',
  'POST /api/v1/auth/session': 'public',
  'DELETE /api/v1/auth/session': 'viewer',
  'POST /api/v1/auth/logout': 'viewer',
  'GET /api/v1/auth/me': 'read',
  'PATCH /api/v1/auth/me': 'viewer',
  'POST /api/v1/auth/password': 'viewer',
  'GET /api/v1/setup': 'public',
  'POST /api/v1/setup': 'public',
  'GET /api/v1/users': 'read',
  'POST /api/v1/users': 'write',
  'GET /api/v1/people': 'read',
  'GET /api/v1/users/{id}': 'read',
  'PATCH /api/v1/users/{id}': 'write',
  'POST /api/v1/users/{id}/deactivate': 'write',
  'POST /api/v1/users/{id}/activate': 'write',
  'GET /api/v1/calendars': 'read',
  'POST /api/v1/calendars': 'write',
  'GET /api/v1/calendars/{id}': 'read',
  'PATCH /api/v1/calendars/{id}': 'write',
  'DELETE /api/v1/calendars/{id}': 'write',
  'GET /api/v1/calendars/{id}/members': 'read',
  'PUT /api/v1/calendars/{id}/members/{userId}': 'write',
  'DELETE /api/v1/calendars/{id}/members/{userId}': 'write',
  'GET /api/v1/communities': 'read',
  'POST /api/v1/communities': 'write',
  'GET /api/v1/communities/{id}': 'read',
  'POST /api/v1/items': 'write',
  'GET /api/v1/items': 'read',
  'GET /api/v1/items/{id}': 'read',
  'GET /api/v1/items/{id}/conflicts': 'read',
  'PATCH /api/v1/items/{id}': 'write',
  'DELETE /api/v1/items/{id}': 'write',
  'GET /api/v1/calendar': 'read',
  'POST /api/v1/items/{id}/leave/approve': 'write',
  'POST /api/v1/items/{id}/leave/reject': 'write',
  'POST /api/v1/items/{id}/leave/cancel': 'write',
  'GET /api/v1/leave': 'read',
  'POST /api/v1/items/{id}/task/complete': 'write',
  'POST /api/v1/items/{id}/task/reassign': 'write',
  'GET /api/v1/freebusy': 'read',
  'POST /api/v1/recurrence/preview': 'viewer',
  'POST /api/v1/resources': 'write',
  'GET /api/v1/resources': 'read',
  'GET /api/v1/resources/{id}': 'read',
  'PATCH /api/v1/resources/{id}': 'write',
  'POST /api/v1/resources/{id}/retire': 'write',
  'GET /api/v1/resources/availability': 'read',
  'GET /api/v1/resources/free': 'read',
  'GET /api/v1/resources/utilisation': 'read',
  'POST /api/v1/bookings': 'write',
  'GET /api/v1/bookings': 'read',
  'GET /api/v1/bookings/{id}': 'read',
  'POST /api/v1/bookings/approve': 'write',
  'POST /api/v1/bookings/reject': 'write',
  'POST /api/v1/bookings/{id}/approve': 'write',
  'POST /api/v1/bookings/{id}/reject': 'write',
  'POST /api/v1/bookings/{id}/cancel': 'write',
  'POST /api/v1/bookings/{id}/complete': 'write',
  'POST /api/v1/bookings/{id}/check-out': 'write',
  'POST /api/v1/bookings/{id}/check-in': 'write',
  'POST /api/v1/items/{itemId}/bookings': 'write',
  'GET /api/v1/items/{itemId}/participants': 'read',
  'POST /api/v1/items/{itemId}/participants': 'write',
  'PATCH /api/v1/items/{itemId}/participants/{participantId}': 'write',
  'DELETE /api/v1/items/{itemId}/participants/{participantId}': 'write',
  'POST /api/v1/items/{itemId}/rsvp': 'viewer',
  'GET /api/v1/items/{itemId}/attendance-settings': 'read',
  'PATCH /api/v1/items/{itemId}/attendance-settings': 'write',
  'GET /api/v1/items/{itemId}/check-in-code': 'read',
  'GET /api/v1/items/{itemId}/check-in-code.svg': 'read',
  'GET /api/v1/items/{itemId}/check-in-code.png': 'read',
  'GET /api/v1/items/{itemId}/participants/{participantId}/code': 'read',
  'GET /api/v1/items/{itemId}/participants/{participantId}/code.svg': 'read',
  'GET /api/v1/items/{itemId}/participants/{participantId}/code.png': 'read',
  'POST /api/v1/attendance/check-in': 'viewer',
  'POST /api/v1/attendance/check-in/preview': 'viewer',
  'POST /api/v1/attendance/check-out': 'viewer',
  'POST /api/v1/items/{itemId}/participants/{participantId}/check-in': 'write',
  'POST /api/v1/items/{itemId}/participants/{participantId}/check-out': 'write',
  'GET /api/v1/items/{itemId}/attendance': 'read',
  'GET /api/v1/attendance/summary': 'read',
  'GET /api/v1/notifications': 'read',
  'GET /api/v1/notifications/unread-count': 'read',
  'GET /api/v1/notifications/stream': 'read',
  'POST /api/v1/notifications/{id}/read': 'viewer',
  'POST /api/v1/notifications/read-all': 'viewer',
  'GET /api/v1/preferences': 'read',
  'PATCH /api/v1/preferences': 'viewer',
  'GET /api/v1/admin/deliveries': 'read',
  // A person's own browsers: viewers get notifications too.
  'GET /api/v1/push/vapid-key': 'read',
  'POST /api/v1/push/subscriptions': 'viewer',
  'DELETE /api/v1/push/subscriptions/{id}': 'viewer',
};

let t: TestApp;
let owner: Who, stranger: Who, viewer: Who, viewMember: Who, editMember: Who, admin: Who;
let routes: { method: Method; path: string; key: string }[];
/** A private item on a shared calendar of `owner`, shared for view and for edit. */
let item: { id: string };
const NIL = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  [owner, stranger, viewer, viewMember, editMember, admin] = await people(t, [
    'coordinator',
    'staff',
    'viewer',
    'staff',
    'staff',
    'admin',
  ]);
  const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
    paths: Record<string, Record<string, unknown>>;
  };
  routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.keys(ops).map((m) => ({
      method: m.toUpperCase() as Method,
      path,
      key: `${m.toUpperCase()} ${path}`,
    })),
  );
  const cal = (await request(t, owner, 'POST', '/api/v1/calendars', { name: 'Team' })).json() as {
    id: string;
  };
  await request(t, owner, 'PUT', `/api/v1/calendars/${cal.id}/members/${viewMember.user.id}`, {
    permission: 'view',
  });
  await request(t, owner, 'PUT', `/api/v1/calendars/${cal.id}/members/${editMember.user.id}`, {
    permission: 'edit',
  });
  item = (
    await request(t, owner, 'POST', '/api/v1/items', {
      kind: 'event',
      title: 'Team planning',
      calendarId: cal.id,
      start: '2030-03-04T01:00:00Z',
      end: '2030-03-04T02:00:00Z',
      timeZone: 'Asia/Manila',
    })
  ).json();
});
afterAll(() => t.close());

/** The route's URL with its parameters filled: the shared item for items, a nil id elsewhere. */
const urlOf = (path: string) =>
  path
    .replace(/^\/api\/v1\/items\/\{(id|itemId)\}/, `/api/v1/items/${item.id}`)
    .replace(/\{[A-Za-z]+\}/g, NIL);

describe('the authorization matrix', () => {
  it('names every documented route, and only those', () => {
    const keys = routes.map((r) => r.key);
    expect(
      keys.filter((k) => !(k in ROUTES)),
      'routes without an entry',
    ).toEqual([]);
    expect(
      Object.keys(ROUTES).filter((k) => !keys.includes(k)),
      'entries without a route',
    ).toEqual([]);
  });

  it('asks for sign-in on every route that is not public (401)', async () => {
    for (const r of routes.filter((x) => ROUTES[x.key] !== 'public')) {
      const res = await t.app.inject({ method: r.method, url: urlOf(r.path) });
      expect(res.statusCode, r.key).toBe(401);
    }
  });

  it('refuses every write to a viewer (403), even on a calendar shared with them to edit', async () => {
    for (const r of routes.filter((x) => ROUTES[x.key] === 'write')) {
      const res = await request(t, viewer, r.method, urlOf(r.path), {});
      expect(res.statusCode, r.key).toBe(403);
      expect(res.json().code, r.key).toBe('auth.forbidden');
    }
  });

  it('does not refuse a viewer the reads and the writes that are theirs', async () => {
    // Signing out would end the session the rest of the test uses; the auth tests cover it.
    // The inbox stream never ends by itself (notifications.stream.test.ts opens it over real HTTP).
    const ends = new Set([
      'POST /api/v1/auth/logout',
      'DELETE /api/v1/auth/session',
      'GET /api/v1/notifications/stream',
    ]);
    const theirs = routes.filter(
      (x) => (ROUTES[x.key] === 'read' || ROUTES[x.key] === 'viewer') && !ends.has(x.key),
    );
    for (const r of theirs) {
      const res = await request(t, viewer, r.method, urlOf(r.path), r.method === 'GET' ? undefined : {});
      // Not the role rule: what they may not see is 404, a bad body 4xx, but never "viewers may not".
      expect(res.statusCode, r.key).not.toBe(401);
      expect(res.body, r.key).not.toMatch(/Viewers see the calendar/);
    }
  });

  it('hides an item from a stranger on every item route (404), whatever the action', async () => {
    const itemRoutes = routes.filter(
      (r) => /^\/api\/v1\/items\/\{(id|itemId)\}/.test(r.path) && !r.path.includes('{participantId}'),
    );
    expect(itemRoutes.length).toBeGreaterThan(10);
    for (const r of itemRoutes) {
      const res = await request(t, stranger, r.method, urlOf(r.path), r.method === 'GET' ? undefined : {});
      // A body the route cannot read is refused before the item is looked up (400/422).
      if (res.statusCode === 422 || res.statusCode === 400) continue;
      expect(res.statusCode, `${r.key}: ${res.body}`).toBe(404);
    }
  });

  it.each([
    // who, method, what, status
    ['view member', 'GET', '', 200],
    ['view member', 'PATCH', '', 403],
    ['view member', 'DELETE', '', 403],
    ['edit member', 'GET', '', 200],
    ['edit member', 'PATCH', '', 200],
    ['edit member', 'DELETE', '', 403], // someone else organises it
    ['stranger', 'GET', '', 404],
    ['stranger', 'PATCH', '', 404],
    ['owner', 'PATCH', '', 200],
    ['admin', 'GET', '', 200], // administrators manage shared calendars
    ['admin', 'DELETE', '', 204], // and take down what is on them
  ] as const)('the shared item: %s %s → %s', async (who, method, _what, status) => {
    const as = { 'view member': viewMember, 'edit member': editMember, stranger, admin, owner }[who];
    const res = await request(
      t,
      as,
      method as Method,
      `/api/v1/items/${item.id}`,
      method === 'PATCH' ? { location: `Room ${who}` } : undefined,
    );
    expect(res.statusCode, res.body).toBe(status);
  });
});
