import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser, type Who } from '../../test/factories';
import { createTestApp, type Method, request, type TestApp } from '../../test/server';

let t: TestApp;
let amina: Who;
beforeAll(async () => {
  t = await createTestApp();
  amina = await signedInUser(t.app, t.db, 'staff');
});
afterAll(() => t.close());

const req = (method: Method, url: string, payload?: unknown, headers?: Record<string, string>) =>
  request(t, amina, method, url, payload, headers);

/** A weekly Monday/Wednesday 09:00–10:00 Manila series starting Monday 2026-03-02. */
const weekly = (extra: Record<string, unknown> = {}) =>
  req('POST', '/api/v1/items', {
    kind: 'event',
    title: 'Staff meeting',
    start: '2026-03-02T01:00:00Z',
    end: '2026-03-02T02:00:00Z',
    timeZone: 'Asia/Manila',
    rrule: 'FREQ=WEEKLY;BYDAY=MO,WE',
    ...extra,
  }).then((r) => {
    expect(r.statusCode, r.body).toBe(201);
    return r.json() as { id: string; version: number };
  });

const feed = async (start: string, end: string, extra = '') => {
  const res = await req('GET', `/api/v1/calendar?start=${start}&end=${end}&holidays=false${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().occurrences as {
    itemId: string;
    start: string;
    end: string;
    title: string;
    recurrenceId: string | null;
    isException: boolean;
  }[];
};
const of = (occ: Awaited<ReturnType<typeof feed>>, id: string) => occ.filter((o) => o.itemId === id);

describe('the calendar feed', () => {
  it('expands a series on read for any window, years ahead, without storing occurrences', async () => {
    const s = await weekly();
    const march = of(await feed('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'), s.id);
    expect(march.map((o) => o.recurrenceId)).toEqual([
      '2026-03-02T09:00:00',
      '2026-03-04T09:00:00',
      '2026-03-09T09:00:00',
      '2026-03-11T09:00:00',
      '2026-03-16T09:00:00',
      '2026-03-18T09:00:00',
      '2026-03-23T09:00:00',
      '2026-03-25T09:00:00',
      '2026-03-30T09:00:00',
    ]);
    expect(march[0]).toMatchObject({
      start: '2026-03-02T01:00:00.000Z',
      end: '2026-03-02T02:00:00.000Z',
      title: 'Staff meeting',
    });
    const far = of(await feed('2036-01-01T00:00:00Z', '2036-01-08T00:00:00Z'), s.id);
    expect(far.map((o) => o.start)).toEqual(['2036-01-02T01:00:00.000Z', '2036-01-07T01:00:00.000Z']);
    expect((await t.db.query('select 1 from items where id = $1', [s.id])).rowCount).toBe(1);
    const tenYears = of(await feed('2026-01-01T00:00:00Z', '2036-01-01T00:00:00Z'), s.id);
    expect(tenYears.length).toBe(1027);
  });

  it('keeps wall-clock times across DST in the item’s zone', async () => {
    const ny = (
      await req('POST', '/api/v1/items', {
        kind: 'event',
        title: 'NY call',
        start: '2026-03-02T14:00:00Z',
        end: '2026-03-02T15:00:00Z',
        timeZone: 'America/New_York',
        rrule: 'FREQ=WEEKLY;COUNT=3',
      })
    ).json();
    const occ = of(await feed('2026-03-01T00:00:00Z', '2026-03-31T00:00:00Z'), ny.id);
    expect(occ.map((o) => o.start)).toEqual([
      '2026-03-02T14:00:00.000Z',
      '2026-03-09T13:00:00.000Z',
      '2026-03-16T13:00:00.000Z',
    ]);
  });

  it('filters by kind and text, and returns an occurrence that overlaps the window start', async () => {
    const s = await weekly({ title: 'Overlap check', rrule: 'FREQ=DAILY;COUNT=2' });
    const occ = of(await feed('2026-03-02T01:30:00Z', '2026-03-02T05:00:00Z', '&q=overlap'), s.id);
    expect(occ).toHaveLength(1);
    expect(of(await feed('2026-03-02T00:00:00Z', '2026-03-04T00:00:00Z', '&kinds=task'), s.id)).toHaveLength(
      0,
    );
    const bad = await req('GET', '/api/v1/calendar?start=2026-03-05T00:00:00Z&end=2026-03-01T00:00:00Z');
    expect(bad.statusCode).toBe(400);
  });

  it('includes Philippine and Islamic holidays unless turned off', async () => {
    const res = await req(
      'GET',
      '/api/v1/calendar?start=2026-03-15T00:00:00Z&end=2026-06-30T00:00:00Z&holidays=true',
    );
    const titles = res
      .json()
      .occurrences.filter((o: { kind: string }) => o.kind === 'holiday')
      .map((o: { title: string }) => o.title);
    expect(titles).toEqual(expect.arrayContaining(['Independence Day', 'Labour Day']));
    expect(titles.some((t: string) => /Eid/.test(t))).toBe(true);
    const off = await req(
      'GET',
      '/api/v1/calendar?start=2026-03-15T00:00:00Z&end=2026-06-30T00:00:00Z&holidays=false',
    );
    expect(off.json().occurrences.some((o: { kind: string }) => o.kind === 'holiday')).toBe(false);
  });
});

describe('edit scopes', () => {
  it('“this” moves one occurrence as an exception that survives later edits of the series', async () => {
    const s = await weekly();
    const moved = await req('PATCH', `/api/v1/items/${s.id}?scope=this&occurrence=2026-03-04T09:00:00`, {
      start: '2026-03-05T06:00:00Z',
      end: '2026-03-05T07:00:00Z',
      title: 'Moved meeting',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().exceptions).toEqual([
      expect.objectContaining({
        recurrenceId: '2026-03-04T09:00:00',
        start: '2026-03-05T06:00:00.000Z',
        title: 'Moved meeting',
      }),
    ]);
    let occ = of(await feed('2026-03-02T00:00:00Z', '2026-03-09T00:00:00Z'), s.id);
    expect(occ.map((o) => [o.start, o.title, o.isException])).toEqual([
      ['2026-03-02T01:00:00.000Z', 'Staff meeting', false],
      ['2026-03-05T06:00:00.000Z', 'Moved meeting', true],
    ]);
    // The whole series is renamed; the moved occurrence keeps its own title and time.
    await req('PATCH', `/api/v1/items/${s.id}?scope=all`, { title: 'Team meeting', location: 'Room B' });
    occ = of(await feed('2026-03-02T00:00:00Z', '2026-03-09T00:00:00Z'), s.id);
    expect(occ.map((o) => o.title)).toEqual(['Team meeting', 'Moved meeting']);
    // Shifting the series an hour later shifts the exception's recurrence id along with it.
    const shifted = await req('PATCH', `/api/v1/items/${s.id}?scope=all`, {
      start: '2026-03-02T02:00:00Z',
      end: '2026-03-02T03:00:00Z',
    });
    expect(shifted.json().exceptions.map((x: { recurrenceId: string }) => x.recurrenceId)).toEqual([
      '2026-03-04T10:00:00',
    ]);
  });

  it('“this” on delete cancels one occurrence only', async () => {
    const s = await weekly();
    expect(
      (await req('DELETE', `/api/v1/items/${s.id}?scope=this&occurrence=2026-03-09T01:00:00Z`)).statusCode,
    ).toBe(204);
    const occ = of(await feed('2026-03-02T00:00:00Z', '2026-03-16T00:00:00Z'), s.id);
    expect(occ.map((o) => o.recurrenceId)).toEqual([
      '2026-03-02T09:00:00',
      '2026-03-04T09:00:00',
      '2026-03-11T09:00:00',
    ]);
  });

  it('“future” ends the series before the occurrence and starts a new one from it', async () => {
    const s = await weekly({ rrule: 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=8' });
    const res = await req('PATCH', `/api/v1/items/${s.id}?scope=future&occurrence=2026-03-11T09:00:00`, {
      title: 'New format',
      start: '2026-03-11T02:00:00Z',
      end: '2026-03-11T03:30:00Z',
    });
    expect(res.statusCode, res.body).toBe(200);
    const tail = res.json();
    expect(tail.id).not.toBe(s.id);
    expect(tail).toMatchObject({
      splitFromId: s.id,
      title: 'New format',
      dtstart: '2026-03-11T10:00:00',
      rrule: expect.stringContaining('COUNT=5'),
    });
    const head = (await req('GET', `/api/v1/items/${s.id}`)).json();
    expect(head.rrule).toContain('UNTIL=');
    expect(head.rrule).not.toContain('COUNT');
    const occ = await feed('2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z');
    expect(of(occ, s.id).map((o) => o.recurrenceId)).toEqual([
      '2026-03-02T09:00:00',
      '2026-03-04T09:00:00',
      '2026-03-09T09:00:00',
    ]);
    expect(of(occ, tail.id).map((o) => o.recurrenceId)).toEqual([
      '2026-03-11T10:00:00',
      '2026-03-16T10:00:00',
      '2026-03-18T10:00:00',
      '2026-03-23T10:00:00',
      '2026-03-25T10:00:00',
    ]);
    expect(of(occ, tail.id)[0]).toMatchObject({
      start: '2026-03-11T02:00:00.000Z',
      end: '2026-03-11T03:30:00.000Z',
    });
  });

  it('“future” that moves the time takes the later exclusions along, as “all” does', async () => {
    const s = await weekly({ exdates: ['2026-03-04T09:00:00', '2026-03-16T09:00:00'] });
    const res = await req('PATCH', `/api/v1/items/${s.id}?scope=future&occurrence=2026-03-11T09:00:00`, {
      start: '2026-03-11T02:00:00Z',
      end: '2026-03-11T03:00:00Z',
    });
    expect(res.statusCode, res.body).toBe(200);
    const tail = res.json();
    expect(tail.exdates).toEqual(['2026-03-16T10:00:00']);
    expect((await req('GET', `/api/v1/items/${s.id}`)).json().exdates).toEqual(['2026-03-04T09:00:00']);
    const occ = await feed('2026-03-01T00:00:00Z', '2026-03-21T00:00:00Z');
    expect(of(occ, s.id).map((o) => o.recurrenceId)).toEqual(['2026-03-02T09:00:00', '2026-03-09T09:00:00']);
    expect(of(occ, tail.id).map((o) => o.recurrenceId)).toEqual([
      '2026-03-11T10:00:00',
      '2026-03-18T10:00:00',
    ]);
  });

  it('“future” on delete truncates the series; from the first occurrence it deletes it', async () => {
    const s = await weekly();
    expect(
      (await req('DELETE', `/api/v1/items/${s.id}?scope=future&occurrence=2026-03-09T09:00:00`)).statusCode,
    ).toBe(204);
    expect(of(await feed('2026-03-01T00:00:00Z', '2026-06-01T00:00:00Z'), s.id)).toHaveLength(2);
    expect(
      (await req('DELETE', `/api/v1/items/${s.id}?scope=future&occurrence=2026-03-02T09:00:00`)).statusCode,
    ).toBe(204);
    expect((await req('GET', `/api/v1/items/${s.id}`)).statusCode).toBe(404);
  });

  it('names the occurrence: missing → 422, not in the series → 404', async () => {
    const s = await weekly();
    const missing = await req('PATCH', `/api/v1/items/${s.id}?scope=this`, { title: 'x' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().code).toBe('item.occurrence_required');
    const tuesday = await req('PATCH', `/api/v1/items/${s.id}?scope=this&occurrence=2026-03-03T09:00:00`, {
      title: 'x',
    });
    expect(tuesday.statusCode).toBe(404);
    expect(tuesday.json().code).toBe('item.occurrence_not_found');
    const rule = await req('PATCH', `/api/v1/items/${s.id}?scope=this&occurrence=2026-03-04T09:00:00`, {
      rrule: 'FREQ=DAILY',
    });
    expect(rule.statusCode).toBe(422);
  });

  it('an "all" edit that changes the rule drops exceptions that no longer fit', async () => {
    const s = await weekly();
    await req('PATCH', `/api/v1/items/${s.id}?scope=this&occurrence=2026-03-04T09:00:00`, {
      title: 'Wednesday special',
    });
    await req('PATCH', `/api/v1/items/${s.id}?scope=this&occurrence=2026-03-09T09:00:00`, {
      title: 'Monday special',
    });
    const res = (
      await req('PATCH', `/api/v1/items/${s.id}?scope=all`, { rrule: 'FREQ=WEEKLY;BYDAY=MO' })
    ).json();
    expect(res.exceptions.map((x: { recurrenceId: string }) => x.recurrenceId)).toEqual([
      '2026-03-09T09:00:00',
    ]);
  });
});
