/** Speed figures (printed) with generous ceilings, so a slow CI machine does not fail on noise. */
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { formatLocalDateTime, parseLocalDateTime } from '../time/wall-time';
import { getTimeZone } from '../time/zone';
import { expandRecurrence } from './expand';
import { now, report } from './testing/report';

function timed(run: () => unknown, repeat = 1): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < repeat; i++) {
    const began = now();
    run();
    best = Math.min(best, now() - began);
  }
  return best;
}

describe('speed', () => {
  it('expands 10,000 daily instances in a DST zone well under 100 ms', () => {
    const input = (tzid: string) => ({
      dtstart: '2000-01-01T09:00:00',
      tzid,
      rrule: 'FREQ=DAILY;COUNT=10000',
    });
    const cold = timed(() => expandRecurrence(input('America/Chicago')));
    const warm = timed(() => expandRecurrence(input('America/Chicago')), 7);
    const windowed = timed(
      () =>
        expandRecurrence(input('Europe/Berlin'), {
          window: { start: '2010-01-01T00:00:00Z', end: '2037-05-20T00:00:00Z' },
        }),
      7,
    );
    expect(expandRecurrence(input('America/Chicago'))).toHaveLength(10_000);
    report(
      `10,000 daily instances: ${warm.toFixed(1)} ms warm, ${cold.toFixed(1)} ms cold (first use of the zone), window ${windowed.toFixed(1)} ms`,
    );
    expect(warm).toBeLessThan(100);
  });

  it('converts wall times with cached transitions much faster than Temporal per instance', () => {
    const zone = getTimeZone('Australia/Sydney');
    const start = parseLocalDateTime('2000-01-01T02:30:00') as number;
    const walls = Array.from({ length: 10_000 }, (_, i) => start + i * 86_400_000);
    zone.toInstant(start);
    const cached = timed(() => walls.map((w) => zone.toInstant(w)), 5);
    const temporal = timed(
      () =>
        walls.map(
          (w) =>
            Temporal.PlainDateTime.from(formatLocalDateTime(w)).toZonedDateTime('Australia/Sydney')
              .epochMilliseconds,
        ),
      2,
    );
    report(
      `10,000 wall → instant: cached zone ${cached.toFixed(1)} ms, Temporal per instance ${temporal.toFixed(1)} ms`,
    );
    expect(walls.map((w) => zone.toInstant(w))).toEqual(
      walls.map(
        (w) =>
          Temporal.PlainDateTime.from(formatLocalDateTime(w)).toZonedDateTime('Australia/Sydney')
            .epochMilliseconds,
      ),
    );
    expect(cached).toBeLessThan(temporal);
  });
});
