import type {
  Calendar,
  CalendarFeed,
  CreatedShareLink,
  CreateShareLinkBody,
  Feed,
  Person,
  PublicLink,
  ShareLink,
} from '@kalendaryo/contract';
import { queryOptions } from '@tanstack/react-query';
import { api, hasCode } from '../../app/api';

export type Permission = Calendar['permission'];
export interface Member {
  userId: string;
  name: string;
  email: string;
  permission: Permission;
}

export const membersQuery = (calendarId: string) =>
  queryOptions({
    queryKey: ['calendar-members', calendarId],
    queryFn: ({ signal }) =>
      api<{ items: Member[] }>(`/calendars/${calendarId}/members`, { signal }).then((r) => r.items),
  });

export const linksQuery = (calendarId: string) =>
  queryOptions({
    queryKey: ['share-links', calendarId],
    queryFn: ({ signal }) =>
      api<{ items: ShareLink[] }>(`/calendars/${calendarId}/links`, { signal }).then((r) => r.items),
  });

/** The user's feed of the calendar, or null when they have none (404). */
export const feedQuery = (calendarId: string) =>
  queryOptions({
    queryKey: ['calendar-feed-url', calendarId],
    queryFn: ({ signal }) =>
      api<CalendarFeed>(`/calendars/${calendarId}/feed`, { signal }).catch((e: unknown) => {
        if (hasCode(e, 'calendar_feed.not_found')) return null;
        throw e;
      }),
  });

export const peopleQuery = (q: string) =>
  queryOptions({
    queryKey: ['people', q],
    queryFn: ({ signal }) =>
      api<{ items: Person[] }>('/people', { query: { q: q || undefined, limit: 20 }, signal }).then(
        (r) => r.items,
      ),
    staleTime: 60_000,
  });

export const setMember = (calendarId: string, userId: string, permission: Permission) =>
  api(`/calendars/${calendarId}/members/${userId}`, { method: 'PUT', body: { permission } });
export const removeMember = (calendarId: string, userId: string) =>
  api<void>(`/calendars/${calendarId}/members/${userId}`, { method: 'DELETE' });
export const createLink = (calendarId: string, body: CreateShareLinkBody) =>
  api<CreatedShareLink>(`/calendars/${calendarId}/links`, { method: 'POST', body });
export const revokeLink = (calendarId: string, linkId: string) =>
  api<void>(`/calendars/${calendarId}/links/${linkId}`, { method: 'DELETE' });
export const makeFeed = (calendarId: string) =>
  api<CalendarFeed>(`/calendars/${calendarId}/feed`, { method: 'POST' });
export const revokeFeed = (calendarId: string) =>
  api<void>(`/calendars/${calendarId}/feed`, { method: 'DELETE' });

/** What a share link opens (no sign-in). */
export const publicLinkQuery = (token: string) =>
  queryOptions({
    queryKey: ['public-link', token],
    queryFn: ({ signal }) => api<PublicLink>(`/public/links/${encodeURIComponent(token)}`, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
    retry: false,
  });

export const publicCalendarQuery = (token: string, start: string, end: string, tz: string) =>
  queryOptions({
    queryKey: ['public-calendar', token, start, end, tz],
    queryFn: ({ signal }) =>
      api<Feed>(`/public/links/${encodeURIComponent(token)}/calendar`, { query: { start, end, tz }, signal }),
    retry: false,
  });

export const acceptLink = (token: string) =>
  api<{ calendarId: string; permission: Permission }>(`/links/${encodeURIComponent(token)}/accept`, {
    method: 'POST',
  });
