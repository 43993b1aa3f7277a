import { Inject, Injectable, Logger } from '@nestjs/common';
import { CachePort } from '../cache/cache.port';
import { ENV } from '../config/config.module';
import type { Env } from '../config/env';
import { EventBus } from '../events/event-bus.port';
import { isSessionRevoked, REVOKED_SESSION_KEY_PREFIX } from './revoked-sessions';

/**
 * A denylist of revoked sessions (refresh-token families) in the cache port (Redis when REDIS_URL is set, so every
 * instance sees it), kept for one access-token lifetime. Access tokens carry their session id (`sid`), so a revoked
 * session's access tokens stop working on the next request instead of living out their 15 minutes. Each revocation
 * is also published on the {@link EventBus} (`session_revoked`), so open realtime connections of the sessions are
 * closed at once on every instance.
 */
@Injectable()
export class SessionRevocationService {
  private readonly logger = new Logger('SessionRevocation');

  constructor(
    private readonly cache: CachePort,
    private readonly bus: EventBus,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /**
   * Marks the sessions revoked for `JWT_ACCESS_TTL_SECONDS` (longer than any of their access tokens lives) and
   * announces it. A failed announcement is logged only: the denylist still refuses every later request and handshake.
   */
  async revoke(sessionIds: readonly string[]): Promise<void> {
    if (sessionIds.length === 0) return;
    const ttlMs = this.env.JWT_ACCESS_TTL_SECONDS * 1000 + 5_000;
    await Promise.all(
      sessionIds.map((id) => this.cache.set(`${REVOKED_SESSION_KEY_PREFIX}${id}`, true, ttlMs)),
    );
    for (let i = 0; i < sessionIds.length; i += 1000) {
      await this.bus
        .publishAccessChange({ type: 'session_revoked', sessionIds: sessionIds.slice(i, i + 1000) })
        .catch((err: unknown) => {
          this.logger.warn(
            { err: err instanceof Error ? err.message : String(err) },
            'session revocation not announced to other instances',
          );
        });
    }
  }

  /** Whether the session was revoked within the last access-token lifetime. */
  async isRevoked(sessionId: string): Promise<boolean> {
    return isSessionRevoked(this.cache, sessionId);
  }
}
