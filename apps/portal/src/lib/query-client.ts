import { QueryClient, defaultShouldDehydrateQuery, isServer } from '@tanstack/react-query';
import { isApiError } from './api-client';

/** How long fetched data counts as fresh, in ms; realtime events invalidate sooner. */
const STALE_TIME_MS = 30_000;

/** Client-side errors (4xx) are not retried; network and 5xx errors are, twice. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

/** A query client with Portico's defaults (also used on the server for prefetching). */
export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: STALE_TIME_MS, retry: shouldRetry, refetchOnWindowFocus: true },
      mutations: { retry: false },
      dehydrate: {
        // Only successful queries travel to the browser; a failed prefetch is simply fetched again there.
        shouldDehydrateQuery: (query) =>
          defaultShouldDehydrateQuery(query) && query.state.status === 'success',
      },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

/** One query client per server render; one per browser tab. */
export function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}
