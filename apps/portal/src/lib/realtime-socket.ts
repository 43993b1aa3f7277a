import type { QueryClient } from '@tanstack/react-query';
import { io, type Socket } from 'socket.io-client';
import { realtimeEventSchema, REALTIME_EVENT_TYPES, type RealtimeEvent } from '@portico/domain';
import { browserApiClient } from './api-client';
import { queryKeysForEvent } from './realtime-invalidation';
import { setConnectionState } from './realtime-state';
import { domainSchema } from '@/lib/schemas';

// The socket.io client and the event schemas: loaded by `realtime.ts` after the page has loaded, so they are not
// part of the JavaScript the first paint waits for.

/** Consecutive failed attempts after which the indicator says offline rather than reconnecting. */
const OFFLINE_AFTER_FAILURES = 4;
/** Upper bound of the manual reconnect back-off, in ms. */
const MAX_BACKOFF_MS = 30_000;
/** How long to wait for the `join_account` acknowledgement, in ms. */
const JOIN_ACK_TIMEOUT_MS = 5_000;

let socket: Socket | null = null;
let currentAccountId: string | null = null;
let queryClientRef: QueryClient | null = null;
let failures = 0;
let hasConnectedBefore = false;
/** Account whose room the server acknowledged joining on the current socket session (kept across a recovery). */
let joinedAccountId: string | null = null;
let retryTimer: ReturnType<typeof setTimeout> | null = null;

function joinCurrentAccount(): void {
  if (!socket?.connected || !currentAccountId) return;
  const accountId = currentAccountId;
  socket
    .timeout(JOIN_ACK_TIMEOUT_MS)
    .emit('join_account', { accountId }, (err: Error | null, ack: unknown) => {
      if (err || (typeof ack === 'object' && ack !== null && 'ok' in ack && ack.ok === false)) {
        // Not joined: the page still works by polling on focus; try again on the next reconnect.
        console.warn('realtime: join_account was not acknowledged');
        return;
      }
      joinedAccountId = accountId;
    });
}

/** Invalidates the queries an event touches, through the same keys the pages use. */
function invalidateFor(event: RealtimeEvent): void {
  const qc = queryClientRef;
  if (!qc) return;
  for (const queryKey of queryKeysForEvent(event)) void qc.invalidateQueries({ queryKey });
}

function scheduleReconnect(): void {
  if (retryTimer || !socket) return;
  const delay = Math.min(MAX_BACKOFF_MS, 1_000 * 2 ** Math.min(failures, 5));
  retryTimer = setTimeout(() => {
    retryTimer = null;
    // The handshake may have been refused for an expired access cookie: `GET /me` refreshes it (or sends the
    // user to the login page when the session is gone), then the socket tries again.
    browserApiClient
      .request(
        '/api/v1/me',
        domainSchema((d) => d.meSchema),
      )
      .catch(() => undefined)
      .finally(() => socket?.connect());
  }, delay);
}

/** Builds the tab's one socket on first use (browser only: called from an effect). */
function ensureSocket(realtimeUrl: string): void {
  if (socket) return;
  const s = io(realtimeUrl, { path: '/socket.io', withCredentials: true, autoConnect: false });
  socket = s;
  s.on('connect', () => {
    failures = 0;
    setConnectionState('connected');
    // `recovered`: the server restored this session (rooms included) and replays the events missed while
    // disconnected (up to two minutes, on any BFF instance): nothing to join or refetch.
    if (s.recovered && joinedAccountId !== null && joinedAccountId === currentAccountId) {
      hasConnectedBefore = true;
      return;
    }
    joinedAccountId = null;
    joinCurrentAccount();
    if (hasConnectedBefore && currentAccountId && queryClientRef) {
      // A new session: events may have been missed while disconnected.
      void queryClientRef.invalidateQueries({ queryKey: ['account', currentAccountId] });
    }
    hasConnectedBefore = true;
  });
  s.on('disconnect', (reason) => {
    setConnectionState(navigator.onLine ? 'reconnecting' : 'offline');
    // After a server-side disconnect socket.io does not retry by itself.
    if (reason === 'io server disconnect') scheduleReconnect();
  });
  s.on('connect_error', () => {
    failures += 1;
    setConnectionState(!navigator.onLine || failures >= OFFLINE_AFTER_FAILURES ? 'offline' : 'reconnecting');
    // `active` is false when the server refused the handshake (e.g. auth); socket.io will not retry then.
    if (!s.active) scheduleReconnect();
  });
  for (const type of REALTIME_EVENT_TYPES) {
    s.on(type, (payload: unknown) => {
      const parsed = realtimeEventSchema.safeParse(payload);
      if (parsed.success && parsed.data.type === type) invalidateFor(parsed.data);
    });
  }
  // Added once, with the socket.
  window.addEventListener('offline', () => setConnectionState('offline'));
  window.addEventListener('online', () => {
    if (!s.connected) {
      setConnectionState('reconnecting');
      s.connect();
    }
  });
  s.connect();
}

/**
 * Keeps the tab's single socket (built on the first call, to `realtimeUrl`) connected and joined to `accountId`: on
 * every (re)connect it emits `join_account`, and events for the account invalidate the matching queries of
 * `queryClient`.
 */
export function joinAccount(realtimeUrl: string, accountId: string, queryClient: QueryClient): void {
  queryClientRef = queryClient;
  currentAccountId = accountId;
  ensureSocket(realtimeUrl);
  joinCurrentAccount();
}
