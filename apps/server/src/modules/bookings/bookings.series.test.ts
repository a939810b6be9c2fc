import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import { createTestApp, type TestApp } from '../../test/server';
import { at, client, dayFromNow, overlappingLivePairs, people, type Who } from './bookings.fixtures';
import { runBookingHorizon } from './bookings.jobs';

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

const DAY = 86_400_000;
/** Local Manila wall time of an instant: the recurrence id of a Manila series' occurrence. */
const manila = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19);

/** A weekly series from day `first` (01:00–03:00 UTC, 09:00–11:00 Manila), endless unless `rrule`. */
async function weekly(who: Who, first: number, rrule = 'FREQ=WEEKLY') {
  const res = await api.req(who, 'POST', '/api/v1/items', {
    kind: 'event',
    title: 'Weekly coordination meeting',
    start: at(first, 1),
    end: at(first, 3),
    timeZone: 'Asia/Manila',
    rrule,
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json() as { id: string };
}
const bookItem = (who: Who, itemId: string, body: Record<string, unknown>) =>
  api.req(who, 'POST', `/api/v1/items/${itemId}/bookings`, { purpose: 'Weekly meeting room', ...body });
const itemBookingCount = async (itemId: string) =>
  (
    await t.db.query<{ n: number }>(
      "select count(*)::int as n from bookings where item_id = $1 and status in ('pending', 'approved')",
      [itemId],
    )
  ).rows[0]!.n;

describe('POST /api/v1/items/{itemId}/bookings', () => {
  it('books nothing when an occurrence is taken, naming it with the booking that holds it', async () => {
    const room = await api.resource(coordinator, { name: 'Conference Room A', type: 'room' });
    const series = await weekly(amina, 7);
    const held = (await api.book(omar, { resourceId: room.id, start: at(21, 0), end: at(21, 2) })).json();
    const res = await bookItem(amina, series.id, { resourceId: room.id, horizonDays: 60 });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'booking.conflict',
      conflicts: [{ id: held.id, start: at(21, 0), end: at(21, 2), status: 'pending' }],
      occurrences: [
        {
          occurrence: manila(at(21, 1)),
          start: at(21, 1),
          end: at(21, 3),
          conflicts: [{ id: held.id, status: 'pending' }],
        },
      ],
    });
    expect(await itemBookingCount(series.id)).toBe(0);
    const standing = await t.db.query('select 1 from booking_series where item_id = $1', [series.id]);
    expect(standing.rowCount).toBe(0);
  });

  it('with skipConflicts books every free occurrence within the horizon, reports the taken one, and carries on later', async () => {
    const room = await api.resource(coordinator, { name: 'Conference Room B', type: 'room' });
    const series = await weekly(amina, 7);
    // One occurrence cancelled: it is not booked.
    await api.req(amina, 'DELETE', `/api/v1/items/${series.id}?scope=this&occurrence=${at(28, 1)}`);
    const held = (await api.book(omar, { resourceId: room.id, start: at(21, 2), end: at(21, 4) })).json();
    const res = await bookItem(amina, series.id, {
      resourceId: room.id,
      horizonDays: 60,
      skipConflicts: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    // Occurrences on days 7, 14, …, 56 fall within 60 days: 8, less the cancelled one and the taken one.
    expect(body.booked.map((b: { start: string }) => b.start)).toEqual(
      [7, 14, 35, 42, 49, 56].map((d) => at(d, 1)),
    );
    expect(body.booked[0]).toMatchObject({
      itemId: series.id,
      occurrence: manila(at(7, 1)),
      status: 'pending',
      requesterId: amina.user.id,
    });
    expect(body.conflicts).toEqual([
      {
        occurrence: manila(at(21, 1)),
        start: at(21, 1),
        end: at(21, 3),
        conflicts: [expect.objectContaining({ id: held.id })],
      },
    ]);
    expect(body.refused).toEqual([]);
    expect(body.continues).toBe(true);
    expect(Date.parse(body.horizonEnd)).toBeGreaterThan(Date.now() + 59 * DAY);
    // Asking again books nothing twice: the booked occurrences are named, the conflict still reported.
    const again = await bookItem(amina, series.id, {
      resourceId: room.id,
      horizonDays: 60,
      skipConflicts: true,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().booked).toEqual([]);
    expect(
      again
        .json()
        .alreadyBooked.map((a: { bookingId: string }) => a.bookingId)
        .sort(),
    ).toEqual(body.booked.map((b: { id: string }) => b.id).sort());
    expect(again.json().conflicts).toHaveLength(1);
    const listed = await api.req(amina, 'GET', `/api/v1/bookings?itemId=${series.id}`);
    expect(listed.json().items).toHaveLength(6);

    // The horizon moves 30 days on: the job books days 63–84, except the one omar holds.
    const later = (await api.book(omar, { resourceId: room.id, start: at(70, 0), end: at(70, 2) })).json();
    const now = new Date(Date.now() + 30 * DAY);
    const run = await runBookingHorizon(t.db, now);
    expect(run).toMatchObject({ booked: 3, conflicts: 1, refused: 0, errors: [] });
    expect(await itemBookingCount(series.id)).toBe(9);
    const audit = await t.db.query<{ data: Record<string, unknown> }>(
      "select data from audit_log where action = 'booking.series_conflict' and entity_id = $1",
      [series.id],
    );
    expect(audit.rows).toEqual([
      {
        data: expect.objectContaining({
          resourceId: room.id,
          occurrence: manila(at(70, 1)),
          conflicts: [later.id],
          requesterId: amina.user.id,
        }),
      },
    ]);
    // Idempotent: the same run again, and two runs at once, book nothing twice.
    expect((await runBookingHorizon(t.db, now)).booked).toBe(0);
    const next = new Date(Date.now() + 60 * DAY);
    const both = await Promise.all([runBookingHorizon(t.db, next), runBookingHorizon(t.db, next)]);
    expect(both[0].booked + both[1].booked).toBe(5); // days 91, 98, 105, 112, 119
    expect(await itemBookingCount(series.id)).toBe(14);
    expect(await overlappingLivePairs(t, room.id)).toBe(0);
    const dupes = await t.db.query(
      'select occurrence from bookings where item_id = $1 group by occurrence having count(*) > 1',
      [series.id],
    );
    expect(dupes.rowCount).toBe(0);
  });

  it('keeps within the resource’s maxDaysAhead and needs no standing request for a series that ends sooner', async () => {
    const car = await api.resource(coordinator, { name: 'Near car', rules: { maxDaysAhead: 20 } });
    const series = await weekly(amina, 7);
    const res = await bookItem(amina, series.id, { resourceId: car.id });
    expect(res.json().booked.map((b: { start: string }) => b.start)).toEqual([at(7, 1), at(14, 1)]);
    expect(res.json().continues).toBe(true);
    const bounded = await weekly(amina, 8, 'FREQ=WEEKLY;COUNT=3');
    const room = await api.resource(coordinator, {
      name: 'Bounded room',
      type: 'room',
      rules: { autoApprove: true },
    });
    const ok = await bookItem(amina, bounded.id, { resourceId: room.id });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ continues: false });
    expect(ok.json().booked.map((b: { status: string }) => b.status)).toEqual([
      'approved',
      'approved',
      'approved',
    ]);
    const standing = await t.db.query('select 1 from booking_series where item_id = $1', [bounded.id]);
    expect(standing.rowCount).toBe(0);
  });

  it('refuses occurrences that break the resource’s rules, and unavailable resources, with their codes', async () => {
    const short = await api.resource(coordinator, {
      name: 'Short room',
      type: 'room',
      rules: { maxDurationMinutes: 60 },
    });
    const series = await weekly(amina, 7, 'FREQ=WEEKLY;COUNT=2');
    const res = await bookItem(amina, series.id, { resourceId: short.id });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'booking.too_long',
      refused: [{ code: 'booking.too_long' }, {}],
    });
    const skipped = await bookItem(amina, series.id, { resourceId: short.id, skipConflicts: true });
    expect(skipped.statusCode).toBe(200);
    expect(skipped.json().refused).toHaveLength(2);
    const retired = await api.resource(coordinator, { name: 'Old room', type: 'room', status: 'retired' });
    const gone = await bookItem(amina, series.id, { resourceId: retired.id });
    expect(gone.json().code).toBe('booking.resource_unavailable');
    const hidden = await bookItem(omar, series.id, { resourceId: short.id });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().code).toBe('item.not_found');
  });

  it('stops the standing request of a retired resource', async () => {
    const bus = await api.resource(coordinator, { name: 'Retiring bus' });
    const series = await weekly(amina, 7);
    await bookItem(amina, series.id, { resourceId: bus.id, horizonDays: 10 });
    await api.req(coordinator, 'POST', `/api/v1/resources/${bus.id}/retire`);
    const run = await runBookingHorizon(t.db, new Date(Date.now() + 5 * DAY));
    expect(run.stopped).toBeGreaterThanOrEqual(1);
    const s = await t.db.query<{ active: boolean }>('select active from booking_series where item_id = $1', [
      series.id,
    ]);
    expect(s.rows).toEqual([{ active: false }]);
  });
});

describe('the booking horizon setting', () => {
  it('defaults to 365 days and reads KALENDARYO_BOOKING_HORIZON_DAYS', () => {
    const horizon = (days?: string) =>
      loadConfig(days === undefined ? {} : { KALENDARYO_BOOKING_HORIZON_DAYS: days }).bookingHorizonDays;
    expect(horizon()).toBe(365);
    expect(horizon('90')).toBe(90);
    expect(() => horizon('soon')).toThrow(/integer/);
    expect(dayFromNow(1) - dayFromNow(0)).toBe(DAY);
  });
});
