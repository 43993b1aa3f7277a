import type { CachePort } from '../cache/cache.port';

/** Cache key prefix of the revoked-session denylist (`auth:revoked-session:<session id>` -> true). */
export const REVOKED_SESSION_KEY_PREFIX = 'auth:revoked-session:';

/**
 * Whether the session is on the denylist `SessionRevocationService` writes (within the last access-token lifetime).
 * Plain, so that the separate realtime process reads the same keys from the shared Redis cache.
 * @throws the cache's error when it cannot be read
 */
export async function isSessionRevoked(cache: CachePort, sessionId: string): Promise<boolean> {
  return (await cache.get<boolean>(`${REVOKED_SESSION_KEY_PREFIX}${sessionId}`)) === true;
}
