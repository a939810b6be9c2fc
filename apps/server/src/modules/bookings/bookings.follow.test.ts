import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/server';
import { at, client, overlappingLivePairs, people, type Who } from './bookings.fixtures';
import { runBookingHorizon } from './bookings.jobs';

const DAY = 86_400_000;

let t: TestApp;
let api: ReturnType<typeof client>;
let coordinator: Who;
let amina: Who;
let omar: Who;
beforeAll(async () => {
  t = await createTestApp();
  api = client(t);
  [coordinator, amina, omar] = await people(t, ['coordinator', 'staff', 'staff']);
});
afterAll(() => t.close());

/** The wall time (UTC series) of an instant, as a recurrence id. */
const rid = (iso: string) => iso.slice(0, 19);

async function item(who: Who, body: Record<string, unknown>) {
  const res = await api.req(who, 'POST', '/api/v1/items', {
    kind: 'event',
    title: 'Field visit',
    timeZone: 'UTC',
    ...body,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as { id: string };
}

/** The item's bookings of a resource as amina sees them, by start. */
async function bookingsOf(resourceId: string, itemId?: string) {
  const q = `resourceId=${resourceId}${itemId ? `&itemId=${itemId}` : ''}`;
  const res = await api.req(coordinator, 'GET', `/api/v1/bookings?${q}`);
  return res.json().items as {
    id: string;
    itemId: string | null;
    occurrence: string | null;
    start: string;
    end: string;
    status: string;
  }[];
}

const auditActions = async (id: string) =>
  (
    await t.db.query<{ action: string; data: Record<string, unknown> }>(
      'select action, data from audit_log where entity_id = $1 order by id',
      [id],
    )
  ).rows;

describe('bookings follow their items', () => {
  it('moving an item moves its booking; a taken slot refuses the move unless the booking is left behind', async () => {
    const room = await api.resource(coordinator, {
      name: 'Follow room',
      type: 'room',
      rules: { autoApprove: true },
    });
    const visit = await item(amina, { start: at(12, 1), end: at(12, 3) });
    const booked = await api.book(amina, {
      resourceId: room.id,
      itemId: visit.id,
      start: at(12, 1),
      end: at(12, 3),
    });
    expect(booked.statusCode, booked.body).toBe(201);
    const b = booked.json() as { id: string };

    const moved = await api.req(amina, 'PATCH', `/api/v1/items/${visit.id}`, {
      start: at(13, 5),
      end: at(13, 7),
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const [after] = await bookingsOf(room.id, visit.id);
    expect(after).toMatchObject({ id: b.id, start: at(13, 5), end: at(13, 7), status: 'approved' });
    expect((await auditActions(b.id)).map((a) => a.action)).toContain('booking.moved');

    // Omar holds the room on day 14: moving there is refused, naming his booking, and nothing moves.
    const his = (await api.book(omar, { resourceId: room.id, start: at(14, 0), end: at(14, 4) })).json();
    const refused = await api.req(amina, 'PATCH', `/api/v1/items/${visit.id}`, {
      start: at(14, 1),
      end: at(14, 3),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      code: 'booking.conflict',
      bookingId: b.id,
      conflicts: [{ id: his.id }],
    });
    expect((await api.req(amina, 'GET', `/api/v1/items/${visit.id}`)).json().start).toBe(at(13, 5));

    // Moving without the booking: the item moves, its booking is cancelled (and says why).
    const kept = await api.req(amina, 'PATCH', `/api/v1/items/${visit.id}?bookings=keep`, {
      start: at(14, 1),
      end: at(14, 3),
    });
    expect(kept.statusCode, kept.body).toBe(200);
    expect((await api.req(amina, 'GET', `/api/v1/bookings/${b.id}`)).json().status).toBe('cancelled');
    expect((await auditActions(b.id)).at(-1)).toMatchObject({
      action: 'booking.cancelled',
      data: { reason: 'The item moved without its bookings.' },
    });
    expect(await overlappingLivePairs(t, room.id)).toBe(0);
  });

  it('a booking with a margin around its item keeps the margin when the item moves', async () => {
    const van = await api.resource(coordinator, { name: 'Margin van', rules: { autoApprove: true } });
    const visit = await item(amina, { start: at(16, 2), end: at(16, 4) });
    const b = (
      await api.book(amina, { resourceId: van.id, itemId: visit.id, start: at(16, 1), end: at(16, 5) })
    ).json();
    await api.req(amina, 'PATCH', `/api/v1/items/${visit.id}`, { start: at(17, 2), end: at(17, 6) });
    expect((await api.req(amina, 'GET', `/api/v1/bookings/${b.id}`)).json()).toMatchObject({
      start: at(17, 1),
      end: at(17, 7),
    });
  });

  it('deleting an item cancels its booking, and the room is free again', async () => {
    const room = await api.resource(coordinator, {
      name: 'Freed room',
      type: 'room',
      rules: { autoApprove: true },
    });
    const visit = await item(amina, { start: at(15, 1), end: at(15, 3) });
    const b = (
      await api.book(amina, { resourceId: room.id, itemId: visit.id, start: at(15, 1), end: at(15, 3) })
    ).json();
    expect((await api.req(amina, 'DELETE', `/api/v1/items/${visit.id}`)).statusCode).toBe(204);
    expect((await api.req(amina, 'GET', `/api/v1/bookings/${b.id}`)).json().status).toBe('cancelled');
    expect((await auditActions(b.id)).at(-1)?.action).toBe('booking.cancelled');
    const next = await api.book(omar, { resourceId: room.id, start: at(15, 1), end: at(15, 3) });
    expect(next.statusCode, next.body).toBe(201);
  });

  it('a series carries each booking with its occurrence: all, this, future, and deleted occurrences', async () => {
    const van = await api.resource(coordinator, { name: 'Series van', rules: { autoApprove: true } });
    const s = await item(amina, { start: at(20, 1), end: at(20, 2), rrule: 'FREQ=DAILY;COUNT=5' });
    const booked = await api.req(amina, 'POST', `/api/v1/items/${s.id}/bookings`, {
      resourceId: van.id,
      purpose: 'Daily run',
    });
    expect(booked.statusCode, booked.body).toBe(201);
    expect((await bookingsOf(van.id, s.id)).map((b) => b.start)).toEqual(
      [20, 21, 22, 23, 24].map((d) => at(d, 1)),
    );

    // "all": every occurrence two hours later (the bookings shift along without colliding).
    const all = await api.req(amina, 'PATCH', `/api/v1/items/${s.id}?scope=all`, {
      start: at(20, 3),
      end: at(20, 4),
    });
    expect(all.statusCode, all.body).toBe(200);
    let now = await bookingsOf(van.id, s.id);
    expect(now.map((b) => [b.occurrence, b.start, b.end])).toEqual(
      [20, 21, 22, 23, 24].map((d) => [rid(at(d, 3)), at(d, 3), at(d, 4)]),
    );

    // "this": the third occurrence moves to the evening, its booking with it.
    const one = await api.req(
      amina,
      'PATCH',
      `/api/v1/items/${s.id}?scope=this&occurrence=${rid(at(22, 3))}`,
      {
        start: at(22, 10),
        end: at(22, 11),
      },
    );
    expect(one.statusCode, one.body).toBe(200);
    now = await bookingsOf(van.id, s.id);
    expect(now.find((b) => b.occurrence === rid(at(22, 3)))).toMatchObject({
      start: at(22, 10),
      end: at(22, 11),
    });

    // Deleting the second occurrence cancels its booking only.
    const gone = await api.req(
      amina,
      'DELETE',
      `/api/v1/items/${s.id}?scope=this&occurrence=${rid(at(21, 3))}`,
    );
    expect(gone.statusCode).toBe(204);
    const second = (await bookingsOf(van.id)).find((b) => b.occurrence === rid(at(21, 3)))!;
    expect(second.status).toBe('cancelled');

    // "future" from the fourth: the new series holds the last two bookings, half an hour later.
    const split = await api.req(
      amina,
      'PATCH',
      `/api/v1/items/${s.id}?scope=future&occurrence=${rid(at(23, 3))}`,
      {
        start: at(23, 3.5),
        end: at(23, 4.5),
      },
    );
    expect(split.statusCode, split.body).toBe(200);
    const tail = split.json() as { id: string };
    expect(tail.id).not.toBe(s.id);
    expect((await bookingsOf(van.id, tail.id)).map((b) => [b.occurrence, b.start, b.status])).toEqual([
      [rid(at(23, 3.5)), at(23, 3.5), 'approved'],
      [rid(at(24, 3.5)), at(24, 3.5), 'approved'],
    ]);
    expect(
      (await bookingsOf(van.id, s.id)).filter((b) => b.status === 'approved').map((b) => b.start),
    ).toEqual([at(20, 3), at(22, 10)]);
    expect(await overlappingLivePairs(t, van.id)).toBe(0);
  });

  it('a split hands its standing request to the new series: the horizon job books the later occurrences there', async () => {
    const bus = await api.resource(coordinator, { name: 'Weekly bus', rules: { autoApprove: true } });
    const s = await item(amina, { start: at(1, 1), end: at(1, 2), rrule: 'FREQ=WEEKLY' });
    const booked = await api.req(amina, 'POST', `/api/v1/items/${s.id}/bookings`, {
      resourceId: bus.id,
      purpose: 'Weekly outreach',
      horizonDays: 30,
    });
    expect(booked.statusCode, booked.body).toBe(201);
    expect(booked.json().continues).toBe(true);
    const split = await api.req(
      amina,
      'PATCH',
      `/api/v1/items/${s.id}?scope=future&occurrence=${rid(at(15, 1))}`,
      {
        start: at(15, 2),
        end: at(15, 3),
      },
    );
    expect(split.statusCode, split.body).toBe(200);
    const tail = (split.json() as { id: string }).id;

    const run = await runBookingHorizon(t.db, new Date(Date.now() + 30 * DAY));
    expect(run.errors).toEqual([]);
    const live = async (id: string) =>
      (await bookingsOf(bus.id, id)).filter((b) => b.status === 'approved').map((b) => b.start);
    expect(await live(s.id)).toEqual([at(1, 1), at(8, 1)]);
    expect(await live(tail)).toEqual([15, 22, 29, 36, 43, 50, 57].map((d) => at(d, 2)));
    expect(await overlappingLivePairs(t, bus.id)).toBe(0);
  });
});
