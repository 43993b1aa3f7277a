/** State of the tab's live connection, as shown by the connection indicator. */
export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline';

let state: ConnectionState = 'connecting';
const listeners = new Set<() => void>();

/** The live connection's current state. */
export function connectionState(): ConnectionState {
  return state;
}

/** Sets the state and tells every subscriber (no-op when unchanged). */
export function setConnectionState(next: ConnectionState): void {
  if (next === state) return;
  state = next;
  for (const listener of listeners) listener();
}

/** Calls `listener` on every state change; returns the unsubscribe function. */
export function subscribeConnectionState(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
