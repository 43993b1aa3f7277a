'use client';

import { useEffect, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import {
  connectionState,
  setConnectionState,
  subscribeConnectionState,
  type ConnectionState,
} from './realtime-state';

export type { ConnectionState } from './realtime-state';

/** Origin of the BFF's socket.io endpoint; set once from the server's configuration by {@link configureRealtime}. */
let realtimeUrl = 'http://localhost:4000';

/** Sets the origin the socket connects to (called by the root providers with the server's `REALTIME_PUBLIC_URL`). */
export function configureRealtime(url: string): void {
  realtimeUrl = url;
}

let socketModule: Promise<typeof import('./realtime-socket')> | null = null;

/**
 * The socket.io client, fetched once the page's `load` event has fired: live updates start a moment after the first
 * paint instead of adding the client (about 14 KiB gzip) and the event schemas to what the paint waits for.
 */
function loadSocketModule(): Promise<typeof import('./realtime-socket')> {
  socketModule ??= new Promise<void>((resolve) => {
    if (document.readyState === 'complete') resolve();
    else window.addEventListener('load', () => resolve(), { once: true });
  }).then(() => import('./realtime-socket'));
  return socketModule;
}

/** The live connection state (`connecting` during server rendering and until the client has loaded). */
export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(subscribeConnectionState, connectionState, () => 'connecting' as const);
}

/**
 * Keeps the tab's single socket connected and joined to `accountId`: on every (re)connect it emits `join_account`,
 * and events for the account invalidate the matching queries. No page reload.
 */
export function useRealtimeAccount(accountId: string): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    // Calls resolve in order on the one promise, so the latest account is the one joined.
    loadSocketModule()
      .then((socket) => socket.joinAccount(realtimeUrl, accountId, queryClient))
      .catch(() => {
        // The chunk could not be fetched (offline, or a new deployment): the page still works by refetching on focus.
        socketModule = null;
        setConnectionState('offline');
        console.warn('realtime: the live-update client could not be loaded');
      });
  }, [accountId, queryClient]);
}
