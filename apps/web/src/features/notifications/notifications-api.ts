import type {
  ItemReminders,
  Notification,
  NotificationPage,
  Preferences,
  PreferencesPatch,
  PushSubscriptionBody,
  UnreadCount,
} from '@kalendaryo/contract';
import { infiniteQueryOptions, type QueryClient, queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api';

export const notificationsKey = ['notifications'] as const;
export const unreadKey = [...notificationsKey, 'unread-count'] as const;
const inboxKey = [...notificationsKey, 'inbox'] as const;
export const preferencesKey = ['preferences'] as const;
const PAGE_SIZE = 20;

/** A person's inbox, newest first; `unreadOnly` asks only for what they have not read. */
export const inboxQuery = (unreadOnly: boolean) =>
  infiniteQueryOptions({
    queryKey: [...inboxKey, unreadOnly ? 'unread' : 'all'],
    queryFn: ({ pageParam, signal }) =>
      api<NotificationPage>('/notifications', {
        query: { unread: unreadOnly ? 'true' : undefined, limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/**
 * How many messages wait unread. The live stream keeps it current; this read is its start and its
 * fallback (every 60 s) when the stream cannot be opened.
 */
export const unreadCountQuery = queryOptions({
  queryKey: unreadKey,
  queryFn: ({ signal }) => api<UnreadCount>('/notifications/unread-count', { signal, banner: false }),
  select: (d) => d.unread,
});

export const markRead = (id: string) =>
  api<unknown>(`/notifications/${encodeURIComponent(id)}/read`, { method: 'POST' });

export const markAllRead = () => api<{ marked: number }>('/notifications/read-all', { method: 'POST' });

/** After a change to the inbox (read, new message): the lists and the count are read again. */
export function refreshInbox(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: notificationsKey });
}

/** Writes a count the stream announced, without asking the server. */
export function setUnread(queryClient: QueryClient, unread: number): void {
  queryClient.setQueryData<UnreadCount>(unreadKey, { unread });
}

export type { Notification };

export const preferencesQuery = queryOptions({
  queryKey: preferencesKey,
  queryFn: ({ signal }) => api<Preferences>('/preferences', { signal }),
});

export const savePreferences = (patch: PreferencesPatch) =>
  api<Preferences>('/preferences', { method: 'PATCH', body: patch });

export const itemRemindersKey = (itemId: string) => ['items', itemId, 'reminders'] as const;

/** The signed-in person's reminders for one item (or their defaults, `usesDefaults`). */
export const itemRemindersQuery = (itemId: string) =>
  queryOptions({
    queryKey: itemRemindersKey(itemId),
    queryFn: ({ signal }) => api<ItemReminders>(`/items/${encodeURIComponent(itemId)}/reminders`, { signal }),
  });

export const putItemReminders = (itemId: string, minutes: readonly number[]) =>
  api<ItemReminders>(`/items/${encodeURIComponent(itemId)}/reminders`, {
    method: 'PUT',
    body: { minutes: [...minutes] },
  });

export const vapidKey = () => api<{ publicKey: string }>('/push/vapid-key');

export const subscribePush = (body: PushSubscriptionBody) =>
  api<{ id: string }>('/push/subscriptions', { method: 'POST', body });

export const unsubscribePush = (id: string) =>
  api<void>(`/push/subscriptions/${encodeURIComponent(id)}`, { method: 'DELETE' });
