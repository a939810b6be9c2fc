import type { ReactNode } from 'react';
import { errorMessage } from '../api';
import { FormMessage } from './alert';

/** What the list components need of an infinite query (`useInfiniteQuery`). */
export interface PagedQuery {
  isPending: boolean;
  isError: boolean;
  data: unknown;
  error: unknown;
  refetch(): Promise<unknown>;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage(): Promise<unknown>;
}

/** "Load more", while there is a next page; `loadingLabel` is its text while that page loads. */
export function LoadMore({
  query,
  loadingLabel = 'Loading more…',
}: {
  query: PagedQuery;
  loadingLabel?: string;
}) {
  if (!query.hasNextPage) return null;
  return (
    <div className="load-more">
      <button
        type="button"
        className="button"
        onClick={() => void query.fetchNextPage()}
        disabled={query.isFetchingNextPage}
      >
        {query.isFetchingNextPage ? loadingLabel : 'Load more'}
      </button>
    </div>
  );
}

interface PagedListProps {
  query: PagedQuery;
  /** How many are shown, and what they are called: `['user', 'users']`. */
  count: number;
  noun: readonly [one: string, many: string];
  loading: string;
  empty: string;
  /** Whether a failed "Load more" is reported under the list. */
  showNextPageError?: boolean;
  /** The list itself, shown when `count` is not 0. */
  children: ReactNode;
}

/**
 * A paged list: a status while the first page loads, its error with "Try again", then how many
 * are shown (announced), the list and "Load more".
 */
export function PagedList({
  query,
  count,
  noun,
  loading,
  empty,
  showNextPageError,
  children,
}: PagedListProps) {
  if (query.isPending) return <p role="status">{loading}</p>;
  if (query.isError && !query.data) {
    return (
      <FormMessage tone="error">
        {errorMessage(query.error)}{' '}
        <button type="button" className="button button--small" onClick={() => void query.refetch()}>
          Try again
        </button>
      </FormMessage>
    );
  }
  return (
    <>
      <p className="muted" role="status">
        {count === 0
          ? empty
          : `Showing ${count} ${count === 1 ? noun[0] : noun[1]}${query.hasNextPage ? '; more are available' : ''}.`}
      </p>
      {count > 0 ? children : null}
      <LoadMore query={query} />
      {showNextPageError && query.isFetchNextPageError ? (
        <FormMessage tone="error">{errorMessage(query.error)}</FormMessage>
      ) : null}
    </>
  );
}
