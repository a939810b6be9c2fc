import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  daysBetween,
  formatDateTime,
  formatMinutes,
  formatSpan,
  isoInstant,
  isRealDate,
  offsetMinutes,
  shiftWall,
  startOfWeek,
  todayIn,
  wallOf,
  weekdayOf,
} from './time';

describe('wall times in a zone', () => {
  it('reads an instant on the wall clock of the zone, not of the device', () => {
    const instant = Date.UTC(2026, 10, 30, 16, 30); // 00:30 on 1 December in Manila
    expect(wallOf(instant, 'Asia/Manila')).toBe('2026-12-01T00:30:00');
    expect(wallOf(instant, 'UTC')).toBe('2026-11-30T16:30:00');
    expect(todayIn('Asia/Manila', instant)).toBe('2026-12-01');
  });

  it('turns wall times back into instants', () => {
    expect(isoInstant('2026-03-09T09:00:00', 'Asia/Manila')).toBe('2026-03-09T01:00:00.000Z');
    expect(isoInstant('2026-03-09T00:00:00', 'UTC')).toBe('2026-03-09T00:00:00.000Z');
    expect(offsetMinutes(Date.UTC(2026, 0, 1), 'Asia/Manila')).toBe(480);
  });

  it('resolves DST gaps with the offset before the gap and repeated hours to the first (RFC 5545 §3.3.5)', () => {
    // New York springs forward at 02:00 on 8 March 2026: 02:30 does not exist and means 03:30 EDT.
    expect(isoInstant('2026-03-08T02:30:00', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z');
    // It falls back at 02:00 on 1 November 2026: 01:30 happens twice; the first is EDT.
    expect(isoInstant('2026-11-01T01:30:00', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
    // Inputs hold minutes only; the API wants seconds.
    expect(isoInstant('2026-03-09T09:00', 'Asia/Manila')).toBe('2026-03-09T01:00:00.000Z');
  });
});

describe('calendar dates', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-01-15', -1, '2025-12-15'],
  ])('%s + %i month(s) = %s', (date, n, out) => expect(addMonths(date, n)).toBe(out));

  it('adds days across months and years', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftWall('2026-03-08T23:30:00', 0, 3600)).toBe('2026-03-09T00:30:00');
    expect(daysBetween('2026-02-27', '2026-03-02')).toBe(3);
  });

  it('refuses to compute with what is not a date', () => {
    expect(() => addDays('soon', 1)).toThrow(RangeError);
  });

  it('starts weeks on Monday', () => {
    expect(weekdayOf('2026-11-26')).toBe(4);
    expect(startOfWeek('2026-11-26')).toBe('2026-11-23');
    expect(startOfWeek('2026-11-29')).toBe('2026-11-23');
    expect(startOfWeek('2026-11-23')).toBe('2026-11-23');
  });

  it('knows real dates', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2026-02-29')).toBe(false);
    expect(isRealDate('2026-13-01')).toBe(false);
    expect(isRealDate('soon')).toBe(false);
  });
});

describe('times for people to read', () => {
  it('writes an instant in the office zone unless told another, and says what is missing or unreadable', () => {
    const text = formatDateTime('2025-11-26T01:05:00Z');
    expect(text).toMatch(/Nov 26, 2025/);
    expect(text).toMatch(/9:05/);
    expect(formatDateTime('2025-11-26T01:05:00Z', 'UTC')).toMatch(/1:05/);
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime(null, 'UTC', 'Never')).toBe('Never');
    expect(formatDateTime('not a date')).toBe('Unknown');
  });

  it('writes a duration in the largest whole units', () => {
    expect(formatMinutes(150)).toBe('2 hours 30 minutes');
    expect(formatMinutes(45)).toBe('45 minutes');
    expect(formatMinutes(60)).toBe('1 hour');
    expect(formatMinutes(2880)).toBe('2 days');
  });

  it('writes a span in the person’s zone', () => {
    expect(formatSpan('2030-11-27T01:00:00Z', '2030-11-27T03:00:00Z', 'Asia/Manila')).toMatch(
      /Nov 27, 2030.*9:00.*11:00/,
    );
  });
});
