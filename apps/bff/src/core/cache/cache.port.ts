/**
 * Key-value cache shared by the BFF's instances (Redis) or local to one (in-memory LRU).
 * Values must be JSON-serialisable: the Redis adapter stores JSON, so Dates come back as strings.
 */
export abstract class CachePort {
  /** True when every BFF instance sees the same entries (Redis): locks then coordinate instances. */
  abstract readonly shared: boolean;
  /** The value under `key`, or undefined when absent or expired. */
  abstract get<T>(key: string): Promise<T | undefined>;
  /** The values under `keys`, in order (one round trip with Redis: `MGET`). */
  abstract getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>>;
  /** Stores `value` under `key` for `ttlMs` milliseconds (> 0). */
  abstract set<T>(key: string, value: T, ttlMs: number): Promise<void>;
  /**
   * Stores `value` under `key` for `ttlMs` only when the key is absent (Redis `SET NX PX`): a lock.
   * @returns true when stored (the caller holds the lock)
   */
  abstract setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /**
   * Sets the expiry of `key` to `ttlMs` only while it still holds `value` (renews a lock the caller still owns).
   * @returns false when the key is gone or holds another value
   */
  abstract extendIfEquals(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Removes `key` only while it still holds `value` (releases a lock the caller still owns). */
  abstract deleteIfEquals(key: string, value: string): Promise<void>;
  /** Removes the keys (absent keys are ignored). */
  abstract del(...keys: string[]): Promise<void>;
}
