import { Logger } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { AccountContext } from './session.types';

/** Redis channel on which instances tell each other to drop cached memberships. */
export const ACCESS_INVALIDATION_CHANNEL = 'portico:access:invalidate';

/**
 * A broadcast invalidation: one membership (`userId` + `accountId`), every membership of `accountId`, or every
 * membership of `userId` (user facts such as two-factor are part of the cached context).
 */
const invalidationSchema = z
  .object({ accountId: z.string().min(1).optional(), userId: z.string().min(1).optional() })
  .refine((v) => v.accountId !== undefined || v.userId !== undefined, 'accountId or userId is required');
type Invalidation = z.infer<typeof invalidationSchema>;

/** Most memberships kept per instance. */
const MAX_ENTRIES = 50_000;

/**
 * Short-lived, per-instance cache of positive membership lookups (`userId` + `accountId` -> {@link AccountContext}),
 * so the hot path of account-scoped reads does not query PostgreSQL on every request. Only memberships that exist
 * are cached (a new member is never refused from the cache). Invalidations are applied here and, with Redis,
 * broadcast on {@link ACCESS_INVALIDATION_CHANNEL} so every instance drops the entry at once; `ttlMs` bounds how
 * long a missed broadcast can keep a removed member in.
 */
export class AccessCache {
  private readonly logger = new Logger(AccessCache.name);
  private readonly entries: LRUCache<string, AccountContext>;
  /** Cache keys per account and per user, for whole-account and whole-user invalidations. */
  private readonly byAccount = new Map<string, Set<string>>();
  private readonly byUser = new Map<string, Set<string>>();
  private subscribed: Promise<unknown> | null = null;

  /**
   * @param ttlMs lifetime of an entry, ms (> 0)
   * @param redis publisher and subscriber connections, or null for a single instance
   */
  constructor(
    ttlMs: number,
    private readonly redis: { publisher: Redis; subscriber: Redis } | null,
  ) {
    this.entries = new LRUCache<string, AccountContext>({
      max: MAX_ENTRIES,
      ttl: ttlMs,
      dispose: (_value, key) => this.unindex(key),
    });
    if (redis) {
      redis.subscriber.on('message', (channel: string, message: string) => {
        if (channel === ACCESS_INVALIDATION_CHANNEL) this.onMessage(message);
      });
    }
  }

  /** Starts listening for other instances' invalidations (resolves once subscribed). */
  async listen(): Promise<void> {
    if (!this.redis) return;
    this.subscribed ??= this.redis.subscriber.subscribe(ACCESS_INVALIDATION_CHANNEL).catch((err: unknown) => {
      this.subscribed = null;
      this.logger.error(
        `Cannot subscribe to ${ACCESS_INVALIDATION_CHANNEL}: ${err instanceof Error ? err.message : String(err)}`,
      );
    });
    await this.subscribed;
  }

  get(userId: string, accountId: string): AccountContext | undefined {
    return this.entries.get(key(userId, accountId));
  }

  set(userId: string, accountId: string, membership: AccountContext): void {
    const k = key(userId, accountId);
    this.entries.set(k, membership);
    index(this.byAccount, accountId, k);
    index(this.byUser, userId, k);
  }

  /** Drops one membership here and on every instance. */
  async invalidate(change: Invalidation): Promise<void> {
    this.apply(change);
    if (this.redis) await this.redis.publisher.publish(ACCESS_INVALIDATION_CHANNEL, JSON.stringify(change));
  }

  private apply({ accountId, userId }: Invalidation): void {
    if (userId !== undefined && accountId !== undefined) {
      this.entries.delete(key(userId, accountId));
      return;
    }
    const keys =
      accountId !== undefined
        ? this.byAccount.get(accountId)
        : userId !== undefined
          ? this.byUser.get(userId)
          : undefined;
    for (const k of [...(keys ?? [])]) this.entries.delete(k);
  }

  private unindex(k: string): void {
    const colon = k.indexOf(':');
    unindexFrom(this.byUser, k.slice(0, colon), k);
    unindexFrom(this.byAccount, k.slice(colon + 1), k);
  }

  private onMessage(message: string): void {
    let json: unknown;
    try {
      json = JSON.parse(message);
    } catch {
      this.logger.warn('Dropped an access invalidation that is not JSON');
      return;
    }
    const parsed = invalidationSchema.safeParse(json);
    if (!parsed.success) {
      this.logger.warn('Dropped a malformed access invalidation');
      return;
    }
    this.apply(parsed.data);
  }
}

function index(map: Map<string, Set<string>>, id: string, k: string): void {
  let keys = map.get(id);
  if (!keys) {
    keys = new Set();
    map.set(id, keys);
  }
  keys.add(k);
}

function unindexFrom(map: Map<string, Set<string>>, id: string, k: string): void {
  const keys = map.get(id);
  if (!keys) return;
  keys.delete(k);
  if (keys.size === 0) map.delete(id);
}

function key(userId: string, accountId: string): string {
  return `${userId}:${accountId}`;
}
