import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppError } from '../errors';
import { formatRRule } from './format';
import { parseRRule } from './parse';
import { ruleArb } from './testing/arbitraries';

function parseError(text: string): AppError {
  try {
    parseRRule(text);
  } catch (e) {
    return e as AppError;
  }
  throw new Error(`'${text}' was accepted`);
}

describe('parseRRule', () => {
  it('reads every rule part (RFC 5545 §3.3.10)', () => {
    expect(
      parseRRule(
        'RRULE:FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2;BYWEEKNO=1,-1;BYYEARDAY=1,-366;BYMONTHDAY=1,-1;' +
          'BYDAY=MO,TU;BYHOUR=9;BYMINUTE=0,30;BYSECOND=0,60;BYSETPOS=1,-1;WKST=SU',
      ),
    ).toEqual({
      freq: 'YEARLY',
      interval: 2,
      count: 10,
      byMonth: [1, 2],
      byWeekNo: [1, -1],
      byYearDay: [1, -366],
      byMonthDay: [1, -1],
      byDay: [{ day: 'MO' }, { day: 'TU' }],
      byHour: [9],
      byMinute: [0, 30],
      bySecond: [0, 60],
      bySetPos: [1, -1],
      wkst: 'SU',
    });
  });

  it('reads ordinals, signs and defaults, case-insensitively', () => {
    expect(parseRRule('freq=monthly;byday=2MO,-1fr,+3we')).toEqual({
      freq: 'MONTHLY',
      interval: 1,
      byDay: [
        { day: 'MO', n: 2 },
        { day: 'FR', n: -1 },
        { day: 'WE', n: 3 },
      ],
      wkst: 'MO',
    });
  });

  it.each([
    ['FREQ=DAILY;UNTIL=20240131', '2024-01-31'],
    ['FREQ=DAILY;UNTIL=20240131T090000', '2024-01-31T09:00:00'],
    ['FREQ=DAILY;UNTIL=20240131T090000Z', '2024-01-31T09:00:00Z'],
  ])('reads UNTIL as DATE, floating or UTC DATE-TIME: %s', (text, until) => {
    expect(parseRRule(text).until).toBe(until);
  });

  it('accepts HOURLY, MINUTELY and SECONDLY and a trailing semicolon', () => {
    for (const freq of ['HOURLY', 'MINUTELY', 'SECONDLY'])
      expect(parseRRule(`FREQ=${freq};`).freq).toBe(freq);
  });

  it.each([
    ['FREQ=WEEKLY;BYDAY=XX', 'BYDAY', "BYDAY: 'XX' is not a weekday"],
    ['FREQ=MONTHLY;BYDAY=0MO', 'BYDAY', "BYDAY: '0MO' has an ordinal out of range"],
    ['FREQ=MONTHLY;BYDAY=54MO', 'BYDAY', "BYDAY: '54MO' has an ordinal out of range"],
    ['FREQ=DAILY;COUNT=5;UNTIL=20240101', 'COUNT', 'COUNT and UNTIL cannot both be given'],
    ['FREQ=DAILY;INTERVAL=0', 'INTERVAL', 'INTERVAL must be a positive integer'],
    ['FREQ=DAILY;INTERVAL=-2', 'INTERVAL', 'INTERVAL must be a positive integer'],
    ['FREQ=DAILY;INTERVAL=1.5', 'INTERVAL', 'INTERVAL must be a positive integer'],
    ['FREQ=DAILY;COUNT=0', 'COUNT', 'COUNT must be a positive integer'],
    ['FREQ=DAILY;COLOUR=RED', 'COLOUR', "'COLOUR' is not an RRULE part"],
    ['INTERVAL=2', 'FREQ', 'FREQ is required'],
    ['', 'FREQ', 'FREQ is required'],
    ['FREQ=FORTNIGHTLY', 'FREQ', "FREQ: 'FORTNIGHTLY' is not a frequency"],
    ['FREQ=DAILY;FREQ=WEEKLY', 'FREQ', 'FREQ is given more than once'],
    ['FREQ=DAILY;BYHOUR=', 'BYHOUR', 'BYHOUR has no value'],
    ['FREQ=DAILY;BYHOUR', 'BYHOUR', 'BYHOUR has no value'],
    ['FREQ=DAILY;BYHOUR=24', 'BYHOUR', "BYHOUR: '24' is out of range (0 to 23)"],
    ['FREQ=DAILY;BYMINUTE=60', 'BYMINUTE', "BYMINUTE: '60' is out of range (0 to 59)"],
    ['FREQ=DAILY;BYSECOND=61', 'BYSECOND', "BYSECOND: '61' is out of range (0 to 60)"],
    ['FREQ=MONTHLY;BYMONTHDAY=0', 'BYMONTHDAY', "BYMONTHDAY: '0' is out of range (1 to 31 or -31 to -1)"],
    ['FREQ=MONTHLY;BYMONTHDAY=32', 'BYMONTHDAY', "BYMONTHDAY: '32' is out of range"],
    ['FREQ=YEARLY;BYYEARDAY=367', 'BYYEARDAY', "BYYEARDAY: '367' is out of range (1 to 366 or -366 to -1)"],
    ['FREQ=YEARLY;BYWEEKNO=-54', 'BYWEEKNO', "BYWEEKNO: '-54' is out of range (1 to 53 or -53 to -1)"],
    ['FREQ=YEARLY;BYMONTH=13', 'BYMONTH', "BYMONTH: '13' is out of range (1 to 12)"],
    ['FREQ=YEARLY;BYMONTH=-1', 'BYMONTH', "BYMONTH: '-1' is not an unsigned integer"],
    [
      'FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0',
      'BYSETPOS',
      "BYSETPOS: '0' is out of range (1 to 366 or -366 to -1)",
    ],
    ['FREQ=MONTHLY;BYSETPOS=1', 'BYSETPOS', 'BYSETPOS needs another BYxxx rule part'],
    ['FREQ=DAILY;WKST=XX', 'WKST', "WKST: 'XX' is not a weekday"],
    ['FREQ=DAILY;UNTIL=20230229', 'UNTIL', "UNTIL: '20230229' is not a DATE"],
    ['FREQ=DAILY;UNTIL=2024-01-01', 'UNTIL', "UNTIL: '2024-01-01' is not a DATE"],
    ['FREQ=MONTHLY;BYWEEKNO=1', 'BYWEEKNO', 'BYWEEKNO is only allowed with FREQ=YEARLY, not MONTHLY'],
    ['FREQ=MONTHLY;BYYEARDAY=1', 'BYYEARDAY', 'BYYEARDAY is not allowed with FREQ=MONTHLY'],
    ['FREQ=WEEKLY;BYMONTHDAY=1', 'BYMONTHDAY', 'BYMONTHDAY is not allowed with FREQ=WEEKLY'],
    [
      'FREQ=WEEKLY;BYDAY=2MO',
      'BYDAY',
      "BYDAY: ordinals such as '2MO' need FREQ=MONTHLY or YEARLY, not WEEKLY",
    ],
    [
      'FREQ=YEARLY;BYWEEKNO=20;BYDAY=1MO',
      'BYDAY',
      "BYDAY: ordinals such as '1MO' cannot be combined with BYWEEKNO",
    ],
    ['FREQ=YEARLY;RSCALE=HEBREW', 'RSCALE', 'RSCALE: non-Gregorian calendars (RFC 7529) are not supported'],
    ['FREQ', 'FREQ', 'FREQ has no value'],
  ])('refuses %s, naming %s', (text, part, message) => {
    const error = parseError(text);
    expect(error.code).toBe('recurrence.invalid_rule');
    expect(error.detail).toContain(message);
    expect(error.fields).toContainEqual(expect.objectContaining({ field: 'rrule', code: part }));
    expect(error.fields?.find((f) => f.code === part)?.message).toContain(message);
  });

  it('reports every wrong part at once', () => {
    const error = parseError('FREQ=DAILY;INTERVAL=0;BYDAY=XX;FOO=1');
    expect(error.fields?.map((f) => f.code)).toEqual(['INTERVAL', 'BYDAY', 'FOO']);
  });
});

describe('formatRRule', () => {
  it('writes parts in a fixed order and leaves out defaults', () => {
    expect(
      formatRRule(parseRRule('WKST=MO;BYDAY=-1FR,MO;INTERVAL=1;FREQ=MONTHLY;UNTIL=20241231T235959Z')),
    ).toBe('FREQ=MONTHLY;UNTIL=20241231T235959Z;BYDAY=-1FR,MO');
    expect(formatRRule(parseRRule('FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU'))).toBe(
      'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU',
    );
  });

  it('is the inverse of parseRRule', () => {
    const untils = fc.constantFrom(undefined, '2030-01-31', '2030-01-31T09:00:00', '2030-01-31T09:00:00Z');
    fc.assert(
      fc.property(
        ruleArb(),
        fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }),
        untils,
        (rule, count, until) => {
          const spec = {
            ...rule,
            ...(count !== undefined ? { count } : until !== undefined ? { until } : {}),
          };
          expect(parseRRule(formatRRule(spec))).toEqual(spec);
          expect(parseRRule(`RRULE:${formatRRule(spec)}`)).toEqual(spec);
        },
      ),
      { numRuns: 500, seed: 3 },
    );
  });
});
