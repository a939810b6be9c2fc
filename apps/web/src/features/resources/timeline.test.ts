import type { Booking, ResourceAvailability } from '@kalendaryo/contract';
import { describe, expect, it } from 'vitest';
import { aBooking } from '../../test/fixtures';
import {
  bookingEvents,
  bookingLabel,
  busyEvents,
  busyLabel,
  freeEvents,
  paramsFromTimeline,
  stepTimeline,
  timelineFromParams,
  timelineRange,
  timelineTitle,
  timelineWindow,
} from './timeline';

const ZONE = 'Asia/Manila';
const TODAY = '2030-03-06';

const booking = (patch: Partial<Booking> = {}): Booking =>
  aBooking({ id: 'b1', status: 'approved', resourceId: 'r1', end: '2030-03-04T03:30:00Z', ...patch });
const van = {
  id: 'r1',
  name: 'Van 1',
  type: 'vehicle',
  status: 'available',
  capacity: 12,
  location: null,
} as const;

describe('timeline state', () => {
  it('defaults to this week and keeps the URL short', () => {
    const s = timelineFromParams(new URLSearchParams('view=bogus&type=vehicle'), TODAY);
    expect(s).toEqual({ view: 'week', date: TODAY, type: 'vehicle' });
    expect(paramsFromTimeline(s, TODAY).toString()).toBe('type=vehicle');
    expect(paramsFromTimeline({ ...s, view: 'day', date: '2030-03-09' }, TODAY).toString()).toBe(
      'view=day&date=2030-03-09&type=vehicle',
    );
  });

  it('covers Monday to Sunday, a day, or a month, and steps by them', () => {
    expect(timelineRange('week', TODAY)).toEqual({ start: '2030-03-04', end: '2030-03-11' });
    expect(timelineRange('day', TODAY)).toEqual({ start: TODAY, end: '2030-03-07' });
    expect(timelineRange('month', TODAY)).toEqual({ start: '2030-03-01', end: '2030-04-01' });
    expect(stepTimeline('week', TODAY, -1)).toBe('2030-02-27');
    expect(stepTimeline('month', '2030-01-31', 1)).toBe('2030-02-28');
    expect(timelineWindow('day', TODAY, ZONE)).toEqual({
      start: '2030-03-05T16:00:00.000Z',
      end: '2030-03-06T16:00:00.000Z',
    });
    expect(timelineTitle('month', TODAY)).toBe('March 2030');
    expect(timelineTitle('week', TODAY)).toMatch(/March 4\s*–\s*10, 2030/);
  });
});

describe('timeline events', () => {
  it('places bookings on their resource’s row in wall time, coloured by status', () => {
    const [e] = bookingEvents([booking(), booking({ id: 'b2', status: 'rejected' })], ZONE);
    expect(e).toMatchObject({
      id: 'b1',
      resourceIds: ['r1'],
      start: '2030-03-04T09:00:00',
      end: '2030-03-04T11:30:00',
      backgroundColor: '#0f766e',
      classNames: ['bk-status-approved'],
    });
    expect(bookingEvents([booking({ status: 'cancelled' })], ZONE)).toEqual([]);
    expect(bookingEvents([booking({ checkedOutAt: 'x' })], ZONE)[0]?.classNames).toContain('bk-out');
  });

  it('shades free time behind the bookings', () => {
    const events = freeEvents(
      [
        {
          resource: van,
          busy: [],
          free: [{ start: '2030-03-04T00:00:00Z', end: '2030-03-04T01:00:00Z' }],
        },
      ],
      ZONE,
    );
    expect(events).toEqual([
      {
        id: 'free|r1|0',
        resourceIds: ['r1'],
        start: '2030-03-04T08:00:00',
        end: '2030-03-04T09:00:00',
        display: 'background',
        classNames: ['bk-free'],
        extendedProps: { free: true },
      },
    ]);
  });

  it('names a booking with what, when, status, who and which resource', () => {
    expect(bookingLabel(booking({ status: 'pending' }), ZONE, 'Van 1')).toMatch(
      /^Field visit to Barangay Tamontaka, Mon, Mar 4, 2030, 9:00.*11:30.*, Pending approval, requested by Norhana Ali, Van 1$/,
    );
  });

  it('shows time held by bookings you may not see as plain blocks', () => {
    const availability: ResourceAvailability[] = [
      {
        resource: van,
        busy: [
          { bookingId: 'b1', start: '2030-03-04T01:00:00Z', end: '2030-03-04T02:00:00Z', status: 'approved' },
          { bookingId: 'b2', start: '2030-03-04T03:00:00Z', end: '2030-03-04T04:00:00Z', status: 'pending' },
        ],
        free: [],
      },
    ];
    const events = busyEvents(availability, new Set(['b1']), ZONE);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ id: 'busy|r1|b2', title: 'Requested', start: '2030-03-04T11:00:00' });
    expect(
      busyLabel(
        { start: '2030-03-04T03:00:00Z', end: '2030-03-04T04:00:00Z', status: 'pending' },
        ZONE,
        'Van 1',
      ),
    ).toMatch(/^Booked, .*Pending approval, Van 1$/);
  });
});
