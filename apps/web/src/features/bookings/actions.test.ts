import type { Booking } from '@kalendaryo/contract';
import { describe, expect, it } from 'vitest';
import { aBooking } from '../../test/fixtures';
import { availableActions, confirmationOf } from './actions';

const NOW = Date.parse('2030-03-04T02:00:00Z');
const booking = (patch: Partial<Booking> = {}): Booking =>
  aBooking({ end: '2030-03-04T05:00:00Z', requesterId: 'me', canCancel: true, ...patch });

describe('availableActions', () => {
  it('offers the decision and the cancellation of a pending request as the server allows them', () => {
    const boss = { userId: 'boss', approves: true, now: NOW };
    expect(availableActions(booking({ canApprove: true, canCancel: false }), boss)).toEqual([
      'approve',
      'reject',
    ]);
    expect(availableActions(booking(), { userId: 'me', approves: false, now: NOW })).toEqual(['cancel']);
    const other = { userId: 'other', approves: false, now: NOW };
    expect(availableActions(booking({ canCancel: false }), other)).toEqual([]);
  });

  it('follows the server’s canApprove and canCancel over the viewer’s role', () => {
    const b = booking({ canApprove: false, canCancel: true, requesterId: 'someone' });
    expect(availableActions(b, { userId: 'admin', approves: true, now: NOW })).toEqual(['cancel']);
  });

  it('offers check-out, then check-in, for vehicles and equipment', () => {
    const approved = booking({ status: 'approved' });
    const v = { userId: 'me', approves: false, resourceType: 'vehicle' as const, now: NOW };
    expect(availableActions(approved, v)).toEqual(['check-out', 'cancel']);
    expect(availableActions({ ...approved, checkedOutAt: '2030-03-04T01:05:00Z' }, v)).toEqual(['check-in']);
    expect(availableActions(approved, { ...v, resourceType: 'room' })).toEqual(['cancel']);
  });

  it('lets approvers complete a started booking that is back', () => {
    const back = booking({ status: 'approved', checkedOutAt: 'x', checkedInAt: 'y', canCancel: false });
    expect(
      availableActions(back, { userId: 'boss', approves: true, resourceType: 'vehicle', now: NOW }),
    ).toEqual(['complete']);
  });

  it('offers nothing on decided bookings', () => {
    for (const status of ['rejected', 'cancelled', 'completed'] as const) {
      expect(availableActions(booking({ status }), { userId: 'me', approves: true, now: NOW })).toEqual([]);
    }
  });
});

it('asks a reason to reject and a confirmation to cancel', () => {
  expect(confirmationOf('reject')).toBe('reason');
  expect(confirmationOf('cancel')).toBe('confirm');
  expect(confirmationOf('approve')).toBe('none');
});
