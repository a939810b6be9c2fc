import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/server';
import { officeWall, wallLabel } from '../items';
import { at, client, people, type Who } from './bookings.fixtures';
import { runBookingHorizon } from './bookings.jobs';

let t: TestApp;
let api: ReturnType<typeof client>;
let coordinator: Who, admin: Who, amina: Who, omar: Who, dina: Who;
beforeAll(async () => {
  t = await createTestApp();
  api = client(t);
  [coordinator, admin, amina, omar, dina] = await people(t, [
    'coordinator',
    'admin',
    'staff',
    'staff',
    'staff',
  ]);
});
afterAll(() => t.close());

const DAY = 86_400_000;

interface Sent {
  recipient_id: string;
  type: string;
  title: string;
  body: string;
  path: string;
  item_id: string | null;
  data: Record<string, unknown>;
}
/** Messages of `type` about the booking or item `about` (its id in the data, the key or the item). */
const sent = async (type: string, about: string) =>
  (
    await t.db.query<Sent>(
      `select recipient_id, type, title, body, path, item_id, data from notifications
        where type = $1 and (data->>'bookingId' = $2 or item_id::text = $2 or dedupe_key like '%' || $2 || '%')
        order by created_at, recipient_id`,
      [type, about],
    )
  ).rows;
const to = (rows: Sent[]) => rows.map((r) => r.recipient_id).sort();
const ids = (...who: Who[]) => who.map((w) => w.user.id).sort();
/** "Tue 8 Dec, 09:00" of an instant, as messages write it. */
const label = (iso: string) => wallLabel(officeWall(Date.parse(iso)));

describe('booking.requested', () => {
  it('goes to the named approvers of the resource, once, with a link to the approvals page', async () => {
    const van = await api.resource(coordinator, { name: 'Van 1', rules: { approverIds: [omar.user.id] } });
    const res = await api.book(amina, { resourceId: van.id, start: at(5, 1), end: at(5, 3) });
    expect(res.statusCode).toBe(201);
    const booking = res.json();
    const rows = await sent('booking.requested', booking.id);
    expect(to(rows)).toEqual(ids(omar));
    expect(rows[0]).toMatchObject({
      title: `Van 1 requested for ${label(at(5, 1))}`,
      path: '/bookings/approvals',
    });
    expect(rows[0]!.body).toContain(`${amina.user.name} asks for Van 1`);
    // The time taken: a 409 that writes no message.
    const lost = await api.book(dina, { resourceId: van.id, start: at(5, 2), end: at(5, 4) });
    expect(lost.statusCode).toBe(409);
    expect(
      await t.db.query("select 1 from notifications where type = 'booking.requested' and body like $1", [
        `${dina.user.name}%`,
      ]),
    ).toMatchObject({ rowCount: 0 });
  });

  it('without named approvers goes to coordinators and administrators, never to the requester; an automatic approval asks nobody', async () => {
    const room = await api.resource(coordinator, { name: 'Room 7', type: 'room' });
    const booking = (
      await api.book(coordinator, { resourceId: room.id, start: at(6, 1), end: at(6, 2) })
    ).json();
    expect(to(await sent('booking.requested', booking.id))).toEqual(ids(admin));
    const free = await api.resource(coordinator, {
      name: 'Projector',
      type: 'equipment',
      rules: { autoApprove: true },
    });
    const auto = (await api.book(amina, { resourceId: free.id, start: at(6, 1), end: at(6, 2) })).json();
    expect(auto.status).toBe('approved');
    expect(await sent('booking.requested', auto.id)).toEqual([]);
    expect(await sent('booking.approved', auto.id)).toEqual([]);
  });
});

describe('booking.approved and booking.rejected', () => {
  it('tell the requester the decision and the reason, once', async () => {
    const van = await api.resource(coordinator, { name: 'Van 2', rules: { approverIds: [omar.user.id] } });
    const a = (await api.book(amina, { resourceId: van.id, start: at(8, 1), end: at(8, 3) })).json();
    const b = (await api.book(amina, { resourceId: van.id, start: at(9, 1), end: at(9, 3) })).json();
    expect((await api.req(omar, 'POST', `/api/v1/bookings/${a.id}/approve`, {})).statusCode).toBe(200);
    expect((await api.req(omar, 'POST', `/api/v1/bookings/${a.id}/approve`, {})).statusCode).toBe(409);
    const approved = await sent('booking.approved', a.id);
    expect(to(approved)).toEqual(ids(amina));
    expect(approved[0]).toMatchObject({
      title: `Van 2 approved for ${label(at(8, 1))}`,
      path: `/bookings?booking=${a.id}`,
    });
    expect((await api.req(omar, 'POST', `/api/v1/bookings/${b.id}/reject`, {})).statusCode).toBe(422);
    expect(await sent('booking.rejected', b.id)).toEqual([]);
    await api.req(omar, 'POST', `/api/v1/bookings/${b.id}/reject`, { reason: 'Under repair that day' });
    const rejected = await sent('booking.rejected', b.id);
    expect(to(rejected)).toEqual(ids(amina));
    expect(rejected[0]!.body).toMatch(
      /^.+ rejected your booking of Van 2 on .+\. Reason: Under repair that day$/,
    );
    expect(rejected[0]!.data).toMatchObject({ reason: 'Under repair that day', decision: 'rejected' });
    // The requester's inbox shows both decisions, newest first, with links into the app.
    const inbox = (await api.req(amina, 'GET', '/api/v1/notifications')).json().items;
    expect(inbox.slice(0, 2).map((n: { type: string }) => n.type)).toEqual([
      'booking.rejected',
      'booking.approved',
    ]);
    expect(inbox[0].link).toMatch(new RegExp(`^https?://[^/]+/bookings\\?booking=${b.id}$`));
  });
});

describe('bookings of a series and the horizon job', () => {
  it('one message asks for a series; the job asks for what it books and tells the requester what it could not', async () => {
    const room = await api.resource(coordinator, {
      name: 'Room 9',
      type: 'room',
      rules: { approverIds: [omar.user.id] },
    });
    const series = (
      await api.req(amina, 'POST', '/api/v1/items', {
        kind: 'event',
        title: 'Weekly coordination',
        start: at(7, 1),
        end: at(7, 3),
        timeZone: 'Asia/Manila',
        rrule: 'FREQ=WEEKLY',
      })
    ).json();
    const res = await api.req(amina, 'POST', `/api/v1/items/${series.id}/bookings`, {
      resourceId: room.id,
      purpose: 'Weekly coordination',
      horizonDays: 30,
    });
    expect(res.statusCode, res.body).toBe(201);
    const asked = await sent('booking.requested', series.id);
    expect(to(asked)).toEqual(ids(omar));
    expect(asked[0]!.title).toBe(`Room 9 requested for 4 occurrences from ${label(at(7, 1))}`);

    const held = await api.book(dina, { resourceId: room.id, start: at(42, 1), end: at(42, 2) });
    expect(held.statusCode).toBe(201);
    const now = new Date(Date.now() + 21 * DAY);
    const run = await runBookingHorizon(t.db, now);
    expect(run).toMatchObject({ conflicts: 1, errors: [] });
    const conflict = await sent('booking.conflict', series.id);
    expect(to(conflict)).toEqual(ids(amina));
    expect(conflict[0]!.title).toBe(`Room 9 not booked for ${label(at(42, 1))}`);
    const link = new URL(conflict[0]!.path, 'http://x');
    expect(link.pathname).toBe('/bookings/new');
    expect(link.searchParams.get('resourceId')).toBe(room.id);
    expect((await sent('booking.requested', series.id)).length).toBe(2);
    // The same run again books nothing and tells nobody anything more.
    await runBookingHorizon(t.db, now);
    expect(await sent('booking.conflict', series.id)).toHaveLength(1);
    expect(await sent('booking.requested', series.id)).toHaveLength(2);
  });
});
