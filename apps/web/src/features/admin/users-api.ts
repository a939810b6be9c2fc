import type { CreateUserBody, ListUsersQuery, Page, Role, UpdateUserBody, User } from '@kalendaryo/contract';
import type { UserStatusFilter } from '@kalendaryo/contract/values';
import { infiniteQueryOptions, keepPreviousData } from '@tanstack/react-query';
import { api } from '../../app/api';

export interface UserFilters {
  q: string;
  role: Role | '';
  status: UserStatusFilter;
}

export const USERS_PAGE_SIZE = 25;
export const usersKey = ['users'] as const;

export const usersQuery = (filters: UserFilters) =>
  infiniteQueryOptions({
    queryKey: [...usersKey, filters],
    queryFn: ({ pageParam, signal }) => {
      const query: Partial<ListUsersQuery> = {
        limit: USERS_PAGE_SIZE,
        cursor: pageParam,
        q: filters.q || undefined,
        role: filters.role || undefined,
        status: filters.status,
      };
      return api<Page<User>>('/users', { query, signal });
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Keep showing the current list while a new filter loads, instead of flashing "Loading".
    placeholderData: keepPreviousData,
  });

export const createUser = (body: CreateUserBody) => api<User>('/users', { method: 'POST', body });

export const changeRole = ({ id, role }: { id: string; role: Role }) =>
  api<User>(`/users/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body: { role } satisfies UpdateUserBody,
  });

export const setActive = ({ id, active }: { id: string; active: boolean }) =>
  api<User>(`/users/${encodeURIComponent(id)}/${active ? 'activate' : 'deactivate'}`, { method: 'POST' });
