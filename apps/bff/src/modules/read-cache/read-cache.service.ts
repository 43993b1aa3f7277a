import { Inject, Injectable, Optional } from '@nestjs/common';
import type { BlockSource, ReadMeta, StatusBlockName } from '@portico/domain';
import { CachePort } from '../../core/cache/cache.port';
import { SwrCache } from '../../core/cache/swr-cache';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { MetricsService } from '../../core/metrics/metrics.service';
import { blockFailureReason, statusCacheWindows } from '../status-cache/status-cache.service';

/**
 * Upstream reads behind the read pages, each a cache group per account: every query of a resource (page, filter,
 * id) is its own entry, and invalidating the resource drops them all at once.
 */
export type ReadResource = 'profile' | 'invoices' | 'subscriptions' | 'domains' | 'payment_methods' | 'cases';

/** The upstream each resource comes from (the `source` of its {@link ReadMeta}). */
export const READ_RESOURCE_SOURCE: Readonly<Record<ReadResource, BlockSource>> = {
  profile: 'whmcs',
  invoices: 'whmcs',
  subscriptions: 'whmcs',
  domains: 'whmcs',
  payment_methods: 'whmcs',
  cases: 'salesforce',
};

/** The read resources behind each dashboard block, so that a change that touches a block refreshes its pages too. */
export const BLOCK_READ_RESOURCES: Readonly<Record<StatusBlockName, readonly ReadResource[]>> = {
  profile: ['profile'],
  crm: [],
  subscriptions: ['subscriptions'],
  billing: ['invoices'],
  cases: ['cases'],
  usage: [],
};

/** Who a read is for: the account, and the user when the data differs per user. */
export interface ReadScope {
  accountId: string;
  /** Set for user-specific data (keyed per user); the upstream reads of today are all per account. */
  userId?: string;
}

/** A read's data and its freshness. */
export interface CachedRead<T> {
  data: T;
  meta: ReadMeta;
}

/** Cache group of one resource of one account. */
export function readCacheGroup(accountId: string, resource: ReadResource): string {
  return `read:${accountId}:${resource}`;
}

/** A stable key of a query object (keys sorted), so `{ a, b }` and `{ b, a }` share an entry. */
export function readQueryKey(query: string | Readonly<Record<string, unknown>>): string {
  if (typeof query === 'string') return query;
  return Object.keys(query)
    .sort()
    .map((k) => `${k}=${JSON.stringify(query[k])}`)
    .join('&');
}

/**
 * Stale-while-revalidate cache of the read pages (a generalisation of `StatusCacheService` to any query): an entry
 * per account, resource, query (and user when the data is user-specific), on {@link SwrCache} with the same
 * windows as the dashboard blocks (`STATUS_CACHE_*`). Fresh entries are served as they are; past fresh they are
 * served stale while one refresh runs; when the upstream fails the last copy is served stale with the reason, so a
 * read that has data cached never fails. Loads are single-flight per key, across instances with Redis.
 * `invalidate` (webhooks, reconciliation, writes) makes every entry of a resource revalidate on its next read.
 */
@Injectable()
export class ReadCacheService {
  private readonly swr: SwrCache;

  constructor(cache: CachePort, @Inject(ENV) env: Env, @Optional() metrics?: MetricsService) {
    // Key `read:<accountId>:<resource>:<user>:<query>`: counted per resource (`portico_cache_reads_total{cache="read"}`).
    this.swr = new SwrCache(cache, statusCacheWindows(env), blockFailureReason, (key, outcome) =>
      metrics?.cacheRead('read', key.split(':')[2] ?? 'unknown', outcome),
    );
  }

  /**
   * The resource's data for `query`, from the cache or read by `load`, with its freshness.
   * @throws whatever `load` throws (e.g. `UpstreamException`) when nothing is cached to fall back on
   */
  async read<T>(
    scope: ReadScope,
    resource: ReadResource,
    query: string | Readonly<Record<string, unknown>>,
    load: () => Promise<T>,
  ): Promise<CachedRead<T>> {
    const key = `${scope.userId ?? '-'}:${readQueryKey(query)}`;
    const result = await this.swr.readInGroup(readCacheGroup(scope.accountId, resource), key, load);
    const meta: ReadMeta = {
      source: READ_RESOURCE_SOURCE[resource],
      fetchedAt: result.fetchedAt,
      stale: result.stale,
    };
    if (result.reason !== undefined) meta.reason = result.reason;
    return { data: result.data, meta };
  }

  /** Makes every cached query of these resources of the account revalidate (on every instance). */
  async invalidate(accountId: string, resources: readonly ReadResource[]): Promise<void> {
    await Promise.all(
      [...new Set(resources)].map((r) => this.swr.invalidateGroup(readCacheGroup(accountId, r))),
    );
  }

  /** {@link invalidate} for the resources behind dashboard blocks (see {@link BLOCK_READ_RESOURCES}). */
  invalidateBlocks(accountId: string, blocks: readonly StatusBlockName[]): Promise<void> {
    return this.invalidate(
      accountId,
      blocks.flatMap((b) => BLOCK_READ_RESOURCES[b]),
    );
  }
}
