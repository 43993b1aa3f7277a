import { CachePort } from './cache.port';

/** Longest a reader waits on a lock another instance keeps renewing, in lock leases. */
export const MAX_WAIT_LEASES = 20;

/**
 * Keeps a lock alive while its holder works: renews the lease (`ttlMs`) every third of it, so a live holder never
 * loses the lock and a dead one (crashed, or cut from Redis) frees it within one lease.
 * @returns stops the renewals
 */
export function renewWhileHeld(cache: CachePort, key: string, token: string, ttlMs: number): () => void {
  const timer = setInterval(
    () => {
      cache.extendIfEquals(key, token, ttlMs).catch(() => undefined);
    },
    Math.max(10, Math.floor(ttlMs / 3)),
  );
  timer.unref();
  return () => clearInterval(timer);
}
