/**
 * Key-value cache shared by the BFF's instances (Redis) or local to one (in-memory LRU).
 * Values must be JSON-serialisable: the Redis adapter stores JSON, so Dates come back as strings.
 */
export abstract class CachePort {
  /** The value under `key`, or undefined when absent or expired. */
  abstract get<T>(key: string): Promise<T | undefined>;
  /** Stores `value` under `key` for `ttlMs` milliseconds (> 0). */
  abstract set<T>(key: string, value: T, ttlMs: number): Promise<void>;
  /** Removes the keys (absent keys are ignored). */
  abstract del(...keys: string[]): Promise<void>;
}
