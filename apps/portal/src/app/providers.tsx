'use client';

import type { ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { getQueryClient } from '@/lib/query-client';
import { useRefetchOnLocaleChange } from '@/lib/use-refetch-on-locale-change';
import { configureRealtime } from '@/lib/realtime';
import { ThemeProvider } from '@/lib/theme-context';
import type { ThemeChoice } from '@/lib/theme';

/** Refetches the queries when the page's language changes (see {@link useRefetchOnLocaleChange}). */
function LocaleQueries() {
  useRefetchOnLocaleChange();
  return null;
}

/**
 * Client-side providers shared by every route.
 * @param realtimeUrl origin of the socket.io endpoint (the server's `REALTIME_PUBLIC_URL`: the BFF, or the separate realtime process)
 * @param theme the theme choice read from the cookie on the server
 */
export function Providers({
  children,
  realtimeUrl,
  theme,
}: {
  children: ReactNode;
  realtimeUrl: string;
  theme: ThemeChoice;
}) {
  configureRealtime(realtimeUrl);
  return (
    <ThemeProvider initial={theme}>
      <QueryClientProvider client={getQueryClient()}>
        <LocaleQueries />
        {children}
      </QueryClientProvider>
    </ThemeProvider>
  );
}
