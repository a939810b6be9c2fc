import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/server';
import { at, client, dayFromNow, people, type Who } from './bookings.fixtures';

let t: TestApp;
let api: ReturnType<typeof client>;
let coordinator: Who;
let amina: Who;
let big: { id: string };
let small: { id: string };
let broken: { id: string };
const date = (days: number) => new Date(dayFromNow(days)).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await createTestApp();
  api = client(t);
  [coordinator, amina] = await people(t, ['coordinator', 'staff']);
  big = await api.resource(coordinator, { name: 'A big van', capacity: 14 });
  small = await api.resource(coordinator, {
    name: 'B small car',
    capacity: 4,
    rules: { maxDurationMinutes: 120 },
  });
  broken = await api.resource(coordinator, { name: 'C broken van', capacity: 14, status: 'maintenance' });
  await api.resource(coordinator, { name: 'D old van', capacity: 14, status: 'retired' });
  await api.resource(coordinator, { name: 'E room', type: 'room', capacity: 30 });
  await api.book(amina, { resourceId: big.id, start: at(5, 1), end: at(5, 3) });
  const approved = await api.book(amina, { resourceId: big.id, start: at(5, 5), end: at(5, 6) });
  await api.req(coordinator, 'POST', `/api/v1/bookings/${approved.json().id}/approve`);
  const overnight = await api.book(amina, { resourceId: big.id, start: at(6, 22), end: at(7, 2) });
  await api.req(coordinator, 'POST', `/api/v1/bookings/${overnight.json().id}/approve`);
  const cancelled = await api.book(amina, { resourceId: small.id, start: at(5, 1), end: at(5, 2) });
  await api.req(amina, 'POST', `/api/v1/bookings/${cancelled.json().id}/cancel`);
});
afterAll(() => t.close());

describe('GET /api/v1/resources/availability', () => {
  it('gives each resource’s busy intervals and free slots in the window', async () => {
    const res = await api.req(
      amina,
      'GET',
      `/api/v1/resources/availability?type=vehicle&start=${at(5)}&end=${at(6)}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items;
    expect(items.map((i: { resource: { name: string } }) => i.resource.name)).toEqual([
      'A big van',
      'B small car',
      'C broken van',
    ]);
    expect(items[0].busy).toEqual([
      { bookingId: expect.any(String), start: at(5, 1), end: at(5, 3), status: 'pending' },
      { bookingId: expect.any(String), start: at(5, 5), end: at(5, 6), status: 'approved' },
    ]);
    expect(items[0].free).toEqual([
      { start: at(5, 0), end: at(5, 1) },
      { start: at(5, 3), end: at(5, 5) },
      { start: at(5, 6), end: at(6, 0) },
    ]);
    // A cancelled booking holds nothing; a resource under maintenance has no free time.
    expect(items[1]).toMatchObject({ busy: [], free: [{ start: at(5, 0), end: at(6, 0) }] });
    expect(items[2]).toMatchObject({ resource: { status: 'maintenance' }, free: [] });
    const named = await api.req(
      amina,
      'GET',
      `/api/v1/resources/availability?resourceIds=${small.id},${broken.id}&start=${at(5)}&end=${at(6)}`,
    );
    expect(
      named
        .json()
        .items.map((i: { resource: { id: string } }) => i.resource.id)
        .sort(),
    ).toEqual([small.id, broken.id].sort());
  });

  it('answers 400 for a reversed or over-long window', async () => {
    const reversed = await api.req(
      amina,
      'GET',
      `/api/v1/resources/availability?start=${at(6)}&end=${at(5)}`,
    );
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().code).toBe('request.bad_query');
    const long = await api.req(amina, 'GET', `/api/v1/resources/availability?start=${at(1)}&end=${at(400)}`);
    expect(long.statusCode).toBe(400);
  });
});

describe('GET /api/v1/resources/free', () => {
  it('finds resources free for the whole trip, big enough and allowed by their rules, smallest first', async () => {
    const names = async (query: string) => {
      const res = await api.req(amina, 'GET', `/api/v1/resources/free?type=vehicle&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((r: { name: string }) => r.name);
    };
    expect(await names(`start=${at(5, 7)}&end=${at(5, 9)}&capacity=4`)).toEqual(['B small car', 'A big van']);
    expect(await names(`start=${at(5, 2)}&end=${at(5, 4)}&capacity=4`)).toEqual(['B small car']);
    expect(await names(`start=${at(5, 2)}&end=${at(5, 4)}&capacity=10`)).toEqual([]);
    expect(await names(`start=${at(5, 7)}&end=${at(5, 10)}`)).toEqual(['A big van']); // B: at most 2 hours
    expect(await names(`start=${at(5, 6)}&end=${at(5, 7)}&capacity=10`)).toEqual(['A big van']); // touches
  });
});

describe('GET /api/v1/resources/utilisation', () => {
  it('gives the booked and pending fraction of each day per resource', async () => {
    const res = await api.req(
      amina,
      'GET',
      `/api/v1/resources/utilisation?type=vehicle&from=${date(5)}&to=${date(8)}&tz=UTC`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ timeZone: 'UTC', from: date(5), to: date(8) });
    expect(body.items.map((i: { resource: { name: string } }) => i.resource.name)).toEqual([
      'A big van',
      'B small car',
      'C broken van',
    ]);
    const r = (n: number) => Math.round((n / 24) * 1000) / 1000;
    expect(body.items[0].days).toEqual([
      { date: date(5), booked: r(1), pending: r(2) },
      { date: date(6), booked: r(2), pending: 0 },
      { date: date(7), booked: r(2), pending: 0 },
    ]);
    expect(
      body.items[1].days.every((d: { booked: number; pending: number }) => d.booked + d.pending === 0),
    ).toBe(true);
    // Days of another zone: the overnight booking falls on one Manila day (06:00–10:00).
    const manila = await api.req(
      amina,
      'GET',
      `/api/v1/resources/utilisation?type=vehicle&from=${date(7)}&to=${date(8)}&tz=Asia/Manila`,
    );
    expect(manila.json().items[0].days).toEqual([{ date: date(7), booked: r(4), pending: 0 }]);
    const bad = await api.req(amina, 'GET', `/api/v1/resources/utilisation?from=${date(8)}&to=${date(5)}`);
    expect(bad.statusCode).toBe(400);
  });
});
