import type {
  ApproveBody,
  Booking,
  BulkApproveBody,
  BulkDecisionResult,
  BulkRejectBody,
  CreateBookingBody,
  ItemBookingsBody,
  ItemBookingsResult,
  ListBookingsQuery,
  Page,
  RejectBody,
} from '@kalendaryo/contract';
import type { BookingStatus } from '@kalendaryo/contract/values';
import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api';
import { allPages } from '../resources/resources-api';

export const bookingsKey = ['bookings'] as const;

/** The list's filters: the contract's query, with one status at a time ('' for any). */
export type BookingFilters = Pick<ListBookingsQuery, 'requester' | 'resourceId' | 'from' | 'to'> & {
  status?: BookingStatus | '';
};

export const BOOKINGS_PAGE_SIZE = 50;

export const bookingsQuery = (filters: BookingFilters) =>
  infiniteQueryOptions({
    queryKey: [...bookingsKey, 'list', filters],
    queryFn: ({ pageParam, signal }) => {
      const query: Partial<ListBookingsQuery> = {
        limit: BOOKINGS_PAGE_SIZE,
        cursor: pageParam,
        ...filters,
        status: filters.status || undefined,
      };
      return api<Page<Booking>>('/bookings', { query, signal });
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** The bookings you may see in a window that hold or used a resource (for the timeline). */
export const bookingsInRangeQuery = (from: string, to: string, resourceId?: string) =>
  queryOptions({
    queryKey: [...bookingsKey, 'range', from, to, resourceId ?? ''],
    queryFn: ({ signal }) => {
      const query: Partial<ListBookingsQuery> = {
        from,
        to,
        resourceId,
        status: 'pending,approved,completed',
      };
      return allPages<Booking>('/bookings', query, signal);
    },
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  });

export const createBooking = (body: CreateBookingBody) => api<Booking>('/bookings', { method: 'POST', body });

/** Books every occurrence of a recurring item; conflicting occurrences are reported, not dropped. */
export const bookSeries = (itemId: string, body: ItemBookingsBody) =>
  api<ItemBookingsResult>(`/items/${encodeURIComponent(itemId)}/bookings`, { method: 'POST', body });

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
    ...(reason !== undefined ? { body: { reason } satisfies ApproveBody | RejectBody } : {}),
  });

/** One booking's outcome in a bulk decision: its new state, or why it was refused. */
export type BulkOutcome = BulkDecisionResult['results'][number];

/** Approves or rejects many bookings at once; the answer says how each one went. */
export const bulkDecide = async (decision: 'approve' | 'reject', ids: readonly string[], reason: string) => {
  const why = reason.trim();
  const body: BulkApproveBody | BulkRejectBody =
    decision === 'reject'
      ? { ids: [...ids], reason: why }
      : { ids: [...ids], ...(why ? { reason: why } : {}) };
  const answer = await api<BulkDecisionResult>(`/bookings/${decision}`, { method: 'POST', body });
  return answer.results;
};

export const bookingQuery = (id: string) =>
  queryOptions({
    queryKey: [...bookingsKey, 'one', id],
    queryFn: ({ signal }) => api<Booking>(`/bookings/${encodeURIComponent(id)}`, { signal }),
  });
