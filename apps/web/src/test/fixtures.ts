/**
 * Things as the API sends them, typed by the contract: a test that builds one the server could not
 * send does not compile. Each factory fills every member; tests override what they are about.
 */
import type {
  Booking,
  Calendar,
  Item,
  Notification,
  Occurrence,
  Preferences,
  Resource,
  Session,
  User,
} from '@kalendaryo/contract';
import { OFFICE_TIME_ZONE } from '@kalendaryo/domain/office/index';

export function aUser(patch: Partial<User> = {}): User {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'norhana.ali@oobc.gov.ph',
    name: 'Norhana Ali',
    role: 'staff',
    active: true,
    timeZone: OFFICE_TIME_ZONE,
    showHolidays: true,
    createdAt: '2030-01-06T00:00:00Z',
    lastSignInAt: null,
    ...patch,
  };
}

export const aSession = (user: User = aUser()): Session => ({ user, csrfToken: 'csrf-token' });

export function aResource(patch: Partial<Resource> = {}): Resource {
  return {
    id: '00000000-0000-4000-8000-0000000000a1',
    name: 'Van 1',
    type: 'vehicle',
    location: 'Cotabato City motor pool',
    capacity: 12,
    description: null,
    status: 'available',
    userId: null,
    rules: { maxDaysAhead: null, maxDurationMinutes: null, approverIds: [], autoApprove: false },
    version: 1,
    createdAt: '2030-01-06T00:00:00Z',
    updatedAt: '2030-01-06T00:00:00Z',
    canManage: false,
    canApprove: false,
    ...patch,
  };
}

export function aBooking(patch: Partial<Booking> = {}): Booking {
  const resource = aResource();
  return {
    id: '00000000-0000-4000-8000-0000000000b1',
    resourceId: resource.id,
    resource: { id: resource.id, name: resource.name, type: resource.type },
    requesterId: aUser().id,
    requester: { id: aUser().id, name: aUser().name },
    itemId: null,
    occurrence: null,
    start: '2030-03-04T01:00:00Z',
    end: '2030-03-04T03:00:00Z',
    purpose: 'Field visit to Barangay Tamontaka',
    notes: null,
    status: 'pending',
    decidedBy: null,
    decidedAt: null,
    decisionReason: null,
    cancelledAt: null,
    completedAt: null,
    checkedOutAt: null,
    checkedInAt: null,
    createdAt: '2030-03-01T00:00:00Z',
    updatedAt: '2030-03-01T00:00:00Z',
    version: 1,
    canApprove: false,
    canCancel: true,
    ...patch,
  };
}

/** The personal calendar of `owner`, which they manage. */
export function aCalendar(owner: User = aUser(), patch: Partial<Calendar> = {}): Calendar {
  return {
    id: '00000000-0000-4000-8000-0000000000c0',
    name: `${owner.name}'s calendar`,
    kind: 'personal',
    ownerId: owner.id,
    color: '#0f766e',
    description: null,
    permission: 'manage',
    readOnly: false,
    version: 1,
    ...patch,
  };
}

/** A weekly meeting on Mondays, 09:00–10:00 in the office zone, from 4 March 2030, that its reader may edit. */
export function anItem(patch: Partial<Item> = {}): Item {
  return {
    id: '00000000-0000-4000-8000-0000000000d1',
    version: 1,
    kind: 'event',
    calendarId: aCalendar().id,
    title: 'Weekly coordination huddle',
    description: 'Updates from each unit.',
    location: 'Conference Room A',
    allDay: false,
    start: '2030-03-04T01:00:00.000Z',
    end: '2030-03-04T02:00:00.000Z',
    dtstart: '2030-03-04T09:00:00',
    dtend: '2030-03-04T10:00:00',
    timeZone: OFFICE_TIME_ZONE,
    rrule: 'FREQ=WEEKLY;BYDAY=MO',
    exdates: [],
    rdates: [],
    status: 'confirmed',
    visibility: 'default',
    organizerId: aUser().id,
    communityId: null,
    color: null,
    uid: '00000000-0000-4000-8000-0000000000d1@kalendaryo',
    sequence: 0,
    splitFromId: null,
    details: { eventType: 'meeting', agenda: null },
    exceptions: [],
    canEdit: true,
    createdAt: '2030-01-06T00:00:00Z',
    updatedAt: '2030-01-06T00:00:00Z',
    ...patch,
  };
}

/** The feed's occurrence of `item` at its first start. */
export function occurrenceOf(item: Item, patch: Partial<Occurrence> = {}): Occurrence {
  return {
    itemId: item.id,
    kind: item.kind,
    title: item.title,
    start: item.start,
    end: item.end,
    allDay: item.allDay,
    recurrenceId: item.rrule ? item.dtstart : null,
    isException: false,
    status: item.status,
    color: item.color ?? '#0f766e',
    calendarId: item.calendarId,
    communityId: item.communityId,
    location: item.location,
    recurring: item.rrule !== null,
    editable: item.canEdit,
    details: item.details,
    ...patch,
  };
}

/** An unread message in the inbox: Van 1 approved, linking to the bookings page. */
export function aNotification(patch: Partial<Notification> = {}): Notification {
  return {
    id: '00000000-0000-4000-8000-0000000000e1',
    type: 'booking.approved',
    title: 'Van 1 approved for Mon 4 Mar, 09:00',
    body: 'Datu Piang approved your request for Van 1.',
    link: `${window.location.origin}/bookings`,
    createdAt: '2030-03-01T01:00:00Z',
    readAt: null,
    itemId: null,
    occurrence: null,
    ...patch,
  };
}

/** The preferences of someone who never changed them (the server's defaults). */
export function somePreferences(patch: Partial<Preferences> = {}): Preferences {
  return {
    channels: {
      'item.invited': ['in_app', 'email'],
      'item.changed': ['in_app', 'email'],
      'item.cancelled': ['in_app', 'email'],
      reminder: ['in_app', 'email'],
      'rsvp.updated': ['in_app', 'email'],
      'booking.requested': ['in_app', 'email'],
      'booking.approved': ['in_app', 'email'],
      'booking.rejected': ['in_app', 'email'],
      'booking.conflict': ['in_app', 'email'],
      'leave.requested': ['in_app', 'email'],
      'leave.decided': ['in_app', 'email'],
      'task.assigned': ['in_app', 'email'],
      digest: ['in_app'],
    },
    defaultReminders: [15],
    quietHours: { enabled: false, start: '22:00', end: '07:00', remindersExempt: true },
    workingHours: { days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00' },
    digest: { enabled: false, time: '07:00' },
    phone: null,
    ...patch,
  };
}
