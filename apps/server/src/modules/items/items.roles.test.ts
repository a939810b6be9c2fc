import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Who } from '../../test/factories';
import { createTestApp, type RequestArgs, request, type TestApp } from '../../test/server';

let t: TestApp;
let admin: Who, coordinator: Who, amina: Who, omar: Who, vic: Who;
beforeAll(async () => {
  t = await createTestApp();
  [admin, coordinator, amina, omar, vic] = await people(t, [
    'admin',
    'coordinator',
    'staff',
    'staff',
    'viewer',
  ]);
});
afterAll(() => t.close());

const req = (...args: RequestArgs) => request(t, ...args);

const meeting = {
  kind: 'event',
  title: 'Office-wide meeting',
  start: '2026-03-09T01:00:00Z',
  end: '2026-03-09T02:00:00Z',
  timeZone: 'Asia/Manila',
};

/** A shared calendar of `owner` that `members` may edit. */
async function sharedCalendar(owner: Who, members: Who[], permission = 'edit') {
  const cal = (await req(owner, 'POST', '/api/v1/calendars', { name: 'Office' })).json() as { id: string };
  for (const m of members)
    await req(owner, 'PUT', `/api/v1/calendars/${cal.id}/members/${m.user.id}`, { permission });
  return cal;
}

describe('viewers see but do not change', () => {
  it('answers 403 to every write of a viewer, and still lets them read and answer invitations', async () => {
    const cal = await sharedCalendar(coordinator, [vic], 'edit');
    const item = (await req(coordinator, 'POST', '/api/v1/items', { ...meeting, calendarId: cal.id })).json();
    const van = (
      await req(coordinator, 'POST', '/api/v1/resources', { name: 'Van', type: 'vehicle' })
    ).json();
    const writes: RequestArgs[] = [
      [vic, 'POST', '/api/v1/items', meeting],
      [vic, 'PATCH', `/api/v1/items/${item.id}`, { title: 'Mine now' }],
      [vic, 'DELETE', `/api/v1/items/${item.id}`],
      [
        vic,
        'POST',
        '/api/v1/bookings',
        { resourceId: van.id, start: meeting.start, end: meeting.end, purpose: 'Trip' },
      ],
      [vic, 'POST', `/api/v1/items/${item.id}/participants`, { userId: omar.user.id }],
      [vic, 'POST', '/api/v1/resources', { name: 'Bus', type: 'vehicle' }],
      [vic, 'POST', '/api/v1/calendars', { name: 'Mine' }],
    ];
    for (const [who, method, url, body] of writes) {
      const res = await req(who, method, url, body);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().code).toBe('auth.forbidden');
    }
    // Even with edit permission on the calendar, the item is unchanged.
    expect((await req(coordinator, 'GET', `/api/v1/items/${item.id}`)).json().title).toBe(meeting.title);
    expect((await req(vic, 'GET', `/api/v1/items/${item.id}`)).statusCode).toBe(200);
    await req(coordinator, 'POST', `/api/v1/items/${item.id}/participants`, { userId: vic.user.id });
    const rsvp = await req(vic, 'POST', `/api/v1/items/${item.id}/rsvp`, { status: 'going' });
    expect(rsvp.statusCode, rsvp.body).toBeLessThan(300);
  });
});

describe('who deletes an item', () => {
  it('an editor deletes what they organise, not what someone else organises; managers and admins do', async () => {
    const cal = await sharedCalendar(coordinator, [amina, omar]);
    const byOmar = (await req(omar, 'POST', '/api/v1/items', { ...meeting, calendarId: cal.id })).json();
    const res = await req(amina, 'DELETE', `/api/v1/items/${byOmar.id}`);
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.forbidden');
    expect((await req(amina, 'GET', `/api/v1/items/${byOmar.id}`)).statusCode).toBe(200);
    // She may still edit it (edit permission), but not take it away from everyone.
    expect((await req(amina, 'PATCH', `/api/v1/items/${byOmar.id}`, { location: 'Hall' })).statusCode).toBe(
      200,
    );
    const hers = (await req(amina, 'POST', '/api/v1/items', { ...meeting, calendarId: cal.id })).json();
    expect((await req(amina, 'DELETE', `/api/v1/items/${hers.id}`)).statusCode).toBe(204);
    // The calendar's owner manages it and deletes anything on it.
    expect((await req(coordinator, 'DELETE', `/api/v1/items/${byOmar.id}`)).statusCode).toBe(204);
  });

  it('an administrator takes down a public item on someone else’s calendar', async () => {
    const item = (await req(amina, 'POST', '/api/v1/items', { ...meeting, visibility: 'public' })).json();
    expect((await req(omar, 'DELETE', `/api/v1/items/${item.id}`)).statusCode).toBe(403);
    expect((await req(admin, 'DELETE', `/api/v1/items/${item.id}`)).statusCode).toBe(204);
    expect((await req(amina, 'GET', `/api/v1/items/${item.id}`)).statusCode).toBe(404);
  });
});
