import { describe, expect, it } from 'vitest';
import { at, exception, frozen, series } from './testing';
import type { EpochWindow, SeriesException, SeriesTimes } from './types';
import { occurrencesInWindow } from './window';

const iso = (ms: number) => new Date(ms).toISOString();
const window = (from: string, to: string): EpochWindow => ({ fromMs: at(from), toMs: at(to) });

const manila = series({
  dtstart: '2026-03-02T09:00:00',
  dtend: '2026-03-02T10:00:00',
  zone: 'Asia/Manila',
  rrule: 'FREQ=WEEKLY;BYDAY=MO,WE',
});
const firstWeek = window('2026-03-02T00:00:00Z', '2026-03-09T00:00:00Z');

/** [recurrence id, start, end, title of the exception or '-'] of each occurrence. */
function shown(
  s: SeriesTimes,
  exceptions: SeriesException[],
  w: EpochWindow,
  floatingZone = 'UTC',
  limit = 5000,
) {
  const { occurrences, truncated } = occurrencesInWindow(s, frozen(exceptions), w, { limit, floatingZone });
  return {
    truncated,
    rows: occurrences.map((o) => [o.recurrenceId, iso(o.startMs), iso(o.endMs), o.exception?.title ?? '-']),
  };
}

describe('occurrencesInWindow', () => {
  it.each<{ name: string; exceptions: SeriesException[]; w?: EpochWindow; rows: string[][] }>([
    {
      name: 'the rule’s own occurrences',
      exceptions: [],
      rows: [
        ['2026-03-02T09:00:00', '2026-03-02T01:00:00.000Z', '2026-03-02T02:00:00.000Z', '-'],
        ['2026-03-04T09:00:00', '2026-03-04T01:00:00.000Z', '2026-03-04T02:00:00.000Z', '-'],
      ],
    },
    {
      name: 'a changed title rides on its occurrence; a cancelled one is gone',
      exceptions: [
        exception('2026-03-02T09:00:00', { cancelled: true }),
        exception('2026-03-04T09:00:00', { title: 'Renamed' }),
      ],
      rows: [['2026-03-04T09:00:00', '2026-03-04T01:00:00.000Z', '2026-03-04T02:00:00.000Z', 'Renamed']],
    },
    {
      name: 'moved within the window, and moved in from a later week, in order of start',
      exceptions: [
        exception('2026-03-02T09:00:00', {
          dtstart: '2026-03-05T14:00:00',
          dtend: '2026-03-05T15:30:00',
          title: 'Thursday',
        }),
        exception('2026-03-16T09:00:00', {
          dtstart: '2026-03-03T08:00:00',
          dtend: '2026-03-03T09:00:00',
          title: 'Pulled in',
        }),
      ],
      rows: [
        ['2026-03-16T09:00:00', '2026-03-03T00:00:00.000Z', '2026-03-03T01:00:00.000Z', 'Pulled in'],
        ['2026-03-04T09:00:00', '2026-03-04T01:00:00.000Z', '2026-03-04T02:00:00.000Z', '-'],
        ['2026-03-02T09:00:00', '2026-03-05T06:00:00.000Z', '2026-03-05T07:30:00.000Z', 'Thursday'],
      ],
    },
    {
      name: 'moved out of the window',
      exceptions: [
        exception('2026-03-04T09:00:00', { dtstart: '2026-03-20T09:00:00', dtend: '2026-03-20T10:00:00' }),
      ],
      rows: [['2026-03-02T09:00:00', '2026-03-02T01:00:00.000Z', '2026-03-02T02:00:00.000Z', '-']],
    },
    {
      name: 'an occurrence that began before the window and runs into it',
      exceptions: [],
      w: window('2026-03-02T01:30:00Z', '2026-03-04T00:00:00Z'),
      rows: [['2026-03-02T09:00:00', '2026-03-02T01:00:00.000Z', '2026-03-02T02:00:00.000Z', '-']],
    },
    {
      name: 'an occurrence that ends as the window begins is not in it',
      exceptions: [],
      w: window('2026-03-02T02:00:00Z', '2026-03-04T01:00:00Z'),
      rows: [],
    },
  ])('$name', ({ exceptions, w, rows }) => {
    expect(shown(manila, exceptions, w ?? firstWeek).rows).toEqual(rows);
  });

  it('keeps the wall time in New York across the spring change', () => {
    const ny = series({
      dtstart: '2026-03-02T09:00:00',
      dtend: '2026-03-02T10:00:00',
      zone: 'America/New_York',
      rrule: 'FREQ=WEEKLY;COUNT=3',
    });
    const { occurrences } = occurrencesInWindow(
      ny,
      [],
      window('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'),
      {
        limit: 100,
        floatingZone: 'Asia/Manila',
      },
    );
    expect(occurrences.map((o) => [o.recurrenceId, iso(o.startMs), iso(o.endMs), o.dates])).toEqual([
      ['2026-03-02T09:00:00', '2026-03-02T14:00:00.000Z', '2026-03-02T15:00:00.000Z', null],
      ['2026-03-09T09:00:00', '2026-03-09T13:00:00.000Z', '2026-03-09T14:00:00.000Z', null],
      ['2026-03-16T09:00:00', '2026-03-16T13:00:00.000Z', '2026-03-16T14:00:00.000Z', null],
    ]);
  });

  it('gives every occurrence the first one’s elapsed length: 01:30–03:30 runs to 04:30 on gap day', () => {
    const ny = series({
      dtstart: '2024-03-09T01:30:00',
      dtend: '2024-03-09T03:30:00',
      zone: 'America/New_York',
      rrule: 'FREQ=DAILY;COUNT=2',
    });
    const { occurrences } = occurrencesInWindow(
      ny,
      [],
      window('2024-03-09T00:00:00Z', '2024-03-11T00:00:00Z'),
      {
        limit: 100,
        floatingZone: 'UTC',
      },
    );
    // 08:30Z on 10 March is 04:30 EDT.
    expect(occurrences.map((o) => [iso(o.startMs), iso(o.endMs)])).toEqual([
      ['2024-03-09T06:30:00.000Z', '2024-03-09T08:30:00.000Z'],
      ['2024-03-10T06:30:00.000Z', '2024-03-10T08:30:00.000Z'],
    ]);
  });

  it('reads a floating series in the viewer’s zone', () => {
    const floating = series({
      dtstart: '2026-03-02T09:00:00',
      dtend: '2026-03-02T09:30:00',
      zone: null,
      rrule: 'FREQ=DAILY;COUNT=2',
    });
    const w = window('2026-03-01T00:00:00Z', '2026-03-05T00:00:00Z');
    expect(shown(floating, [], w, 'Asia/Manila').rows.map((r) => r[1])).toEqual([
      '2026-03-02T01:00:00.000Z',
      '2026-03-03T01:00:00.000Z',
    ]);
    expect(shown(floating, [], w, 'America/New_York').rows.map((r) => r[1])).toEqual([
      '2026-03-02T14:00:00.000Z',
      '2026-03-03T14:00:00.000Z',
    ]);
  });

  it('gives all-day occurrences whole local days, also when one is moved', () => {
    const allDay = series({
      dtstart: '2026-06-12T00:00:00',
      dtend: '2026-06-14T00:00:00',
      zone: 'Asia/Manila',
      allDay: true,
      rrule: 'FREQ=WEEKLY;COUNT=3',
    });
    const moved = exception('2026-06-19T00:00:00', {
      dtstart: '2026-06-20T00:00:00',
      dtend: '2026-06-21T00:00:00',
    });
    const { occurrences } = occurrencesInWindow(
      allDay,
      [moved],
      window('2026-06-01T00:00:00Z', '2026-07-01T00:00:00Z'),
      {
        limit: 100,
        floatingZone: 'UTC',
      },
    );
    expect(occurrences.map((o) => [o.recurrenceId, o.dates, iso(o.startMs), iso(o.endMs)])).toEqual([
      [
        '2026-06-12T00:00:00',
        { start: '2026-06-12', end: '2026-06-14' },
        '2026-06-11T16:00:00.000Z',
        '2026-06-13T16:00:00.000Z',
      ],
      [
        '2026-06-19T00:00:00',
        { start: '2026-06-20', end: '2026-06-21' },
        '2026-06-19T16:00:00.000Z',
        '2026-06-20T16:00:00.000Z',
      ],
      [
        '2026-06-26T00:00:00',
        { start: '2026-06-26', end: '2026-06-28' },
        '2026-06-25T16:00:00.000Z',
        '2026-06-27T16:00:00.000Z',
      ],
    ]);
  });

  it('keeps a zero-length occurrence whose start lies in the window, and not one at its end', () => {
    const reminder = series({
      dtstart: '2026-03-02T09:00:00',
      dtend: '2026-03-02T09:00:00',
      zone: 'Asia/Manila',
      rrule: 'FREQ=DAILY',
    });
    expect(shown(reminder, [], window('2026-03-02T01:00:00Z', '2026-03-03T01:00:00Z')).rows).toEqual([
      ['2026-03-02T09:00:00', '2026-03-02T01:00:00.000Z', '2026-03-02T01:00:00.000Z', '-'],
    ]);
  });

  it('says truncated when one series reaches the limit', () => {
    const daily = series({
      dtstart: '2026-03-02T09:00:00',
      dtend: '2026-03-02T10:00:00',
      zone: 'Asia/Manila',
      rrule: 'FREQ=DAILY',
    });
    const capped = shown(daily, [], window('2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z'), 'UTC', 3);
    expect(capped.rows).toHaveLength(3);
    expect(capped.truncated).toBe(true);
    expect(shown(daily, [], firstWeek, 'UTC', 7).truncated).toBe(true);
    expect(shown(daily, [], firstWeek, 'UTC', 8).truncated).toBe(false);
  });
});
