import type { Page, User } from '@kalendaryo/contract';
import { isOneOf, roles, userStatusFilters } from '@kalendaryo/contract/values';
import type { InfiniteData } from '@tanstack/react-query';
import type { UserFilters } from './users-api';

/** Filters from the page's query string; unknown values fall back to "no filter". */
export function filtersFromSearch(params: URLSearchParams): UserFilters {
  const role = params.get('role');
  const status = params.get('status');
  return {
    q: (params.get('q') ?? '').trim(),
    role: isOneOf(roles, role) ? role : '',
    status: isOneOf(userStatusFilters, status) ? status : 'all',
  };
}

/** The query string for filters, leaving defaults out so URLs stay short. */
export function searchFromFilters(filters: UserFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set('q', filters.q.trim());
  if (filters.role) params.set('role', filters.role);
  if (filters.status !== 'all') params.set('status', filters.status);
  return params;
}

/** Loaded pages with one user replaced by its updated copy; other users and cursors untouched. */
export function replaceUser(
  data: InfiniteData<Page<User>, string | undefined> | undefined,
  updated: User,
): InfiniteData<Page<User>, string | undefined> | undefined {
  if (!data) return data;
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((u) => (u.id === updated.id ? updated : u)),
    })),
  };
}
