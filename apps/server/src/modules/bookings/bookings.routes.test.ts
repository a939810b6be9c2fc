import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/server';
import { at, client, people, type Who } from './bookings.fixtures';

let t: TestApp;
let api: ReturnType<typeof client>;
let coordinator: Who;
let amina: Who;
let omar: Who;
let viewer: Who;
beforeAll(async () => {
  t = await createTestApp();
  api = client(t);
  [coordinator, amina, omar, viewer] = await people(t, ['coordinator', 'staff', 'staff', 'viewer']);
});
afterAll(() => t.close());

describe('POST /api/v1/bookings', () => {
  it('requests a pending booking of a resource without rules, any length, any time ahead', async () => {
    const van = await api.resource(coordinator);
    const res = await api.book(amina, {
      resourceId: van.id,
      start: at(300, 0),
      end: at(310, 0),
      purpose: 'MANA field work in Lanao',
      notes: 'Driver needed',
    });
    expect(res.statusCode).toBe(201);
    const b = res.json();
    expect(b).toMatchObject({
      resourceId: van.id,
      resource: { id: van.id, name: 'Van', type: 'vehicle' },
      requesterId: amina.user.id,
      requester: { id: amina.user.id, name: amina.user.name },
      start: at(300, 0),
      end: at(310, 0),
      purpose: 'MANA field work in Lanao',
      notes: 'Driver needed',
      status: 'pending',
      itemId: null,
      occurrence: null,
      canCancel: true,
      canApprove: false,
    });
    expect(res.headers.location).toBe(`/api/v1/bookings/${b.id}`);
    const audit = await t.db.query<{ action: string; actor_id: string }>(
      'select action, actor_id from audit_log where entity_id = $1',
      [b.id],
    );
    expect(audit.rows).toEqual([{ action: 'booking.created', actor_id: amina.user.id }]);
  });

  it('approves at once where the resource auto-approves', async () => {
    const room = await api.resource(coordinator, {
      name: 'Room A',
      type: 'room',
      rules: { autoApprove: true },
    });
    const res = await api.book(amina, { resourceId: room.id, start: at(2, 1), end: at(2, 2) });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ status: 'approved', decisionReason: 'Approved automatically' });
  });

  it('refuses an overlap with 409 booking.conflict naming the holder only to those who may see it', async () => {
    const van = await api.resource(coordinator, { name: 'Conflict van' });
    const held = (await api.book(amina, { resourceId: van.id, start: at(2, 1), end: at(2, 3) })).json();
    const res = await api.book(omar, { resourceId: van.id, start: at(2, 2), end: at(2, 4) });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({
      code: 'booking.conflict',
      status: 409,
      conflicts: [{ id: held.id, start: at(2, 1), end: at(2, 3), status: 'pending' }],
    });
    expect(res.json().conflicts[0].requester).toBeUndefined();
    const byCoordinator = await api.book(coordinator, { resourceId: van.id, start: at(2, 0), end: at(2, 5) });
    expect(byCoordinator.json().conflicts).toEqual([
      {
        id: held.id,
        start: at(2, 1),
        end: at(2, 3),
        status: 'pending',
        requester: { id: amina.user.id, name: amina.user.name },
      },
    ]);
    // Her own booking: she sees that it is hers.
    const own = await api.book(amina, { resourceId: van.id, start: at(2, 2), end: at(2, 6) });
    expect(own.json().conflicts[0].requester.id).toBe(amina.user.id);
  });

  it('lets back-to-back bookings touch ([start, end) ranges) and frees the time when cancelled or rejected', async () => {
    const van = await api.resource(coordinator, { name: 'Adjacent van' });
    const a = (await api.book(amina, { resourceId: van.id, start: at(2, 1), end: at(2, 2) })).json();
    expect((await api.book(omar, { resourceId: van.id, start: at(2, 2), end: at(2, 3) })).statusCode).toBe(
      201,
    );
    expect((await api.book(omar, { resourceId: van.id, start: at(2, 0), end: at(2, 1) })).statusCode).toBe(
      201,
    );
    expect((await api.req(amina, 'POST', `/api/v1/bookings/${a.id}/cancel`)).statusCode).toBe(200);
    expect((await api.book(omar, { resourceId: van.id, start: at(2, 1), end: at(2, 2) })).statusCode).toBe(
      201,
    );
  });

  it('applies the resource’s rules with their own codes', async () => {
    const car = await api.resource(coordinator, {
      name: 'Ruled car',
      rules: { maxDaysAhead: 30, maxDurationMinutes: 240 },
    });
    const cases: [Record<string, string>, number, string][] = [
      [{ start: at(40, 1), end: at(40, 2) }, 422, 'booking.too_far_ahead'],
      [{ start: at(2, 1), end: at(2, 6) }, 422, 'booking.too_long'],
      [{ start: at(2, 3), end: at(2, 3) }, 422, 'booking.invalid_time'],
      [{ start: at(2, 3), end: at(2, 2) }, 422, 'booking.invalid_time'],
      [{ start: at(-3, 1), end: at(-3, 2) }, 422, 'booking.invalid_time'],
      [{ start: at(29, 1), end: at(29, 5) }, 201, ''],
    ];
    for (const [times, status, code] of cases) {
      const res = await api.book(amina, { resourceId: car.id, ...times });
      expect(res.statusCode, `${JSON.stringify(times)}: ${res.body}`).toBe(status);
      if (code) expect(res.json().code).toBe(code);
    }
    for (const status of ['maintenance', 'retired']) {
      const r = await api.resource(coordinator, { name: `Car in ${status}`, status });
      const res = await api.book(amina, { resourceId: r.id, start: at(2, 1), end: at(2, 2) });
      expect(res.statusCode).toBe(422);
      expect(res.json().code).toBe('booking.resource_unavailable');
    }
    const missing = await api.book(amina, {
      resourceId: '00000000-0000-4000-8000-000000000000',
      start: at(2, 1),
      end: at(2, 2),
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe('resource.not_found');
    const invalid = await api.book(amina, {
      resourceId: car.id,
      start: 'tomorrow',
      end: at(2, 2),
      purpose: '',
    });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().code).toBe('request.invalid');
  });

  it('links a booking to a calendar item and one occurrence of a series, which must exist', async () => {
    const van = await api.resource(coordinator, { name: 'Linked van' });
    const series = (
      await api.req(amina, 'POST', '/api/v1/items', {
        kind: 'event',
        title: 'Weekly barangay visit',
        start: at(7, 1),
        end: at(7, 3),
        timeZone: 'Asia/Manila',
        rrule: 'FREQ=WEEKLY;COUNT=4',
      })
    ).json();
    const second = new Date(Date.parse(at(14, 1)));
    const res = await api.book(amina, {
      resourceId: van.id,
      start: at(14, 0),
      end: at(14, 4),
      itemId: series.id,
      occurrence: second.toISOString(),
    });
    expect(res.statusCode, res.body).toBe(201);
    const local = new Date(second.getTime() + 8 * 3_600_000).toISOString().slice(0, 19);
    expect(res.json()).toMatchObject({ itemId: series.id, occurrence: local });
    const again = await api.book(amina, {
      resourceId: van.id,
      start: at(30, 0),
      end: at(30, 1),
      itemId: series.id,
      occurrence: local,
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('booking.duplicate');
    const noSuch = await api.book(amina, {
      resourceId: van.id,
      start: at(15, 0),
      end: at(15, 1),
      itemId: series.id,
      occurrence: at(15, 1),
    });
    expect(noSuch.statusCode).toBe(404);
    expect(noSuch.json().code).toBe('item.occurrence_not_found');
    const hidden = await api.book(omar, {
      resourceId: van.id,
      start: at(16, 0),
      end: at(16, 1),
      itemId: series.id,
    });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('item.not_found');
    const orphan = await api.book(amina, {
      resourceId: van.id,
      start: at(16, 0),
      end: at(16, 1),
      occurrence: local,
    });
    expect(orphan.statusCode).toBe(422);
  });

  it('cancels a booking when its item is deleted, and keeps it, unlinked, as a record', async () => {
    const van = await api.resource(coordinator, { name: 'Orphan van' });
    const item = (
      await api.req(amina, 'POST', '/api/v1/items', {
        kind: 'event',
        title: 'Trip',
        start: at(9, 1),
        end: at(9, 5),
      })
    ).json();
    const b = (
      await api.book(amina, { resourceId: van.id, start: at(9, 0), end: at(9, 6), itemId: item.id })
    ).json();
    expect((await api.req(amina, 'DELETE', `/api/v1/items/${item.id}`)).statusCode).toBe(204);
    const after = await api.req(amina, 'GET', `/api/v1/bookings/${b.id}`);
    expect(after.json()).toMatchObject({ id: b.id, itemId: null, status: 'cancelled' });
  });
});

describe('GET /api/v1/bookings', () => {
  it('lists what each user may see, filtered, keyset-paginated', async () => {
    const bus = await api.resource(coordinator, {
      name: 'List bus',
      rules: { approverIds: [viewer.user.id] },
    });
    const made: string[] = [];
    for (const [who, day] of [
      [amina, 50],
      [omar, 51],
      [amina, 52],
      [omar, 53],
    ] as const)
      made.push((await api.book(who, { resourceId: bus.id, start: at(day, 1), end: at(day, 2) })).json().id);
    const ids = async (who: Who, query: string) => {
      const all: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await api.req(
          who,
          'GET',
          `/api/v1/bookings?resourceId=${bus.id}&limit=1${query}${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.statusCode, res.body).toBe(200);
        all.push(...res.json().items.map((b: { id: string }) => b.id));
        cursor = res.json().nextCursor;
      } while (cursor);
      return all;
    };
    expect(await ids(coordinator, '')).toEqual(made);
    expect(await ids(viewer, '')).toEqual(made); // the resource's approver
    expect(await ids(amina, '')).toEqual([made[0], made[2]]);
    expect(await ids(coordinator, `&requester=${omar.user.id}`)).toEqual([made[1], made[3]]);
    expect(await ids(omar, '&requester=me')).toEqual([made[1], made[3]]);
    expect(await ids(coordinator, `&from=${at(51, 1)}&to=${at(53, 1)}`)).toEqual([made[1], made[2]]);
    await api.req(amina, 'POST', `/api/v1/bookings/${made[0]}/cancel`);
    expect(await ids(coordinator, '&status=pending,approved')).toEqual(made.slice(1));
    expect(await ids(coordinator, '&status=cancelled')).toEqual([made[0]]);
    const bad = await api.req(coordinator, 'GET', '/api/v1/bookings?status=lost');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('request.bad_query');
  });

  it('answers 404 for a booking the user may not see', async () => {
    const van = await api.resource(coordinator, { name: 'Private van' });
    const b = (await api.book(amina, { resourceId: van.id, start: at(60, 1), end: at(60, 2) })).json();
    expect((await api.req(amina, 'GET', `/api/v1/bookings/${b.id}`)).statusCode).toBe(200);
    expect((await api.req(coordinator, 'GET', `/api/v1/bookings/${b.id}`)).statusCode).toBe(200);
    const hidden = await api.req(omar, 'GET', `/api/v1/bookings/${b.id}`);
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('booking.not_found');
  });
});
