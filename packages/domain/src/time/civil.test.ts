import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { civilFromDays, daysFromCivil, daysInMonth, isLeapYear, weekdayOfDays } from './civil';
import {
  formatInstant,
  formatLocalDateTime,
  parseInstant,
  parseLocalDate,
  parseLocalDateTime,
} from './wall-time';

describe('civil calendar', () => {
  it('agrees with Date.UTC on day numbers and weekdays from year 1 to 9999', () => {
    fc.assert(
      fc.property(fc.integer({ min: -719_162, max: 2_932_896 }), (days) => {
        const date = new Date(days * 86_400_000);
        expect(civilFromDays(days)).toEqual({
          year: date.getUTCFullYear(),
          month: date.getUTCMonth() + 1,
          day: date.getUTCDate(),
        });
        expect(weekdayOfDays(days)).toBe((date.getUTCDay() + 6) % 7);
        const { year, month, day } = civilFromDays(days);
        expect(daysFromCivil(year, month, day)).toBe(days);
      }),
      { numRuns: 5000, seed: 1 },
    );
  });

  it.each([
    [2024, 2, 29],
    [2023, 2, 28],
    [1900, 2, 28],
    [2000, 2, 29],
    [2024, 4, 30],
    [2024, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
    expect(isLeapYear(year)).toBe(month === 2 && days === 29 ? true : isLeapYear(year));
  });
});

describe('wall-time strings', () => {
  it('parses and formats local date-times, dates and instants', () => {
    expect(formatLocalDateTime(parseLocalDateTime('2024-02-29T23:59:59') as number)).toBe(
      '2024-02-29T23:59:59',
    );
    expect(parseLocalDateTime('2023-02-29T00:00:00')).toBeUndefined();
    expect(parseLocalDateTime('2024-01-01T24:00:00')).toBeUndefined();
    expect(parseLocalDateTime('2024-01-01 09:00:00')).toBeUndefined();
    expect(parseLocalDate('2024-01-01')).toBe(Date.UTC(2024, 0, 1));
    expect(parseInstant('2024-03-10T07:30:00Z')).toBe(Date.UTC(2024, 2, 10, 7, 30));
    expect(parseInstant('2024-03-10T15:30:00.250+08:00')).toBe(Date.UTC(2024, 2, 10, 7, 30, 0, 250));
    expect(parseInstant('2024-03-10T07:30:00')).toBeUndefined();
  });

  it('formats instants exactly like Date#toISOString', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_135_596_800_000, max: 253_402_300_799_999 }), (ms) => {
        expect(formatInstant(ms)).toBe(new Date(ms).toISOString());
      }),
      { numRuns: 3000, seed: 2 },
    );
  });
});
