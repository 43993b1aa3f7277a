import { dehydrate, type DehydratedState, type QueryClient } from '@tanstack/react-query';
import type { ApiClient } from './api-client';
import { makeQueryClient } from './query-client';
import { createServerApiClient } from './server-api-client';

/**
 * Runs server-side prefetches with the cookie-forwarding client and returns the state for `<HydrationBoundary>`.
 * Prefetches never throw: a failed one (e.g. an expired access token) is left out and the browser fetches it.
 */
export async function prefetchOnServer(
  prefetch: (queryClient: QueryClient, client: ApiClient) => Promise<unknown>,
): Promise<DehydratedState> {
  const queryClient = makeQueryClient();
  const client = await createServerApiClient();
  await prefetch(queryClient, client);
  return dehydrate(queryClient);
}
