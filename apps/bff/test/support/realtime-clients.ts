import { randomUUID } from 'node:crypto';
import { REALTIME_EVENT_TYPES, type RealtimeEvent } from '@portico/domain';
import { io, type Socket } from 'socket.io-client';
import { eventually } from './eventually';

/** A socket.io client of the tests with every realtime event it received, in order. */
export interface RecordingClient {
  socket: Socket;
  received: RealtimeEvent[];
  /** Ids of the received events. */
  ids(): string[];
}

/**
 * Connects a websocket-only socket.io client to `url` with the session `cookie`, records every realtime event and
 * joins `accountId`'s room.
 * @throws Error when the handshake or the join is refused
 */
export async function connectRecording(
  url: string,
  cookie: string,
  accountId: string,
  options: { reconnection?: boolean } = {},
): Promise<RecordingClient> {
  const socket = io(url, {
    transports: ['websocket'],
    extraHeaders: { cookie },
    reconnection: options.reconnection ?? false,
  });
  const received: RealtimeEvent[] = [];
  for (const type of REALTIME_EVENT_TYPES) socket.on(type, (event: RealtimeEvent) => received.push(event));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  const ack = (await socket.timeout(5000).emitWithAck('join_account', { accountId })) as { ok: boolean };
  if (!ack.ok) throw new Error(`join_account refused: ${JSON.stringify(ack)}`);
  return { socket, received, ids: () => received.map((e) => e.id) };
}

/** A valid `usage_changed` event of `accountId` with a fresh id. */
export function usageEvent(accountId: string): RealtimeEvent {
  return {
    id: randomUUID(),
    type: 'usage_changed',
    accountId,
    occurredAt: new Date().toISOString(),
    payload: { metrics: ['disk'] },
  };
}

/** Polls `check` every 20 ms (through {@link eventually}) until it is true. @throws Error after `ms` */
export async function until(check: () => boolean, ms = 5000, what = 'a condition'): Promise<void> {
  await eventually(
    () => {
      if (!check()) throw new Error(`timed out waiting for ${what}`);
    },
    { timeoutMs: ms, intervalMs: 20 },
  );
}

/** Resolves after `ms`. */
export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Resolves with the reason `socket` is disconnected for (`already` when it is not connected). */
export function disconnectReason(socket: Socket): Promise<string> {
  return socket.connected
    ? new Promise((resolve) => socket.once('disconnect', (reason) => resolve(reason)))
    : Promise.resolve('already');
}

/**
 * Opens a socket.io client to `url` (no reconnection) with the `cookie` and `Origin` given; resolves with it, and with
 * the handshake's error when it was refused. The caller closes the socket.
 */
export function openSocket(
  url: string,
  options: { cookie?: string; origin?: string; transport?: 'websocket' | 'polling' } = {},
): Promise<{ socket: Socket; error?: Error }> {
  const socket = io(url, {
    transports: [options.transport ?? 'websocket'],
    extraHeaders: {
      ...(options.cookie ? { cookie: options.cookie } : {}),
      ...(options.origin ? { origin: options.origin } : {}),
    },
    reconnection: false,
  });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket }));
    socket.once('connect_error', (error: Error) => resolve({ socket, error }));
  });
}
