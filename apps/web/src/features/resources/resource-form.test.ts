import type { Resource } from '@kalendaryo/contract';
import { describe, expect, it } from 'vitest';
import {
  bodyFromValues,
  describeRules,
  emptyResourceValues,
  filtersFromSearch,
  searchFromFilters,
  validateResource,
  valuesFromResource,
} from './resource-form';

const van: Resource = {
  id: 'r1',
  name: 'Toyota Hiace (SAB 1234)',
  type: 'vehicle',
  status: 'available',
  location: 'Cotabato City motor pool',
  capacity: 12,
  description: null,
  userId: null,
  rules: { maxDaysAhead: 60, maxDurationMinutes: 600, approverIds: ['u1'], autoApprove: false },
  version: 3,
  createdAt: '2030-01-06T00:00:00Z',
  updatedAt: '2030-01-06T00:00:00Z',
  canManage: true,
  canApprove: true,
};

describe('resource form values', () => {
  it('round-trips a resource through the form (hours in the form, minutes in the API)', () => {
    const v = valuesFromResource(van);
    expect(v.maxDurationHours).toBe('10');
    expect(v.capacity).toBe('12');
    expect(bodyFromValues(v)).toEqual({
      name: van.name,
      type: 'vehicle',
      status: 'available',
      location: 'Cotabato City motor pool',
      capacity: 12,
      description: null,
      userId: null,
      rules: { maxDaysAhead: 60, maxDurationMinutes: 600, approverIds: ['u1'], autoApprove: false },
    });
  });

  it('sends empty limits as null ("no limit") and 1.5 hours as 90 minutes', () => {
    const body = bodyFromValues({
      ...emptyResourceValues('room'),
      name: ' Conference Room A ',
      maxDurationHours: '1.5',
    });
    expect(body.name).toBe('Conference Room A');
    expect(body.rules).toEqual({
      maxDaysAhead: null,
      maxDurationMinutes: 90,
      approverIds: [],
      autoApprove: false,
    });
  });

  it('validates what the server would refuse', () => {
    expect(validateResource({ ...emptyResourceValues(), name: 'Van' })).toEqual({});
    expect(
      validateResource({
        ...emptyResourceValues('facilitator'),
        name: '',
        capacity: 'ten',
        maxDaysAhead: '-1',
        maxDurationHours: '0',
      }),
    ).toEqual({
      name: 'Enter a name',
      capacity: 'Enter a whole number of people or seats, or leave it empty',
      userId: 'Choose the person this facilitator is',
      maxDaysAhead:
        'Enter a whole number of days from 0 (same day only) to 3650, or leave it empty for no limit',
      maxDurationHours: 'Enter at least 0.25 hours, or leave it empty for no limit',
    });
  });
});

describe('filters in the URL', () => {
  it('reads known values and drops the rest', () => {
    expect(filtersFromSearch(new URLSearchParams('type=vehicle&status=bogus&q=%20van%20'))).toEqual({
      q: 'van',
      type: 'vehicle',
      status: '',
    });
    expect(searchFromFilters({ q: '', type: '', status: 'maintenance' }).toString()).toBe(
      'status=maintenance',
    );
  });
});

describe('describing rules', () => {
  it('says limits and approval in one sentence', () => {
    expect(describeRules(van)).toBe(
      'Book up to 60 days ahead, at most 10 hours per booking, needs approval.',
    );
    expect(
      describeRules({
        rules: { autoApprove: true, maxDaysAhead: 0, maxDurationMinutes: null, approverIds: [] },
      }),
    ).toBe('Book on the day only, approved automatically.');
  });
});
