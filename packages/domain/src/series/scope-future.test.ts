import { describe, expect, it } from 'vitest';
import { expandSchedule } from './expand';
import { splitSeries } from './scope-future';
import { exception, frozen, series } from './testing';
import type { SeriesTimes } from './types';

const locals = (s: SeriesTimes) => expandSchedule(s, null, { limit: 1000 }).map((o) => o.local);

const manilaCount = series({
  dtstart: '2026-03-02T09:00:00',
  dtend: '2026-03-02T10:00:00',
  zone: 'Asia/Manila',
  rrule: 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=8',
});
const newYorkUntil = series({
  dtstart: '2024-03-04T09:00:00',
  dtend: '2024-03-04T10:30:00',
  zone: 'America/New_York',
  rrule: 'FREQ=WEEKLY;UNTIL=20240401T130000Z',
});
const floatingDaily = series({
  dtstart: '2026-01-01T08:00:00',
  dtend: '2026-01-01T08:30:00',
  zone: null,
  rrule: 'FREQ=DAILY;COUNT=5',
  exdates: ['2026-01-02T08:00:00', '2026-01-04T08:00:00'],
  rdates: ['2026-01-10T08:00:00'],
});
const allDayYearly = series({
  dtstart: '2026-12-24T00:00:00',
  dtend: '2026-12-26T00:00:00',
  zone: 'Asia/Manila',
  allDay: true,
  rrule: 'FREQ=YEARLY;COUNT=5',
});
const rdatesOnly = series({
  dtstart: '2026-05-01T10:00:00',
  dtend: '2026-05-01T11:00:00',
  zone: 'Asia/Manila',
  rrule: null,
  rdates: ['2026-05-08T10:00:00', '2026-05-15T10:00:00'],
});

describe('splitSeries (this and future)', () => {
  it.each([
    {
      name: 'COUNT: the head ends one second before in UTC, the tail takes the remaining count',
      s: manilaCount,
      at: '2026-03-11T09:00:00',
      head: { rrule: 'FREQ=WEEKLY;BYDAY=MO,WE;UNTIL=20260311T005959Z', exdates: [], rdates: [] },
      tail: {
        dtstart: '2026-03-11T09:00:00',
        dtend: '2026-03-11T10:00:00',
        rrule: 'FREQ=WEEKLY;BYDAY=MO,WE;COUNT=5',
        exdates: [],
        rdates: [],
      },
    },
    {
      name: 'UNTIL across New York’s spring change: the head’s UNTIL is the EDT instant, the tail keeps UNTIL',
      s: newYorkUntil,
      at: '2024-03-11T09:00:00',
      head: { rrule: 'FREQ=WEEKLY;UNTIL=20240311T125959Z', exdates: [], rdates: [] },
      tail: {
        dtstart: '2024-03-11T09:00:00',
        dtend: '2024-03-11T10:30:00',
        rrule: 'FREQ=WEEKLY;UNTIL=20240401T130000Z',
        exdates: [],
        rdates: [],
      },
    },
    {
      name: 'floating: a local UNTIL; COUNT counts the excluded instance before the split (RFC 5545 §3.8.5.1)',
      s: floatingDaily,
      at: '2026-01-03T08:00:00',
      head: { rrule: 'FREQ=DAILY;UNTIL=20260103T075959', exdates: ['2026-01-02T08:00:00'], rdates: [] },
      tail: {
        dtstart: '2026-01-03T08:00:00',
        dtend: '2026-01-03T08:30:00',
        rrule: 'FREQ=DAILY;COUNT=3',
        exdates: ['2026-01-04T08:00:00'],
        rdates: ['2026-01-10T08:00:00'],
      },
    },
    {
      name: 'all-day: UNTIL is the day before, as a DATE; the tail keeps the two-day length',
      s: allDayYearly,
      at: '2028-12-24T00:00:00',
      head: { rrule: 'FREQ=YEARLY;UNTIL=20281223', exdates: [], rdates: [] },
      tail: {
        dtstart: '2028-12-24T00:00:00',
        dtend: '2028-12-26T00:00:00',
        rrule: 'FREQ=YEARLY;COUNT=3',
        exdates: [],
        rdates: [],
      },
    },
    {
      name: 'RDATEs only: no rule on either side, the dates partitioned',
      s: rdatesOnly,
      at: '2026-05-08T10:00:00',
      head: { rrule: null, exdates: [], rdates: [] },
      tail: {
        dtstart: '2026-05-08T10:00:00',
        dtend: '2026-05-08T11:00:00',
        rrule: null,
        exdates: [],
        rdates: ['2026-05-08T10:00:00', '2026-05-15T10:00:00'],
      },
    },
  ])('$name', ({ s, at, head, tail }) => {
    const split = splitSeries(s, [], at);
    expect(split.head?.times).toEqual({ ...s, ...head });
    expect(split.tail.times).toEqual({ ...s, ...tail });
    // Together the two series have exactly the occurrences of the one they replace.
    const before = locals(split.head!.times);
    const after = locals(split.tail.times);
    expect(before.every((d) => d < at) && after.every((d) => d >= at)).toBe(true);
    expect([...before, ...after]).toEqual(locals(s));
  });

  it('gives each side the exceptions of its occurrences, unchanged', () => {
    const first = exception('2026-01-01T08:00:00', { title: 'Kick-off' });
    const third = exception('2026-01-03T08:00:00', { cancelled: true });
    const fifth = exception('2026-01-05T08:00:00', {
      dtstart: '2026-01-05T12:00:00',
      dtend: '2026-01-05T12:30:00',
    });
    const split = splitSeries(floatingDaily, frozen([first, third, fifth]), '2026-01-03T08:00:00');
    expect(split.head?.exceptions).toEqual([first]);
    expect(split.tail.exceptions).toEqual([third, fifth]);
  });

  it('at DTSTART leaves no head: the change is to the whole series', () => {
    const xs = frozen([exception('2026-03-04T09:00:00', { title: 'x' })]);
    expect(splitSeries(manilaCount, xs, '2026-03-02T09:00:00')).toEqual({
      head: null,
      tail: { times: manilaCount, exceptions: xs },
    });
  });

  it.each([
    {
      name: 'COUNT',
      rrule: 'FREQ=DAILY;COUNT=3;BYHOUR=9;WKST=SU',
      tail: 'FREQ=DAILY;BYHOUR=9;WKST=SU;COUNT=1',
    },
    { name: 'UNTIL', rrule: 'FREQ=DAILY;UNTIL=20260304T010000Z', tail: 'FREQ=DAILY;UNTIL=20260304T010000Z' },
  ])('at an RDATE after the rule’s end ($name) keeps the old rule whole', ({ rrule, tail }) => {
    const s = series({
      dtstart: '2026-03-02T09:00:00',
      dtend: '2026-03-02T10:00:00',
      zone: 'Asia/Manila',
      rrule,
      rdates: ['2026-03-20T09:00:00'],
    });
    const split = splitSeries(s, [], '2026-03-20T09:00:00');
    expect(split.head?.times.rrule).toBe(rrule);
    expect(split.tail.times.rrule).toBe(tail);
    expect(locals(split.head!.times)).toEqual([
      '2026-03-02T09:00:00',
      '2026-03-03T09:00:00',
      '2026-03-04T09:00:00',
    ]);
    expect(locals(split.tail.times)).toEqual(['2026-03-20T09:00:00']);
  });
});
