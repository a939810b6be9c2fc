import { infiniteQueryOptions, keepPreviousData } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { Role, User } from '../auth/types';

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export const statuses = ['all', 'active', 'inactive'] as const;
export type StatusFilter = (typeof statuses)[number];

export interface UserFilters {
  q: string;
  role: Role | '';
  status: StatusFilter;
}

export const USERS_PAGE_SIZE = 25;
export const usersKey = ['users'] as const;

export const usersQuery = (filters: UserFilters) =>
  infiniteQueryOptions({
    queryKey: [...usersKey, filters],
    queryFn: ({ pageParam, signal }) =>
      api<Page<User>>('/users', {
        query: {
          limit: USERS_PAGE_SIZE,
          cursor: pageParam,
          q: filters.q,
          role: filters.role,
          status: filters.status,
        },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Keep showing the current list while a new filter loads, instead of flashing "Loading".
    placeholderData: keepPreviousData,
  });

export interface NewUser {
  name: string;
  email: string;
  role: Role;
  password: string;
}

export const createUser = (body: NewUser) => api<User>('/users', { method: 'POST', body });

export const changeRole = ({ id, role }: { id: string; role: Role }) =>
  api<User>(`/users/${encodeURIComponent(id)}`, { method: 'PATCH', body: { role } });

export const setActive = ({ id, active }: { id: string; active: boolean }) =>
  api<User>(`/users/${encodeURIComponent(id)}/${active ? 'activate' : 'deactivate'}`, { method: 'POST' });
