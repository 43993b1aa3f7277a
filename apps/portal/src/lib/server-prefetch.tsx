import type { ReactNode } from 'react';
import { dehydrate, HydrationBoundary, type DehydratedState, type QueryClient } from '@tanstack/react-query';
import type { ApiClient } from './api-client';
import { makeQueryClient } from './query-client';
import { createServerApiClient } from './server-api-client';

/** Server-side prefetches of a page: fills the query client through the cookie-forwarding API client. */
export type ServerPrefetch = (queryClient: QueryClient, client: ApiClient) => Promise<unknown>;

/**
 * Runs server-side prefetches with the cookie-forwarding client and returns the state for `<HydrationBoundary>`.
 * Prefetches never throw: a failed one (e.g. an expired access token) is left out and the browser fetches it.
 */
export async function prefetchOnServer(prefetch: ServerPrefetch): Promise<DehydratedState> {
  const queryClient = makeQueryClient();
  const client = await createServerApiClient();
  await prefetch(queryClient, client);
  return dehydrate(queryClient);
}

/**
 * "Prefetch then hydrate" of a server page or layout: runs `prefetch` (see {@link prefetchOnServer}) and renders
 * `children` under a `<HydrationBoundary>` holding the result, so the client views start from the prefetched data.
 */
export async function Prefetched({ prefetch, children }: { prefetch: ServerPrefetch; children: ReactNode }) {
  return <HydrationBoundary state={await prefetchOnServer(prefetch)}>{children}</HydrationBoundary>;
}
