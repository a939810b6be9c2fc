import { describe, expect, it } from 'vitest';
import { expandSchedule, isBounded, isOccurrenceStart, isRecurring, lastEndMs } from './expand';
import { at, frozen } from './testing';
import type { SeriesSchedule } from './types';

const schedule = (s: Pick<SeriesSchedule, 'dtstart' | 'zone' | 'rrule'> & Partial<SeriesSchedule>) =>
  frozen<SeriesSchedule>({ allDay: false, exdates: [], rdates: [], ...s });

const manilaWeekly = schedule({
  dtstart: '2026-03-02T09:00:00',
  zone: 'Asia/Manila',
  rrule: 'FREQ=WEEKLY;BYDAY=MO,WE',
  exdates: ['2026-03-09T09:00:00'],
  rdates: ['2026-03-07T15:00:00'],
});

describe('expandSchedule', () => {
  it.each([
    {
      name: 'a window: EXDATE removed, RDATE added, in order (RFC 5545 §3.8.5)',
      s: manilaWeekly,
      window: { fromMs: at('2026-03-01T00:00:00Z'), toMs: at('2026-03-12T00:00:00Z') },
      limit: 100,
      floatingZone: undefined,
      expected: [
        ['2026-03-02T09:00:00', '2026-03-02T01:00:00.000Z'],
        ['2026-03-04T09:00:00', '2026-03-04T01:00:00.000Z'],
        ['2026-03-07T15:00:00', '2026-03-07T07:00:00.000Z'],
        ['2026-03-11T09:00:00', '2026-03-11T01:00:00.000Z'],
      ],
    },
    {
      name: 'no window: the first `limit` from DTSTART',
      s: manilaWeekly,
      window: null,
      limit: 2,
      floatingZone: undefined,
      expected: [
        ['2026-03-02T09:00:00', '2026-03-02T01:00:00.000Z'],
        ['2026-03-04T09:00:00', '2026-03-04T01:00:00.000Z'],
      ],
    },
    {
      name: 'New York keeps 09:00 on the wall across the spring change',
      s: schedule({ dtstart: '2026-03-02T09:00:00', zone: 'America/New_York', rrule: 'FREQ=WEEKLY;COUNT=3' }),
      window: null,
      limit: 100,
      floatingZone: undefined,
      expected: [
        ['2026-03-02T09:00:00', '2026-03-02T14:00:00.000Z'],
        ['2026-03-09T09:00:00', '2026-03-09T13:00:00.000Z'],
        ['2026-03-16T09:00:00', '2026-03-16T13:00:00.000Z'],
      ],
    },
    {
      name: 'a floating schedule is read in the viewer’s zone',
      s: schedule({ dtstart: '2026-03-02T09:00:00', zone: null, rrule: 'FREQ=DAILY;COUNT=2' }),
      window: null,
      limit: 100,
      floatingZone: 'America/New_York',
      expected: [
        ['2026-03-02T09:00:00', '2026-03-02T14:00:00.000Z'],
        ['2026-03-03T09:00:00', '2026-03-03T14:00:00.000Z'],
      ],
    },
    {
      name: 'a floating schedule without a viewer zone is read as UTC',
      s: schedule({ dtstart: '2026-03-02T09:00:00', zone: null, rrule: 'FREQ=DAILY;COUNT=1' }),
      window: null,
      limit: 100,
      floatingZone: undefined,
      expected: [['2026-03-02T09:00:00', '2026-03-02T09:00:00.000Z']],
    },
    {
      name: 'an all-day schedule starts at local midnight',
      s: schedule({
        dtstart: '2026-06-12T00:00:00',
        zone: 'Asia/Manila',
        allDay: true,
        rrule: 'FREQ=YEARLY;COUNT=2',
      }),
      window: null,
      limit: 100,
      floatingZone: undefined,
      expected: [
        ['2026-06-12T00:00:00', '2026-06-11T16:00:00.000Z'],
        ['2027-06-12T00:00:00', '2027-06-11T16:00:00.000Z'],
      ],
    },
    {
      name: 'a single item is its own start, inside the window only',
      s: schedule({ dtstart: '2026-03-02T09:00:00', zone: 'Asia/Manila', rrule: null }),
      window: { fromMs: at('2026-03-02T01:00:00Z'), toMs: at('2026-03-02T01:00:01Z') },
      limit: 100,
      floatingZone: undefined,
      expected: [['2026-03-02T09:00:00', '2026-03-02T01:00:00.000Z']],
    },
    {
      name: 'a single item outside the window',
      s: schedule({ dtstart: '2026-03-02T09:00:00', zone: 'Asia/Manila', rrule: null }),
      window: { fromMs: at('2026-03-02T01:00:01Z'), toMs: at('2026-03-03T00:00:00Z') },
      limit: 100,
      floatingZone: undefined,
      expected: [],
    },
  ])('$name', ({ s, window, limit, floatingZone, expected }) => {
    const starts = expandSchedule(s, window, { limit, ...(floatingZone ? { floatingZone } : {}) });
    expect(starts.map((o) => [o.local, new Date(o.ms).toISOString()])).toEqual(expected);
  });
});

describe('isOccurrenceStart', () => {
  it.each([
    ['2026-03-04T09:00:00', true, 'a rule instance'],
    ['2026-03-09T09:00:00', false, 'excluded by EXDATE'],
    ['2026-03-07T15:00:00', true, 'an RDATE'],
    ['2026-03-04T10:00:00', false, 'the right day at another time'],
    ['2026-03-03T09:00:00', false, 'a Tuesday'],
  ])('%s → %s (%s)', (local, expected) => {
    expect(isOccurrenceStart(manilaWeekly, local)).toBe(expected);
  });

  it('names a gap occurrence by the time on the clock (02:30 in New York’s gap is 03:30)', () => {
    const ny = schedule({
      dtstart: '2024-03-09T02:30:00',
      zone: 'America/New_York',
      rrule: 'FREQ=DAILY;COUNT=3',
    });
    expect(isOccurrenceStart(ny, '2024-03-10T03:30:00')).toBe(true);
    expect(isOccurrenceStart(ny, '2024-03-10T02:30:00')).toBe(false);
    expect(isOccurrenceStart(ny, '2024-03-11T02:30:00')).toBe(true);
  });

  it('matches a floating schedule on wall times', () => {
    const floating = schedule({ dtstart: '2026-01-01T08:00:00', zone: null, rrule: 'FREQ=DAILY;COUNT=3' });
    expect(isOccurrenceStart(floating, '2026-01-03T08:00:00')).toBe(true);
    expect(isOccurrenceStart(floating, '2026-01-04T08:00:00')).toBe(false);
  });
});

describe('isBounded and isRecurring', () => {
  it.each([
    [null, true],
    ['FREQ=DAILY', false],
    ['FREQ=DAILY;COUNT=3', true],
    ['FREQ=WEEKLY;UNTIL=20260401T000000Z', true],
  ])('%s bounded: %s', (rrule, expected) => {
    expect(isBounded(rrule)).toBe(expected);
  });

  it('repeats by RRULE or RDATE only', () => {
    expect(isRecurring({ rrule: 'FREQ=DAILY', rdates: [] })).toBe(true);
    expect(isRecurring({ rrule: null, rdates: ['2026-03-02T09:00:00'] })).toBe(true);
    expect(isRecurring({ rrule: null, rdates: [] })).toBe(false);
  });
});

describe('lastEndMs', () => {
  const hour = 3_600_000;
  it.each([
    {
      name: 'COUNT: the end of the last instance',
      s: schedule({ dtstart: '2026-03-02T09:00:00', zone: 'Asia/Manila', rrule: 'FREQ=WEEKLY;COUNT=3' }),
      end: '2026-03-16T02:00:00.000Z',
    },
    {
      name: 'UNTIL in New York, after the spring change',
      s: schedule({
        dtstart: '2024-03-04T09:00:00',
        zone: 'America/New_York',
        rrule: 'FREQ=WEEKLY;UNTIL=20240318T130000Z',
      }),
      end: '2024-03-18T14:00:00.000Z',
    },
    {
      name: 'an RDATE after the rule’s end; an excluded last instance still counts',
      s: schedule({
        dtstart: '2026-03-02T09:00:00',
        zone: 'Asia/Manila',
        rrule: 'FREQ=DAILY;COUNT=2',
        exdates: ['2026-03-03T09:00:00'],
        rdates: ['2026-04-01T09:00:00'],
      }),
      end: '2026-04-01T02:00:00.000Z',
    },
    {
      name: 'floating, read as UTC',
      s: schedule({ dtstart: '2026-01-01T08:00:00', zone: null, rrule: 'FREQ=DAILY;COUNT=2' }),
      end: '2026-01-02T09:00:00.000Z',
    },
    {
      name: 'a single item',
      s: schedule({ dtstart: '2026-03-02T09:00:00', zone: 'Asia/Manila', rrule: null }),
      end: '2026-03-02T02:00:00.000Z',
    },
  ])('$name', ({ s, end }) => {
    expect(new Date(lastEndMs(s, hour, 1000) as number).toISOString()).toBe(end);
  });

  it('is null for an endless rule and for one with `limit` occurrences or more', () => {
    const s = schedule({ dtstart: '2026-03-02T09:00:00', zone: 'Asia/Manila', rrule: 'FREQ=DAILY' });
    expect(lastEndMs(s, hour, 1000)).toBeNull();
    expect(lastEndMs({ ...s, rrule: 'FREQ=DAILY;COUNT=10' }, hour, 10)).toBeNull();
    expect(lastEndMs({ ...s, rrule: 'FREQ=DAILY;COUNT=10' }, hour, 11)).toBe(
      Date.parse('2026-03-11T02:00:00Z'),
    );
  });
});
