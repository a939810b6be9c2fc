import { describe, expect, it } from 'vitest';
import {
  bookingConflictMessage,
  bookingDecidedMessage,
  bookingRequestedMessage,
} from '../bookings/bookings.messages';
import { itipCalendar, itipEventOf } from '../notifications/channels/itip';
import { rsvpUpdatedMessage } from '../participants/participants.messages';
import { icalData, partstatOf } from './items.ical';
import {
  describeChange,
  type ItemState,
  itemCancelledMessage,
  itemChangedMessage,
  itemInvitedMessage,
  leaveDecidedMessage,
  leaveRequestedMessage,
  stateOf,
  taskAssignedMessage,
} from './items.messages';
import type { ItemRow } from './items.repository';
import { spanLabel, wallLabel } from './when';

const ID = '00000000-0000-4000-8000-000000000001';
const meeting: ItemState = {
  itemId: ID,
  kind: 'event',
  title: 'Weekly visit',
  location: 'Room 1',
  start: '2026-12-08T09:00:00',
  end: '2026-12-08T10:00:00',
  allDay: false,
  zone: 'Asia/Manila',
  status: 'confirmed',
  rrule: null,
  occurrence: null,
};

const row = (over: Partial<ItemRow> = {}): ItemRow => ({
  id: ID,
  calendar_id: ID,
  kind: 'event',
  title: 'Weekly visit',
  description: 'Bring the forms',
  location: 'Room 1',
  all_day: false,
  dtstart: '2026-12-08T09:00:00',
  dtend: '2026-12-08T10:00:00',
  time_zone: 'Asia/Manila',
  start_at: new Date('2026-12-08T01:00:00Z'),
  end_at: new Date('2026-12-08T02:00:00Z'),
  rrule: 'FREQ=WEEKLY',
  exdates: ['2026-12-22T09:00:00'],
  rdates: [],
  series_end_at: null,
  status: 'confirmed',
  visibility: 'default',
  organizer_id: null,
  community_id: null,
  color: null,
  uid: 'abc@kalendaryo',
  sequence: 3,
  version: 7,
  split_from_id: null,
  created_at: new Date(),
  updated_at: new Date(),
  details: null,
  calendar_color: '#000000',
  ...over,
});

describe('times in messages', () => {
  it.each([
    ['2026-12-08T09:00:00', '2026-12-08T10:00:00', false, 'Tue 8 Dec, 09:00–10:00'],
    ['2026-12-08T22:00:00', '2026-12-09T01:00:00', false, 'Tue 8 Dec, 22:00 – Wed 9 Dec, 01:00'],
    ['2026-12-08', '2026-12-09', true, 'Tue 8 Dec'],
    ['2026-12-08T00:00:00', '2026-12-11T00:00:00', true, 'Tue 8 Dec – Thu 10 Dec'],
    ['2027-02-28', '2027-03-02', true, 'Sun 28 Feb – Mon 1 Mar'],
  ])('%s → %s reads %s', (start, end, allDay, text) => {
    expect(spanLabel(start, end, allDay)).toBe(text);
  });
  it('names the day and time', () => expect(wallLabel('2026-12-09T10:00:00')).toBe('Wed 9 Dec, 10:00'));
});

describe('item.changed', () => {
  it('says where it moved, in the office zone, and who moved it', () => {
    const m = itemChangedMessage(
      meeting,
      { ...meeting, start: '2026-12-09T10:00:00', end: '2026-12-09T11:00:00' },
      'Omar Reyes',
    )!;
    expect(m.title).toBe('“Weekly visit” moved to Wed 9 Dec, 10:00');
    expect(m.body).toBe(
      'Omar Reyes changed “Weekly visit”. Moved from Tue 8 Dec, 09:00–10:00 to Wed 9 Dec, 10:00–11:00.',
    );
    expect(m.path).toBe(`/calendar?item=${ID}&date=2026-12-09`);
  });

  it('converts items kept in another zone to the office’s time', () => {
    const berlin = {
      ...meeting,
      zone: 'Europe/Berlin',
      start: '2026-12-08T02:00:00',
      end: '2026-12-08T03:00:00',
    };
    expect(itemChangedMessage(berlin, { ...berlin, location: 'Hall' }, 'X')!.data.when).toBe(
      'Tue 8 Dec, 09:00–10:00',
    );
  });

  it('names a new place, a new title and a status back on; nothing for what participants need not know', () => {
    expect(describeChange(meeting, { ...meeting, location: 'Room 2', title: 'Visit' })).toEqual([
      'Now at Room 2 (was Room 1).',
      'Renamed from “Weekly visit”.',
    ]);
    expect(itemChangedMessage(meeting, { ...meeting, location: null }, 'X')!.title).toBe(
      '“Weekly visit” changed',
    );
    expect(itemChangedMessage({ ...meeting, status: 'cancelled' }, meeting, 'X')!.title).toBe(
      '“Weekly visit” is back on',
    );
    expect(itemChangedMessage(meeting, { ...meeting }, 'X')).toBeNull();
  });

  it('names the occurrence that changed and links to it', () => {
    const series = row();
    const before = stateOf(series, [], '2026-12-15T09:00:00');
    const after = stateOf(
      series,
      [
        {
          item_id: ID,
          recurrence_id: '2026-12-15T09:00:00',
          cancelled: false,
          dtstart: '2026-12-16T09:00:00',
          dtend: '2026-12-16T10:00:00',
          title: null,
          description: null,
          location: null,
          status: null,
        },
      ],
      '2026-12-15T09:00:00',
    );
    const m = itemChangedMessage(before, after, 'Omar')!;
    expect(m.title).toBe('“Weekly visit” on Tue 15 Dec, 09:00 moved to Wed 16 Dec, 09:00');
    expect(m.path).toBe(`/calendar?item=${ID}&date=2026-12-16&occurrence=2026-12-15T09%3A00%3A00`);
    expect(stateOf(series, [], '2026-12-22T09:00:00').status).toBe('cancelled');
  });
});

describe('other item messages', () => {
  it('item.cancelled names the item, the occurrence or the rest of the series', () => {
    expect(itemCancelledMessage(meeting, 'Omar')).toMatchObject({
      title: 'Cancelled: “Weekly visit”',
      body: 'Omar cancelled “Weekly visit” on Tue 8 Dec, 09:00–10:00.',
      path: '/calendar?date=2026-12-08',
    });
    const occ = { ...meeting, occurrence: '2026-12-08T09:00:00' };
    expect(itemCancelledMessage(occ, 'Omar', true).title).toBe(
      'Cancelled: “Weekly visit” on Tue 8 Dec, 09:00 and after',
    );
  });

  it('item.invited says who, when and where', () => {
    expect(itemInvitedMessage(meeting, 'Omar', 'Omar')).toMatchObject({
      title: 'Invitation: “Weekly visit”, Tue 8 Dec, 09:00',
      body: 'Omar invited you to “Weekly visit” on Tue 8 Dec, 09:00–10:00 at Room 1. Answer going, maybe or declined.',
    });
  });

  it('rsvp.updated, task.assigned and leave messages', () => {
    expect(rsvpUpdatedMessage(meeting, 'Amina', 'declined').title).toBe('Amina declined “Weekly visit”');
    expect(taskAssignedMessage({ ...meeting, kind: 'task' }, 'Omar', null).title).toBe(
      'Task for you: “Weekly visit”',
    );
    const leave = {
      ...meeting,
      kind: 'leave' as const,
      allDay: true,
      start: '2027-01-04T00:00:00',
      end: '2027-01-06T00:00:00',
    };
    expect(leaveRequestedMessage(leave, 'Amina', 'sick')).toMatchObject({
      title: 'Leave request: Amina, Mon 4 Jan – Tue 5 Jan',
      body: 'Amina asks for sick leave on Mon 4 Jan – Tue 5 Jan.',
      path: '/leave/approvals',
    });
    expect(leaveDecidedMessage(leave, 'rejected', 'Cora', 'Audit week', 'vacation')).toMatchObject({
      title: 'Vacation leave rejected: Mon 4 Jan – Tue 5 Jan',
      body: 'Cora rejected your vacation leave on Mon 4 Jan – Tue 5 Jan. Reason: Audit week',
    });
  });
});

describe('data.ical', () => {
  const organizer = { name: 'Omar', email: 'omar@example.org' };
  it('describes a series with its UID, SEQUENCE, rule and exclusions as instants', () => {
    const r = row();
    expect(
      icalData(r, stateOf(r), {
        method: 'REQUEST',
        organizer,
        attendees: [{ name: 'Amina', email: 'a@example.org', partstat: partstatOf('going') }],
      }),
    ).toEqual({
      uid: 'abc@kalendaryo',
      sequence: 3,
      method: 'REQUEST',
      start: '2026-12-08T01:00:00.000Z',
      end: '2026-12-08T02:00:00.000Z',
      allDay: false,
      timeZone: 'Asia/Manila',
      summary: 'Weekly visit',
      location: 'Room 1',
      description: 'Bring the forms',
      organizer,
      attendees: [{ name: 'Amina', email: 'a@example.org', partstat: 'ACCEPTED' }],
      rrule: 'FREQ=WEEKLY',
      exdates: ['2026-12-22T01:00:00.000Z'],
      rdates: [],
      status: 'CONFIRMED',
    });
  });

  it('cancels one occurrence, or the rest of the series, by RECURRENCE-ID', () => {
    const r = row();
    const one = icalData(r, stateOf(r, [], '2026-12-15T09:00:00'), {
      method: 'CANCEL',
      organizer,
      attendees: [],
      thisAndFuture: true,
    });
    expect(one).toMatchObject({
      recurrenceId: '2026-12-15T01:00:00.000Z',
      range: 'THISANDFUTURE',
      status: 'CANCELLED',
    });
    expect(one.rrule).toBeUndefined();
  });

  it('is what the email channel writes its iTIP part from: UID, SEQUENCE, RECURRENCE-ID, floating items in the office zone', () => {
    const r = row({ time_zone: null });
    const data = icalData(r, stateOf(r, [], '2026-12-15T09:00:00'), {
      method: 'CANCEL',
      organizer,
      attendees: [],
    });
    const event = itipEventOf({ ical: data });
    expect(event).toMatchObject({ uid: 'abc@kalendaryo', sequence: 3, timeZone: 'Asia/Manila' });
    const text = itipCalendar(event!, { name: 'Amina', email: 'a@example.org' });
    expect(text).toContain('METHOD:CANCEL');
    expect(text).toContain('RECURRENCE-ID;TZID=Asia/Manila:20261215T090000');
  });

  it('gives all-day items as dates', () => {
    const r = row({
      all_day: true,
      dtstart: '2027-01-04T00:00:00',
      dtend: '2027-01-06T00:00:00',
      rrule: null,
      exdates: [],
    });
    expect(icalData(r, stateOf(r), { method: 'REQUEST', organizer: null, attendees: [] })).toMatchObject({
      start: '2027-01-04',
      end: '2027-01-06',
      allDay: true,
    });
  });
});

describe('booking messages', () => {
  const b = {
    id: ID,
    resourceName: 'Van 1',
    start: new Date('2026-12-08T01:00:00Z'),
    end: new Date('2026-12-08T03:00:00Z'),
    purpose: 'Site visit',
  };
  it('say the resource, the time in the office zone and the reason', () => {
    expect(bookingRequestedMessage(b, 'Amina')).toMatchObject({
      title: 'Van 1 requested for Tue 8 Dec, 09:00',
      body: 'Amina asks for Van 1 on Tue 8 Dec, 09:00–11:00: Site visit.',
      path: '/bookings/approvals',
    });
    expect(bookingDecidedMessage(b, 'approved', 'Cora', null)).toMatchObject({
      title: 'Van 1 approved for Tue 8 Dec, 09:00',
      path: `/bookings?booking=${ID}`,
    });
    expect(bookingDecidedMessage(b, 'rejected', 'Cora', 'Under repair').body).toBe(
      'Cora rejected your booking of Van 1 on Tue 8 Dec, 09:00–11:00. Reason: Under repair',
    );
  });
  it('a conflict of the horizon job links to a new booking of the first missed occurrence', () => {
    const m = bookingConflictMessage(ID, 'Van 1', { id: ID, title: 'Weekly visit' }, [
      { occurrence: '2026-12-08T09:00:00', start: b.start, end: b.end, why: 'already booked' },
    ]);
    expect(m.title).toBe('Van 1 not booked for Tue 8 Dec, 09:00');
    expect(new URL(m.path, 'http://x').searchParams.get('start')).toBe('2026-12-08T09:00');
  });
});
