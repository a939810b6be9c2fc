import { describe, expect, it } from 'vitest';
import { type FormRule, validateFormRule } from './form';

const codes = (rule: FormRule, dtstart?: string) =>
  validateFormRule(rule, dtstart).map((e) => `${e.field}:${e.code}`);

describe('validateFormRule (SCOPE.md §1)', () => {
  it.each<[string, FormRule, string[]]>([
    ['a daily rule', { freq: 'DAILY', interval: 1 }, []],
    ['weekly with weekdays', { freq: 'WEEKLY', byDay: ['MO', 'WE'] }, []],
    ['weekly without weekdays', { freq: 'WEEKLY', byDay: [] }, ['byDay:required']],
    ['monthly on a day of the month', { freq: 'MONTHLY', byMonthDay: [-1] }, []],
    ['monthly on the 2nd Monday', { freq: 'MONTHLY', byDay: [{ day: 'MO', n: 2 }] }, []],
    ['monthly with neither', { freq: 'MONTHLY' }, ['byMonthDay:required']],
    ['yearly with a month', { freq: 'YEARLY', byMonth: [2], byMonthDay: [29] }, []],
    ['yearly without a month', { freq: 'YEARLY', byMonthDay: [29] }, ['byMonth:required']],
    ['interval 0', { freq: 'DAILY', interval: 0 }, ['interval:min']],
    ['interval 1.5', { freq: 'DAILY', interval: 1.5 }, ['interval:min']],
    ['count and until', { freq: 'DAILY', count: 3, until: '2030-01-01' }, ['until:exclusive']],
    ['count 0', { freq: 'DAILY', count: 0 }, ['count:min']],
    ['count 1000', { freq: 'DAILY', count: 1000 }, []],
    ['count 1001', { freq: 'DAILY', count: 1001 }, ['count:max']],
    ['a bad until', { freq: 'DAILY', until: '2030-02-30' }, ['until:invalid_date']],
    ['no frequency', { interval: 1 }, ['freq:required']],
    ['an hourly rule (import only)', { freq: 'HOURLY' }, ['freq:required']],
    ['weekday XX', { freq: 'WEEKLY', byDay: ['XX'] }, ['byDay:invalid_weekday']],
    ['month day 32', { freq: 'MONTHLY', byMonthDay: [32] }, ['byMonthDay:out_of_range']],
    ['month 13', { freq: 'YEARLY', byMonth: [13] }, ['byMonth:out_of_range']],
  ])('%s', (_name, rule, expected) => {
    expect(codes(rule)).toEqual(expected);
  });

  it('refuses an end before the first occurrence, reading a date-only end as its whole day', () => {
    expect(codes({ freq: 'DAILY', until: '2030-01-01' }, '2030-01-02T09:00:00')).toEqual([
      'until:before_start',
    ]);
    expect(codes({ freq: 'DAILY', until: '2030-01-02' }, '2030-01-02T09:00:00')).toEqual([]);
    expect(codes({ freq: 'DAILY', until: '2030-01-02T08:59:59' }, '2030-01-02T09:00:00')).toEqual([
      'until:before_start',
    ]);
  });

  it('gives messages a user understands and never throws on junk', () => {
    const [error] = validateFormRule({ freq: 'WEEKLY' });
    expect(error).toEqual({ field: 'byDay', code: 'required', message: 'Pick at least one weekday' });
    expect(() =>
      validateFormRule({ freq: null, interval: null, byDay: null, count: null, until: null }),
    ).not.toThrow();
  });
});
