import { Inject, Injectable, Optional } from '@nestjs/common';
import type { StatusBlockName } from '@portico/domain';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { CachePort } from '../../core/cache/cache.port';
import { MetricsService } from '../../core/metrics/metrics.service';
import {
  SharedLoadError,
  SwrCache,
  type SwrEntry,
  type SwrResult,
  type SwrWindows,
} from '../../core/cache/swr-cache';
import { UpstreamException } from '../../integrations/upstream/upstream.exception';

/** A block value as read: the data, when it was read from its source, and whether it is served stale (and why). */
export type CachedBlock<T> = SwrResult<T>;

/** A block entry as stored, read ahead with {@link StatusCacheService.peek}. */
export type StoredBlock<T> = SwrEntry<T>;

/** Reason shown when a block failed for a reason other than its upstream. */
export const INTERNAL_FAILURE_REASON = 'Temporarily unavailable';

/** Cache key of one dashboard block. Every block is per account (no block holds user-specific data). */
export function statusCacheKey(accountId: string, block: StatusBlockName): string {
  return `status:${accountId}:${block}`;
}

/** The cache windows of the dashboard blocks and read pages (`STATUS_CACHE_*`), ms. */
export function statusCacheWindows(env: Env): SwrWindows {
  return {
    freshMs: env.STATUS_CACHE_TTL_MS,
    staleMs: env.STATUS_CACHE_STALE_MS ?? 0,
    staleIfErrorMs: env.STATUS_CACHE_STALE_IF_ERROR_MS ?? 0,
    lockMs: env.STATUS_CACHE_LOCK_MS ?? 3000,
  };
}

/** The user-safe reason of a block load failure: the upstream's safe message, else a generic one. */
export function blockFailureReason(err: unknown): string {
  if (err instanceof UpstreamException) return err.message;
  if (err instanceof SharedLoadError) return err.reason;
  return INTERNAL_FAILURE_REASON;
}

/**
 * Stale-while-revalidate cache of the dashboard blocks (`status:<accountId>:<block>`) over {@link CachePort}:
 * fresh for `STATUS_CACHE_TTL_MS`, then served stale while refreshed in the background for
 * `STATUS_CACHE_STALE_MS`, and served stale when the upstream fails for `STATUS_CACHE_STALE_IF_ERROR_MS`.
 * Loads are single-flight per key in the process and, with Redis, across instances (a lock leased for
 * `STATUS_CACHE_LOCK_MS`, renewed while the load runs). Failures are never cached as values. See {@link SwrCache}.
 */
@Injectable()
export class StatusCacheService {
  private readonly swr: SwrCache;

  constructor(
    cache: CachePort,
    @Inject(ENV) env: Env,
    @Optional() private readonly metrics?: MetricsService,
  ) {
    // Key `status:<accountId>:<block>`: counted per block (`portico_cache_reads_total{cache="status"}`).
    this.swr = new SwrCache(cache, statusCacheWindows(env), blockFailureReason, (key, outcome) =>
      metrics?.cacheRead('status', key.slice(key.lastIndexOf(':') + 1), outcome),
    );
  }

  /** Reads the stored entries of several blocks of an account in one round trip (for {@link getOrLoad}'s `known`). */
  peek(
    accountId: string,
    blocks: readonly StatusBlockName[],
  ): Promise<Array<StoredBlock<unknown> | undefined>> {
    return this.swr.peek(blocks.map((b) => statusCacheKey(accountId, b)));
  }

  /**
   * The block, fresh or stale from the cache, or read by `load` (stored with the time it was read).
   * @param options `known`: the entry read ahead with {@link peek} (undefined when absent); without options the
   *   entry is read here
   * @throws whatever `load` throws (shared by every concurrent caller of the same key), or a
   *   {@link SharedLoadError} when another instance's load failed, when there is no cached value to serve
   */
  getOrLoad<T>(
    accountId: string,
    block: StatusBlockName,
    load: () => Promise<T>,
    options?: { known: StoredBlock<T> | undefined },
  ): Promise<CachedBlock<T>> {
    return this.swr.read(statusCacheKey(accountId, block), load, options ? options.known : null);
  }

  /** Counts reads of fresh blocks served from entries read with {@link peek} (the document's fast path) as hits. */
  countFreshReads(blocks: readonly StatusBlockName[]): void {
    for (const block of blocks) this.metrics?.cacheRead('status', block, 'hit');
  }

  /** Drops the named blocks of an account so the next read goes upstream (used by webhooks and writes). */
  async invalidate(accountId: string, blocks: readonly StatusBlockName[]): Promise<void> {
    await this.swr.invalidate(blocks.map((b) => statusCacheKey(accountId, b)));
  }
}
