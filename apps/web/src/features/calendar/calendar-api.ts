import type {
  Calendar,
  Community,
  CreateItemBody,
  DeletedItem,
  EditScope,
  Feed,
  FeedQuery,
  Item,
  Page,
  RestoredItem,
  UpdateItemBody,
} from '@kalendaryo/contract';
import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api';

/** Whether new items may go on the calendar: edit permission, and not a read-only subscription. */
export const writable = (c: Calendar): boolean => c.permission !== 'view' && !c.readOnly;

export const feedKey = ['calendar-feed'] as const;
export const itemKey = (id: string) => ['item', id] as const;

/** Occurrences of everything visible in a window, as `feedQuery` (view-state.ts) builds it. */
export const feedQueryOptions = (query: FeedQuery) =>
  queryOptions({
    queryKey: [...feedKey, query],
    queryFn: ({ signal }) => api<Feed>('/calendar', { query, signal }),
    // Keep the previous range on screen while the next one loads: no flash of an empty grid.
    placeholderData: keepPreviousData,
    staleTime: 15_000,
  });

export const calendarsQuery = queryOptions({
  queryKey: ['calendars'],
  queryFn: ({ signal }) => api<{ items: Calendar[] }>('/calendars', { signal }).then((r) => r.items),
  staleTime: 5 * 60_000,
});

export const communitiesQuery = (q: string) =>
  queryOptions({
    queryKey: ['communities', q],
    queryFn: ({ signal }) =>
      api<{ items: Community[]; nextCursor: string | null }>('/communities', {
        query: { q: q || undefined, limit: 100 },
        signal,
      }).then((r) => r.items),
    staleTime: 5 * 60_000,
  });

export const communityQuery = (id: string) =>
  queryOptions({
    queryKey: ['community', id],
    queryFn: ({ signal }) => api<Community>(`/communities/${id}`, { signal }),
    staleTime: 5 * 60_000,
  });

export const itemQuery = (id: string) =>
  queryOptions({
    queryKey: itemKey(id),
    queryFn: ({ signal }) => api<Item>(`/items/${id}`, { signal }),
    staleTime: 0,
  });

/** Where a change of a series applies: `occurrence` is the recurrence id of the one acted on. */
export interface ScopeTarget {
  scope: EditScope;
  occurrence?: string | null | undefined;
}

const scopeQuery = (target: ScopeTarget | undefined) =>
  target && target.scope !== 'all'
    ? { scope: target.scope, occurrence: target.occurrence ?? undefined }
    : target
      ? { scope: 'all' }
      : undefined;

export const createItem = (body: CreateItemBody) => api<Item>('/items', { method: 'POST', body });

/**
 * Edits an item as of `version` (sent as If-Match; a stale version answers 412
 * request.precondition_failed).
 */
export async function updateItem(
  id: string,
  version: number,
  body: UpdateItemBody,
  target?: ScopeTarget,
  opts: { keepBookings?: boolean } = {},
) {
  const query = opts.keepBookings ? { ...scopeQuery(target), bookings: 'keep' } : scopeQuery(target);
  return api<Item>(`/items/${id}`, {
    method: 'PATCH',
    query,
    body,
    headers: { 'if-match': `"${version}"` },
  });
}

export const deleteItem = (id: string, target?: ScopeTarget) =>
  api<void>(`/items/${id}`, { method: 'DELETE', query: scopeQuery(target) });

/** Brings back an item deleted in the last 30 days (404 item.not_found when it cannot be). */
export const restoreItem = (id: string) => api<RestoredItem>(`/items/${id}/restore`, { method: 'POST' });

/** What a restore says: the item is back, and which of its bookings stay cancelled. */
export function restoredText(title: string, item: Pick<RestoredItem, 'cancelledBookings'>): string {
  const n = item.cancelledBookings.length;
  if (n === 0) return `Restored “${title}”.`;
  const names = [...new Set(item.cancelledBookings.map((b) => b.resourceName))].join(', ');
  return n === 1
    ? `Restored “${title}”. Its booking of ${names} stays cancelled: book again if you still need it.`
    : `Restored “${title}”. Its ${n} bookings of ${names} stay cancelled: book again if you still need them.`;
}

export const deletedKey = ['items-deleted'] as const;
/** Items deleted in the last 30 days that this person may restore, most recent first. */
export const deletedQuery = infiniteQueryOptions({
  queryKey: deletedKey,
  queryFn: ({ pageParam, signal }) =>
    api<Page<DeletedItem>>('/items/deleted', { query: { limit: 50, cursor: pageParam }, signal }),
  initialPageParam: undefined as string | undefined,
  getNextPageParam: (last) => last.nextCursor ?? undefined,
});

export type LeaveDecision = 'approve' | 'reject' | 'cancel';
export const decideLeave = (id: string, decision: LeaveDecision, reason: string | null) =>
  api<Item>(`/items/${id}/leave/${decision}`, { method: 'POST', body: { reason } });

/** Marks a task done: the occurrence of a series given, or the whole task. */
export const completeTask = (id: string, occurrence?: string) =>
  api<Item>(`/items/${id}/task/complete`, { method: 'POST', body: occurrence ? { occurrence } : {} });

/** Whether an error is the 412 of an edit made on a stale version. */
export const isStale = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && 'status' in e && (e as { status: number }).status === 412;

/** Whether an error is the 409 of a move whose resource bookings cannot follow (the resource is taken). */
export const isBookingConflict = (e: unknown): boolean =>
  typeof e === 'object' && e !== null && 'code' in e && (e as { code: string }).code === 'booking.conflict';
