import { Inject, Injectable } from '@nestjs/common';
import { CachePort } from '../cache/cache.port';
import { ENV } from '../config/config.module';
import type { Env } from '../config/env';

const KEY_PREFIX = 'auth:revoked-session:';

/**
 * A denylist of revoked sessions (refresh-token families) in the cache port (Redis when REDIS_URL is set, so every
 * instance sees it), kept for one access-token lifetime. Access tokens carry their session id (`sid`), so a revoked
 * session's access tokens stop working on the next request instead of living out their 15 minutes.
 */
@Injectable()
export class SessionRevocationService {
  constructor(
    private readonly cache: CachePort,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /** Marks the sessions revoked for `JWT_ACCESS_TTL_SECONDS` (longer than any of their access tokens lives). */
  async revoke(sessionIds: readonly string[]): Promise<void> {
    const ttlMs = this.env.JWT_ACCESS_TTL_SECONDS * 1000 + 5_000;
    await Promise.all(sessionIds.map((id) => this.cache.set(`${KEY_PREFIX}${id}`, true, ttlMs)));
  }

  /** Whether the session was revoked within the last access-token lifetime. */
  async isRevoked(sessionId: string): Promise<boolean> {
    return (await this.cache.get<boolean>(`${KEY_PREFIX}${sessionId}`)) === true;
  }
}
