import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Who } from '../../test/factories';
import { createTestApp, request, type TestApp } from '../../test/server';

let t: TestApp;
let owner: Who, invited: Who, editor: Who, viewerInvited: Who, viewerMember: Who, stranger: Who;
let item: { id: string };
const NIL = '00000000-0000-4000-8000-000000000000';

beforeAll(async () => {
  t = await createTestApp();
  [owner, invited, editor, viewerInvited, viewerMember, stranger] = await people(t, [
    'coordinator',
    'staff',
    'staff',
    'viewer',
    'viewer',
    'staff',
  ]);
  const created = await request(t, owner, 'POST', '/api/v1/calendars', { name: 'Field team' });
  expect(created.statusCode, created.body).toBe(201);
  const cal = created.json() as { id: string };
  await request(t, owner, 'PUT', `/api/v1/calendars/${cal.id}/members/${editor.user.id}`, {
    permission: 'edit',
  });
  await request(t, owner, 'PUT', `/api/v1/calendars/${cal.id}/members/${viewerMember.user.id}`, {
    permission: 'view',
  });
  const res = await request(t, owner, 'POST', '/api/v1/items', {
    kind: 'event',
    title: 'Site visit',
    calendarId: cal.id,
    start: '2030-09-03T01:00:00Z',
    end: '2030-09-03T03:00:00Z',
    timeZone: 'Asia/Manila',
    reminders: [60, 10, 60],
  });
  expect(res.statusCode, res.body).toBe(201);
  item = res.json();
  for (const who of [invited, viewerInvited])
    await request(t, owner, 'POST', `/api/v1/items/${item.id}/participants`, { userId: who.user.id });
});
afterAll(() => t.close());

const url = (id = item.id) => `/api/v1/items/${id}/reminders`;
const get = async (who: Who, id?: string) => request(t, who, 'GET', url(id));

describe('own reminders of an item', () => {
  it('keeps what the creator gave on POST /items, sorted and without repeats', async () => {
    expect((await get(owner)).json()).toEqual({ minutes: [10, 60], usesDefaults: false });
  });

  it('answers others’ defaults until they set their own, and follows their preferences', async () => {
    expect((await get(invited)).json()).toEqual({ minutes: [15], usesDefaults: true });
    await request(t, invited, 'PATCH', '/api/v1/preferences', { defaultReminders: [30, 1440] });
    expect((await get(invited)).json()).toEqual({ minutes: [30, 1440], usesDefaults: true });
  });

  it('lets each person who sees the item set their own, without touching anyone else’s', async () => {
    for (const [who, minutes] of [
      [invited, [5]],
      [editor, []],
      [viewerInvited, [0, 120]],
    ] as const) {
      const res = await request(t, who, 'PUT', url(), { minutes });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ minutes, usesDefaults: false });
      expect((await get(who)).json()).toEqual({ minutes, usesDefaults: false });
    }
    expect((await get(owner)).json()).toEqual({ minutes: [10, 60], usesDefaults: false });
  });

  it('sets the editor’s own reminders on PATCH /items, without changing the item', async () => {
    const version = (await request(t, owner, 'GET', `/api/v1/items/${item.id}`)).json().version;
    const res = await request(t, editor, 'PATCH', `/api/v1/items/${item.id}`, { reminders: [1440, 30] });
    expect(res.statusCode, res.body).toBe(200);
    // The item itself did not change: same version, nothing to tell its people.
    expect(res.json().version).toBe(version);
    expect((await get(editor)).json()).toEqual({ minutes: [30, 1440], usesDefaults: false });
    expect((await get(owner)).json()).toEqual({ minutes: [10, 60], usesDefaults: false });
  });

  it('refuses a viewer who only sees the calendar (403), and hides the item from strangers (404)', async () => {
    const res = await request(t, viewerMember, 'PUT', url(), { minutes: [15] });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('auth.forbidden');
    expect((await get(viewerMember)).statusCode).toBe(200);
    for (const r of [await get(stranger), await request(t, stranger, 'PUT', url(), { minutes: [15] })]) {
      expect(r.statusCode).toBe(404);
      expect(r.json().code).toBe('item.not_found');
    }
    expect((await request(t, owner, 'PUT', url(NIL), { minutes: [15] })).statusCode).toBe(404);
  });

  it('refuses bad minutes with 422 and changes nothing', async () => {
    for (const minutes of [[1, 2, 3, 4, 5, 6], [-1], [40_321], [1.5]]) {
      const res = await request(t, invited, 'PUT', url(), { minutes });
      expect(res.statusCode, JSON.stringify(minutes)).toBe(422);
    }
    const bad = await request(t, owner, 'PATCH', `/api/v1/items/${item.id}`, {
      title: 'Renamed',
      reminders: [-5],
    });
    expect(bad.statusCode).toBe(422);
    expect((await get(invited)).json()).toEqual({ minutes: [5], usesDefaults: false });
    expect((await request(t, owner, 'GET', `/api/v1/items/${item.id}`)).json().title).toBe('Site visit');
  });
});
