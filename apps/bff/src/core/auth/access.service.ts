import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ENV } from '../config/config.module';
import type { Env } from '../config/env';
import { EventBus } from '../events/event-bus.port';
import type { AccessChange } from './access-events';
import { RedisConnections } from '../redis/redis.provider';
import { AccessCache } from './access.cache';
import { DbContext } from '../prisma/db-context';
import { AccessRepository } from './access.repository';
import { UUID_PATTERN, type AccountContext } from './session.types';

/**
 * Answers "may this user see this account?". Existing memberships are cached per instance for
 * `ACCESS_CACHE_TTL_MS` (0 disables the cache); whoever changes a role, removes a member, changes an account or a
 * user fact the context carries must call {@link invalidateMembership}, {@link invalidateAccount} or
 * {@link invalidateUser}, which drop the entry on every
 * instance (Redis pub/sub when `REDIS_URL` is set) and publish the change on the {@link EventBus}, so that realtime
 * connections the change affects are closed at once.
 */
@Injectable()
export class AccessService implements OnModuleInit {
  private readonly logger = new Logger('Access');
  private readonly cache: AccessCache | null;

  constructor(
    private readonly repository: AccessRepository,
    @Inject(ENV) env: Env,
    redis: RedisConnections,
    private readonly bus: EventBus,
  ) {
    this.cache =
      env.ACCESS_CACHE_TTL_MS > 0
        ? new AccessCache(
            env.ACCESS_CACHE_TTL_MS,
            redis.enabled ? { publisher: redis.client(), subscriber: redis.subscriber() } : null,
          )
        : null;
  }

  async onModuleInit(): Promise<void> {
    await this.cache?.listen();
  }

  /** The user's membership of the account as an {@link AccountContext}, or null (also for non-UUID ids). */
  async findMembership(userId: string, accountId: string): Promise<AccountContext | null> {
    if (!UUID_PATTERN.test(accountId) || !UUID_PATTERN.test(userId)) return null;
    const user = userId.toLowerCase();
    const account = accountId.toLowerCase();
    const cached = this.cache?.get(user, account);
    if (cached) return cached;
    // Before the account scope exists: the lookup runs in the user's scope (their own memberships only).
    const membership = await DbContext.runAsUser(userId, () =>
      this.repository.findMembership(userId, account),
    );
    if (membership) this.cache?.set(user, account, membership);
    return membership;
  }

  /**
   * Forgets the cached membership of `userId` in `accountId` on every instance, so the next request reads it
   * again (call after a role change or a removal, once the change is committed).
   * @param userId user id (UUID)
   * @param accountId account id (UUID)
   */
  async invalidateMembership(userId: string, accountId: string): Promise<void> {
    await this.cache?.invalidate({ userId: userId.toLowerCase(), accountId: accountId.toLowerCase() });
    await this.announce({
      type: 'membership_changed',
      userId: userId.toLowerCase(),
      accountId: accountId.toLowerCase(),
    });
  }

  /**
   * Forgets every cached membership of `userId` on every instance (call after changes to the user that the access
   * context carries, e.g. turning two-factor on or off).
   * @param userId user id (UUID)
   */
  async invalidateUser(userId: string): Promise<void> {
    await this.cache?.invalidate({ userId: userId.toLowerCase() });
    await this.announce({ type: 'user_access_changed', userId: userId.toLowerCase() });
  }

  /**
   * Forgets every cached membership of `accountId` on every instance (call after changes to the account itself,
   * e.g. its name, its WHMCS/Salesforce links or its two-factor requirement, or when it is deleted).
   * @param accountId account id (UUID)
   */
  async invalidateAccount(accountId: string): Promise<void> {
    await this.cache?.invalidate({ accountId: accountId.toLowerCase() });
    await this.announce({ type: 'account_access_changed', accountId: accountId.toLowerCase() });
  }

  /** Publishes an access change; a failure is logged (the cache's TTL and every later check still apply). */
  private async announce(change: AccessChange): Promise<void> {
    await this.bus.publishAccessChange(change).catch((err: unknown) => {
      this.logger.warn(
        { change: change.type, err: err instanceof Error ? err.message : String(err) },
        'access change not announced',
      );
    });
  }

  /** Whether the user carries the `platform_admin` flag (false for unknown users and non-UUID ids). */
  async isPlatformAdmin(userId: string): Promise<boolean> {
    if (!UUID_PATTERN.test(userId)) return false;
    return DbContext.runAsUser(userId, () => this.repository.isPlatformAdmin(userId));
  }
}
