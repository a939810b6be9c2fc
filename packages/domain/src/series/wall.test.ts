import { describe, expect, it } from 'vitest';
import { addLocalDays, epochMsToLocal, localToEpochMs, shiftLocalTime, wallSecondsBetween } from './wall';

describe('local wall times of a series', () => {
  it.each([
    ['2024-03-10T01:30:00', 'America/New_York', '2024-03-10T06:30:00.000Z', 'before the spring gap (EST)'],
    ['2024-03-10T02:30:00', 'America/New_York', '2024-03-10T07:30:00.000Z', 'in the gap: offset before it'],
    ['2024-11-03T01:30:00', 'America/New_York', '2024-11-03T05:30:00.000Z', 'repeated hour: the first'],
    ['2026-03-02T09:00:00', 'Asia/Manila', '2026-03-02T01:00:00.000Z', 'Manila, no DST'],
    ['2026-03-02', 'Asia/Manila', '2026-03-01T16:00:00.000Z', 'a date is its local midnight'],
    ['2026-03-02T09:00', 'Asia/Manila', '2026-03-02T01:00:00.000Z', 'minutes only'],
    ['2026-03-02T09:00:00', null, '2026-03-02T09:00:00.000Z', 'floating: the wall time read as UTC'],
  ] as [string, string | null, string, string][])('%s in %s is %s (%s)', (local, zone, instant) => {
    expect(new Date(localToEpochMs(local, zone)).toISOString()).toBe(instant);
  });

  it.each([
    ['2024-11-03T05:30:00Z', 'America/New_York', '2024-11-03T01:30:00'],
    ['2024-11-03T06:30:00Z', 'America/New_York', '2024-11-03T01:30:00'],
    ['2024-03-10T07:30:00Z', 'America/New_York', '2024-03-10T03:30:00'],
    ['2026-03-02T01:00:00Z', 'Asia/Manila', '2026-03-02T09:00:00'],
    ['2026-03-02T01:00:00Z', null, '2026-03-02T01:00:00'],
  ])('%s in %s reads %s', (instant, zone, local) => {
    expect(epochMsToLocal(Date.parse(instant), zone)).toBe(local);
  });

  it('adds calendar days and wall seconds, not elapsed time, across DST', () => {
    // 2024-03-10 in New York has 23 hours; on the wall it is still one day.
    expect(addLocalDays('2024-03-09T09:00:00', 1)).toBe('2024-03-10T09:00:00');
    expect(addLocalDays('2024-02-28T00:00:00', 2)).toBe('2024-03-01T00:00:00');
    expect(addLocalDays('2026-01-01', -1)).toBe('2025-12-31T00:00:00');
    expect(wallSecondsBetween('2024-03-09T09:00:00', '2024-03-10T09:00:00')).toBe(86_400);
    expect(wallSecondsBetween('2026-03-02T10:00:00', '2026-03-02T09:00:00')).toBe(-3600);
    expect(shiftLocalTime('2024-03-10T01:30:00', 3600)).toBe('2024-03-10T02:30:00');
    expect(shiftLocalTime('2026-01-01T00:00:00', -1)).toBe('2025-12-31T23:59:59');
  });

  it('refuses a wall time that does not exist on any calendar with time.invalid_local_time', () => {
    expect(() => localToEpochMs('2026-02-30T09:00:00', 'Asia/Manila')).toThrowError(
      expect.objectContaining({ code: 'time.invalid_local_time' }),
    );
    expect(() => addLocalDays('tomorrow', 1)).toThrowError(
      expect.objectContaining({ code: 'time.invalid_local_time' }),
    );
  });
});
