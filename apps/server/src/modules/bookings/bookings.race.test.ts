import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/server';
import { actorOf, at, client, overlappingLivePairs, people, type Who } from './bookings.fixtures';
import { createBooking, writeLocked } from './bookings.service';

let t: TestApp;
let coordinator: Who;
let staff: Who[];
let api: ReturnType<typeof client>;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 0 });
  api = client(t);
  [coordinator, ...staff] = await people(t, ['coordinator', 'staff', 'staff', 'staff', 'staff']);
}, 120_000);
afterAll(() => t.close());

const tally = (codes: readonly (number | string)[]) => {
  const m: Record<string, number> = {};
  for (const c of codes) m[c] = (m[c] ?? 0) + 1;
  return m;
};

describe(`no double booking under concurrency (${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('200 concurrent requests for overlapping slots: exactly one 201, 199 × 409 booking.conflict', async () => {
    const van = await api.resource(coordinator, { name: 'Storm van' });
    // Every request overlaps every other: all contain hour 10–11 of the day.
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        api.book(staff[i % staff.length]!, {
          resourceId: van.id,
          start: at(3, 9 + (i % 10) / 10),
          end: at(3, 11 + (i % 7) / 10),
        }),
      ),
    );
    expect(tally(responses.map((r) => r.statusCode))).toEqual({ 201: 1, 409: 199 });
    const winner = responses.find((r) => r.statusCode === 201)!.json();
    for (const r of responses.filter((x) => x.statusCode === 409)) {
      const body = r.json();
      expect(body.code).toBe('booking.conflict');
      expect(body.conflicts.map((c: { id: string }) => c.id)).toEqual([winner.id]);
    }
    expect(await overlappingLivePairs(t, van.id)).toBe(0);
    const rows = await t.db.query<{ n: number }>(
      'select count(*)::int as n from bookings where resource_id = $1',
      [van.id],
    );
    expect(rows.rows[0]!.n).toBe(1);
    // One audit row, for the one booking made: nothing half-written by the 199 refused.
    const audit = await t.db.query<{ n: number }>(
      "select count(*)::int as n from audit_log where action = 'booking.created' and data->>'resourceId' = $1",
      [van.id],
    );
    expect(audit.rows[0]!.n).toBe(1);
  });

  it('50 concurrent requests for disjoint slots of one resource: all 201', async () => {
    const room = await api.resource(coordinator, { name: 'Disjoint room', type: 'room' });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        api.book(staff[i % staff.length]!, {
          resourceId: room.id,
          start: at(4, i / 2),
          end: at(4, (i + 1) / 2),
        }),
      ),
    );
    expect(tally(responses.map((r) => r.statusCode))).toEqual({ 201: 50 });
    expect(await overlappingLivePairs(t, room.id)).toBe(0);
  });

  it('the constraint alone holds without the per-resource lock: 1 booked, the rest conflicts, never an error', async () => {
    const car = await api.resource(coordinator, { name: 'Constraint-only car' });
    const deps = { db: t.db, horizonDays: 365, serializeWrites: false };
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        createBooking(
          deps,
          actorOf(staff[i % staff.length]!),
          { resourceId: car.id, start: at(5, 9), end: at(5, 10 + (i % 3)), purpose: 'Race' },
          { ip: 'test' },
        ),
      ),
    );
    const codes = outcomes.map((o) =>
      o.status === 'fulfilled' ? 'booked' : ((o.reason as { code?: string }).code ?? String(o.reason)),
    );
    expect(tally(codes)).toEqual({ booked: 1, 'booking.conflict': 59 });
    expect(await overlappingLivePairs(t, car.id)).toBe(0);
  });

  it('a deadlock or serialization failure is retried, and persistent contention ends as a conflict', async () => {
    const car = await api.resource(coordinator, { name: 'Retry car' });
    let calls = 0;
    const flaky = await writeLocked(t.db, car.id, async () => {
      calls++;
      if (calls < 3) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      return 'done';
    });
    expect(flaky).toBe('done');
    expect(calls).toBe(3);
    calls = 0;
    const stuck = writeLocked(t.db, car.id, async () => {
      calls++;
      throw Object.assign(new Error('could not serialize access'), { code: '40001' });
    });
    await expect(stuck).rejects.toMatchObject({ code: 'booking.conflict', extensions: { conflicts: [] } });
    // One bounded loop: five attempts in all, not five retries of five.
    expect(calls).toBe(5);
  });
});
