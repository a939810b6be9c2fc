import type { Person } from '@kalendaryo/contract';
import { queryOptions } from '@tanstack/react-query';
import { allPages } from './resources-api';

/** Every active colleague: an office has tens, not thousands, so pickers filter in the browser. */
export const peopleQuery = queryOptions({
  queryKey: ['people'],
  queryFn: ({ signal }) => allPages<Person>('/people', {}, signal),
  staleTime: 5 * 60_000,
});

/** Case- and accent-insensitive match on name or email. */
export function matchesPerson(p: Pick<Person, 'name' | 'email'>, q: string): boolean {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const needle = fold(q.trim());
  return !needle || fold(p.name).includes(needle) || fold(p.email).includes(needle);
}
