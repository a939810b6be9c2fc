import type { Occurrence } from '@kalendaryo/contract';
import { describe, expect, it } from 'vitest';
import { occurrenceWall } from '../../app/time';
import { applyDelta, movedSeries, movedTimes, textColorOn, toCalendarEvents } from './calendar-events';
import { agendaDays } from './print-agenda';

const occ = (patch: Partial<Occurrence>): Occurrence => ({
  itemId: '3d1c660e-2656-4619-8218-a53b44e28577',
  kind: 'event',
  title: 'Weekly staff meeting',
  start: '2026-11-23T01:00:00.000Z',
  end: '2026-11-23T02:00:00.000Z',
  allDay: false,
  recurrenceId: '2026-11-23T09:00:00',
  isException: false,
  status: 'confirmed',
  color: '#0f766e',
  calendarId: null,
  communityId: null,
  location: null,
  recurring: true,
  editable: true,
  ...patch,
});
const ZONE = 'Asia/Manila';
const days = (n: number) => ({ years: 0, months: 0, days: n, seconds: 0 });

describe('occurrences as calendar events', () => {
  it('marks pending leave in its title and look, unlike approved leave', () => {
    const leave = (approvalStatus: string) =>
      occ({ kind: 'leave', title: 'Vacation', recurring: false, details: { approvalStatus } });
    const [pending, approved] = toCalendarEvents([leave('pending'), leave('approved')], ZONE);
    expect(pending).toMatchObject({ title: 'Vacation (pending)' });
    expect(pending!.classNames).toContain('ev-pending');
    expect(approved).toMatchObject({ title: 'Vacation' });
    expect(approved!.classNames).not.toContain('ev-pending');
  });

  it('shows times on the wall clock of the person’s zone', () => {
    expect(occurrenceWall(occ({}), ZONE)).toEqual({
      start: '2026-11-23T09:00:00',
      end: '2026-11-23T10:00:00',
    });
    expect(occurrenceWall(occ({ allDay: true, start: '2026-12-08', end: '2026-12-11' }), ZONE)).toEqual({
      start: '2026-12-08',
      end: '2026-12-11',
    });
  });

  it('makes holidays read-only and gives each occurrence its own id', () => {
    const [series, holiday] = toCalendarEvents(
      [
        occ({}),
        occ({
          itemId: null,
          kind: 'holiday',
          allDay: true,
          start: '2026-11-30',
          end: '2026-12-01',
          editable: false,
        }),
      ],
      ZONE,
    );
    expect(series).toMatchObject({
      id: '3d1c660e-2656-4619-8218-a53b44e28577|2026-11-23T09:00:00',
      editable: true,
    });
    expect(holiday).toMatchObject({ editable: false, allDay: true, start: '2026-11-30' });
  });

  it('picks readable text colours', () => {
    expect(textColorOn('#0f766e')).toBe('#ffffff');
    expect(textColorOn('#fde68a')).toBe('#10201e');
  });
});

describe('rescheduling by drag and resize', () => {
  it('moves a timed occurrence by the drag, as instants', () => {
    expect(movedTimes(occ({}), ZONE, days(1))).toEqual({
      start: '2026-11-24T01:00:00.000Z',
      end: '2026-11-24T02:00:00.000Z',
    });
    expect(movedTimes(occ({}), ZONE, undefined, { years: 0, months: 0, days: 0, seconds: 1800 })).toEqual({
      start: '2026-11-23T01:00:00.000Z',
      end: '2026-11-23T02:30:00.000Z',
    });
  });

  it('moves an all-day occurrence by whole days, end exclusive', () => {
    expect(movedTimes(occ({ allDay: true, start: '2026-12-08', end: '2026-12-11' }), ZONE, days(-2))).toEqual(
      {
        start: '2026-12-06',
        end: '2026-12-09',
      },
    );
  });

  it('moves a whole series from its first start', () => {
    expect(movedSeries('2026-10-26T09:00:00', '2026-10-26T10:00:00', { ...days(2), seconds: 3600 })).toEqual({
      start: '2026-10-28T10:00:00',
      end: '2026-10-28T11:00:00',
    });
    expect(applyDelta('2026-03-28T23:00:00', { ...days(1), seconds: 7200 })).toBe('2026-03-30T01:00:00');
  });
});

describe('the printable agenda', () => {
  it('lists each day with its items, all-day ones first, on every day they cover', () => {
    const list = agendaDays(
      { start: '2026-12-07', end: '2026-12-10' },
      [
        occ({ start: '2026-12-08T01:00:00.000Z', end: '2026-12-08T02:00:00.000Z' }),
        occ({ title: 'MANA', allDay: true, start: '2026-12-08', end: '2026-12-10', recurrenceId: null }),
      ],
      ZONE,
    );
    expect(list.map((d) => [d.date, d.items.map((i) => `${i.time} ${i.o.title}`)])).toEqual([
      ['2026-12-08', ['All day MANA', expect.stringMatching(/^9:00.*10:00.* Weekly staff meeting$/)]],
      ['2026-12-09', ['All day MANA']],
    ]);
  });
});
