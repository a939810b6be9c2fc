import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInUser } from '../../test/factories';
import { createTestApp, request, type TestApp } from '../../test/server';

let t: TestApp;
let headers: Record<string, string>;
beforeAll(async () => {
  t = await createTestApp();
  headers = (await signedInUser(t.app, t.db)).headers;
});
afterAll(() => t.close());

const preview = (payload: Record<string, unknown>) =>
  request(t, { headers }, 'POST', '/api/v1/recurrence/preview', payload);

describe('POST /api/v1/recurrence/preview', () => {
  it('answers UTC instants for a zoned rule, keeping wall time across DST', async () => {
    const res = await preview({
      dtstart: '2026-03-02T09:00:00',
      tzid: 'America/New_York',
      rrule: 'FREQ=WEEKLY;BYDAY=MO',
      limit: 3,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().occurrences).toEqual([
      '2026-03-02T14:00:00Z',
      '2026-03-09T13:00:00Z',
      '2026-03-16T13:00:00Z',
    ]);
  });

  it('answers local date-times for a floating rule, with EXDATE and RDATE', async () => {
    const res = await preview({
      dtstart: '2026-03-08T09:00:00',
      tzid: null,
      rrule: 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4',
      exdates: ['2026-03-09T09:00:00'],
      rdates: ['2026-04-01T15:00:00'],
      limit: 10,
    });
    expect(res.json().occurrences).toEqual([
      '2026-03-08T09:00:00',
      '2026-03-11T09:00:00',
      '2026-03-16T09:00:00',
      '2026-04-01T15:00:00',
    ]);
  });

  it('takes the first `limit` occurrences inside a half-open window', async () => {
    const res = await preview({
      dtstart: '2026-01-01T09:00:00',
      tzid: 'Asia/Manila',
      rrule: 'FREQ=DAILY',
      window: { start: '2026-02-01T01:00:00Z', end: '2026-02-04T01:00:00Z' },
      limit: 1000,
    });
    expect(res.json().occurrences).toEqual([
      '2026-02-01T01:00:00Z',
      '2026-02-02T01:00:00Z',
      '2026-02-03T01:00:00Z',
    ]);
  });

  it('names the wrong part of an invalid rule with 422 recurrence.invalid_rule', async () => {
    for (const rrule of [
      'FREQ=WEEKLY;BYDAY=XX',
      'FREQ=DAILY;COUNT=2;UNTIL=20260101T000000Z',
      'INTERVAL=2',
      'FREQ=DAILY;INTERVAL=0',
    ]) {
      const res = await preview({ dtstart: '2026-03-08T09:00:00', tzid: 'Asia/Manila', rrule, limit: 5 });
      expect(res.statusCode, rrule).toBe(422);
      expect(res.json().code).toBe('recurrence.invalid_rule');
      expect(res.json().detail.length).toBeGreaterThan(5);
    }
    const badLimit = await preview({
      dtstart: '2026-03-08T09:00:00',
      tzid: 'Asia/Manila',
      rrule: 'FREQ=DAILY',
      limit: 1001,
    });
    expect(badLimit.statusCode).toBe(422);
    const badZone = await preview({
      dtstart: '2026-03-08T09:00:00',
      tzid: 'Nowhere/City',
      rrule: 'FREQ=DAILY',
      limit: 5,
    });
    expect(badZone.statusCode).toBe(422);
  });
});
