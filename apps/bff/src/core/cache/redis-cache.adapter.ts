import type { Redis } from 'ioredis';
import { CachePort } from './cache.port';

/** Prefix of every cache key in Redis. */
export const REDIS_CACHE_PREFIX = 'portico:cache:';

/** {@link CachePort} on Redis: JSON values with a millisecond expiry (`SET key value PX ttl`). */
export class RedisCacheAdapter extends CachePort {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = REDIS_CACHE_PREFIX,
  ) {
    super();
  }

  async get<T>(key: string): Promise<T | undefined> {
    const raw = await this.redis.get(this.prefix + key);
    if (raw === null) return undefined;
    return JSON.parse(raw) as T;
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    await this.redis.set(this.prefix + key, JSON.stringify(value), 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async del(...keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.redis.del(...keys.map((k) => this.prefix + k));
  }
}
