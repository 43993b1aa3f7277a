'use client';

import type { ReactNode } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { getQueryClient } from '@/lib/query-client';
import { configureRealtime } from '@/lib/realtime';

/**
 * Client-side providers shared by every route.
 * @param realtimeUrl origin of the BFF's socket.io endpoint (the server's `BFF_PUBLIC_URL`)
 */
export function Providers({ children, realtimeUrl }: { children: ReactNode; realtimeUrl: string }) {
  configureRealtime(realtimeUrl);
  return <QueryClientProvider client={getQueryClient()}>{children}</QueryClientProvider>;
}
