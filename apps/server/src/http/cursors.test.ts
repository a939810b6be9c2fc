import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Who } from '../test/factories';
import { createTestApp, request, type TestApp } from '../test/server';

/**
 * Every list that pages with a cursor, and a query that lists at least two rows of it. Cursors
 * are opaque: whatever a client makes up instead must be a 400 `pagination.invalid_cursor`, never
 * a 500 from a value the database refuses.
 */
const lists: { name: string; url: string; as: 'admin' | 'staff'; byTime?: boolean }[] = [
  { name: 'users', url: '/api/v1/users?', as: 'admin' },
  { name: 'people', url: '/api/v1/people?', as: 'staff' },
  { name: 'communities', url: '/api/v1/communities?', as: 'staff' },
  { name: 'resources', url: '/api/v1/resources?', as: 'staff' },
  { name: 'bookings', url: '/api/v1/bookings?', as: 'admin', byTime: true },
  { name: 'items', url: '/api/v1/items?', as: 'admin', byTime: true },
  {
    name: 'availability',
    url: '/api/v1/resources/availability?start=2030-01-07T00:00:00Z&end=2030-01-08T00:00:00Z&',
    as: 'staff',
  },
  { name: 'utilisation', url: '/api/v1/resources/utilisation?from=2030-01-07&to=2030-01-09&', as: 'staff' },
];

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const UUID = '6f1c1d5e-8a4b-4c3d-9e2f-1a2b3c4d5e6f';

const forged: Record<string, string> = {
  'not base64url': '!!not*base64$$',
  'random bytes': randomBytes(30).toString('base64url'),
  'base64 of text that is not JSON': b64('hello, world'),
  'a JSON object': b64(JSON.stringify({ name: 'a', id: UUID })),
  'an empty array': b64('[]'),
  'too few values': b64(JSON.stringify(['a'])),
  'too many values': b64(JSON.stringify(['a', UUID, 'b'])),
  'numbers instead of strings': b64(JSON.stringify([1, 2])),
  'null values': b64(JSON.stringify([null, null])),
  'an id that is no uuid': b64(JSON.stringify(['a', 'not-a-uuid'])),
  'a NUL byte in a value': b64(JSON.stringify(['a\u0000b', UUID])),
  'raw NUL bytes': b64(`["\u0000","${UUID}"]`),
  'a value longer than any name': b64(JSON.stringify(['x'.repeat(500), UUID])),
  'a huge value': b64(JSON.stringify(['x'.repeat(3000), UUID])),
  'a huge cursor': 'A'.repeat(20_000),
};

/** Lists ordered by time also refuse a time that is not one. */
const forgedTimes: Record<string, string> = {
  'a date that does not exist': b64(JSON.stringify(['2024-02-30T00:00:00.000Z', UUID])),
  'a time that is not one': b64(JSON.stringify(['tomorrow at noon', UUID])),
  'year 0': b64(JSON.stringify(['0000-01-01T00:00:00.000Z', UUID])),
  'an offset instead of Z': b64(JSON.stringify(['2030-01-07T01:00:00+08:00', UUID])),
};

let t: TestApp;
let admin: Who;
let staff: Who;
beforeAll(async () => {
  t = await createTestApp({ rateLimitPerMinute: 0 });
  [admin, staff] = await people(t, ['admin', 'staff']);
  const post = async (url: string, body: object) => {
    const res = await request(t, admin, 'POST', url, body);
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json() as { id: string };
  };
  for (const name of ['Cursor Alpha', 'Cursor Beta']) await post('/api/v1/communities', { name });
  for (const day of ['07', '08'])
    await post('/api/v1/items', {
      kind: 'event',
      title: 'Cursor test',
      start: `2030-01-${day}T01:00:00Z`,
      end: `2030-01-${day}T02:00:00Z`,
    });
  const vans = [
    await post('/api/v1/resources', { name: 'Cursor van A', type: 'vehicle' }),
    await post('/api/v1/resources', { name: 'Cursor van B', type: 'vehicle' }),
  ];
  for (const [i, van] of vans.entries())
    await post('/api/v1/bookings', {
      resourceId: van.id,
      start: `2030-01-07T0${i + 1}:00:00Z`,
      end: `2030-01-07T0${i + 2}:00:00Z`,
      purpose: 'Cursor test',
    });
});
afterAll(() => t.close());

describe.each(lists)('the cursor of GET $name', ({ url, as, byTime }) => {
  const who = () => (as === 'admin' ? admin : staff);

  it('pages through with the cursors it hands out', async () => {
    const first = await request(t, who(), 'GET', `${url}limit=1`);
    expect(first.statusCode, first.body).toBe(200);
    const { items, nextCursor } = first.json();
    expect(items).toHaveLength(1);
    expect(nextCursor).toEqual(expect.any(String));
    const second = await request(t, who(), 'GET', `${url}limit=1&cursor=${nextCursor}`);
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().items).toHaveLength(1);
    expect(second.json().items[0]).not.toEqual(items[0]);
  });

  it.each(Object.entries({ ...forged, ...(byTime ? forgedTimes : {}) }))(
    'answers a forged cursor (%s) with 400 pagination.invalid_cursor',
    async (_, cursor) => {
      const res = await request(t, who(), 'GET', `${url}cursor=${cursor}`);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'pagination.invalid_cursor',
        errors: [{ field: 'cursor' }],
      });
    },
  );

  it('answers a NUL byte in the cursor parameter with 400 before it reaches the list', async () => {
    const res = await request(t, who(), 'GET', `${url}cursor=%00%00`);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().code).toBe('request.control_characters');
  });
});
