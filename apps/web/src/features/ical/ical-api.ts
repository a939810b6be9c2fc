import type { CreateSubscriptionBody, ImportResult, Subscription } from '@kalendaryo/contract';
import { queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api';

/** Sends a calendar file to a calendar; `dryRun` previews the counts without writing. */
export const importFile = (calendarId: string, text: string, dryRun: boolean) =>
  api<ImportResult>(`/calendars/${calendarId}/import`, {
    method: 'POST',
    query: { dryRun: dryRun ? 'true' : undefined },
    text: { contentType: 'text/calendar', body: text },
  });

export const subscriptionsQuery = queryOptions({
  queryKey: ['calendar-subscriptions'],
  queryFn: ({ signal }) =>
    api<{ items: Subscription[] }>('/calendars/subscriptions', { signal }).then((r) => r.items),
});

export const subscribe = (body: CreateSubscriptionBody) =>
  api<Subscription>('/calendars/subscriptions', { method: 'POST', body });

export const refreshSubscription = (id: string) =>
  api<Subscription>(`/calendars/subscriptions/${id}/refresh`, { method: 'POST' });
