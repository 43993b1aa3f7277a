import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { CachePort } from './cache.port';

/** Prefix of every cache key in Redis. */
export const REDIS_CACHE_PREFIX = 'portico:cache:';

/** Deletes KEYS[1] when it holds ARGV[1] (lock release that never drops another owner's lock). */
const DELETE_IF_EQUALS =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** Sets KEYS[1]'s expiry to ARGV[2] ms when it holds ARGV[1] (lock renewal). */
const EXPIRE_IF_EQUALS =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

/** Characters of raw JSON whose parsed values {@link RedisCacheAdapter} keeps for reuse (about 2 bytes each). */
export const PARSED_MEMO_MAX_CHARS = 4_000_000;

/**
 * {@link CachePort} on Redis: JSON values with a millisecond expiry (`SET key value PX ttl`).
 *
 * A value read again unchanged (the same JSON text under the same key) is the object parsed the first time, not a
 * new parse: hot entries such as the status blocks are read on every request and change rarely, and the status
 * serialiser remembers the JSON of each block object. Values handed out must therefore never be mutated, as with
 * the in-memory adapter.
 */
export class RedisCacheAdapter extends CachePort {
  readonly shared = true;
  private readonly parsed = new LRUCache<string, { raw: string; value: unknown }>({
    maxSize: PARSED_MEMO_MAX_CHARS,
    sizeCalculation: (entry) => Math.max(1, entry.raw.length),
  });

  /** The value of `raw` read under `key`: the remembered object when the text is unchanged. */
  private parse<T>(key: string, raw: string): T {
    const known = this.parsed.get(key);
    if (known !== undefined && known.raw === raw) return known.value as T;
    const value = JSON.parse(raw) as T;
    if (raw.length <= PARSED_MEMO_MAX_CHARS / 16) this.parsed.set(key, { raw, value });
    return value;
  }

  constructor(
    private readonly redis: Redis,
    private readonly prefix = REDIS_CACHE_PREFIX,
  ) {
    super();
  }

  async get<T>(key: string): Promise<T | undefined> {
    const raw = await this.redis.get(this.prefix + key);
    if (raw === null) return undefined;
    return this.parse<T>(key, raw);
  }

  async getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>> {
    if (keys.length === 0) return [];
    const raws = await this.redis.mget(...keys.map((k) => this.prefix + k));
    return raws.map((raw, i) => (raw === null ? undefined : this.parse<T>(keys[i] as string, raw)));
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    await this.redis.set(this.prefix + key, JSON.stringify(value), 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const result = await this.redis.set(
      this.prefix + key,
      JSON.stringify(value),
      'PX',
      Math.max(1, Math.round(ttlMs)),
      'NX',
    );
    return result === 'OK';
  }

  async extendIfEquals(key: string, value: string, ttlMs: number): Promise<boolean> {
    const result = await this.redis.eval(
      EXPIRE_IF_EQUALS,
      1,
      this.prefix + key,
      JSON.stringify(value),
      Math.max(1, Math.round(ttlMs)),
    );
    return result === 1;
  }

  async deleteIfEquals(key: string, value: string): Promise<void> {
    await this.redis.eval(DELETE_IF_EQUALS, 1, this.prefix + key, JSON.stringify(value));
  }

  async del(...keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.redis.del(...keys.map((k) => this.prefix + k));
  }
}
