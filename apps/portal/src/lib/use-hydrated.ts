import { useSyncExternalStore } from 'react';

const subscribe = (): (() => void) => () => {};

/**
 * False in the server's HTML and until React has hydrated the component, true afterwards.
 *
 * Forms that must not submit natively (a pre-hydration submit would send the fields as a GET query string, passwords
 * included, and lose the answer) keep their submit button disabled until this turns true. A disabled submit button
 * also blocks implicit submission with Enter.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
