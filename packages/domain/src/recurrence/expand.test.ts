import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors';
import { expandRecurrence } from './expand';
import type { ExpandOptions, RecurrenceInput } from './types';

const locals = (input: RecurrenceInput, options: ExpandOptions = {}) =>
  expandRecurrence(input, options).map((o) => o.local);

function errorOf(run: () => unknown): { code: string; fields: unknown } {
  try {
    run();
  } catch (e) {
    if (isAppError(e)) return { code: e.code, fields: e.fields };
    throw e;
  }
  throw new Error('no error');
}

describe('all-day series', () => {
  it('produce dates; floating ones have no instant', () => {
    expect(expandRecurrence({ dtstart: '2024-12-30', tzid: null, rrule: 'FREQ=DAILY;COUNT=3' })).toEqual([
      { local: '2024-12-30', start: null, epochMs: null },
      { local: '2024-12-31', start: null, epochMs: null },
      { local: '2025-01-01', start: null, epochMs: null },
    ]);
  });

  it('start at local midnight when zoned, and take EXDATE/RDATE/UNTIL as dates', () => {
    const input = {
      dtstart: '2024-01-01',
      tzid: 'Asia/Manila',
      rrule: 'FREQ=WEEKLY;BYDAY=MO;UNTIL=20240115',
      exdates: ['2024-01-08'],
      rdates: ['2024-01-20'],
    };
    expect(expandRecurrence(input).map((o) => [o.local, o.start])).toEqual([
      ['2024-01-01', '2023-12-31T16:00:00.000Z'],
      ['2024-01-15', '2024-01-14T16:00:00.000Z'],
      ['2024-01-20', '2024-01-19T16:00:00.000Z'],
    ]);
  });

  it('refuse sub-daily rules and times of day', () => {
    expect(
      errorOf(() => expandRecurrence({ dtstart: '2024-01-01', tzid: null, rrule: 'FREQ=HOURLY;COUNT=2' }))
        .code,
    ).toBe('recurrence.invalid_rule');
    expect(
      errorOf(() =>
        expandRecurrence({ dtstart: '2024-01-01', tzid: null, rrule: 'FREQ=DAILY;BYHOUR=9;COUNT=2' }),
      ).fields,
    ).toEqual([expect.objectContaining({ field: 'rrule', code: 'BYHOUR' })]);
  });
});

describe('BYxxx behaviour through the expansion', () => {
  const at = (rrule: string, dtstart: string, limit = 5) =>
    locals({ dtstart, tzid: 'Europe/Berlin', rrule }, { limit });

  it.each([
    [
      'negative BYDAY: last Friday',
      'FREQ=MONTHLY;BYDAY=-1FR',
      '2024-01-26T10:00:00',
      ['2024-01-26', '2024-02-23', '2024-03-29'],
    ],
    [
      'negative BYMONTHDAY: second-to-last day',
      'FREQ=MONTHLY;BYMONTHDAY=-2',
      '2024-01-30T10:00:00',
      ['2024-01-30', '2024-02-28', '2024-03-30'],
    ],
    [
      'BYSETPOS: last workday of the month',
      'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
      '2024-03-29T10:00:00',
      ['2024-03-29', '2024-04-30', '2024-05-31'],
    ],
    [
      'BYSETPOS with two positions',
      'FREQ=MONTHLY;BYDAY=SA,SU;BYSETPOS=1,-1',
      '2024-06-01T10:00:00',
      ['2024-06-01', '2024-06-30', '2024-07-06'],
    ],
    [
      'the 31st in short months is skipped',
      'FREQ=MONTHLY;BYMONTHDAY=31',
      '2024-03-31T10:00:00',
      ['2024-03-31', '2024-05-31', '2024-07-31'],
    ],
    [
      '29 February only in leap years',
      'FREQ=YEARLY',
      '2024-02-29T10:00:00',
      ['2024-02-29', '2028-02-29', '2032-02-29'],
    ],
    [
      'the 366th day only in leap years',
      'FREQ=YEARLY;BYYEARDAY=366',
      '2024-12-31T10:00:00',
      ['2024-12-31', '2028-12-31', '2032-12-31'],
    ],
    [
      'last week of the year (WKST=MO)',
      'FREQ=YEARLY;BYWEEKNO=-1;BYDAY=MO',
      '2024-12-23T10:00:00',
      ['2024-12-23', '2025-12-22', '2026-12-28'],
    ],
    [
      'week 1 starting in the previous December',
      'FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO',
      '2024-01-01T10:00:00',
      ['2024-01-01', '2024-12-30', '2025-12-29'],
    ],
    [
      'mixed plain and ordinal BYDAY are a union',
      'FREQ=MONTHLY;BYDAY=TU,-1FR',
      '2024-02-06T10:00:00',
      ['2024-02-06', '2024-02-13', '2024-02-20'],
    ],
  ])('%s', (_name, rrule, dtstart, dates) => {
    expect(at(rrule, dtstart, dates.length).map((l) => l.slice(0, 10))).toEqual(dates);
  });
});

describe('windows, limits and termination', () => {
  it('ends a rule that never matches with only DTSTART (FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30)', () => {
    const input = {
      dtstart: '2024-01-30T09:00:00',
      tzid: 'Asia/Manila',
      rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
    };
    expect(locals(input, { limit: 10 })).toEqual(['2024-01-30T09:00:00']);
    expect(locals(input, { window: { start: '2025-01-01T00:00:00Z', end: '2125-01-01T00:00:00Z' } })).toEqual(
      [],
    );
  });

  it('stops an endless rule once past the window end', () => {
    const got = locals(
      { dtstart: '2000-01-01T09:00:00', tzid: 'Europe/Berlin', rrule: 'FREQ=MINUTELY;INTERVAL=30' },
      { window: { start: '2030-06-01T00:00:00Z', end: '2030-06-01T02:00:00Z' } },
    );
    expect(got).toEqual([
      '2030-06-01T02:00:00',
      '2030-06-01T02:30:00',
      '2030-06-01T03:00:00',
      '2030-06-01T03:30:00',
    ]);
  });

  it('counts COUNT from DTSTART even when the window starts much later', () => {
    const input = { dtstart: '2020-01-01T09:00:00', tzid: 'Asia/Manila', rrule: 'FREQ=DAILY;COUNT=400' };
    // 366 instances fall in 2020 (a leap year), the last 34 in 2021.
    const got = locals(input, { window: { start: '2021-01-01T00:00:00Z', end: '2022-01-01T00:00:00Z' } });
    expect([got.length, got[0], got.at(-1)]).toEqual([34, '2021-01-01T09:00:00', '2021-02-03T09:00:00']);
  });

  it('refuses an endless rule with neither window nor limit', () => {
    expect(
      errorOf(() => expandRecurrence({ dtstart: '2024-01-01T09:00:00', tzid: null, rrule: 'FREQ=DAILY' }))
        .code,
    ).toBe('recurrence.unbounded');
  });

  it('refuses more than maxOccurrences rather than truncating silently', () => {
    const input = { dtstart: '2024-01-01T00:00:00', tzid: null, rrule: 'FREQ=MINUTELY' };
    const window = { start: '2024-01-01T00:00:00Z', end: '2024-01-02T00:00:00Z' };
    expect(errorOf(() => expandRecurrence(input, { window, maxOccurrences: 1000 })).code).toBe(
      'recurrence.too_many_occurrences',
    );
    expect(expandRecurrence(input, { window, maxOccurrences: 1440 })).toHaveLength(1440);
  });

  it('returns nothing for limit 0 or an empty window', () => {
    const input = { dtstart: '2024-01-01T00:00:00', tzid: null, rrule: 'FREQ=DAILY' };
    expect(expandRecurrence(input, { limit: 0 })).toEqual([]);
    expect(
      expandRecurrence(input, { window: { start: '2024-02-01T00:00:00Z', end: '2024-01-01T00:00:00Z' } }),
    ).toEqual([]);
  });
});

describe('input validation', () => {
  it.each<[string, RecurrenceInput, ExpandOptions, string, string]>([
    ['dtstart', { dtstart: '2024-01-01 09:00', tzid: null }, {}, 'recurrence.invalid_input', 'dtstart'],
    [
      'exdates',
      { dtstart: '2024-01-01T09:00:00', tzid: null, exdates: ['2024-01-02'] },
      {},
      'recurrence.invalid_input',
      'exdates[0]',
    ],
    [
      'rdates',
      { dtstart: '2024-01-01', tzid: null, rdates: ['2024-01-02T09:00:00'] },
      {},
      'recurrence.invalid_input',
      'rdates[0]',
    ],
    [
      'window',
      { dtstart: '2024-01-01T09:00:00', tzid: null },
      { window: { start: 'soon', end: '2024-01-01T00:00:00Z' } },
      'recurrence.invalid_input',
      'window.start',
    ],
    [
      'limit',
      { dtstart: '2024-01-01T09:00:00', tzid: null },
      { limit: -1 },
      'recurrence.invalid_input',
      'limit',
    ],
    ['tzid', { dtstart: '2024-01-01T09:00:00', tzid: 'Mars/Base' }, {}, 'time.unknown_zone', 'tzid'],
    [
      'rrule',
      { dtstart: '2024-01-01T09:00:00', tzid: null, rrule: 'FREQ=DAILY;BYDAY=XX' },
      {},
      'recurrence.invalid_rule',
      'rrule',
    ],
  ])('names the wrong %s', (_name, input, options, code, field) => {
    const error = errorOf(() => expandRecurrence(input, options));
    expect(error.code).toBe(code);
    expect(error.fields).toContainEqual(expect.objectContaining({ field }));
  });

  it('never mutates its inputs', () => {
    const input = Object.freeze({
      dtstart: '2024-01-01T09:00:00',
      tzid: 'America/New_York',
      rrule: 'FREQ=DAILY;COUNT=5',
      exdates: Object.freeze(['2024-01-02T09:00:00']),
      rdates: Object.freeze(['2023-12-31T09:00:00']),
    });
    const options = Object.freeze({
      window: Object.freeze({ start: '2023-01-01T00:00:00Z', end: '2025-01-01T00:00:00Z' }),
      limit: 3,
    });
    const before = JSON.stringify([input, options]);
    expect(locals(input, options)).toEqual([
      '2023-12-31T09:00:00',
      '2024-01-01T09:00:00',
      '2024-01-03T09:00:00',
    ]);
    expect(JSON.stringify([input, options])).toBe(before);
  });
});
