import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { buildApp } from '../../http/app';
import { createTestDb } from '../../test/db';
import { signedInUser, type Who } from '../../test/factories';
import { request, type TestApp } from '../../test/server';

/** The app on a fresh database with a clock the test moves. */
let now = new Date('2030-01-01T00:00:00Z');
let t: TestApp;
let owner: Who, member: Who, stranger: Who;
let calendarId: string;
const WEEK = 'start=2030-03-03T00:00:00Z&end=2030-03-10T00:00:00Z';
const BROWSER = { 'user-agent': 'Mozilla/5.0 (test)' };

beforeAll(async () => {
  const testDb = await createTestDb();
  const config = { ...loadConfig({}), passwordCost: 10 };
  const app = await buildApp({ db: testDb.db, config, logger: false, clock: () => now });
  await app.ready();
  t = {
    app,
    db: testDb.db,
    config,
    close: async () => {
      await app.close();
      await testDb.close();
    },
  };
  [owner, member, stranger] = await Promise.all([
    signedInUser(t.app, t.db, 'coordinator'),
    signedInUser(t.app, t.db, 'staff'),
    signedInUser(t.app, t.db, 'staff'),
  ]);
  calendarId = (
    await request(t, owner, 'POST', '/api/v1/calendars', { name: 'Outreach', color: '#be123c' })
  ).json().id;
  await request(t, owner, 'PUT', `/api/v1/calendars/${calendarId}/members/${member.user.id}`, {
    permission: 'view',
  });
  for (const [title, visibility] of [
    ['Barangay visit', 'default'],
    ['Medical appointment', 'private'],
  ] as const) {
    const res = await request(t, owner, 'POST', '/api/v1/items', {
      kind: 'event',
      calendarId,
      title,
      visibility,
      location: 'Cotabato',
      start: '2030-03-04T01:00:00Z',
      end: '2030-03-04T02:00:00Z',
      timeZone: 'Asia/Manila',
    });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(() => t.close());

const anonymous = (url: string, headers: Record<string, string> = BROWSER) =>
  t.app.inject({ method: 'GET', url, headers });

async function link(body: Record<string, unknown>) {
  const res = await request(t, owner, 'POST', `/api/v1/calendars/${calendarId}/links`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; url: string; token: string; views: number };
}

describe('share links', () => {
  it('open a read-only calendar without sign-in: name, colour, occurrences, private ones as busy', async () => {
    const l = await link({ access: 'view' });
    expect(l.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(l.url).toMatch(new RegExp(`/share/${l.token}$`));
    const open = await anonymous(`/api/v1/public/links/${l.token}`);
    expect(open.statusCode, open.body).toBe(200);
    expect(open.json()).toEqual({
      calendar: { name: 'Outreach', color: '#be123c' },
      access: 'view',
      showDetails: true,
    });
    const cal = await anonymous(`/api/v1/public/links/${l.token}/calendar?${WEEK}`);
    expect(cal.statusCode).toBe(200);
    const titles = cal
      .json()
      .occurrences.map((o: { title: string; location: string | null }) => [o.title, o.location]);
    expect(titles.sort()).toEqual([
      ['Barangay visit', 'Cotabato'],
      ['Busy', null],
    ]);
    const ics = await anonymous(`/api/v1/public/links/${l.token}/calendar.ics`);
    expect(ics.statusCode).toBe(200);
    expect(ics.body).toContain('SUMMARY:Barangay visit');
    expect(ics.body).toContain('SUMMARY:Busy');
    expect(ics.body).not.toContain('Medical');
    expect(ics.body).not.toContain('ORGANIZER');
  });

  it('show every item as busy without details', async () => {
    const l = await link({ access: 'view', showDetails: false });
    const cal = await anonymous(`/api/v1/public/links/${l.token}/calendar?${WEEK}`);
    expect(cal.json().occurrences.map((o: { title: string }) => o.title)).toEqual(['Busy', 'Busy']);
    expect(cal.body).not.toContain('Cotabato');
  });

  it('answer 404 with one body once expired, revoked or out of views, as for an unknown token', async () => {
    const unknown = await anonymous(`/api/v1/public/links/${'x'.repeat(43)}`);
    expect(unknown.statusCode).toBe(404);
    const dead = (res: { statusCode: number; json(): { code: string; title: string } }) => {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: unknown.json().code, title: unknown.json().title });
    };
    const expiring = await link({ access: 'view', expiresAt: '2030-01-02T00:00:00Z' });
    expect((await anonymous(`/api/v1/public/links/${expiring.token}`)).statusCode).toBe(200);
    now = new Date('2030-01-02T00:00:01Z');
    dead(await anonymous(`/api/v1/public/links/${expiring.token}`));
    dead(await anonymous(`/api/v1/public/links/${expiring.token}/calendar?${WEEK}`));

    const revoked = await link({ access: 'view' });
    expect((await anonymous(`/api/v1/public/links/${revoked.token}`)).statusCode).toBe(200);
    const del = await request(t, owner, 'DELETE', `/api/v1/calendars/${calendarId}/links/${revoked.id}`);
    expect(del.statusCode).toBe(204);
    dead(await anonymous(`/api/v1/public/links/${revoked.token}`));
    dead(await anonymous(`/api/v1/public/links/${revoked.token}/calendar.ics`));

    const twice = await link({ access: 'view', maxViews: 2 });
    expect((await anonymous(`/api/v1/public/links/${twice.token}`)).statusCode).toBe(200);
    expect((await anonymous(`/api/v1/public/links/${twice.token}`)).statusCode).toBe(200);
    // The page that spent the last view still loads its weeks; a new open is refused.
    expect((await anonymous(`/api/v1/public/links/${twice.token}/calendar?${WEEK}`)).statusCode).toBe(200);
    dead(await anonymous(`/api/v1/public/links/${twice.token}`));
    const listed = (await request(t, owner, 'GET', `/api/v1/calendars/${calendarId}/links`)).json().items;
    expect(listed.find((x: { id: string }) => x.id === twice.id)).toMatchObject({
      views: 2,
      maxViews: 2,
      live: false,
    });
    expect(listed.find((x: { id: string }) => x.id === revoked.id)).toBeUndefined();
  });

  it('log every use for the managers, with the address hashed, newest first', async () => {
    const l = await link({ access: 'view' });
    await anonymous(`/api/v1/public/links/${l.token}`);
    now = new Date(now.getTime() + 60_000);
    await request(t, member, 'GET', `/api/v1/public/links/${l.token}/calendar?${WEEK}`, undefined, BROWSER);
    const res = await request(
      t,
      owner,
      'GET',
      `/api/v1/calendars/${calendarId}/links/${l.id}/accesses?limit=1`,
    );
    expect(res.statusCode).toBe(200);
    const first = res.json();
    expect(first.items).toEqual([
      expect.objectContaining({ action: 'calendar', user: { id: member.user.id, name: member.user.name } }),
    ]);
    const rest = await request(
      t,
      owner,
      'GET',
      `/api/v1/calendars/${calendarId}/links/${l.id}/accesses?cursor=${first.nextCursor}`,
    );
    const older = rest.json().items;
    expect(older).toEqual([
      expect.objectContaining({ action: 'open', user: null, userAgent: 'Mozilla/5.0 (test)' }),
    ]);
    expect(older[0].addressHash).toMatch(/^[0-9a-f]{16}$/);
    expect(JSON.stringify([first, older])).not.toContain('127.0.0.1');
    // Managers only: a view member does not see the links or their log.
    expect((await request(t, member, 'GET', `/api/v1/calendars/${calendarId}/links`)).statusCode).toBe(403);
    expect(
      (await request(t, stranger, 'GET', `/api/v1/calendars/${calendarId}/links/${l.id}/accesses`))
        .statusCode,
    ).toBe(404);
  });

  it('an edit link needs sign-in and grants edit on that calendar to whoever accepts it', async () => {
    const l = await link({ access: 'edit' });
    const anon = await t.app.inject({ method: 'POST', url: `/api/v1/links/${l.token}/accept` });
    expect(anon.statusCode).toBe(401);
    // An edit link shows no calendar to anonymous readers.
    expect((await anonymous(`/api/v1/public/links/${l.token}/calendar?${WEEK}`)).statusCode).toBe(404);
    const ok = await request(t, stranger, 'POST', `/api/v1/links/${l.token}/accept`);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ calendarId, permission: 'edit' });
    const cal = await request(t, stranger, 'GET', `/api/v1/calendars/${calendarId}`);
    expect(cal.json().permission).toBe('edit');
    // A view link cannot be accepted for edit.
    const view = await link({ access: 'view' });
    expect((await request(t, member, 'POST', `/api/v1/links/${view.token}/accept`)).statusCode).toBe(404);
  });

  it('refuse links to all but managers and an expiry in the past', async () => {
    expect(
      (await request(t, member, 'POST', `/api/v1/calendars/${calendarId}/links`, { access: 'view' }))
        .statusCode,
    ).toBe(403);
    const past = await request(t, owner, 'POST', `/api/v1/calendars/${calendarId}/links`, {
      access: 'view',
      expiresAt: '2029-01-01T00:00:00Z',
    });
    expect(past.statusCode).toBe(422);
    expect(past.json().errors[0].field).toBe('expiresAt');
  });
});

describe('subscription feeds', () => {
  it('serve the calendar behind a secret URL with ETag, Last-Modified and 304, until revoked', async () => {
    const made = await request(t, member, 'POST', `/api/v1/calendars/${calendarId}/feed`);
    expect(made.statusCode, made.body).toBe(201);
    const { url, webcalUrl, token } = made.json();
    expect(webcalUrl).toBe(url.replace(/^http:/, 'webcal:'));
    const path = `/ics/${token}.ics`;
    const first = await anonymous(path, {});
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(first.body).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT15M');
    expect(first.body).toContain('X-PUBLISHED-TTL:PT15M');
    // The member only views the calendar: the private item is busy.
    expect(first.body).toContain('SUMMARY:Busy');
    const etag = String(first.headers.etag);
    const lastModified = String(first.headers['last-modified']);
    expect((await anonymous(path, { 'if-none-match': etag })).statusCode).toBe(304);
    expect((await anonymous(path, { 'if-modified-since': lastModified })).statusCode).toBe(304);
    // A change to the calendar changes the answer.
    await request(t, owner, 'POST', '/api/v1/items', {
      kind: 'event',
      calendarId,
      title: 'New visit',
      start: '2030-03-05T01:00:00Z',
      end: '2030-03-05T02:00:00Z',
      timeZone: 'Asia/Manila',
    });
    const changed = await anonymous(path, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.body).toContain('SUMMARY:New visit');
    // A new token kills the old URL; revoking kills the feed.
    const again = (await request(t, member, 'POST', `/api/v1/calendars/${calendarId}/feed`)).json();
    expect((await anonymous(path, {})).statusCode).toBe(404);
    expect((await anonymous(`/ics/${again.token}.ics`, {})).statusCode).toBe(200);
    expect((await request(t, member, 'GET', `/api/v1/calendars/${calendarId}/feed`)).json().token).toBeNull();
    expect((await request(t, member, 'DELETE', `/api/v1/calendars/${calendarId}/feed`)).statusCode).toBe(204);
    expect((await anonymous(`/ics/${again.token}.ics`, {})).statusCode).toBe(404);
  });

  it('stop when the user loses access to the calendar', async () => {
    const { token } = (await request(t, member, 'POST', `/api/v1/calendars/${calendarId}/feed`)).json();
    await request(t, owner, 'DELETE', `/api/v1/calendars/${calendarId}/members/${member.user.id}`);
    expect((await anonymous(`/ics/${token}.ics`, {})).statusCode).toBe(404);
  });
});

describe('the public routes', () => {
  it.each([`/api/v1/public/links/${'y'.repeat(43)}`, `/ics/${'y'.repeat(43)}.ics`])(
    'are rate limited per address (%s)',
    async (url) => {
      const statuses: number[] = [];
      for (let i = 0; i < 130 && !statuses.includes(429); i++)
        statuses.push((await t.app.inject({ method: 'GET', url, remoteAddress: '203.0.113.9' })).statusCode);
      expect(statuses.at(-1)).toBe(429);
      expect(new Set(statuses.slice(0, -1))).toEqual(new Set([404]));
      // Another address is not slowed down by the first one's guessing.
      expect((await t.app.inject({ method: 'GET', url, remoteAddress: '203.0.113.10' })).statusCode).toBe(
        404,
      );
    },
  );
});
