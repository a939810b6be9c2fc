import { QueryClient } from '@tanstack/react-query';
import { NETWORK_STATUS } from './messages';

/**
 * Retry only what a retry can fix: a dropped connection or a brief server hiccup. Client errors
 * (4xx) will fail the same way again, and retrying a 429 makes rate limiting worse.
 */
export function shouldRetry(failureCount: number, error: unknown): boolean {
  if (failureCount >= 2) return false;
  const status = typeof error === 'object' && error !== null && 'status' in error ? error.status : undefined;
  if (typeof status !== 'number') return false;
  if (status === NETWORK_STATUS) return true;
  return status >= 500 && status !== 501;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000 },
      mutations: { retry: false },
    },
  });
}
