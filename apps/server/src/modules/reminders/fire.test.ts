import type { SeriesException, SeriesTimes } from '@kalendaryo/domain';
import { describe, expect, it } from 'vitest';
import { CATCH_UP_MS, dueReminders, reminderKey, scanWindow, startWindows } from './fire';

const at = (iso: string) => Date.parse(iso);
/** A fire window of one minute starting at `iso`. */
const minute = (iso: string) => ({ fromMs: at(iso), toMs: at(iso) + 60_000 });

/** Weekly on Tuesdays at 09:00 New York time, from 24 Feb 2026: the 3rd occurrence is after DST starts (8 Mar). */
const weeklyNy: SeriesTimes & { status: string } = {
  dtstart: '2026-02-24T09:00:00',
  dtend: '2026-02-24T10:00:00',
  zone: 'America/New_York',
  allDay: false,
  rrule: 'FREQ=WEEKLY;COUNT=6',
  exdates: [],
  rdates: [],
  status: 'confirmed',
};
const ana = { userId: 'ana', zone: 'Asia/Manila', minutes: [15] };
const iso = (ms: number) => new Date(ms).toISOString();
const fired = (r: ReturnType<typeof dueReminders>) =>
  r.map((d) => [d.userId, d.minutes, iso(d.fireAtMs), d.occurrence.recurrenceId]);

const exception = (x: Partial<SeriesException> & { recurrenceId: string }): SeriesException => ({
  cancelled: false,
  dtstart: null,
  dtend: null,
  title: null,
  description: null,
  location: null,
  status: null,
  ...x,
});

describe('when a reminder fires', () => {
  it('fires for the 3rd weekly occurrence at 08:45 New York daylight time, not at the winter offset', () => {
    // 10 Mar 2026 09:00 EDT = 13:00Z; 15 minutes before = 12:45Z.
    expect(fired(dueReminders(weeklyNy, [], [ana], minute('2026-03-10T12:45:00Z')))).toEqual([
      ['ana', 15, '2026-03-10T12:45:00.000Z', '2026-03-10T09:00:00'],
    ]);
    // Where a fixed winter offset would put it, nothing fires.
    expect(dueReminders(weeklyNy, [], [ana], minute('2026-03-10T13:45:00Z'))).toEqual([]);
    // The 2nd, before the change, at 13:45Z.
    expect(fired(dueReminders(weeklyNy, [], [ana], minute('2026-03-03T13:45:00Z')))).toEqual([
      ['ana', 15, '2026-03-03T13:45:00.000Z', '2026-03-03T09:00:00'],
    ]);
  });

  it('keeps the wall time across Berlin’s change to summer time (29 Mar 2026)', () => {
    const berlin = {
      ...weeklyNy,
      dtstart: '2026-03-16T10:00:00',
      dtend: '2026-03-16T11:00:00',
      zone: 'Europe/Berlin',
    };
    const day = { fromMs: at('2026-03-30T00:00:00Z'), toMs: at('2026-03-31T00:00:00Z') };
    // 30 Mar 10:00 CEST = 08:00Z; a day (1440) and an hour (60) before.
    const person = { ...ana, minutes: [60, 1440] };
    expect(fired(dueReminders(berlin, [], [person], day))).toEqual([
      ['ana', 60, '2026-03-30T07:00:00.000Z', '2026-03-30T10:00:00'],
    ]);
    const before = { fromMs: at('2026-03-29T00:00:00Z'), toMs: at('2026-03-30T00:00:00Z') };
    expect(fired(dueReminders(berlin, [], [person], before))).toEqual([
      ['ana', 1440, '2026-03-29T08:00:00.000Z', '2026-03-30T10:00:00'],
    ]);
  });

  it('follows an occurrence moved by a "this" exception and ignores cancelled ones', () => {
    const moved = exception({
      recurrenceId: '2026-03-10T09:00:00',
      dtstart: '2026-03-10T14:00:00',
      dtend: '2026-03-10T15:00:00',
    });
    expect(dueReminders(weeklyNy, [moved], [ana], minute('2026-03-10T12:45:00Z'))).toEqual([]);
    expect(fired(dueReminders(weeklyNy, [moved], [ana], minute('2026-03-10T17:45:00Z')))).toEqual([
      ['ana', 15, '2026-03-10T17:45:00.000Z', '2026-03-10T09:00:00'],
    ]);
    const cancelled = exception({ recurrenceId: '2026-03-10T09:00:00', cancelled: true });
    const statusCancelled = exception({ recurrenceId: '2026-03-10T09:00:00', status: 'cancelled' });
    for (const x of [cancelled, statusCancelled])
      expect(dueReminders(weeklyNy, [x], [ana], minute('2026-03-10T12:45:00Z'))).toEqual([]);
    expect(
      dueReminders({ ...weeklyNy, status: 'cancelled' }, [], [ana], minute('2026-03-10T12:45:00Z')),
    ).toEqual([]);
  });

  it('leaves out occurrences the person declined, and only theirs', () => {
    const ben = {
      userId: 'ben',
      zone: 'UTC',
      minutes: [15],
      declined: (rid: string) => rid === '2026-03-10T09:00:00',
    };
    expect(fired(dueReminders(weeklyNy, [], [ana, ben], minute('2026-03-10T12:45:00Z')))).toEqual([
      ['ana', 15, '2026-03-10T12:45:00.000Z', '2026-03-10T09:00:00'],
    ]);
  });

  it('counts all-day items from the start of the day in each person’s own zone', () => {
    const allDay = {
      ...weeklyNy,
      dtstart: '2026-05-04T00:00:00',
      dtend: '2026-05-05T00:00:00',
      zone: 'Asia/Manila',
      allDay: true,
      rrule: null,
    };
    const nyc = { userId: 'nyc', zone: 'America/New_York', minutes: [60] };
    const day = { fromMs: at('2026-05-03T00:00:00Z'), toMs: at('2026-05-05T00:00:00Z') };
    // Manila midnight 4 May = 3 May 16:00Z; New York midnight 4 May = 04:00Z. An hour before each.
    expect(
      fired(
        dueReminders(
          allDay,
          [],
          [ana, nyc].map((p) => ({ ...p, minutes: [60] })),
          day,
        ),
      ),
    ).toEqual([
      ['ana', 60, '2026-05-03T15:00:00.000Z', '2026-05-04T00:00:00'],
      ['nyc', 60, '2026-05-04T03:00:00.000Z', '2026-05-04T00:00:00'],
    ]);
  });

  it('reads a floating item in each person’s zone', () => {
    const floating = {
      ...weeklyNy,
      zone: null,
      rrule: null,
      dtstart: '2026-06-01T09:00:00',
      dtend: '2026-06-01T10:00:00',
    };
    const utc = { userId: 'utc', zone: 'UTC', minutes: [0] };
    const day = { fromMs: at('2026-05-31T00:00:00Z'), toMs: at('2026-06-02T00:00:00Z') };
    expect(fired(dueReminders(floating, [], [{ ...ana, minutes: [0] }, utc], day))).toEqual([
      ['ana', 0, '2026-06-01T01:00:00.000Z', '2026-06-01T09:00:00'],
      ['utc', 0, '2026-06-01T09:00:00.000Z', '2026-06-01T09:00:00'],
    ]);
  });

  it('fires each minutes value once, with a key naming it and its instant', () => {
    const both = { ...ana, minutes: [15, 15, 60] };
    const r = dueReminders(weeklyNy, [], [both], {
      fromMs: at('2026-03-10T12:00:00Z'),
      toMs: at('2026-03-10T13:00:00Z'),
    });
    expect(r.map((d) => reminderKey(d.minutes, d.fireAtMs))).toEqual([
      '60:2026-03-10T12:00:00.000Z',
      '15:2026-03-10T12:45:00.000Z',
    ]);
  });
});

describe('the window one run covers', () => {
  const now = at('2026-03-10T12:00:00Z');
  it('goes on from where the last run stopped to a little after now', () => {
    expect(scanWindow(now - 30_000, now)).toEqual({ fromMs: now - 30_000, toMs: now + 120_000 });
    expect(scanWindow(now + 120_000, now)).toBeNull();
  });
  it('after downtime, catches up an hour and no more', () => {
    expect(scanWindow(now - 5 * 3_600_000, now)?.fromMs).toBe(now - CATCH_UP_MS);
    expect(scanWindow(now - 10 * 60_000, now)?.fromMs).toBe(now - 10 * 60_000);
  });
  it('looks for starts once per minutes value, merging windows that meet', () => {
    const fire = { fromMs: 0, toMs: 60_000 };
    expect(startWindows(fire, [15, 0, 15, 1])).toEqual([
      { fromMs: 0, toMs: 120_000 },
      { fromMs: 900_000, toMs: 960_000 },
    ]);
  });
});
