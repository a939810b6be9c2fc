/** Bounded work: the candidate budget of an expansion, and the limits on new series. */
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors';
import { expandRecurrence, expandSeries } from './expand';
import { checkRecurrenceLimits, MAX_PERIOD_CANDIDATES, periodCandidates } from './limits';
import { parseRRule } from './parse';
import { readFixture } from './testing/ics';
import type { RecurrenceInput } from './types';

const seq = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i).join(',');
/** Every BYxxx part full and BYSETPOS=-1: one start per year out of ~31.6 million candidates. */
const FREEZING = `FREQ=YEARLY;BYMONTH=${seq(1, 12)};BYMONTHDAY=${seq(1, 31)};BYHOUR=${seq(0, 23)};BYMINUTE=${seq(0, 59)};BYSECOND=${seq(0, 59)};BYSETPOS=-1`;
/** 86,400 candidates a day, the last one picked: within the per-period limit only with BYSECOND gone. */
const EVERY_SECOND_LAST = `FREQ=DAILY;BYHOUR=${seq(0, 23)};BYMINUTE=${seq(0, 59)};BYSECOND=${seq(0, 59)};BYSETPOS=-1`;

function errorOf(run: () => unknown): { code: string; detail: string; fields: unknown } {
  try {
    run();
  } catch (e) {
    if (isAppError(e)) return { code: e.code, detail: e.detail ?? '', fields: e.fields };
    throw e;
  }
  throw new Error('no error');
}

const files = import.meta.glob('./fixtures/rfc5545-examples.ics', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const rfcExamples = Object.values(files).flatMap((text) => readFixture(text));

describe('the candidate budget of an expansion', () => {
  it('stops the freezing rule with recurrence.too_complex instead of building its periods', () => {
    const input = { dtstart: '2026-01-01T00:00:00', tzid: 'Asia/Manila', rrule: FREEZING };
    expect(errorOf(() => expandRecurrence(input, { limit: 1000 })).code).toBe('recurrence.too_complex');
    const floating = { ...input, tzid: null };
    const cut = expandSeries(floating, { limit: 1000, maxCandidates: 50_000, onBudget: 'truncate' });
    expect(cut.truncated).toBe(true);
    expect(cut.candidates).toBeLessThanOrEqual(50_000);
    // DTSTART itself is certain; nothing of the unfinished first year is.
    expect(cut.occurrences.map((o) => o.local)).toEqual(['2026-01-01T00:00:00']);
  });

  it('stops a SECONDLY COUNT counted from years before the window', () => {
    const input = { dtstart: '2020-01-01T00:00:00', tzid: null, rrule: 'FREQ=SECONDLY;COUNT=100000000' };
    const window = { start: '2026-03-01T00:00:00Z', end: '2026-04-01T00:00:00Z' };
    expect(errorOf(() => expandRecurrence(input, { window })).code).toBe('recurrence.too_complex');
    expect(expandSeries(input, { window, onBudget: 'truncate' })).toMatchObject({
      occurrences: [],
      truncated: true,
    });
  });

  it('truncates to a prefix of the full answer: every occurrence before the point reached', () => {
    const input = { dtstart: '2026-01-01T00:00:00', tzid: 'Europe/Berlin', rrule: EVERY_SECOND_LAST };
    const full = expandSeries(input, { limit: 20, maxCandidates: 3_000_000 });
    expect(full.truncated).toBe(false);
    expect(full.occurrences.slice(0, 3).map((o) => o.local)).toEqual([
      '2026-01-01T00:00:00',
      '2026-01-01T23:59:59',
      '2026-01-02T23:59:59',
    ]);
    const cut = expandSeries(input, { limit: 20, maxCandidates: 700_000, onBudget: 'truncate' });
    expect(cut.truncated).toBe(true);
    expect(cut.candidates).toBeLessThanOrEqual(700_000);
    expect(cut.occurrences.length).toBeGreaterThan(3);
    expect(cut.occurrences).toEqual(full.occurrences.slice(0, cut.occurrences.length));
  });

  it('counts what the engine examines, not what it returns', () => {
    const cheap = expandSeries({ dtstart: '2026-01-05T09:00:00', tzid: null, rrule: 'FREQ=WEEKLY;COUNT=10' });
    // Ten weeks of seven days checked, plus the weeks and the starts themselves.
    expect([cheap.occurrences.length, cheap.candidates]).toEqual([10, 90]);
    // One start a day, out of 1,440 candidates each.
    const dear = expandSeries({
      dtstart: '2026-01-01T00:00:00',
      tzid: null,
      rrule: `FREQ=DAILY;BYHOUR=${seq(0, 23)};BYMINUTE=${seq(0, 59)};BYSETPOS=1;COUNT=10`,
    });
    expect(dear.occurrences).toHaveLength(10);
    expect(dear.candidates).toBeGreaterThan(9 * 1440);
  });

  it('stops when the caller’s clock passes the deadline', () => {
    let t = 0;
    const deadline = { now: () => (t += 1000), at: 500 };
    const input = { dtstart: '2026-01-01T00:00:00', tzid: null, rrule: 'FREQ=MINUTELY' };
    const window = { start: '2026-01-01T00:00:00Z', end: '2026-02-01T00:00:00Z' };
    const big = { window, maxCandidates: 2_000_000 };
    const err = errorOf(() => expandRecurrence(input, { ...big, deadline }));
    expect([err.code, err.detail]).toEqual(['recurrence.too_complex', expect.stringContaining('more time')]);
    // A clock that never runs out changes nothing.
    const calm = { now: () => 0, at: 1 };
    expect(expandRecurrence(input, { ...big, deadline: calm })).toHaveLength(44_640);
  });

  it('keeps the RFC 5545 examples and a decade of a daily series well inside the default budget', () => {
    for (const e of rfcExamples) {
      const got = expandSeries(e.input, e.limit === undefined ? {} : { limit: e.limit });
      expect(got.truncated, e.summary).toBe(false);
    }
    const decade = expandSeries({
      dtstart: '2016-01-01T09:00:00',
      tzid: 'Asia/Manila',
      rrule: 'FREQ=DAILY;BYHOUR=8,9,10,11,12,13,14,15,16,17;BYMINUTE=0,30;COUNT=70000',
    });
    expect(decade.occurrences).toHaveLength(70_000);
    expect(decade.candidates).toBeLessThan(200_000);
  });
});

describe('the limits on a new series', () => {
  const check = (rrule: string, dtstart = '2026-03-02T09:00:00') =>
    errorOf(() => checkRecurrenceLimits({ dtstart, tzid: 'Asia/Manila', rrule }));
  const passes = (input: RecurrenceInput) => () => checkRecurrenceLimits(input);

  it('refuses the freezing rule, naming the longest list', () => {
    expect(periodCandidates(parseRRule(FREEZING))).toBe(366 * 86_400);
    expect(check(FREEZING)).toMatchObject({
      code: 'recurrence.too_complex',
      detail: expect.stringContaining('31,622,400 candidate starts in one year'),
      fields: [expect.objectContaining({ field: 'rrule', code: 'BYSECOND' })],
    });
    expect(check(EVERY_SECOND_LAST).code).toBe('recurrence.too_complex');
  });

  it('accepts rich but sane rules up to the per-period limit', () => {
    for (const rrule of [
      'FREQ=YEARLY;BYHOUR=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23;BYDAY=MO,TU,WE,TH,FR,SA,SU',
      `FREQ=DAILY;BYHOUR=${seq(0, 23)};BYMINUTE=${seq(0, 59)}`,
      `FREQ=MONTHLY;BYMONTHDAY=${seq(1, 31)};BYHOUR=${seq(0, 23)};BYMINUTE=0,15,30,45;BYSETPOS=1,-1`,
      'FREQ=YEARLY;BYMONTH=1,2,3,4,5,6,7,8,9,10,11,12;BYDAY=-1FR;BYHOUR=9,17',
    ]) {
      expect(passes({ dtstart: '2026-03-02T09:00:00', tzid: null, rrule }), rrule).not.toThrow();
      expect(periodCandidates(parseRRule(rrule))).toBeLessThanOrEqual(MAX_PERIOD_CANDIDATES);
    }
    expect(check(`FREQ=YEARLY;BYHOUR=${seq(0, 23)};BYMINUTE=0,30;BYYEARDAY=${seq(1, 366)}`).code).toBe(
      'recurrence.too_complex',
    );
  });

  it('refuses SECONDLY, and HOURLY/MINUTELY without a near COUNT or UNTIL', () => {
    expect(check('FREQ=SECONDLY;COUNT=5')).toMatchObject({
      code: 'recurrence.too_complex',
      detail: expect.stringContaining('SECONDLY is not supported'),
    });
    expect(check('FREQ=MINUTELY').fields).toEqual([expect.objectContaining({ code: 'FREQ' })]);
    expect(check('FREQ=HOURLY;INTERVAL=8').code).toBe('recurrence.too_complex');
    expect(check('FREQ=MINUTELY;COUNT=10001').fields).toEqual([expect.objectContaining({ code: 'COUNT' })]);
    expect(
      passes({ dtstart: '2026-03-02T09:00:00', tzid: null, rrule: 'FREQ=MINUTELY;COUNT=10000' }),
    ).not.toThrow();
    // 10,000 periods of 15 minutes (104 days 4 hours) after 2026-03-02 09:00 is 2026-06-14 13:00.
    const every15 = (until: string) => `FREQ=MINUTELY;INTERVAL=15;UNTIL=${until}`;
    expect(
      passes({ dtstart: '2026-03-02T09:00:00', tzid: null, rrule: every15('20260614T130000') }),
    ).not.toThrow();
    expect(check(every15('20260614T131500')).fields).toEqual([expect.objectContaining({ code: 'UNTIL' })]);
    expect(check('FREQ=HOURLY;UNTIL=20280101').code).toBe('recurrence.too_complex');
    expect(
      passes({ dtstart: '2026-03-02T09:00:00', tzid: null, rrule: 'FREQ=HOURLY;INTERVAL=8;UNTIL=20280101' }),
    ).not.toThrow();
  });

  it('passes every RFC 5545 example but the endless MINUTELY one', () => {
    const refused = rfcExamples.filter((e) => {
      try {
        checkRecurrenceLimits(e.input);
        return false;
      } catch (err) {
        expect(isAppError(err) && err.code).toBe('recurrence.too_complex');
        return true;
      }
    });
    expect(refused.map((e) => e.input.rrule)).toEqual([
      'FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16',
    ]);
  });

  it('still reports what is wrong with the series first', () => {
    expect(check('FREQ=SECONDLY;BYDAY=XX').code).toBe('recurrence.invalid_rule');
    expect(check('FREQ=DAILY', 'yesterday').code).toBe('recurrence.invalid_input');
  });
});
