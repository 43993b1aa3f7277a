import { LRUCache } from 'lru-cache';
import { CachePort } from './cache.port';

/** In-process {@link CachePort} (lru-cache) for a single BFF instance. Values are stored by reference. */
export class MemoryCacheAdapter extends CachePort {
  readonly shared: boolean = false;
  private readonly lru: LRUCache<string, { value: unknown }>;

  /**
   * @param maxEntries entries kept before the least recently used is evicted
   * @param monotonic the clock the time-to-live counts on (default `performance`; tests pass a fake one)
   */
  constructor(maxEntries = 10_000, monotonic?: { now(): number }) {
    super();
    this.lru = new LRUCache<string, { value: unknown }>({
      max: maxEntries,
      ttlAutopurge: false,
      ...(monotonic ? { perf: monotonic } : {}),
    });
  }

  async get<T>(key: string): Promise<T | undefined> {
    return this.lru.get(key)?.value as T | undefined;
  }

  async getMany<T>(keys: readonly string[]): Promise<Array<T | undefined>> {
    return keys.map((key) => this.lru.get(key)?.value as T | undefined);
  }

  async set<T>(key: string, value: T, ttlMs: number): Promise<void> {
    this.lru.set(key, { value }, { ttl: Math.max(1, Math.round(ttlMs)) });
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.lru.has(key)) return false;
    this.lru.set(key, { value }, { ttl: Math.max(1, Math.round(ttlMs)) });
    return true;
  }

  async extendIfEquals(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.lru.get(key)?.value !== value) return false;
    this.lru.set(key, { value }, { ttl: Math.max(1, Math.round(ttlMs)) });
    return true;
  }

  async deleteIfEquals(key: string, value: string): Promise<void> {
    if (this.lru.get(key)?.value === value) this.lru.delete(key);
  }

  async del(...keys: string[]): Promise<void> {
    for (const key of keys) this.lru.delete(key);
  }
}
