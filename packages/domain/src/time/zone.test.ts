import fc from 'fast-check';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors';
import { instantToLocal, localToInstant } from './convert';
import { formatLocalDateTime, parseLocalDateTime, wallFromFields } from './wall-time';
import { getTimeZone, isTimeZone } from './zone';

describe('local wall time → instant (RFC 5545 §3.3.5, erratum 4271; Temporal "compatible")', () => {
  it.each([
    // [zone, local, instant, why]
    ['America/New_York', '2024-03-10T01:59:59', '2024-03-10T06:59:59.000Z', 'last second before the gap'],
    ['America/New_York', '2024-03-10T02:00:00', '2024-03-10T07:00:00.000Z', 'gap start → 03:00 EDT'],
    [
      'America/New_York',
      '2024-03-10T02:30:00',
      '2024-03-10T07:30:00.000Z',
      'gap → 03:30 EDT (offset before the gap)',
    ],
    ['America/New_York', '2024-03-10T03:00:00', '2024-03-10T07:00:00.000Z', 'first wall time after the gap'],
    ['America/New_York', '2024-11-03T01:30:00', '2024-11-03T05:30:00.000Z', 'repeated hour → first (EDT)'],
    ['America/New_York', '2024-11-03T02:00:00', '2024-11-03T07:00:00.000Z', 'after the repeated hour (EST)'],
    ['Europe/Berlin', '2024-03-31T02:30:00', '2024-03-31T01:30:00.000Z', 'gap → 03:30 CEST'],
    ['Europe/Berlin', '2024-10-27T02:30:00', '2024-10-27T00:30:00.000Z', 'repeated hour → first (CEST)'],
    ['Europe/Berlin', '2024-10-27T03:00:00', '2024-10-27T02:00:00.000Z', 'after the repeated hour (CET)'],
    [
      'Australia/Sydney',
      '2024-10-06T02:30:00',
      '2024-10-05T16:30:00.000Z',
      'southern spring gap → 03:30 AEDT',
    ],
    [
      'Australia/Sydney',
      '2024-04-07T02:30:00',
      '2024-04-06T15:30:00.000Z',
      'southern autumn repeat → first (AEDT)',
    ],
    ['Australia/Lord_Howe', '2024-10-06T02:15:00', '2024-10-05T15:45:00.000Z', 'half-hour gap → 02:45 +11'],
    [
      'Australia/Lord_Howe',
      '2024-04-07T01:45:00',
      '2024-04-06T14:45:00.000Z',
      'half-hour repeat → first (+11)',
    ],
    ['Pacific/Apia', '2011-12-30T12:00:00', '2011-12-30T22:00:00.000Z', 'the day Samoa skipped (24 h gap)'],
    ['America/Sao_Paulo', '2018-11-04T00:30:00', '2018-11-04T03:30:00.000Z', 'midnight gap → 01:30 -02'],
    ['Asia/Manila', '2024-06-01T09:00:00', '2024-06-01T01:00:00.000Z', 'no DST'],
    ['UTC', '2024-06-01T09:00:00', '2024-06-01T09:00:00.000Z', 'UTC'],
  ])('%s %s → %s (%s)', (zone, local, instant) => {
    expect(localToInstant(local, zone)).toBe(instant);
  });

  it('agrees with Temporal (disambiguation "compatible") on random wall times in DST zones', () => {
    const zones = [
      'America/New_York',
      'Europe/Berlin',
      'Australia/Sydney',
      'Australia/Lord_Howe',
      'America/Santiago',
    ];
    const walls = fc.record({
      zone: fc.constantFrom(...zones),
      year: fc.integer({ min: 1970, max: 2040 }),
      month: fc.constantFrom(3, 4, 9, 10, 11),
      day: fc.integer({ min: 1, max: 28 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.constantFrom(0, 15, 30, 59),
    });
    fc.assert(
      fc.property(walls, ({ zone, year, month, day, hour, minute }) => {
        const wall = wallFromFields(year, month, day, hour, minute) as number;
        const expected = Temporal.PlainDateTime.from(formatLocalDateTime(wall)).toZonedDateTime(zone, {
          disambiguation: 'compatible',
        }).epochMilliseconds;
        expect(getTimeZone(zone).toInstant(wall)).toBe(expected);
      }),
      { numRuns: 3000, seed: 4271 },
    );
  });

  it('brute-forces every half hour of 2024 in New York against Temporal', () => {
    const zone = getTimeZone('America/New_York');
    const start = parseLocalDateTime('2024-01-01T00:00:00') as number;
    for (let wall = start; wall < start + 366 * 86_400_000; wall += 1_800_000) {
      const instant = zone.toInstant(wall);
      const expected = Temporal.PlainDateTime.from(formatLocalDateTime(wall)).toZonedDateTime(
        'America/New_York',
      ).epochMilliseconds;
      if (instant !== expected) expect(formatLocalDateTime(wall)).toBe('agreement');
    }
  });
});

describe('instant → local wall time', () => {
  it.each([
    ['2024-11-03T05:30:00Z', 'America/New_York', '2024-11-03T01:30:00'],
    ['2024-11-03T06:30:00Z', 'America/New_York', '2024-11-03T01:30:00'],
    ['2024-03-10T07:00:00Z', 'America/New_York', '2024-03-10T03:00:00'],
    ['2024-10-05T16:30:00Z', 'Australia/Sydney', '2024-10-06T03:30:00'],
    ['2024-06-01T01:00:00+00:00', 'Asia/Manila', '2024-06-01T09:00:00'],
  ])('%s in %s is %s', (instant, zone, local) => {
    expect(instantToLocal(instant, zone)).toBe(local);
  });

  it('round-trips every instant outside repeated hours', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2_200_000_000 }),
        fc.constantFrom('Europe/Berlin', 'Australia/Sydney'),
        (s, id) => {
          const zone = getTimeZone(id);
          const instant = s * 1000;
          const wall = zone.toWall(instant);
          const back = zone.toInstant(wall);
          // In a repeated hour the wall time means its first occurrence, up to one hour earlier.
          expect(back === instant || (back < instant && instant - back <= 3_600_000)).toBe(true);
          expect(zone.toWall(back)).toBe(wall);
        },
      ),
      { numRuns: 2000, seed: 7 },
    );
  });
});

describe('zone names and bad input', () => {
  it('knows IANA names and refuses others with time.unknown_zone', () => {
    expect(isTimeZone('Asia/Manila')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    try {
      getTimeZone('Mars/Olympus_Mons');
      expect.unreachable();
    } catch (e) {
      expect(isAppError(e) && e.code).toBe('time.unknown_zone');
    }
  });

  it('refuses malformed local times and instants with time.invalid_local_time', () => {
    for (const call of [
      () => localToInstant('2024-02-30T09:00:00', 'UTC'),
      () => instantToLocal('yesterday', 'UTC'),
    ]) {
      expect(call).toThrowError(expect.objectContaining({ code: 'time.invalid_local_time' }));
    }
  });
});
