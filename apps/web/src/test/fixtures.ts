/**
 * Things as the API sends them, typed by the contract: a test that builds one the server could not
 * send does not compile. Each factory fills every member; tests override what they are about.
 */
import type { Booking, Resource, Session, User } from '@kalendaryo/contract';

export const OFFICE = 'Asia/Manila';

export function aUser(patch: Partial<User> = {}): User {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    email: 'norhana.ali@oobc.gov.ph',
    name: 'Norhana Ali',
    role: 'staff',
    active: true,
    timeZone: OFFICE,
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
