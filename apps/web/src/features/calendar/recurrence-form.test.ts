import { describe, expect, it } from 'vitest';
import {
  defaultRuleForm,
  describeRule,
  type RuleForm,
  ruleFormFromRRule,
  ruleToRRule,
  untilValue,
  validateRuleForm,
} from './recurrence-form';

const START = '2026-03-09'; // a Monday
const form = (patch: Partial<RuleForm>): RuleForm => ({ ...defaultRuleForm(START), ...patch });

describe('validateRuleForm', () => {
  it('accepts "does not repeat" and a plain weekly rule', () => {
    expect(validateRuleForm(form({}), START)).toEqual({});
    expect(validateRuleForm(form({ freq: 'WEEKLY' }), START)).toEqual({});
  });

  it.each<[Partial<RuleForm>, string, string]>([
    [{ freq: 'WEEKLY', byDay: [] }, 'byDay', 'Pick at least one weekday'],
    [{ freq: 'DAILY', interval: '0' }, 'interval', 'Repeat every 1 or more (a whole number)'],
    [{ freq: 'DAILY', interval: '1.5' }, 'interval', 'Repeat every 1 or more (a whole number)'],
    [
      { freq: 'MONTHLY', monthDay: '' },
      'monthDay',
      'Pick a day of the month or a weekday such as the 2nd Monday',
    ],
    [
      { freq: 'MONTHLY', monthDay: '32' },
      'monthDay',
      'Days of the month go from 1 to 31 (or -1 for the last day)',
    ],
    [{ freq: 'YEARLY', byMonth: [] }, 'byMonth', 'Pick at least one month'],
    [{ freq: 'DAILY', ends: 'count', count: '0' }, 'count', 'The number of times must be 1 or more'],
    [{ freq: 'DAILY', ends: 'count', count: 'six' }, 'count', 'The number of times must be 1 or more'],
    [{ freq: 'DAILY', ends: 'count', count: '1001' }, 'count', 'Use at most 1000 times, or end on a date'],
    [
      { freq: 'YEARLY', monthDay: ' ' },
      'monthDay',
      'Pick a day of the month or a weekday such as the 2nd Monday',
    ],
    [{ freq: 'DAILY', ends: 'until', until: '2026-02-30' }, 'until', 'The end date is not a valid date'],
    [{ freq: 'DAILY', ends: 'until', until: '' }, 'until', 'Pick the date of the last occurrence'],
    [
      { freq: 'DAILY', ends: 'until', until: '2026-03-01' },
      'until',
      'The end date is before the first occurrence',
    ],
  ])('%o → %s', (patch, field, message) => {
    expect(validateRuleForm(form(patch), START)).toEqual({ [field]: message });
  });

  it('needs no month day when the monthly rule is by weekday', () => {
    expect(validateRuleForm(form({ freq: 'MONTHLY', mode: 'weekday', monthDay: '' }), START)).toEqual({});
  });
});

describe('ruleToRRule', () => {
  it.each<[Partial<RuleForm>, string | null]>([
    [{}, null],
    [{ freq: 'DAILY' }, 'FREQ=DAILY'],
    [{ freq: 'WEEKLY', byDay: ['WE', 'MO'], interval: '2' }, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE'],
    [{ freq: 'MONTHLY', monthDay: '-1' }, 'FREQ=MONTHLY;BYMONTHDAY=-1'],
    [{ freq: 'MONTHLY', mode: 'weekday', position: '2', positionDay: 'TU' }, 'FREQ=MONTHLY;BYDAY=2TU'],
    [{ freq: 'MONTHLY', mode: 'weekday', position: '-1', positionDay: 'FR' }, 'FREQ=MONTHLY;BYDAY=-1FR'],
    [{ freq: 'YEARLY', byMonth: [6], monthDay: '12' }, 'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=12'],
    [{ freq: 'WEEKLY', ends: 'count', count: '6', byDay: ['MO', 'WE'] }, 'FREQ=WEEKLY;COUNT=6;BYDAY=MO,WE'],
    [{ freq: 'WEEKLY', byDay: [] }, null],
  ])('%o → %s', (patch, rrule) => {
    expect(ruleToRRule(form(patch), START, false, 'Asia/Manila')).toBe(rrule);
  });

  it('ends on the last day in the form of DTSTART (RFC 5545 §3.3.10)', () => {
    expect(untilValue('2026-06-30', false, 'Asia/Manila')).toBe('2026-06-30T15:59:59Z');
    expect(untilValue('2026-06-30', true, 'Asia/Manila')).toBe('2026-06-30');
    expect(untilValue('2026-06-30', false, null)).toBe('2026-06-30T23:59:59');
    expect(
      ruleToRRule(form({ freq: 'DAILY', ends: 'until', until: '2026-06-30' }), START, true, 'Asia/Manila'),
    ).toBe('FREQ=DAILY;UNTIL=20260630');
    expect(ruleToRRule(form({ freq: 'DAILY', ends: 'until', until: '2026-06-30' }), START, false, null)).toBe(
      'FREQ=DAILY;UNTIL=20260630T235959',
    );
    expect(
      ruleToRRule(form({ freq: 'DAILY', ends: 'until', until: '2026-06-30' }), START, false, 'Asia/Manila'),
    ).toBe('FREQ=DAILY;UNTIL=20260630T155959Z');
  });
});

describe('ruleFormFromRRule', () => {
  it.each([
    'FREQ=WEEKLY;BYDAY=MO,WE',
    'FREQ=WEEKLY;INTERVAL=2;COUNT=6;BYDAY=TU',
    'FREQ=MONTHLY;BYDAY=2TU',
    'FREQ=MONTHLY;BYMONTHDAY=-1',
    'FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=12',
    'FREQ=DAILY;UNTIL=20260630T155959Z',
  ])('reads back %s', (rrule) => {
    const f = ruleFormFromRRule(rrule, START, 'Asia/Manila');
    expect(f.custom).toBeNull();
    expect(ruleToRRule(f, START, false, 'Asia/Manila')).toBe(rrule);
  });

  it.each([
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=SU',
    'FREQ=YEARLY;BYMONTHDAY=12',
    'FREQ=MONTHLY;BYDAY=MO',
    'FREQ=MONTHLY;BYDAY=5FR',
    'FREQ=HOURLY;INTERVAL=2',
    'FREQ=SOMETIMES',
  ])('keeps %s, which the form cannot show, as it is', (rrule) => {
    const f = ruleFormFromRRule(rrule, START, 'Asia/Manila');
    expect(f.custom).toBe(rrule);
    expect(ruleToRRule(f, START, false, 'Asia/Manila')).toBe(rrule);
  });

  it('reads a UTC end as the last day in the series’ zone', () => {
    // 15:59:59Z on 30 June is 23:59:59 in Manila, the same day; in Los Angeles it is 08:59:59.
    expect(ruleFormFromRRule('FREQ=DAILY;UNTIL=20260630T170000Z', START, 'Asia/Manila').until).toBe(
      '2026-07-01',
    );
    expect(ruleFormFromRRule('FREQ=DAILY;UNTIL=20260630T170000Z', START, null).until).toBe('2026-06-30');
  });

  it('describes a rule in words', () => {
    expect(describeRule(ruleFormFromRRule('FREQ=WEEKLY;BYDAY=MO,WE;COUNT=6', START, null))).toBe(
      'Every week on Monday, Wednesday, 6 times',
    );
  });
});
