import { Inject, Injectable } from '@nestjs/common';
import { ENV } from '../../config/config.module';
import type { Env } from '../../config/env';
import { AppException } from '../app.exception';
import { RateLimitStore, type LockoutPolicy } from './rate-limit.store';

/** How long earlier lockouts make the next one longer: one day. */
const STRIKE_MEMORY_MS = 86_400_000;

/**
 * Login lockout per IP and email (also used for the two-factor step, per IP and user): after
 * `LOGIN_MAX_FAILURES_PER_MINUTE` failures within a minute the pair is locked out for `LOGIN_LOCKOUT_BASE_MS`,
 * doubling with each further lockout within a day up to `LOGIN_LOCKOUT_MAX_MS`. Successful attempts do not count.
 * Keys never hold the plain email: callers pass a digest.
 */
@Injectable()
export class LoginLockoutService {
  private readonly policy: LockoutPolicy;

  constructor(
    private readonly store: RateLimitStore,
    @Inject(ENV) env: Env,
  ) {
    this.policy = {
      windowMs: 60_000,
      maxFailures: env.LOGIN_MAX_FAILURES_PER_MINUTE,
      baseMs: env.LOGIN_LOCKOUT_BASE_MS,
      maxMs: env.LOGIN_LOCKOUT_MAX_MS,
      memoryMs: STRIKE_MEMORY_MS,
    };
  }

  /** @throws AppException 429 `rate_limited` with `Retry-After` while `key` is locked out */
  async assertNotLocked(key: string): Promise<void> {
    const ms = await this.store.lockedForMs(key);
    if (ms > 0) throw this.locked(ms);
  }

  /**
   * Counts a failure of `key`.
   * @returns the lockout it started, ms (0 when none)
   */
  async recordFailure(key: string): Promise<number> {
    return this.store.recordFailure(key, this.policy);
  }

  /** The 429 answer of a lockout lasting `ms` more. */
  locked(ms: number): AppException {
    const seconds = Math.max(1, Math.ceil(ms / 1000));
    return AppException.rateLimited(seconds, `Too many failed attempts: try again in ${seconds} s`, {
      'RateLimit-Policy': `"login";q=${this.policy.maxFailures};w=60`,
      RateLimit: `"login";r=0;t=${seconds}`,
    });
  }
}
