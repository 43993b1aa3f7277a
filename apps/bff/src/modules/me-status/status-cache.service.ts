import { Inject, Injectable } from '@nestjs/common';
import type { StatusBlockName } from '@portico/domain';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { CachePort } from '../../core/cache/cache.port';

/** A block value as cached: the data and when it was read from its source (ISO 8601). */
export interface CachedBlock<T> {
  data: T;
  fetchedAt: string;
}

/** Cache key of one dashboard block. */
export function statusCacheKey(accountId: string, block: StatusBlockName): string {
  return `status:${accountId}:${block}`;
}

/**
 * Cache of the dashboard blocks (`status:<accountId>:<block>`, TTL `STATUS_CACHE_TTL_MS`) over {@link CachePort},
 * with single-flight loading per key inside the process: concurrent readers of a missing block share one
 * upstream call. Failures are never cached. A load that started before an {@link invalidate} does not write its
 * (possibly outdated) result back.
 */
@Injectable()
export class StatusCacheService {
  private readonly inflight = new Map<string, Promise<CachedBlock<unknown>>>();
  private readonly generations = new Map<string, number>();

  constructor(
    private readonly cache: CachePort,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /**
   * The cached block, or the result of `load` (stored with the time it was read).
   * @throws whatever `load` throws (shared by every concurrent caller of the same key)
   */
  async getOrLoad<T>(accountId: string, block: StatusBlockName, load: () => Promise<T>): Promise<CachedBlock<T>> {
    const key = statusCacheKey(accountId, block);
    const cached = await this.cache.get<CachedBlock<T>>(key);
    if (cached !== undefined) return cached;

    const running = this.inflight.get(key) as Promise<CachedBlock<T>> | undefined;
    if (running) return running;

    const generation = this.generations.get(key) ?? 0;
    const loading = (async (): Promise<CachedBlock<T>> => {
      const data = await load();
      const value: CachedBlock<T> = { data, fetchedAt: new Date().toISOString() };
      if ((this.generations.get(key) ?? 0) === generation && this.env.STATUS_CACHE_TTL_MS > 0) {
        await this.cache.set(key, value, this.env.STATUS_CACHE_TTL_MS);
      }
      return value;
    })();
    this.inflight.set(key, loading);
    try {
      return await loading;
    } finally {
      if (this.inflight.get(key) === loading) this.inflight.delete(key);
    }
  }

  /** Drops the named blocks of an account so the next read goes upstream (used by webhooks and writes). */
  async invalidate(accountId: string, blocks: readonly StatusBlockName[]): Promise<void> {
    if (blocks.length === 0) return;
    const keys = blocks.map((b) => statusCacheKey(accountId, b));
    for (const key of keys) {
      this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
      this.inflight.delete(key);
    }
    await this.cache.del(...keys);
  }
}
