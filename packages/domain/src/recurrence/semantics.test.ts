/** The nine semantic rules of ARCHITECTURE.md "Recurrence", one block each, named by number. */
import { describe, expect, it } from 'vitest';
import { expandRecurrence } from './expand';
import type { ExpandOptions, RecurrenceInput } from './types';

const NY = 'America/New_York';
const locals = (input: RecurrenceInput, options: ExpandOptions = {}) =>
  expandRecurrence(input, options).map((o) => o.local);
const instants = (input: RecurrenceInput, options: ExpandOptions = {}) =>
  expandRecurrence(input, options).map((o) => o.start);

describe('rule 1: expand in the local wall-clock time of the TZID, then turn local times into instants', () => {
  it('keeps 09:00 local across DST, so the UTC instant moves', () => {
    expect(
      expandRecurrence({ dtstart: '2024-03-08T09:00:00', tzid: NY, rrule: 'FREQ=DAILY;COUNT=3' }).map((o) => [
        o.local,
        o.start,
      ]),
    ).toEqual([
      ['2024-03-08T09:00:00', '2024-03-08T14:00:00.000Z'],
      ['2024-03-09T09:00:00', '2024-03-09T14:00:00.000Z'],
      ['2024-03-10T09:00:00', '2024-03-10T13:00:00.000Z'],
    ]);
  });

  it('reads BYDAY on the local calendar: Friday 21:00 in New York is Saturday in UTC', () => {
    const got = expandRecurrence({
      dtstart: '2024-01-05T21:00:00',
      tzid: NY,
      rrule: 'FREQ=WEEKLY;BYDAY=FR;COUNT=2',
    });
    expect(got.map((o) => o.start)).toEqual(['2024-01-06T02:00:00.000Z', '2024-01-13T02:00:00.000Z']);
  });

  it('leaves floating rules as wall times with no instant', () => {
    expect(
      expandRecurrence({ dtstart: '2024-03-09T09:00:00', tzid: null, rrule: 'FREQ=DAILY;COUNT=2' }),
    ).toEqual([
      { local: '2024-03-09T09:00:00', start: null, epochMs: null },
      { local: '2024-03-10T09:00:00', start: null, epochMs: null },
    ]);
  });
});

describe('rule 2: a gap time takes the offset before the gap and still counts; a repeated time is its first occurrence', () => {
  it('turns 02:30 on spring-forward day into 03:30 EDT and counts it toward COUNT', () => {
    expect(
      expandRecurrence({ dtstart: '2024-03-09T02:30:00', tzid: NY, rrule: 'FREQ=DAILY;COUNT=3' }).map((o) => [
        o.local,
        o.start,
      ]),
    ).toEqual([
      ['2024-03-09T02:30:00', '2024-03-09T07:30:00.000Z'],
      ['2024-03-10T03:30:00', '2024-03-10T07:30:00.000Z'],
      ['2024-03-11T02:30:00', '2024-03-11T06:30:00.000Z'],
    ]);
  });

  it('gives 01:30 on fall-back day its first (daylight) occurrence', () => {
    expect(instants({ dtstart: '2024-11-02T01:30:00', tzid: NY, rrule: 'FREQ=DAILY;COUNT=3' })).toEqual([
      '2024-11-02T05:30:00.000Z',
      '2024-11-03T05:30:00.000Z',
      '2024-11-04T06:30:00.000Z',
    ]);
  });
});

describe('rule 3: DTSTART is the first instance', () => {
  it('counts an unsynchronised DTSTART as the first of COUNT (RFC 5545 §3.3.10 COUNT)', () => {
    // Wednesday 3 January is not a Monday, yet it opens the series and uses one of the three.
    expect(
      locals({ dtstart: '2024-01-03T09:00:00', tzid: NY, rrule: 'FREQ=WEEKLY;BYDAY=MO;COUNT=3' }),
    ).toEqual(['2024-01-03T09:00:00', '2024-01-08T09:00:00', '2024-01-15T09:00:00']);
  });

  it('takes missing BYxxx parts from DTSTART (synchronised), and gives it once when the rule matches it', () => {
    expect(locals({ dtstart: '2024-01-31T09:00:00', tzid: NY, rrule: 'FREQ=MONTHLY;COUNT=3' })).toEqual([
      '2024-01-31T09:00:00',
      '2024-03-31T09:00:00',
      '2024-05-31T09:00:00',
    ]);
  });

  it('is the only instance of a series without a rule', () => {
    expect(locals({ dtstart: '2024-01-03T09:00:00', tzid: NY })).toEqual(['2024-01-03T09:00:00']);
  });
});

describe('rule 4: COUNT counts rule instances before EXDATE; RDATEs do not count and may follow UNTIL', () => {
  it('does not extend a series when an EXDATE removes one of its COUNT instances', () => {
    expect(
      locals({
        dtstart: '2024-01-01T09:00:00',
        tzid: NY,
        rrule: 'FREQ=DAILY;COUNT=3',
        exdates: ['2024-01-02T09:00:00'],
      }),
    ).toEqual(['2024-01-01T09:00:00', '2024-01-03T09:00:00']);
  });

  it('adds RDATEs beyond COUNT and after UNTIL', () => {
    const rdates = ['2024-02-01T15:00:00', '2024-01-01T12:00:00'];
    expect(locals({ dtstart: '2024-01-01T09:00:00', tzid: NY, rrule: 'FREQ=DAILY;COUNT=2', rdates })).toEqual(
      ['2024-01-01T09:00:00', '2024-01-01T12:00:00', '2024-01-02T09:00:00', '2024-02-01T15:00:00'],
    );
    expect(
      locals({
        dtstart: '2024-01-01T09:00:00',
        tzid: NY,
        rrule: 'FREQ=DAILY;UNTIL=20240102T235959Z',
        rdates,
      }),
    ).toEqual(['2024-01-01T09:00:00', '2024-01-01T12:00:00', '2024-01-02T09:00:00', '2024-02-01T15:00:00']);
  });
});

describe('rule 5: UNTIL is inclusive and compared as an instant; a DATE UNTIL runs through that local day', () => {
  const series = (rrule: string, dtstart = '2024-01-03T09:00:00', tzid: string | null = NY) =>
    locals({ dtstart, tzid, rrule });

  it('includes an occurrence exactly at UTC UNTIL and excludes one a second later', () => {
    expect(series('FREQ=DAILY;UNTIL=20240105T140000Z').at(-1)).toBe('2024-01-05T09:00:00');
    expect(series('FREQ=DAILY;UNTIL=20240105T135959Z').at(-1)).toBe('2024-01-04T09:00:00');
  });

  it('reads a DATE UNTIL with a DATE-TIME DTSTART leniently, through the end of that local day', () => {
    expect(series('FREQ=DAILY;UNTIL=20240105', '2024-01-03T23:30:00').at(-1)).toBe('2024-01-05T23:30:00');
    expect(series('FREQ=DAILY;UNTIL=20240105', '2024-01-03T23:30:00', null).at(-1)).toBe(
      '2024-01-05T23:30:00',
    );
  });

  it('compares wall times for floating rules (a Z UNTIL is read by its digits)', () => {
    expect(series('FREQ=DAILY;UNTIL=20240105T090000', '2024-01-03T09:00:00', null).at(-1)).toBe(
      '2024-01-05T09:00:00',
    );
    expect(series('FREQ=DAILY;UNTIL=20240105T085959Z', '2024-01-03T09:00:00', null).at(-1)).toBe(
      '2024-01-04T09:00:00',
    );
  });

  it('reads a floating UNTIL of a zoned rule as a local time of that zone', () => {
    expect(series('FREQ=DAILY;UNTIL=20240105T090000').at(-1)).toBe('2024-01-05T09:00:00');
  });

  it('yields nothing from the rule when UNTIL is before DTSTART', () => {
    expect(series('FREQ=DAILY;UNTIL=20240101T000000Z')).toEqual([]);
  });
});

describe('rule 6: the set is (RRULE ∪ RDATE) − EXDATE on exact instants, deduplicated, ascending', () => {
  it('excludes nothing with an EXDATE on the right day at another time', () => {
    const input = {
      dtstart: '2024-01-01T09:00:00',
      tzid: NY,
      rrule: 'FREQ=DAILY;COUNT=2',
      exdates: ['2024-01-02T10:00:00'],
    };
    expect(locals(input)).toEqual(['2024-01-01T09:00:00', '2024-01-02T09:00:00']);
  });

  it('matches an EXDATE given as the same instant in UTC, and removes RDATEs too', () => {
    const input = {
      dtstart: '2024-01-01T09:00:00',
      tzid: NY,
      rrule: 'FREQ=DAILY;COUNT=3',
      exdates: ['2024-01-02T14:00:00Z', '2024-01-10T09:00:00'],
      rdates: ['2024-01-10T09:00:00'],
    };
    expect(locals(input)).toEqual(['2024-01-01T09:00:00', '2024-01-03T09:00:00']);
  });

  it('collapses an RDATE equal to a rule instance and a gap time equal to a real time', () => {
    expect(
      locals({
        dtstart: '2024-03-10T01:00:00',
        tzid: NY,
        rrule: 'FREQ=HOURLY;COUNT=2',
        rdates: ['2024-03-10T03:00:00', '2024-03-10T01:00:00'],
      }),
    ).toEqual(['2024-03-10T01:00:00', '2024-03-10T03:00:00']);
  });

  it('sorts RDATEs before DTSTART into place', () => {
    expect(locals({ dtstart: '2024-01-05T09:00:00', tzid: NY, rdates: ['2024-01-01T09:00:00'] })).toEqual([
      '2024-01-01T09:00:00',
      '2024-01-05T09:00:00',
    ]);
  });
});

describe('rule 7: a window keeps start <= occurrence < end; a limit takes the first N after window, EXDATE and RDATE', () => {
  const daily = { dtstart: '2024-01-01T09:00:00', tzid: NY, rrule: 'FREQ=DAILY' };

  it('includes an occurrence at the window start and excludes one at the window end', () => {
    const window = { start: '2024-01-03T14:00:00Z', end: '2024-01-05T14:00:00Z' };
    expect(locals(daily, { window })).toEqual(['2024-01-03T09:00:00', '2024-01-04T09:00:00']);
  });

  it('applies the limit after EXDATE and RDATE', () => {
    const input = { ...daily, exdates: ['2024-01-04T09:00:00'], rdates: ['2024-01-03T12:00:00'] };
    const window = { start: '2024-01-03T00:00:00Z', end: '2024-02-01T00:00:00Z' };
    expect(locals(input, { window, limit: 3 })).toEqual([
      '2024-01-03T09:00:00',
      '2024-01-03T12:00:00',
      '2024-01-05T09:00:00',
    ]);
    expect(locals(input, { limit: 2 })).toEqual(['2024-01-01T09:00:00', '2024-01-02T09:00:00']);
  });

  it('compares the window with wall times read as UTC for floating series', () => {
    const window = { start: '2024-01-02T09:00:00Z', end: '2024-01-03T09:00:00Z' };
    expect(locals({ ...daily, tzid: null }, { window })).toEqual(['2024-01-02T09:00:00']);
  });
});

describe('rule 8: hourly and minutely rules iterate wall times across transitions, then apply rule 2', () => {
  it('lands the gap hour on the next hour, where it collapses with the real one', () => {
    expect(
      expandRecurrence({ dtstart: '2024-03-10T00:00:00', tzid: NY, rrule: 'FREQ=HOURLY;COUNT=5' }).map(
        (o) => o.local,
      ),
    ).toEqual(['2024-03-10T00:00:00', '2024-03-10T01:00:00', '2024-03-10T03:00:00', '2024-03-10T04:00:00']);
  });

  it('visits the repeated hour once', () => {
    expect(instants({ dtstart: '2024-11-03T00:00:00', tzid: NY, rrule: 'FREQ=HOURLY;COUNT=4' })).toEqual([
      '2024-11-03T04:00:00.000Z',
      '2024-11-03T05:00:00.000Z',
      '2024-11-03T07:00:00.000Z',
      '2024-11-03T08:00:00.000Z',
    ]);
  });

  it('keeps every-25-minutes rules in ascending instant order through the gap', () => {
    expect(
      locals({ dtstart: '2024-03-10T01:40:00', tzid: NY, rrule: 'FREQ=MINUTELY;INTERVAL=25;COUNT=5' }),
    ).toEqual([
      '2024-03-10T01:40:00',
      '2024-03-10T03:05:00', // 02:05 in the gap
      '2024-03-10T03:20:00', // the real 03:20, before the gap-shifted 02:30 → 03:30
      '2024-03-10T03:30:00',
      '2024-03-10T03:55:00',
    ]);
  });
});

describe('rule 9: the RFC’s "every 3 hours from 9:00 to 17:00" follows its normative UTC UNTIL', () => {
  it('gives 09:00 and 12:00 only: UNTIL=19970902T170000Z is 13:00 EDT', () => {
    expect(
      locals({
        dtstart: '1997-09-02T09:00:00',
        tzid: NY,
        rrule: 'FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z',
      }),
    ).toEqual(['1997-09-02T09:00:00', '1997-09-02T12:00:00']);
  });
});
