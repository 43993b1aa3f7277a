'use client';

import { useConnectionState, type ConnectionState } from '@/lib/realtime';

const LABEL: Readonly<Record<ConnectionState, string>> = {
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
};

const DESCRIPTION: Readonly<Record<ConnectionState, string>> = {
  connecting: 'Connecting to live updates',
  connected: 'Live updates on: changes appear without reloading',
  reconnecting: 'Live updates interrupted, reconnecting',
  offline: 'Offline: the page shows the last data received',
};

/** Live-update status, announced politely to screen readers when it changes. */
export function ConnectionIndicator() {
  const state = useConnectionState();
  return (
    <span className={`connection connection--${state}`} data-testid="connection" data-state={state} title={DESCRIPTION[state]} role="status" aria-live="polite">
      <span className="connection__dot" aria-hidden="true" />
      <span className="connection__label">{LABEL[state]}</span>
      <span className="visually-hidden">{DESCRIPTION[state]}</span>
    </span>
  );
}
