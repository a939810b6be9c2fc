import { describe, expect, it } from 'vitest';
import { addMonths, formatYearMonth, formatYearMonthParam, monthAt, parseYearMonth } from './month';

describe('parseYearMonth', () => {
  it.each([
    ['2025-11', { year: 2025, month: 11 }],
    ['2024-02', { year: 2024, month: 2 }],
    ['2025-13', null],
    ['2025-00', null],
    ['2025-1', null],
    ['nope', null],
    [null, null],
  ])('%s', (input, out) => expect(parseYearMonth(input)).toEqual(out));

  it('round-trips with the URL form', () => {
    expect(formatYearMonthParam({ year: 2025, month: 3 })).toBe('2025-03');
  });
});

describe('monthAt', () => {
  it('uses the office wall clock, not UTC', () => {
    // 16:30 UTC on 31 Oct is 00:30 on 1 Nov in Manila (UTC+8).
    const instant = new Date(Date.UTC(2025, 9, 31, 16, 30));
    expect(monthAt(instant)).toEqual({ year: 2025, month: 11 });
    expect(monthAt(instant, 'UTC')).toEqual({ year: 2025, month: 10 });
  });
});

describe('addMonths', () => {
  it.each([
    [{ year: 2025, month: 12 }, 1, { year: 2026, month: 1 }],
    [{ year: 2025, month: 1 }, -1, { year: 2024, month: 12 }],
    [{ year: 2025, month: 6 }, 18, { year: 2026, month: 12 }],
    [{ year: 2025, month: 6 }, -30, { year: 2022, month: 12 }],
  ])('%o + %i', (ym, n, out) => expect(addMonths(ym, n)).toEqual(out));
});

describe('formatYearMonth', () => {
  it('names the month in words', () => {
    expect(formatYearMonth({ year: 2025, month: 11 })).toBe('November 2025');
    expect(formatYearMonth({ year: 2026, month: 1 })).toBe('January 2026');
  });
});
