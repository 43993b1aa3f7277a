import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { configure, render, type RenderResult } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import {
  AppRouterContext,
  type AppRouterInstance,
} from 'next/dist/shared/lib/app-router-context.shared-runtime';
import {
  PathnameContext,
  SearchParamsContext,
} from 'next/dist/shared/lib/hooks-client-context.shared-runtime';
import { NextIntlClientProvider } from 'next-intl';
import type { ReactElement, ReactNode } from 'react';
import en from '@/messages/en.json';

// `find*` and `waitFor` wait on real HTTP round trips to the stand-in BFF: allow a loaded machine its time.
configure({ asyncUtilTimeout: 5_000 });

/** Where the component under test navigated (`router.push` / `replace`), in order. */
export interface RecordingRouter extends AppRouterInstance {
  visited: string[];
}

/** A router that records where the component went instead of going there. */
export function recordingRouter(): RecordingRouter {
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

/** Options of {@link TestProviders} and {@link renderWithProviders}. */
export interface ProviderOptions {
  pathname?: string;
  search?: string;
  locale?: 'en' | 'de';
  messages?: Record<string, unknown>;
}

/**
 * The providers every portal page has (messages, TanStack Query, the App Router's contexts) around `children`, for
 * `render`, `renderToString` and `hydrateRoot` alike.
 */
export function TestProviders({
  children,
  queryClient,
  router,
  options = {},
}: {
  children: ReactNode;
  queryClient: QueryClient;
  router: RecordingRouter;
  options?: ProviderOptions;
}) {
  return (
    <NextIntlClientProvider locale={options.locale ?? 'en'} messages={options.messages ?? en} timeZone="UTC">
      <QueryClientProvider client={queryClient}>
        <AppRouterContext.Provider value={router}>
          <PathnameContext.Provider value={options.pathname ?? '/'}>
            <SearchParamsContext.Provider value={new URLSearchParams(options.search ?? '')}>
              {children}
            </SearchParamsContext.Provider>
          </PathnameContext.Provider>
        </AppRouterContext.Provider>
      </QueryClientProvider>
    </NextIntlClientProvider>
  );
}

/** A fresh query client without retries, as each test starts with. */
export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
}

/**
 * Renders `ui` inside {@link TestProviders} (English messages by default), with a fresh query client (no retries)
 * that tests may seed with `queryClient.setQueryData`. Add any new app-wide provider (messages, theme) to
 * {@link TestProviders}, so every component test gets it.
 */
export function renderWithProviders(
  ui: ReactElement,
  options: ProviderOptions & { queryClient?: QueryClient } = {},
): RenderResult & { router: RecordingRouter; queryClient: QueryClient } {
  const queryClient = options.queryClient ?? testQueryClient();
  const router = recordingRouter();
  const result = render(
    <TestProviders queryClient={queryClient} router={router} options={options}>
      {ui}
    </TestProviders>,
  );
  return { ...result, router, queryClient };
}

/**
 * Clicks a link the way a user does, but keeps jsdom from following it (it cannot navigate and says so): for tests
 * of what else the click does, such as a clickable row around the link navigating a second time.
 */
export async function clickLinkInPlace(user: UserEvent, link: HTMLElement): Promise<void> {
  const stay = (event: MouseEvent) => event.preventDefault();
  window.addEventListener('click', stay);
  try {
    await user.click(link);
  } finally {
    window.removeEventListener('click', stay);
  }
}
