import type {
  AvailabilityQuery,
  CreateResourceBody,
  FreeResourcesQuery,
  ListResourcesQuery,
  Page,
  Resource,
  ResourceAvailability,
  UpdateResourceBody,
  Utilisation,
  UtilisationQuery,
} from '@kalendaryo/contract';
import type { ResourceStatus, ResourceType } from '@kalendaryo/contract/values';
import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../app/api';
import type { QueryParams } from '../../app/query-string';

export interface ResourceFilters {
  q: string;
  type: ResourceType | '';
  status: ResourceStatus | '';
}

export const RESOURCES_PAGE_SIZE = 50;
export const resourcesKey = ['resources'] as const;
export const resourceKey = (id: string) => ['resource', id] as const;

export const resourcesQuery = (filters: ResourceFilters) =>
  infiniteQueryOptions({
    queryKey: [...resourcesKey, 'list', filters],
    queryFn: ({ pageParam, signal }) => {
      const query: Partial<ListResourcesQuery> = {
        limit: RESOURCES_PAGE_SIZE,
        cursor: pageParam,
        q: filters.q || undefined,
        type: filters.type || undefined,
        status: filters.status || undefined,
      };
      return api<Page<Resource>>('/resources', { query, signal });
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** Every page of a list, for the few places that need the whole set (selects, the timeline). */
export async function allPages<T>(
  path: string,
  query: QueryParams,
  signal?: AbortSignal,
  maxPages = 10,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await api<Page<T>>(path, {
      query: { ...query, limit: 500, cursor },
      ...(signal ? { signal } : {}),
    });
    out.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return out;
}

/** Every resource (of one type), for pickers and the timeline; retired ones left out unless asked. */
export const allResourcesQuery = (type: ResourceType | '' = '', includeRetired = false) =>
  queryOptions({
    queryKey: [...resourcesKey, 'all', type, includeRetired],
    queryFn: async ({ signal }) => {
      const query: Partial<ListResourcesQuery> = { type: type || undefined };
      const items = await allPages<Resource>('/resources', query, signal);
      return includeRetired ? items : items.filter((r) => r.status !== 'retired');
    },
    staleTime: 60_000,
  });

export const resourceQuery = (id: string) =>
  queryOptions({
    queryKey: resourceKey(id),
    queryFn: ({ signal }) => api<Resource>(`/resources/${encodeURIComponent(id)}`, { signal }),
    staleTime: 0,
  });

export const createResource = (body: CreateResourceBody) =>
  api<Resource>('/resources', { method: 'POST', body });

/** Edits a resource; with a version it is sent as If-Match and a stale edit answers 412. */
export const updateResource = (id: string, body: UpdateResourceBody, version?: number) =>
  api<Resource>(`/resources/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    body,
    ...(version !== undefined ? { headers: { 'if-match': `"${version}"` } } : {}),
  });

export const retireResource = (id: string) =>
  api<Resource>(`/resources/${encodeURIComponent(id)}/retire`, { method: 'POST' });

export interface Window {
  type?: ResourceType | '';
  start: string;
  end: string;
  /** Only these resources. */
  resourceIds?: readonly string[];
}

export const availabilityKey = ['availability'] as const;

/** Busy intervals and free slots of each resource (of a type, or the ones named) in a window. */
export const availabilityQuery = ({ type, start, end, resourceIds }: Window) =>
  queryOptions({
    queryKey: [...availabilityKey, type ?? '', start, end, resourceIds?.join(',') ?? ''],
    queryFn: ({ signal }) => {
      const query: Partial<AvailabilityQuery> = {
        type: type || undefined,
        start,
        end,
        resourceIds: resourceIds?.join(','),
        limit: 500,
      };
      return api<Page<ResourceAvailability>>('/resources/availability', { query, signal, banner: false });
    },
    select: (page) => page.items,
    staleTime: 10_000,
    placeholderData: keepPreviousData,
  });

export const freeResourcesQuery = ({ type, start, end, capacity }: Window & { capacity?: number }) =>
  queryOptions({
    queryKey: [...availabilityKey, 'free', type ?? '', start, end, capacity ?? null],
    queryFn: ({ signal }) => {
      const query: Partial<FreeResourcesQuery> = { type: type || undefined, start, end, capacity, limit: 20 };
      return api<Page<Resource>>('/resources/free', { query, signal, banner: false });
    },
    select: (page) => page.items,
    staleTime: 10_000,
  });

/** Booked fractions per resource per day: the days from `from` to the day before `to`, in `tz`. */
export const utilisationQuery = (type: ResourceType | '', from: string, to: string, tz: string) =>
  queryOptions({
    queryKey: ['utilisation', type, from, to, tz],
    queryFn: ({ signal }) => {
      const query: Partial<UtilisationQuery> = { type: type || undefined, from, to, tz, limit: 500 };
      return api<Utilisation>('/resources/utilisation', { query, signal });
    },
    select: (page) => page.items,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
