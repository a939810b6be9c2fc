import { describe, expect, it } from 'vitest';
import { carryOverrides } from './scope-all';
import { exception, frozen, series } from './testing';
import type { SeriesException, SeriesTimes } from './types';

const manila = series({
  dtstart: '2026-03-02T09:00:00',
  dtend: '2026-03-02T10:00:00',
  zone: 'Asia/Manila',
  rrule: 'FREQ=WEEKLY;BYDAY=MO,WE',
  exdates: ['2026-03-16T09:00:00'],
});
const wednesday = exception('2026-03-04T09:00:00', { title: 'Wednesday special' });
const monday = exception('2026-03-09T09:00:00', {
  dtstart: '2026-03-09T13:00:00',
  dtend: '2026-03-09T14:00:00',
});
const excluded = exception('2026-03-16T09:00:00', { title: 'On an excluded Monday' });

const newYork = series({
  dtstart: '2024-03-04T09:00:00',
  dtend: '2024-03-04T10:00:00',
  zone: 'America/New_York',
  rrule: 'FREQ=WEEKLY;COUNT=6',
  exdates: ['2024-03-18T09:00:00'],
});
const allDay = series({
  dtstart: '2026-06-01T00:00:00',
  dtend: '2026-06-02T00:00:00',
  zone: 'Asia/Manila',
  allDay: true,
  rrule: 'FREQ=WEEKLY;BYDAY=MO',
  exdates: ['2026-06-15T00:00:00'],
});
const floating = series({
  dtstart: '2026-01-01T08:00:00',
  dtend: '2026-01-01T08:30:00',
  zone: null,
  rrule: 'FREQ=DAILY;COUNT=10',
});

describe('carryOverrides (all)', () => {
  it.each<{
    name: string;
    before: SeriesTimes;
    after: Partial<SeriesTimes>;
    exceptions: SeriesException[];
    exdates: string[];
    kept: [string, string | null][];
  }>([
    {
      name: 'nothing moved: everything that still fits stays, excluded starts included',
      before: manila,
      after: {},
      exceptions: [wednesday, monday, excluded],
      exdates: ['2026-03-16T09:00:00'],
      kept: [
        ['2026-03-04T09:00:00', null],
        ['2026-03-09T09:00:00', '2026-03-09T13:00:00'],
        ['2026-03-16T09:00:00', null],
      ],
    },
    {
      name: 'an hour later: ids and EXDATEs shift with the start; a moved occurrence keeps its own times',
      before: manila,
      after: { dtstart: '2026-03-02T10:00:00', dtend: '2026-03-02T11:00:00' },
      exceptions: [wednesday, monday],
      exdates: ['2026-03-16T10:00:00'],
      kept: [
        ['2026-03-04T10:00:00', null],
        ['2026-03-09T10:00:00', '2026-03-09T13:00:00'],
      ],
    },
    {
      name: 'a new rule drops the exceptions it no longer produces',
      before: manila,
      after: { rrule: 'FREQ=WEEKLY;BYDAY=MO' },
      exceptions: [wednesday, monday],
      exdates: ['2026-03-16T09:00:00'],
      kept: [['2026-03-09T09:00:00', '2026-03-09T13:00:00']],
    },
    {
      name: 'a day later with the same BYDAY: Tuesday is only DTSTART, Thursday is nothing',
      before: manila,
      after: { dtstart: '2026-03-03T09:00:00', dtend: '2026-03-03T10:00:00' },
      exceptions: [exception('2026-03-02T09:00:00', { title: 'First' }), wednesday],
      exdates: ['2026-03-17T09:00:00'],
      kept: [['2026-03-03T09:00:00', null]],
    },
    {
      name: 'New York across the spring change: the shift is on the wall, 10:00 stays 10:00',
      before: newYork,
      after: { dtstart: '2024-03-04T10:00:00', dtend: '2024-03-04T11:00:00' },
      exceptions: [exception('2024-03-11T09:00:00', { title: 'After DST' })],
      exdates: ['2024-03-18T10:00:00'],
      kept: [['2024-03-11T10:00:00', null]],
    },
    {
      name: 'New York: a shorter COUNT drops the exceptions past the new end',
      before: newYork,
      after: { rrule: 'FREQ=WEEKLY;COUNT=2' },
      exceptions: [exception('2024-03-11T09:00:00', { title: 'kept' }), exception('2024-03-25T09:00:00')],
      exdates: ['2024-03-18T09:00:00'],
      kept: [['2024-03-11T09:00:00', null]],
    },
    {
      name: 'all-day moved a week later: whole days, still Mondays',
      before: allDay,
      after: { dtstart: '2026-06-08T00:00:00', dtend: '2026-06-09T00:00:00' },
      exceptions: [exception('2026-06-22T00:00:00', { title: 'Holiday week' })],
      exdates: ['2026-06-22T00:00:00'],
      kept: [['2026-06-29T00:00:00', null]],
    },
    {
      name: 'floating moved to UNTIL: ids on the wall, cut at the new end',
      before: floating,
      after: {
        dtstart: '2026-01-01T09:00:00',
        dtend: '2026-01-01T09:30:00',
        rrule: 'FREQ=DAILY;UNTIL=20260103T090000',
      },
      exceptions: [exception('2026-01-03T08:00:00', { location: 'Hall' }), exception('2026-01-04T08:00:00')],
      exdates: [],
      kept: [['2026-01-03T09:00:00', null]],
    },
    {
      name: 'a series that stops repeating keeps no exceptions',
      before: manila,
      after: { rrule: null },
      exceptions: [wednesday],
      exdates: ['2026-03-16T09:00:00'],
      kept: [],
    },
  ])('$name', ({ before, after, exceptions, exdates, kept }) => {
    const carried = carryOverrides(before, frozen({ ...before, ...after }), frozen(exceptions));
    expect(carried.exdates).toEqual(exdates);
    expect(carried.exceptions.map((x) => [x.recurrenceId, x.dtstart])).toEqual(kept);
  });

  it('keeps everything but the id of a carried exception', () => {
    const later = frozen({ ...manila, dtstart: '2026-03-02T10:30:00', dtend: '2026-03-02T11:30:00' });
    expect(carryOverrides(manila, later, [monday]).exceptions).toEqual([
      { ...monday, recurrenceId: '2026-03-09T10:30:00' },
    ]);
  });

  it('matches ids against the rule and RDATEs, whatever EXDATEs the edit restates', () => {
    const restated = frozen({ ...manila, exdates: ['2026-03-04T09:00:00'], rdates: ['2026-03-07T09:00:00'] });
    const onRdate = exception('2026-03-07T09:00:00', { title: 'Saturday' });
    expect(carryOverrides(manila, restated, [wednesday, onRdate]).exceptions).toEqual([wednesday, onRdate]);
  });
});
