import { describe, expect, it } from 'vitest';
import {
  readAvailability,
  readBulkResults,
  readConflicts,
  readSeriesReport,
  readUtilisation,
} from './normalise';

describe('readAvailability', () => {
  it('reads busy intervals and free slots per resource', () => {
    const raw = {
      items: [
        {
          resourceId: 'r1',
          name: 'Van 1',
          busy: [
            {
              start: '2030-01-01T01:00:00Z',
              end: '2030-01-01T02:00:00Z',
              bookingId: 'b1',
              status: 'pending',
            },
          ],
          free: [{ start: '2030-01-01T02:00:00Z', end: '2030-01-01T09:00:00Z' }],
        },
        { nothing: true },
      ],
    };
    expect(readAvailability(raw)).toEqual([
      {
        resourceId: 'r1',
        name: 'Van 1',
        busy: [
          { start: '2030-01-01T01:00:00Z', end: '2030-01-01T02:00:00Z', bookingId: 'b1', status: 'pending' },
        ],
        free: [{ start: '2030-01-01T02:00:00Z', end: '2030-01-01T09:00:00Z' }],
      },
    ]);
  });

  it('accepts a bare array, an embedded resource and freeSlots', () => {
    expect(
      readAvailability([{ resource: { id: 'r2', name: 'Room A' }, freeSlots: [{ start: 'a', end: 'b' }] }]),
    ).toEqual([{ resourceId: 'r2', name: 'Room A', busy: [], free: [{ start: 'a', end: 'b' }] }]);
    expect(readAvailability(null)).toEqual([]);
  });
});

describe('readUtilisation', () => {
  it('clamps fractions to 0–1 and keeps only dates', () => {
    expect(
      readUtilisation({
        items: [
          {
            resourceId: 'r1',
            name: 'Van 1',
            days: [
              { date: '2030-01-01', fraction: 1.2 },
              { date: '2030-01-02T00:00:00', bookedFraction: 0.25 },
              { date: 'x' },
            ],
          },
        ],
      }),
    ).toEqual([
      {
        resourceId: 'r1',
        name: 'Van 1',
        days: [
          { date: '2030-01-01', fraction: 1 },
          { date: '2030-01-02', fraction: 0.25 },
        ],
      },
    ]);
  });
});

describe('readUtilisation in the API’s shape', () => {
  it('reads booked and pending fractions of each day', () => {
    expect(
      readUtilisation({
        items: [
          {
            resource: { id: 'r1', name: 'Van 1', type: 'vehicle' },
            days: [
              { date: '2030-01-01', booked: 0.5, pending: 0.25 },
              { date: '2030-01-02', booked: 0, pending: 0 },
            ],
          },
        ],
        nextCursor: null,
        timeZone: 'Asia/Manila',
      }),
    ).toEqual([
      {
        resourceId: 'r1',
        name: 'Van 1',
        days: [
          { date: '2030-01-01', fraction: 0.5, pending: 0.25 },
          { date: '2030-01-02', fraction: 0 },
        ],
      },
    ]);
  });
});

describe('readConflicts', () => {
  it('keeps well-formed conflicts and the requester as given', () => {
    expect(
      readConflicts([
        { id: 'b1', start: 's', end: 'e', status: 'approved', requester: { id: 'u1', name: 'Amina' } },
        { id: 'b2', start: 's', end: 'e', requester: 'Norhana' },
        { start: 's' },
      ]),
    ).toEqual([
      { id: 'b1', start: 's', end: 'e', status: 'approved', requester: { id: 'u1', name: 'Amina' } },
      { id: 'b2', start: 's', end: 'e', status: 'pending', requester: 'Norhana' },
    ]);
    expect(readConflicts(undefined)).toEqual([]);
  });
});

describe('readBulkResults', () => {
  it('answers for every id asked about, in order', () => {
    const raw = {
      results: [
        { id: 'b2', ok: false, error: { code: 'booking.invalid_transition', detail: 'It was cancelled.' } },
        { id: 'b1', ok: true, booking: { id: 'b1', status: 'approved' } },
      ],
    };
    expect(readBulkResults(raw, ['b1', 'b2', 'b3'])).toEqual([
      { id: 'b1', ok: true, status: 'approved' },
      { id: 'b2', ok: false, code: 'booking.invalid_transition', message: 'It was cancelled.' },
      { id: 'b3', ok: false, message: 'No answer for this booking.' },
    ]);
  });

  it('reads results without an ok flag by whether they carry an error', () => {
    expect(
      readBulkResults(
        {
          items: [
            { id: 'b1', status: 'rejected' },
            { id: 'b2', problem: { title: 'No' } },
          ],
        },
        ['b1', 'b2'],
      ),
    ).toEqual([
      { id: 'b1', ok: true, status: 'rejected' },
      { id: 'b2', ok: false, message: 'No' },
    ]);
  });
});

describe('readSeriesReport', () => {
  it('lists booked, conflicting and refused occurrences (POST /items/{id}/bookings)', () => {
    expect(
      readSeriesReport({
        booked: [{ id: 'b1', occurrence: '2030-01-06T09:00:00', start: 'a', end: 'b', status: 'pending' }],
        conflicts: [
          {
            occurrence: '2030-01-13T09:00:00',
            start: 'c',
            end: 'd',
            conflicts: [{ id: 'x', start: 'c', end: 'd', status: 'approved' }],
          },
        ],
        refused: [
          {
            occurrence: '2030-09-01T09:00:00',
            start: 'e',
            end: 'f',
            code: 'booking.too_far_ahead',
            detail: 'Too far.',
          },
        ],
        alreadyBooked: [{ occurrence: null, bookingId: 'b0' }],
        horizonEnd: '2031-01-01T00:00:00Z',
        continues: true,
      }),
    ).toEqual({
      booked: [{ occurrence: '2030-01-06T09:00:00', start: 'a', end: 'b', id: 'b1' }],
      conflicting: [
        {
          occurrence: '2030-01-13T09:00:00',
          start: 'c',
          end: 'd',
          conflicts: [{ id: 'x', start: 'c', end: 'd', status: 'approved', requester: null }],
        },
      ],
      refused: [{ occurrence: '2030-09-01T09:00:00', start: 'e', end: 'f', detail: 'Too far.' }],
      alreadyBooked: 1,
      continues: true,
    });
  });
});
