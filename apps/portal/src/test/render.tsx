import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, render, type RenderResult } from '@testing-library/react';
import {
  AppRouterContext,
  type AppRouterInstance,
} from 'next/dist/shared/lib/app-router-context.shared-runtime';
import {
  PathnameContext,
  SearchParamsContext,
} from 'next/dist/shared/lib/hooks-client-context.shared-runtime';
import { NextIntlClientProvider } from 'next-intl';
import type { ReactElement } from 'react';
import en from '@/messages/en.json';

// `find*` and `waitFor` wait on real HTTP round trips to the stand-in BFF: allow a loaded machine its time.
configure({ asyncUtilTimeout: 5_000 });

/** Where the component under test navigated (`router.push` / `replace`), in order. */
export interface RecordingRouter extends AppRouterInstance {
  visited: string[];
}

function recordingRouter(): RecordingRouter {
  const visited: string[] = [];
  return {
    visited,
    push: (href: string) => void visited.push(href),
    replace: (href: string) => void visited.push(href),
    back: () => undefined,
    forward: () => undefined,
    refresh: () => undefined,
    prefetch: () => undefined,
  } as unknown as RecordingRouter;
}

/**
 * Renders `ui` inside the providers every portal page has (English messages by default, TanStack Query, the App Router's contexts), with a fresh
 * query client (no retries) that tests may seed with `queryClient.setQueryData`. Add any new app-wide provider
 * (messages, theme) here, so every component test gets it.
 */
export function renderWithProviders(
  ui: ReactElement,
  options: {
    pathname?: string;
    search?: string;
    queryClient?: QueryClient;
    locale?: 'en' | 'de';
    messages?: Record<string, unknown>;
  } = {},
): RenderResult & { router: RecordingRouter; queryClient: QueryClient } {
  const queryClient =
    options.queryClient ??
    new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = recordingRouter();
  const result = render(
    <NextIntlClientProvider locale={options.locale ?? 'en'} messages={options.messages ?? en} timeZone="UTC">
      <QueryClientProvider client={queryClient}>
        <AppRouterContext.Provider value={router}>
          <PathnameContext.Provider value={options.pathname ?? '/'}>
            <SearchParamsContext.Provider value={new URLSearchParams(options.search ?? '')}>
              {ui}
            </SearchParamsContext.Provider>
          </PathnameContext.Provider>
        </AppRouterContext.Provider>
      </QueryClientProvider>
    </NextIntlClientProvider>,
  );
  return { ...result, router, queryClient };
}
