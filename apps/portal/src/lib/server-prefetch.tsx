import { cache, type ReactNode } from 'react';
import { dehydrate, HydrationBoundary, type DehydratedState, type QueryClient } from '@tanstack/react-query';
import type { Me } from '@portico/domain';
import { meQuery } from '@/features/auth/api/auth.queries';
import type { ApiClient } from './api-client';
import { makeQueryClient } from './query-client';
import { domainSchema } from './schemas';
import { createServerApiClient } from './server-api-client';

/**
 * `GET /api/v1/me` of the request being rendered, read once: a layout and its page, rendered side by side, both
 * need it (React's per-request `cache`).
 * @throws ApiError as {@link ApiClient.request} does
 */
const serverMe = cache(async (): Promise<Me> =>
  (await createServerApiClient()).request(
    '/api/v1/me',
    domainSchema((d) => d.meSchema),
  ),
);

/** {@link meQuery} for server prefetches: answered by the request's one read of `me`. */
export function serverMeQuery(client: ApiClient) {
  return { ...meQuery(client), queryFn: () => serverMe() };
}

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
