import { cookies } from 'next/headers';
import { getLocale } from 'next-intl/server';
import { serverEnv } from '@/env';
import { createApiClient, type ApiClient } from './api-client';

/** Time budget of a server-side prefetch in ms; past it the page renders and the browser fetches instead. */
const SERVER_FETCH_TIMEOUT_MS = 4_000;

/**
 * The server variant of the API client for server components: calls `BFF_INTERNAL_URL` directly and forwards the
 * incoming request's cookies and the page's language (`Accept-Language`, for configured texts). It never refreshes (cookies cannot be rotated while rendering); a 401 is left to the
 * browser's client, which can.
 */
export async function createServerApiClient(): Promise<ApiClient> {
  const [store, locale] = await Promise.all([cookies(), getLocale()]);
  const cookieHeader = store
    .getAll()
    .map((c) => `${c.name}=${encodeURIComponent(c.value)}`)
    .join('; ');
  return createApiClient({
    baseUrl: serverEnv().BFF_INTERNAL_URL,
    headers: { 'accept-language': locale, ...(cookieHeader ? { cookie: cookieHeader } : {}) },
    refreshOnUnauthorized: false,
    timeoutMs: SERVER_FETCH_TIMEOUT_MS,
  });
}
