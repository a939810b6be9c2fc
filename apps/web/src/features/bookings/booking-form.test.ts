import { describe, expect, it } from 'vitest';
import { ApiError } from '../../app/api';
import type { ApiErrorCode } from '../../app/problem';
import {
  bodyFromValues,
  bookingPathFor,
  nextWholeHour,
  overlapping,
  readRefusal,
  validateBooking,
  valuesFromSearch,
  windowOf,
} from './booking-form';

const ZONE = 'Asia/Manila';
// Tuesday 26 November 2030, 10:20 in Manila.
const NOW = Date.parse('2030-11-26T02:20:00Z');
const van = {
  name: 'Van 1',
  status: 'available' as const,
  rules: { maxDurationMinutes: 480, maxDaysAhead: 30, approverIds: [], autoApprove: false },
};

const values = (patch: Record<string, string> = {}) => ({
  resourceId: 'r1',
  start: '2030-11-27T09:00',
  end: '2030-11-27T11:00',
  purpose: 'Field visit to Barangay Tamontaka',
  notes: '',
  itemRef: '',
  ...patch,
});

describe('valuesFromSearch', () => {
  it('takes the slot selected on the timeline', () => {
    const v = valuesFromSearch(
      new URLSearchParams('resourceId=r1&start=2030-11-27T09:00:00&end=2030-11-27T12:30:00'),
      ZONE,
      NOW,
    );
    expect(v).toMatchObject({
      resourceId: 'r1',
      start: '2030-11-27T09:00',
      end: '2030-11-27T12:30',
      itemRef: '',
    });
  });

  it('defaults to the next whole hour for one hour, and keeps a linked occurrence', () => {
    const v = valuesFromSearch(new URLSearchParams('itemId=i1&occurrence=2030-11-27T09:00:00'), ZONE, NOW);
    expect(v.start).toBe('2030-11-26T11:00');
    expect(v.end).toBe('2030-11-26T12:00');
    expect(v.itemRef).toBe('i1|2030-11-27T09:00:00');
    expect(nextWholeHour(Date.parse('2030-11-26T15:30:00Z'), ZONE)).toBe('2030-11-27T00:00');
  });

  it('replaces an end before the start', () => {
    const v = valuesFromSearch(new URLSearchParams('start=2030-11-27T09:00&end=2030-11-27T08:00'), ZONE, NOW);
    expect(v.end).toBe('2030-11-27T10:00');
  });
});

describe('validateBooking', () => {
  it('accepts a complete request', () => {
    expect(validateBooking(values(), ZONE, NOW, van)).toEqual({});
  });

  it('names each missing or backwards field', () => {
    expect(
      validateBooking(values({ resourceId: '', purpose: ' ', end: '2030-11-27T08:00' }), ZONE, NOW),
    ).toEqual({
      resourceId: 'Choose a resource',
      end: 'The end must be after the start',
      purpose: 'Say what the booking is for',
    });
  });

  it('applies the resource rules: duration, days ahead, status', () => {
    expect(validateBooking(values({ end: '2030-11-27T18:00' }), ZONE, NOW, van).end).toBe(
      'Van 1 can be booked for at most 8 hours',
    );
    expect(
      validateBooking(values({ start: '2031-02-01T09:00', end: '2031-02-01T10:00' }), ZONE, NOW, van).start,
    ).toBe('Van 1 can be booked at most 30 days ahead');
    expect(validateBooking(values(), ZONE, NOW, { ...van, status: 'maintenance' }).resourceId).toBe(
      'Van 1 is under maintenance and cannot be booked',
    );
  });

  it('refuses a booking that is already over', () => {
    expect(
      validateBooking(values({ start: '2030-11-25T09:00', end: '2030-11-25T10:00' }), ZONE, NOW).end,
    ).toMatch(/over already/);
  });
});

describe('bodyFromValues and windowOf', () => {
  it('sends ISO instants of the wall times in the person’s zone, and the linked occurrence', () => {
    expect(
      bodyFromValues(values({ notes: ' bring the PA system ', itemRef: 'i1|2030-11-27T09:00:00' }), ZONE),
    ).toEqual({
      resourceId: 'r1',
      start: '2030-11-27T01:00:00.000Z',
      end: '2030-11-27T03:00:00.000Z',
      purpose: 'Field visit to Barangay Tamontaka',
      notes: 'bring the PA system',
      itemId: 'i1',
      occurrence: '2030-11-27T09:00:00',
    });
    expect(bodyFromValues(values({ itemRef: 'i2|' }), ZONE)).toMatchObject({ itemId: 'i2' });
    expect(bodyFromValues(values({ itemRef: 'i2|' }), ZONE)).not.toHaveProperty('occurrence');
  });

  it('has no window while the times are backwards', () => {
    expect(windowOf(values({ end: '2030-11-27T09:00' }), ZONE)).toBeNull();
    expect(windowOf(values(), ZONE)).toEqual({
      start: '2030-11-27T01:00:00.000Z',
      end: '2030-11-27T03:00:00.000Z',
    });
  });
});

describe('overlapping', () => {
  const busy = [
    { start: '2030-11-27T00:00:00Z', end: '2030-11-27T01:00:00Z' },
    { start: '2030-11-27T02:00:00Z', end: '2030-11-27T04:00:00Z' },
    { start: '2030-11-27T03:00:00Z', end: '2030-11-27T05:00:00Z' },
  ];
  it('treats ends as exclusive: back-to-back bookings do not overlap', () => {
    expect(overlapping(busy, { start: '2030-11-27T01:00:00Z', end: '2030-11-27T03:00:00Z' })).toEqual([
      busy[1],
    ]);
  });
});

describe('readRefusal', () => {
  const problem = (code: ApiErrorCode, status: number, extra: Record<string, unknown> = {}) =>
    new ApiError({ type: 'about:blank', title: 'Refused', status, code, errors: [], ...extra });

  it('lists the conflicts of a booking.conflict', () => {
    const r = readRefusal(
      problem('booking.conflict', 409, {
        extensions: {
          conflicts: [
            {
              id: 'b9',
              start: '2030-11-27T01:00:00Z',
              end: '2030-11-27T02:00:00Z',
              status: 'approved',
              requester: { id: 'u2', name: 'Amina' },
            },
          ],
        },
      }),
    );
    expect(r).toMatchObject({
      kind: 'conflict',
      conflicts: [{ id: 'b9', status: 'approved', requester: { name: 'Amina' } }],
    });
  });

  it('puts rule problems beside the field they concern, with the server’s detail', () => {
    expect(readRefusal(problem('booking.too_long', 422, { detail: 'At most 8 hours.' }))).toEqual({
      kind: 'rule',
      field: 'end',
      message: 'At most 8 hours.',
    });
    expect(readRefusal(problem('booking.too_far_ahead', 422))).toMatchObject({ field: 'start' });
    expect(readRefusal(problem('booking.resource_unavailable', 422))).toMatchObject({ field: 'resourceId' });
    expect(readRefusal(problem('booking.invalid_time', 422))).toMatchObject({ field: 'end' });
    expect(readRefusal(problem('auth.forbidden', 403))).toMatchObject({ kind: 'other' });
  });
});

describe('bookingPathFor', () => {
  it('books a resource for one occurrence of a calendar item', () => {
    const path = bookingPathFor(
      {
        itemId: 'i1',
        title: 'MANA assessment',
        recurrenceId: '2030-11-27T09:00:00',
        recurring: true,
        allDay: false,
      },
      { start: '2030-11-27T09:00:00', end: '2030-11-27T12:00:00' },
      '/calendar?view=week',
    );
    const q = new URLSearchParams(path.split('?')[1]);
    expect(Object.fromEntries(q)).toEqual({
      itemId: 'i1',
      occurrence: '2030-11-27T09:00:00',
      start: '2030-11-27T09:00',
      end: '2030-11-27T12:00',
      purpose: 'MANA assessment',
      back: '/calendar?view=week',
    });
    expect(valuesFromSearch(q, ZONE, NOW)).toMatchObject({
      itemRef: 'i1|2030-11-27T09:00:00',
      purpose: 'MANA assessment',
    });
  });

  it('takes office hours for all-day items (end date exclusive)', () => {
    const q = new URLSearchParams(
      bookingPathFor(
        { itemId: 'i2', title: 'Kanduli', recurrenceId: null, recurring: false, allDay: true },
        { start: '2030-11-27', end: '2030-11-29' },
        '/calendar',
      ).split('?')[1],
    );
    expect([q.get('start'), q.get('end'), q.get('occurrence')]).toEqual([
      '2030-11-27T08:00',
      '2030-11-28T17:00',
      null,
    ]);
  });
});
