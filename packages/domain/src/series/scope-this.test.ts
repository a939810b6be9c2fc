import { describe, expect, it } from 'vitest';
import { cancelOccurrence, editOccurrence, type OccurrenceChange } from './scope-this';
import { exception, frozen, series } from './testing';
import type { SeriesException } from './types';

const manila = series({
  dtstart: '2026-03-02T09:00:00',
  dtend: '2026-03-02T10:00:00',
  zone: 'Asia/Manila',
  rrule: 'FREQ=WEEKLY;BYDAY=MO,WE',
});
// 01:30–03:30 on the wall: two hours, which on 10 March run into the spring gap.
const newYork = series({
  dtstart: '2024-03-09T01:30:00',
  dtend: '2024-03-09T03:30:00',
  zone: 'America/New_York',
  rrule: 'FREQ=DAILY;COUNT=3',
});
const allDay = series({
  dtstart: '2026-06-12T00:00:00',
  dtend: '2026-06-14T00:00:00',
  zone: 'Asia/Manila',
  allDay: true,
  rrule: 'FREQ=WEEKLY',
});
const floating = series({
  dtstart: '2026-01-01T08:00:00',
  dtend: '2026-01-01T08:30:00',
  zone: null,
  rrule: 'FREQ=DAILY',
});
const moved = exception('2026-03-04T09:00:00', {
  dtstart: '2026-03-05T14:00:00',
  dtend: '2026-03-05T15:00:00',
  title: 'Moved meeting',
  description: 'Bring the minutes',
});

describe('editOccurrence (this)', () => {
  it.each<{
    name: string;
    s: typeof manila;
    existing: SeriesException[];
    id: string;
    change: OccurrenceChange;
    expected: Partial<SeriesException>;
  }>([
    {
      name: 'a new title only: the times stay the series’ (not stored)',
      s: manila,
      existing: [],
      id: '2026-03-04T09:00:00',
      change: { title: 'Budget review' },
      expected: { dtstart: null, dtend: null, title: 'Budget review' },
    },
    {
      name: 'a new start without an end keeps the length',
      s: manila,
      existing: [],
      id: '2026-03-04T09:00:00',
      change: { start: '2026-03-05T14:00:00' },
      expected: { dtstart: '2026-03-05T14:00:00', dtend: '2026-03-05T15:00:00' },
    },
    {
      name: 'a start and end as given',
      s: manila,
      existing: [],
      id: '2026-03-04T09:00:00',
      change: { start: '2026-03-04T08:00:00', end: '2026-03-04T11:00:00' },
      expected: { dtstart: '2026-03-04T08:00:00', dtend: '2026-03-04T11:00:00' },
    },
    {
      name: 'the same start as the series is no move',
      s: manila,
      existing: [],
      id: '2026-03-04T09:00:00',
      change: { start: '2026-03-04T09:00:00', status: 'tentative' },
      expected: { dtstart: null, dtend: null, status: 'tentative' },
    },
    {
      name: 'merged with an earlier change: it stays moved and keeps its title',
      s: manila,
      existing: [moved],
      id: '2026-03-04T09:00:00',
      change: { location: 'Room B', description: null },
      expected: {
        dtstart: '2026-03-05T14:00:00',
        dtend: '2026-03-05T15:00:00',
        title: 'Moved meeting',
        description: null,
        location: 'Room B',
      },
    },
    {
      name: 'moving a moved occurrence again keeps its own length',
      s: manila,
      existing: [
        exception('2026-03-04T09:00:00', { dtstart: '2026-03-05T14:00:00', dtend: '2026-03-05T16:00:00' }),
      ],
      id: '2026-03-04T09:00:00',
      change: { start: '2026-03-06T10:00:00' },
      expected: { dtstart: '2026-03-06T10:00:00', dtend: '2026-03-06T12:00:00' },
    },
    {
      name: 'New York, 10 March: the series’ end is two hours of elapsed time later, 04:30 EDT',
      s: newYork,
      existing: [],
      id: '2024-03-10T01:30:00',
      change: { start: '2024-03-10T01:00:00' },
      // The wall end moves with the start by the same 30 minutes.
      expected: { dtstart: '2024-03-10T01:00:00', dtend: '2024-03-10T04:00:00' },
    },
    {
      name: 'New York, 10 March: a title only is no move, despite the gap',
      s: newYork,
      existing: [],
      id: '2024-03-10T01:30:00',
      change: { title: 'Night shift' },
      expected: { dtstart: null, dtend: null, title: 'Night shift' },
    },
    {
      name: 'all-day: an end equal to the start means one day',
      s: allDay,
      existing: [],
      id: '2026-06-19T00:00:00',
      change: { start: '2026-06-20T00:00:00', end: '2026-06-20T00:00:00' },
      expected: { dtstart: '2026-06-20T00:00:00', dtend: '2026-06-21T00:00:00' },
    },
    {
      name: 'all-day: a new start keeps the two days',
      s: allDay,
      existing: [],
      id: '2026-06-19T00:00:00',
      change: { start: '2026-06-22T00:00:00' },
      expected: { dtstart: '2026-06-22T00:00:00', dtend: '2026-06-24T00:00:00' },
    },
    {
      name: 'floating: wall-time arithmetic',
      s: floating,
      existing: [],
      id: '2026-01-03T08:00:00',
      change: { start: '2026-01-03T23:45:00' },
      expected: { dtstart: '2026-01-03T23:45:00', dtend: '2026-01-04T00:15:00' },
    },
    {
      name: 'a cancelled occurrence edited again is restored',
      s: manila,
      existing: [exception('2026-03-04T09:00:00', { cancelled: true })],
      id: '2026-03-04T09:00:00',
      change: { title: 'Back on' },
      expected: { cancelled: false, title: 'Back on' },
    },
  ])('$name', ({ s, existing, id, change, expected }) => {
    const result = editOccurrence(s, frozen(existing), id, frozen(change));
    expect(result.exception).toEqual({ ...exception(id), ...expected });
    expect(result.exceptions).toEqual([result.exception]);
  });

  it('refuses an end before the start with item.invalid_time on `end`', () => {
    expect(() =>
      editOccurrence(manila, [], '2026-03-04T09:00:00', {
        start: '2026-03-04T09:00:00',
        end: '2026-03-04T08:59:00',
      }),
    ).toThrowError(
      expect.objectContaining({
        code: 'item.invalid_time',
        fields: [{ field: 'end', message: 'is before the start' }],
      }),
    );
  });

  it('stores the exception in RECURRENCE-ID order beside the others', () => {
    const first = exception('2026-03-02T09:00:00', { title: 'First' });
    const third = exception('2026-03-09T09:00:00', { cancelled: true });
    const { exceptions } = editOccurrence(manila, frozen([first, third]), '2026-03-04T09:00:00', {
      title: 'Second',
    });
    expect(exceptions.map((x) => [x.recurrenceId, x.title, x.cancelled])).toEqual([
      ['2026-03-02T09:00:00', 'First', false],
      ['2026-03-04T09:00:00', 'Second', false],
      ['2026-03-09T09:00:00', null, true],
    ]);
  });
});

describe('cancelOccurrence (this, deleted)', () => {
  it('replaces any change of the occurrence with a cancellation and leaves the others', () => {
    const other = exception('2026-03-09T09:00:00', { title: 'Other' });
    const { exception: cancelled, exceptions } = cancelOccurrence(
      frozen([moved, other]),
      '2026-03-04T09:00:00',
    );
    expect(cancelled).toEqual(exception('2026-03-04T09:00:00', { cancelled: true }));
    expect(exceptions).toEqual([cancelled, other]);
  });

  it('cancels an occurrence that had no exception', () => {
    const { exceptions } = cancelOccurrence([], '2026-06-19T00:00:00');
    expect(exceptions).toEqual([exception('2026-06-19T00:00:00', { cancelled: true })]);
  });
});
