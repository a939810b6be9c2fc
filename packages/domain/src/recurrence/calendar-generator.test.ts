import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { MS_PER_DAY } from '../time/civil';
import { formatLocalDateTime, parseLocalDateTime } from '../time/wall-time';
import { calendarGenerator } from './calendar-generator';
import type { WallClockGenerator } from './generator';
import { parseRRule } from './parse';
import { rruleGenerator } from './rrule-generator';
import { dtstartArb, ruleArb } from './testing/arbitraries';
import { now } from './testing/report';
import type { RRuleSpec } from './types';

const YEAR = 366 * MS_PER_DAY;

/** Up to `max` wall times; repeats dropped unless `raw` (only rrule repeats, see below). */
function walls(
  generator: WallClockGenerator,
  rule: RRuleSpec,
  dtstart: string,
  span: number,
  max = 120,
  raw = false,
) {
  const start = parseLocalDateTime(dtstart) as number;
  const out: string[] = [];
  for (const wall of generator.generate(rule, start, {
    from: Number.NEGATIVE_INFINITY,
    horizon: start + span,
  })) {
    const text = formatLocalDateTime(wall);
    if (!raw && out.at(-1) === text) continue;
    out.push(text);
    if (out.length >= max) break;
  }
  return out;
}

const ours = (rule: string, dtstart: string, span = 3 * YEAR, max = 120) =>
  walls(calendarGenerator, parseRRule(rule), dtstart, span, max);

describe('calendar generator against rrule 2.8.1 (floating mode)', () => {
  it('agrees on random rules outside rrule’s known bugs', () => {
    // rrule's MINUTELY engine leaves the INTERVAL lattice or never returns (see below): the python-
    // dateutil oracle covers minutely rules instead.
    const freqs = ['YEARLY', 'MONTHLY', 'WEEKLY', 'DAILY', 'HOURLY'] as const;
    const shape = { freqs, noMixedByDay: true, safeWeekNo: true, noWeeklySetPos: true, sortedTimes: true };
    fc.assert(
      fc.property(ruleArb(shape), dtstartArb, (rule, dtstart) => {
        const span = ['HOURLY', 'MINUTELY'].includes(rule.freq) ? 40 * MS_PER_DAY : 4 * YEAR;
        const mine = walls(calendarGenerator, rule, dtstart, span);
        // rrule walks to year 9999 on a rule that never matches, so only rules that match are compared.
        fc.pre(mine.length > 0);
        expect(mine).toEqual(walls(rruleGenerator, rule, dtstart, span));
      }),
      { numRuns: 600, seed: 5545 },
    );
  }, 60_000);

  it('differs where rrule intersects plain and ordinal BYDAY (RFC 5545: a union)', () => {
    const rule = parseRRule('FREQ=MONTHLY;BYDAY=MO,1FR');
    expect(walls(rruleGenerator, rule, '2024-01-01T09:00:00', YEAR, 5)).toEqual([]);
    expect(walls(calendarGenerator, rule, '2024-01-01T09:00:00', YEAR, 5)).toEqual([
      '2024-01-01T09:00:00',
      '2024-01-05T09:00:00',
      '2024-01-08T09:00:00',
      '2024-01-15T09:00:00',
      '2024-01-22T09:00:00',
    ]);
  });

  it('differs where rrule starts the first WEEKLY period at DTSTART instead of WKST (BYSETPOS)', () => {
    // Week of Mon 2024-01-01: {Mon 1, Wed 3, Fri 5}; the 2nd is Wednesday 3 (= DTSTART).
    const rule = parseRRule('FREQ=WEEKLY;BYDAY=MO,WE,FR;BYSETPOS=2');
    expect(walls(calendarGenerator, rule, '2024-01-03T09:00:00', YEAR, 2)).toEqual([
      '2024-01-03T09:00:00',
      '2024-01-10T09:00:00',
    ]);
    expect(walls(rruleGenerator, rule, '2024-01-03T09:00:00', YEAR, 2)).toEqual([
      '2024-01-05T09:00:00',
      '2024-01-10T09:00:00',
    ]);
  });

  it('differs where rrule repeats an instance that two BYSETPOS positions pick', () => {
    // January 1990 offers {1, 2}: position 2 and position -1 are both the 2nd.
    const rule = parseRRule('FREQ=MONTHLY;BYMONTHDAY=1,2;BYSETPOS=-1,2');
    expect(walls(rruleGenerator, rule, '1990-01-01T00:00:00', YEAR, 2, true)).toEqual([
      '1990-01-02T00:00:00',
      '1990-01-02T00:00:00',
    ]);
    expect(walls(calendarGenerator, rule, '1990-01-01T00:00:00', YEAR, 2)).toEqual([
      '1990-01-02T00:00:00',
      '1990-02-02T00:00:00',
    ]);
  });

  it('differs where rrule leaves the INTERVAL lattice of a MINUTELY rule with BYMINUTE', () => {
    // Every 45 minutes from 00:00 is the same lattice each day (1440 = 32 × 45): of its times only
    // 03:45 has an hour in {3, 5, 23} and a minute in {30, 45}. 03:30 is not on it.
    const rule = parseRRule('FREQ=MINUTELY;INTERVAL=45;BYHOUR=3,5,23;BYMINUTE=30,45');
    expect(walls(rruleGenerator, rule, '1995-10-26T00:00:00', MS_PER_DAY, 1)).toEqual([
      '1995-10-26T03:30:00',
    ]);
    expect(walls(calendarGenerator, rule, '1995-10-26T00:00:00', 2 * MS_PER_DAY)).toEqual([
      '1995-10-26T03:45:00',
      '1995-10-27T03:45:00',
    ]);
  });

  it('differs where rrule emits a day’s times in BYHOUR order instead of ascending', () => {
    const rule = parseRRule('FREQ=DAILY;BYHOUR=17,9');
    expect(walls(rruleGenerator, rule, '2024-01-01T00:00:00', YEAR, 3)).toEqual([
      '2024-01-01T17:00:00',
      '2024-01-01T09:00:00',
      '2024-01-02T17:00:00',
    ]);
    expect(walls(calendarGenerator, rule, '2024-01-01T00:00:00', YEAR, 3)).toEqual([
      '2024-01-01T09:00:00',
      '2024-01-01T17:00:00',
      '2024-01-02T09:00:00',
    ]);
  });

  it('differs where rrule gives 1993’s days of ISO week 52 to week 53 (BYWEEKNO across years)', () => {
    // 1994-01-01 and -02 (Sat, Sun) belong to ISO week 52 of 1993, which has 52 weeks.
    const rule = parseRRule('FREQ=YEARLY;BYWEEKNO=53;BYDAY=SA,SU');
    expect(walls(rruleGenerator, rule, '1993-06-01T00:00:00', YEAR, 1)).toEqual(['1994-01-01T00:00:00']);
    expect(walls(calendarGenerator, rule, '1993-06-01T00:00:00', YEAR, 1)).toEqual([]);
    const week52 = parseRRule('FREQ=YEARLY;BYWEEKNO=52;BYDAY=SA,SU');
    expect(walls(calendarGenerator, week52, '1993-06-01T00:00:00', 2 * YEAR, 4)).toEqual([
      '1994-01-01T00:00:00',
      '1994-01-02T00:00:00',
      '1994-12-31T00:00:00',
      '1995-01-01T00:00:00',
    ]);
  });
});

describe('BYWEEKNO with WKST', () => {
  it('matches ISO 8601 week numbers (Temporal) for WKST=MO, including 53 and negative weeks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1995, max: 2035 }),
        fc.constantFrom(1, 2, 52, 53, -1, -2, -52, -53),
        (year, weekNo) => {
          const got = ours(
            `FREQ=YEARLY;BYWEEKNO=${weekNo};BYDAY=MO,TU,WE,TH,FR,SA,SU`,
            `${year}-01-01T00:00:00`,
            YEAR,
            20,
          )
            .map((w) => w.slice(0, 10))
            .filter((d) => d.startsWith(String(year)));
          const expected: string[] = [];
          for (let d = Temporal.PlainDate.from(`${year}-01-01`); d.year === year; d = d.add({ days: 1 })) {
            const weeks = Temporal.PlainDate.from(`${d.yearOfWeek}-12-28`).weekOfYear as number;
            const n = d.weekOfYear as number;
            if (n === weekNo || n - weeks - 1 === weekNo) expected.push(d.toString());
          }
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 200, seed: 20 },
    );
  }, 60_000);

  it('moves week 1 with WKST=SU: 2023 week 1 starts on Sunday 2023-01-01', () => {
    expect(ours('FREQ=YEARLY;BYWEEKNO=1;BYDAY=SU,MO;WKST=SU', '2023-01-01T10:00:00', YEAR, 2)).toEqual([
      '2023-01-01T10:00:00',
      '2023-01-02T10:00:00',
    ]);
    // With WKST=MO the same Sunday is in week 52 of 2022; week 1 starts on Monday 2 January.
    expect(ours('FREQ=YEARLY;BYWEEKNO=1;BYDAY=SU,MO', '2023-01-01T10:00:00', YEAR, 2)).toEqual([
      '2023-01-02T10:00:00',
      '2023-01-08T10:00:00',
    ]);
  });
});

describe('rules that never match', () => {
  it.each([
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
    'FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31',
    'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31',
    'FREQ=WEEKLY;BYMONTH=11;BYMONTHDAY=31'.replace(';BYMONTHDAY=31', ';BYSETPOS=8;BYDAY=MO'),
    'FREQ=HOURLY;BYMONTH=6;BYMONTHDAY=31',
    'FREQ=MINUTELY;INTERVAL=7;BYMONTH=2;BYMONTHDAY=30',
    'FREQ=SECONDLY;BYMONTH=9;BYMONTHDAY=31',
    'FREQ=HOURLY;INTERVAL=2;BYHOUR=1',
    'FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29',
  ])('%s ends with nothing, quickly, even without a horizon', (rule) => {
    const started = now();
    // DTSTART 2025 with INTERVAL=4 never lands on a leap year.
    const got = walls(
      calendarGenerator,
      parseRRule(rule),
      '2025-01-01T00:00:00',
      Number.POSITIVE_INFINITY,
      3,
    );
    expect(got.filter((w) => w !== '2025-01-01T00:00:00')).toEqual([]);
    expect(now() - started).toBeLessThan(2000);
  });

  it('still finds a rare rule: Friday 29 February (every 28 years or so)', () => {
    expect(
      ours('FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=FR', '2000-01-01T09:00:00', 1e15, 3).map((w) =>
        w.slice(0, 10),
      ),
    ).toEqual(['2008-02-29', '2036-02-29', '2064-02-29']);
  });
});

describe('sub-daily periods', () => {
  it('applies BYSETPOS per hour', () => {
    expect(ours('FREQ=HOURLY;BYMINUTE=0,20,40;BYSETPOS=-1', '2024-01-01T09:00:00', MS_PER_DAY, 3)).toEqual([
      '2024-01-01T09:40:00',
      '2024-01-01T10:40:00',
      '2024-01-01T11:40:00',
    ]);
  });

  it('walks an interval that does not divide the day across days', () => {
    expect(ours('FREQ=HOURLY;INTERVAL=5;BYHOUR=0,1,2', '2024-01-01T00:00:00', 3 * MS_PER_DAY)).toEqual([
      '2024-01-01T00:00:00',
      '2024-01-02T01:00:00',
      '2024-01-03T02:00:00',
    ]);
  });

  it('skips to the window without walking from DTSTART, landing on the same lattice', () => {
    const rule = parseRRule('FREQ=MINUTELY;INTERVAL=7');
    const start = parseLocalDateTime('2029-01-01T00:00:00') as number;
    const from = parseLocalDateTime('2030-01-01T00:00:00') as number;
    const take = (skipTo: number) => {
      const got: string[] = [];
      for (const w of calendarGenerator.generate(rule, start, {
        from: skipTo,
        horizon: from + 20 * 60_000,
      })) {
        if (w >= from) got.push(formatLocalDateTime(w));
      }
      return got;
    };
    // 525,600 minutes in 2029 ≡ 5 (mod 7): the lattice reaches 2030 at 00:02.
    expect(take(from)).toEqual(['2030-01-01T00:02:00', '2030-01-01T00:09:00', '2030-01-01T00:16:00']);
    expect(take(Number.NEGATIVE_INFINITY)).toEqual(take(from));
  });
});
