import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api';
import { allPages, type Page } from '../resources/resources-api';
import { readBulkResults, readSeriesReport } from './normalise';
import type { Booking, BookingBody, BookingStatus } from './types';

export const bookingsKey = ['bookings'] as const;

export interface BookingFilters {
  status?: BookingStatus | '';
  requester?: 'me' | string;
  resourceId?: string;
  from?: string;
  to?: string;
}

export const BOOKINGS_PAGE_SIZE = 50;

export const bookingsQuery = (filters: BookingFilters) =>
  infiniteQueryOptions({
    queryKey: [...bookingsKey, 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      api<Page<Booking>>('/bookings', {
        query: { limit: BOOKINGS_PAGE_SIZE, cursor: pageParam, ...filters },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** The bookings you may see in a window that hold or used a resource (for the timeline). */
export const bookingsInRangeQuery = (from: string, to: string, resourceId?: string) =>
  queryOptions({
    queryKey: [...bookingsKey, 'range', from, to, resourceId ?? ''],
    queryFn: ({ signal }) =>
      allPages<Booking>('/bookings', { from, to, resourceId, status: 'pending,approved,completed' }, signal),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

export const createBooking = (body: BookingBody) => api<Booking>('/bookings', { method: 'POST', body });

export interface SeriesBookingBody {
  resourceId: string;
  purpose: string;
  notes?: string;
  skipConflicts?: boolean;
}

/** Books every occurrence of a recurring item; conflicting occurrences are reported, not dropped. */
export const bookSeries = (itemId: string, body: SeriesBookingBody) =>
  api<unknown>(`/items/${encodeURIComponent(itemId)}/bookings`, { method: 'POST', body }).then(
    readSeriesReport,
  );

export type BookingAction = 'approve' | 'reject' | 'cancel' | 'complete' | 'check-out' | 'check-in';

export const bookingActionLabels: Record<BookingAction, string> = {
  approve: 'Approve',
  reject: 'Reject',
  cancel: 'Cancel',
  complete: 'Complete',
  'check-out': 'Check out',
  'check-in': 'Check in',
};

/** What the person is told when an action has worked. */
export const bookingActionDone: Record<BookingAction, string> = {
  approve: 'Approved',
  reject: 'Rejected',
  cancel: 'Cancelled',
  complete: 'Completed',
  'check-out': 'Checked out',
  'check-in': 'Checked in',
};

export const bookingAction = (id: string, action: BookingAction, reason?: string) =>
  api<Booking>(`/bookings/${encodeURIComponent(id)}/${action}`, {
    method: 'POST',
    ...(reason !== undefined ? { body: { reason } } : {}),
  });

/** Approves or rejects many bookings at once; the answer says how each one went. */
export const bulkDecide = (decision: 'approve' | 'reject', ids: readonly string[], reason: string) =>
  api<unknown>(`/bookings/${decision}`, {
    method: 'POST',
    body: { ids, ...(reason.trim() ? { reason: reason.trim() } : {}) },
  }).then((raw) => readBulkResults(raw, ids));

export const bookingQuery = (id: string) =>
  queryOptions({
    queryKey: [...bookingsKey, 'one', id],
    queryFn: ({ signal }) => api<Booking>(`/bookings/${encodeURIComponent(id)}`, { signal }),
  });
