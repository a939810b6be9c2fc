import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, type Who } from '../../test/factories';
import { createTestApp, type RequestArgs, request, type TestApp } from '../../test/server';

// No request and no stored series can stall the server: costly rules are refused when written,
// and series stored before the limits existed are shown cut short instead of failing the feed.

let t: TestApp;
let owner: Who, other: Who;
beforeAll(async () => {
  t = await createTestApp();
  [owner, other] = await people(t, ['staff', 'staff']);
});
afterAll(() => t.close());

const req = (...args: RequestArgs) => request(t, ...args);
const seq = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i).join(',');
const FREEZING = `FREQ=YEARLY;BYMONTH=${seq(1, 12)};BYMONTHDAY=${seq(1, 31)};BYHOUR=${seq(0, 23)};BYMINUTE=${seq(0, 59)};BYSECOND=${seq(0, 59)};BYSETPOS=-1`;

const event = (rrule: string | undefined, extra: Record<string, unknown> = {}) => ({
  kind: 'event',
  title: 'Check',
  start: '2026-03-09T01:00:00Z',
  end: '2026-03-09T01:30:00Z',
  timeZone: 'Asia/Manila',
  ...(rrule ? { rrule } : {}),
  ...extra,
});

const MARCH = 'start=2026-03-01T00:00:00Z&end=2026-04-01T00:00:00Z&holidays=false';
type Feed = {
  occurrences: { itemId: string; title: string }[];
  truncated: boolean;
  truncatedSeries: string[];
};
const feedOf = async (who: Who) => {
  const res = await req(who, 'GET', `/api/v1/calendar?${MARCH}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Feed;
};

/** Stores series as the database may hold them from before the limits: straight into the table. */
async function legacySeries(who: Who, rrule: string, count: number, title: string): Promise<string[]> {
  const { rows } = await t.db.query<{ id: string }>(
    `insert into items (calendar_id, kind, title, all_day, dtstart, dtend, time_zone, start_at, end_at, rrule,
                        series_end_at, organizer_id, uid, visibility)
     select (select id from calendars where owner_id = $1 and kind = 'personal'), 'event', $2 || ' ' || g, false,
            '2020-01-01T00:00:00', '2020-01-01T00:00:30', 'Asia/Manila',
            '2019-12-31T16:00:00Z', '2019-12-31T16:00:30Z', $3, null, $1, gen_random_uuid() || '@kalendaryo', 'public'
       from generate_series(1, $4::int) g
     returning id`,
    [who.user.id, title, rrule, count],
  );
  return rows.map((r) => r.id);
}

describe('writing a series: costly rules are refused with 422 recurrence.too_complex', () => {
  it('refuses the freezing rule, SECONDLY and endless HOURLY/MINUTELY on create, naming the part', async () => {
    for (const [rrule, part] of [
      [FREEZING, 'BYSECOND'],
      [`${FREEZING};COUNT=4`, 'BYSECOND'],
      ['FREQ=SECONDLY;COUNT=100000000', 'FREQ'],
      ['FREQ=MINUTELY', 'FREQ'],
      ['FREQ=HOURLY;COUNT=20000', 'COUNT'],
    ] as const) {
      const res = await req(owner, 'POST', '/api/v1/items', event(rrule));
      expect(res.statusCode, rrule).toBe(422);
      expect(res.json()).toMatchObject({
        code: 'recurrence.too_complex',
        errors: [expect.objectContaining({ field: 'rrule', code: part })],
      });
    }
    const bounded = await req(owner, 'POST', '/api/v1/items', event('FREQ=HOURLY;INTERVAL=2;COUNT=12'));
    expect(bounded.statusCode, bounded.body).toBe(201);
  });

  it('refuses a rule within the limits whose series end needs more than the candidate budget', async () => {
    // 1,440 candidates a day for one start a day: 1,000 days are more than a million candidates.
    const rrule = `FREQ=DAILY;BYHOUR=${seq(0, 23)};BYMINUTE=${seq(0, 59)};BYSETPOS=1;COUNT=1000`;
    const res = await req(owner, 'POST', '/api/v1/items', event(rrule));
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'recurrence.too_complex',
      detail: expect.stringContaining('candidate'),
    });
    const fewer = await req(owner, 'POST', '/api/v1/items', event(rrule.replace('COUNT=1000', 'COUNT=100')));
    expect(fewer.statusCode, fewer.body).toBe(201);
  });

  it('refuses a costly rule on update and leaves the series as it was', async () => {
    const created = await req(owner, 'POST', '/api/v1/items', event('FREQ=WEEKLY;BYDAY=MO'));
    expect(created.statusCode).toBe(201);
    const { id, version } = created.json();
    const res = await req(
      owner,
      'PATCH',
      `/api/v1/items/${id}`,
      { rrule: FREEZING },
      { 'if-match': `"${version}"` },
    );
    expect([res.statusCode, res.json().code]).toEqual([422, 'recurrence.too_complex']);
    expect((await req(owner, 'GET', `/api/v1/items/${id}`)).json().rrule).toBe('FREQ=WEEKLY;BYDAY=MO');
  });
});

describe('reading stored series that cost too much', () => {
  it('a public SECONDLY series counted from 2020 is cut short, not a 422 for everyone who sees it', async () => {
    const [huge] = await legacySeries(owner, 'FREQ=SECONDLY;COUNT=100000000', 1, 'Every second');
    const own = await req(other, 'POST', '/api/v1/items', event(undefined, { title: 'My own meeting' }));
    expect(own.statusCode).toBe(201);

    const theirs = await feedOf(other);
    expect(theirs.occurrences.map((o) => o.title)).toContain('My own meeting');
    expect(theirs.truncated).toBe(true);
    // Only those who may edit a series are told which one it is.
    expect(theirs.truncatedSeries).toEqual([]);

    const mine = await feedOf(owner);
    expect(mine.truncatedSeries).toContain(huge);
    // Deleting it needs no expansion at all.
    const gone = await req(owner, 'DELETE', `/api/v1/items/${huge}`);
    expect(gone.statusCode, gone.body).toBe(204);
    expect((await feedOf(other)).truncated).toBe(false);
  });

  it('200 endless MINUTELY public series each show their share, marked, beside everyone else’s items', async () => {
    const minutely = await legacySeries(owner, 'FREQ=MINUTELY', 200, 'Every minute');
    const own = await req(
      other,
      'POST',
      '/api/v1/items',
      event(undefined, { title: 'Late meeting', start: '2026-03-30T01:00:00Z', end: '2026-03-30T02:00:00Z' }),
    );
    expect(own.statusCode).toBe(201);

    const theirs = await feedOf(other);
    expect(theirs.truncated).toBe(true);
    expect(theirs.occurrences.map((o) => o.title)).toContain('Late meeting');
    const perSeries = new Map<string, number>();
    for (const o of theirs.occurrences) perSeries.set(o.itemId, (perSeries.get(o.itemId) ?? 0) + 1);
    // Every series is there, none crowding out the others.
    const counts = minutely.map((id) => perSeries.get(id) ?? 0);
    expect(Math.min(...counts)).toBeGreaterThan(0);
    expect(Math.max(...counts)).toBe(Math.min(...counts));

    const mine = await feedOf(owner);
    expect(mine.truncatedSeries).toEqual(expect.arrayContaining(minutely));
  });
});
