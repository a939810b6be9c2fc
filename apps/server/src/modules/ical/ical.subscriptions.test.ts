import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Calendar, Subscription } from '@kalendaryo/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser, people, type Who } from '../../test/factories';
import { createTestApp, request, type TestApp } from '../../test/server';
import { fixture } from './ical.import.fixtures';
import { refreshDueSubscriptions } from './ical.subscriptions';
import { downloadCalendar, isPrivateAddress } from './ical.subscriptions.fetch';

/** A partner's calendar server: serves `body` with an ETag and answers 304 to If-None-Match. */
let body = '';
let etag = '"v1"';
let hits: { ifNoneMatch: string | undefined; status: number }[] = [];
let partner: Server;
let base: string;

let t: TestApp;
let coordinator: Who;
let staff: Who;

const subscribe = (url: string, who = coordinator) =>
  request(t, who, 'POST', '/api/v1/calendars/subscriptions', {
    url,
    name: 'Partner holidays',
    color: '#aa3300',
  });

beforeAll(async () => {
  partner = createServer((req, res) => {
    if (req.url === '/redirect') {
      res.writeHead(302, { location: '/partner.ics' }).end();
      return;
    }
    if (req.url === '/silent.ics') return; // never answers
    if (req.url === '/missing.ics') {
      hits.push({ ifNoneMatch: req.headers['if-none-match'], status: 404 });
      res.writeHead(404).end('no');
      return;
    }
    const status = req.headers['if-none-match'] === etag ? 304 : 200;
    hits.push({ ifNoneMatch: req.headers['if-none-match'], status });
    if (status === 304) res.writeHead(304).end();
    else res.writeHead(200, { 'content-type': 'text/calendar', etag }).end(body);
  });
  await new Promise<void>((resolve) => partner.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(partner.address() as AddressInfo).port}`;
  t = await createTestApp({ subscriptionsAllowPrivate: true });
  [coordinator, staff] = await people(t, ['coordinator', 'staff']);
});
afterAll(async () => {
  await t?.close();
  await new Promise((resolve) => partner?.close(resolve));
});

const itemsOf = async (calendarId: string) =>
  (
    await t.db.query<{ id: string; title: string }>(
      'select id, title from items where calendar_id = $1 order by title',
      [calendarId],
    )
  ).rows;

describe('subscribing to a calendar by URL', () => {
  it('creates a read-only calendar filled from the address, refreshed with ETag and showing its last refresh', async () => {
    body = fixture('apple-icloud.ics');
    hits = [];
    const res = await subscribe(`${base}/partner.ics`);
    expect(res.statusCode, res.body).toBe(201);
    const sub = res.json() as Subscription;
    expect(sub).toMatchObject({ name: 'Partner holidays', color: '#aa3300', lastError: null });
    expect(sub.lastSuccessAt).not.toBeNull();
    expect(await itemsOf(sub.calendarId)).toHaveLength(3);

    // Unchanged at the source: a conditional request, answered 304.
    const again = await request(t, coordinator, 'POST', `/api/v1/calendars/subscriptions/${sub.id}/refresh`);
    expect(again.statusCode).toBe(200);
    expect(hits.at(-1)).toEqual({ ifNoneMatch: '"v1"', status: 304 });

    // Changed at the source: an event goes, one is renamed.
    etag = '"v2"';
    body = fixture('apple-icloud.ics')
      .replace('SUMMARY:Month-end report', 'SUMMARY:Month-end report (new)')
      .replace(/BEGIN:VEVENT\r\nUID:F00DCAFE[\s\S]*?END:VEVENT\r\n/, '');
    await request(t, coordinator, 'POST', `/api/v1/calendars/subscriptions/${sub.id}/refresh`);
    expect((await itemsOf(sub.calendarId)).map((i) => i.title)).toEqual([
      'Family day 👪',
      'Month-end report (new)',
    ]);

    const shown = (await request(t, coordinator, 'GET', `/api/v1/calendars/subscriptions/${sub.id}`)).json();
    expect(shown.lastRefreshAt).not.toBeNull();
    const list = (await request(t, coordinator, 'GET', '/api/v1/calendars/subscriptions')).json();
    expect(list.items.map((s: Subscription) => s.id)).toContain(sub.id);
  });

  it('refuses edits, new items and imports with 403 calendar.read_only', async () => {
    body = fixture('apple-icloud.ics');
    etag = '"v3"';
    const sub = (await subscribe(`${base}/partner.ics`)).json() as Subscription;
    // The calendar says so, so the web offers no import or new item there.
    const cals = (await request(t, coordinator, 'GET', '/api/v1/calendars')).json().items as Calendar[];
    expect(cals.map((c) => [c.id === sub.calendarId, c.readOnly])).toContainEqual([true, true]);
    expect(cals.find((c) => c.kind === 'personal')?.readOnly).toBe(false);
    const [first] = await itemsOf(sub.calendarId);
    const patch = await request(t, coordinator, 'PATCH', `/api/v1/items/${first!.id}`, { title: 'Mine now' });
    expect([patch.statusCode, patch.json().code]).toEqual([403, 'calendar.read_only']);
    const del = await request(t, coordinator, 'DELETE', `/api/v1/items/${first!.id}`);
    expect([del.statusCode, del.json().code]).toEqual([403, 'calendar.read_only']);
    const create = await request(t, coordinator, 'POST', '/api/v1/items', {
      kind: 'event',
      title: 'Sneaked in',
      calendarId: sub.calendarId,
      start: '2026-06-01T01:00:00Z',
      end: '2026-06-01T02:00:00Z',
    });
    expect([create.statusCode, create.json().code]).toEqual([403, 'calendar.read_only']);
    const imported = await t.app.inject({
      method: 'POST',
      url: `/api/v1/calendars/${sub.calendarId}/import`,
      headers: { ...coordinator.headers, 'content-type': 'text/calendar' },
      payload: fixture('floating-utc-allday.ics'),
    });
    expect([imported.statusCode, imported.json().code]).toEqual([403, 'calendar.read_only']);
    expect((await itemsOf(sub.calendarId)).map((i) => i.title)).not.toContain('Mine now');
    // What a foreign key does to its items (a departed organiser) is not an edit.
    const departed = await buildUser(t.db);
    await t.db.transaction(async (tx) => {
      await tx.query(`select set_config('kalendaryo.refreshing', 'on', true)`);
      await tx.query('update items set organizer_id = $1 where id = $2', [departed.id, first!.id]);
    });
    await t.db.query('delete from users where id = $1', [departed.id]);
    const organizer = await t.db.query<{ organizer_id: string | null }>(
      'select organizer_id from items where id = $1',
      [first!.id],
    );
    expect(organizer.rows[0]?.organizer_id).toBeNull();
    // Deleting the calendar ends the subscription with it.
    expect((await request(t, coordinator, 'DELETE', `/api/v1/calendars/${sub.calendarId}`)).statusCode).toBe(
      204,
    );
    expect(
      (await request(t, coordinator, 'GET', `/api/v1/calendars/subscriptions/${sub.id}`)).statusCode,
    ).toBe(404);
  });

  it('shows the last error when the address fails, and follows redirects', async () => {
    const broken = (await subscribe(`${base}/missing.ics`)).json() as Subscription;
    expect(broken.lastError).toMatch(/404/);
    expect(broken.lastSuccessAt).toBeNull();
    body = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VCALENDAR\r\n';
    etag = '"bad"';
    const invalid = (await subscribe(`${base}/partner.ics`)).json() as Subscription;
    expect(invalid.lastError).toMatch(/Line 4/);
    body = fixture('apple-icloud.ics');
    etag = '"v4"';
    const redirected = (await subscribe(`${base}/redirect`)).json() as Subscription;
    expect([redirected.lastError, (await itemsOf(redirected.calendarId)).length]).toEqual([null, 3]);
  });

  it('the periodic job refreshes due subscriptions once each, however many workers run', async () => {
    const sub = (await subscribe(`${base}/partner.ics`)).json() as Subscription;
    hits = [];
    const later = new Date(Date.now() + 7 * 3600_000);
    const deps = { db: t.db, config: t.config };
    const runs = await Promise.all([
      refreshDueSubscriptions(deps, later),
      refreshDueSubscriptions(deps, later),
    ]);
    const total = (await t.db.query('select 1 from calendar_subscriptions')).rowCount;
    expect(runs[0] + runs[1]).toBe(total);
    expect(await refreshDueSubscriptions(deps, later)).toBe(0);
    expect(hits.length).toBeGreaterThan(0);
    const shown = (await request(t, coordinator, 'GET', `/api/v1/calendars/subscriptions/${sub.id}`)).json();
    expect(new Date(shown.nextRefreshAt).getTime()).toBeGreaterThan(later.getTime());
  });

  it('polls as often as the publisher asks (REFRESH-INTERVAL), within an hour and a week', async () => {
    body = fixture('nextcloud-sabre-cr-only.ics'); // REFRESH-INTERVAL;VALUE=DURATION:PT4H
    etag = '"nc"';
    const sub = (await subscribe(`${base}/partner.ics`)).json() as Subscription;
    expect(sub.refreshMinutes).toBe(240);
    expect(Date.parse(sub.nextRefreshAt) - Date.parse(sub.lastRefreshAt as string)).toBe(240 * 60_000);
  });

  it('refuses other schemes, and staff cannot create shared calendars', async () => {
    const ftp = await subscribe('ftp://example.org/cal.ics');
    expect([ftp.statusCode, ftp.json().code]).toEqual([422, 'subscription.url_refused']);
    expect((await subscribe(`${base}/partner.ics`, staff)).statusCode).toBe(403);
  });
});

describe('the SSRF guard', () => {
  it('refuses this machine and private networks unless the administrator allows them', async () => {
    const guarded = await createTestApp();
    try {
      const [who] = await people(guarded, ['coordinator']);
      for (const url of [
        `${base}/partner.ics`,
        'http://localhost:9/x.ics',
        'webcal://10.1.2.3/x.ics',
        'http://[::1]/x.ics',
      ]) {
        const res = await request(guarded, who, 'POST', '/api/v1/calendars/subscriptions', {
          url,
          name: 'Nope',
        });
        expect(res.statusCode, url).toBe(201);
        expect(res.json().lastError, url).toMatch(/private network/);
      }
    } finally {
      await guarded.close();
    }
    expect(
      ['127.0.0.1', '10.0.0.8', '192.168.1.1', '169.254.169.254', '::1', 'fd00::1', '::ffff:127.0.0.1'].every(
        isPrivateAddress,
      ),
    ).toBe(true);
    expect(['93.184.216.34', '2606:4700::1111'].some(isPrivateAddress)).toBe(false);
  });
});

describe('downloads', () => {
  it('stop at the size limit and at the time limit', async () => {
    body = fixture('google-weekly-override-attendees.ics');
    etag = '"size"';
    const options = { allowPrivate: true, etag: null, lastModified: null };
    await expect(downloadCalendar(`${base}/partner.ics`, { ...options, maxBytes: 1000 })).rejects.toThrow(
      /larger than/,
    );
    await expect(downloadCalendar(`${base}/silent.ics`, { ...options, timeoutMs: 200 })).rejects.toThrow(
      /in time/,
    );
    const ok = await downloadCalendar(`webcal://127.0.0.1:1/x.ics`, options).catch((e: Error) => e.message);
    expect(ok).toMatch(/ECONNREFUSED|connect/);
  });
});
