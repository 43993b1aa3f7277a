import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { CachePort } from './cache.port';
import { MAX_WAIT_LEASES, renewWhileHeld } from './lock-lease';

/** Windows of a {@link SwrCache}, ms. */
export interface SwrWindows {
  /** A value younger than this is fresh: served as is. 0 disables caching (every read loads). */
  readonly freshMs: number;
  /** Past fresh, for this long: served at once as stale while one background load refreshes it. */
  readonly staleMs: number;
  /** Past fresh, for this long: when a load fails, the last good value is still served (stale, with the reason). */
  readonly staleIfErrorMs: number;
  /**
   * Lease of a load's single-flight lock, renewed while the load runs: a holder that dies frees it within one
   * lease. Readers on other instances wait while it is held (at most {@link MAX_WAIT_LEASES} leases).
   */
  readonly lockMs: number;
}

/** A value as stored: the data, when it was read from its source, and the last failed refresh. */
export interface SwrEntry<T> {
  data: T;
  /** When `data` was read from its source (ISO 8601). */
  fetchedAt: string;
  /** Epoch ms after which the value is stale. */
  freshUntil: number;
  /** Safe reason of the last failed refresh since `fetchedAt`, if any. */
  error?: string;
  /** Epoch ms of that failure. */
  errorAt?: number;
  /** Epoch ms at which the load that produced `data` started (compared with a group's invalidation time). */
  loadStartedAt?: number;
}

/** What a read returns. */
export interface SwrResult<T> {
  data: T;
  /** When `data` was read from its source (ISO 8601). */
  fetchedAt: string;
  /** Served past its fresh time (a refresh is under way in the background, or the source failed). */
  stale: boolean;
  /** Why a stale value could not be refreshed (safe for users); absent while a refresh is merely under way. */
  reason?: string;
}

/** Failure of a load run by another BFF instance, seen by a reader that waited for it. */
export class SharedLoadError extends Error {
  /** @param reason the safe reason the loading instance recorded */
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SharedLoadError';
  }
}

/** Record left for a short time by a failed cold load, so readers waiting on other instances fail alike. */
interface FailureMarker {
  reason: string;
  at: number;
}

const POLL_MIN_MS = 10;
const POLL_MAX_MS = 100;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Stale-while-revalidate cache over {@link CachePort}, with single-flight loading per key: inside the process
 * (concurrent readers share one promise) and, when the cache is shared (Redis), across instances through a lock
 * (`SET NX PX`) whose holder loads while the others poll the cache for its result. So N concurrent cold reads of a
 * key cause one load, whatever the number of instances.
 *
 * Reads: fresh -> served; stale (within `staleMs`) -> served at once, one background refresh; past that but
 * within `staleIfErrorMs` -> a refresh is awaited and, when it fails, the old value is served stale with the
 * reason; absent -> loaded (a failure is thrown). A failed refresh is recorded on the entry (`error`), so other
 * readers and instances report why the value is stale. Failures are never cached as values.
 *
 * Invalidation drops keys; a load that started before an invalidation does not write its (possibly outdated)
 * result back, in this process and, through a short-lived tombstone, in the others.
 */
export class SwrCache {
  private readonly logger = new Logger(SwrCache.name);
  private readonly inflight = new Map<string, Promise<SwrEntry<unknown>>>();
  private readonly generations = new Map<string, number>();
  private readonly groupGenerations = new Map<string, number>();

  /**
   * @param cache the store (Redis or in-memory)
   * @param windows fresh, stale and stale-if-error windows and lock time, ms
   * @param reasonOf the safe (user-facing) reason of a load failure
   * @param observe told of every read's outcome (metrics): `hit` fresh, `stale` served stale, `miss` loaded
   */
  constructor(
    private readonly cache: CachePort,
    private readonly windows: SwrWindows,
    private readonly reasonOf: (err: unknown) => string,
    private readonly observe: (key: string, outcome: 'hit' | 'stale' | 'miss') => void = () => undefined,
  ) {}

  /** Reads several keys in one round trip (to hand each to {@link read} as `known`). */
  async peek<T>(keys: readonly string[]): Promise<Array<SwrEntry<T> | undefined>> {
    if (this.windows.freshMs <= 0) return keys.map(() => undefined);
    return this.cache.getMany<SwrEntry<T>>(keys);
  }

  /**
   * The value of `key`, served per the windows (see the class).
   * @param load reads the value from its source
   * @param known the entry already read with {@link peek} (null: read it here)
   * @throws the error of `load` (or {@link SharedLoadError} when another instance's load failed) when there is no
   *   value to fall back on
   */
  async read<T>(
    key: string,
    load: () => Promise<T>,
    known: SwrEntry<T> | undefined | null = null,
  ): Promise<SwrResult<T>> {
    if (this.windows.freshMs <= 0) {
      this.observe(key, 'miss');
      const entry = await this.loadShared(key, load, undefined);
      return { data: entry.data, fetchedAt: entry.fetchedAt, stale: false };
    }
    const entry = known === null ? await this.cache.get<SwrEntry<T>>(key) : known;
    if (entry === undefined) {
      this.observe(key, 'miss');
      const loaded = await this.loadShared(key, load, undefined);
      return { data: loaded.data, fetchedAt: loaded.fetchedAt, stale: false };
    }
    return this.serve(key, entry, load);
  }

  /**
   * The value of `key` in `group` (a set of keys invalidated together, e.g. every page of one account's invoice
   * list), served per the windows like {@link read}. The entry and the group's invalidation mark are read in one
   * round trip. An entry loaded before its group was invalidated is not served as it is: a load is awaited, and
   * when it fails the old value is served stale with the reason (within the windows), so an outage right after a
   * webhook still shows the last copy instead of an error.
   * @throws the error of `load` when there is no value to fall back on
   */
  async readInGroup<T>(group: string, key: string, load: () => Promise<T>): Promise<SwrResult<T>> {
    const fullKey = `${group}:${key}`;
    if (this.windows.freshMs <= 0) {
      this.observe(fullKey, 'miss');
      const entry = await this.loadShared(fullKey, load, undefined, false, group);
      return { data: entry.data, fetchedAt: entry.fetchedAt, stale: false };
    }
    const [stored, mark] = await this.cache.getMany<unknown>([fullKey, groupMarkKey(group)]);
    const entry = stored as SwrEntry<T> | undefined;
    const invalidatedAt = mark as number | undefined;
    if (entry === undefined) {
      this.observe(fullKey, 'miss');
      const loaded = await this.loadShared(fullKey, load, undefined, false, group);
      return { data: loaded.data, fetchedAt: loaded.fetchedAt, stale: false };
    }
    const loadedAt = entry.loadStartedAt ?? Date.parse(entry.fetchedAt);
    if (invalidatedAt === undefined || loadedAt > invalidatedAt)
      return this.serve(fullKey, entry, load, group);
    // Invalidated since it was loaded: must revalidate; the old copy only stands in for a failure.
    const freshUntil = Math.min(entry.freshUntil, invalidatedAt);
    try {
      const loaded = await this.loadShared(fullKey, load, { ...entry, freshUntil }, false, group);
      this.observe(fullKey, 'miss');
      return { data: loaded.data, fetchedAt: loaded.fetchedAt, stale: false };
    } catch (err) {
      if (Date.now() - freshUntil < this.retentionMs()) {
        this.observe(fullKey, 'stale');
        return { ...this.staleResult(entry), reason: this.reasonOf(err) };
      }
      throw err;
    }
  }

  /**
   * Invalidates every key of `group`: reads load again (serving the old copy only if that fails) and loads under way
   * do not write back, on every instance. One write whatever the number of keys: the group's invalidation time.
   */
  async invalidateGroup(group: string): Promise<void> {
    const prefix = `${group}:`;
    for (const key of [...this.inflight.keys()]) if (key.startsWith(prefix)) this.inflight.delete(key);
    this.groupGenerations.set(group, (this.groupGenerations.get(group) ?? 0) + 1);
    // Kept as long as the entries it outdates can live.
    await this.cache.set(groupMarkKey(group), Date.now(), this.ttlMs() + this.windows.lockMs);
  }

  /** A present, not invalidated entry: fresh, stale with a background refresh, or stale-if-error (see {@link read}). */
  private async serve<T>(
    key: string,
    entry: SwrEntry<T>,
    load: () => Promise<T>,
    group?: string,
  ): Promise<SwrResult<T>> {
    const now = Date.now();
    if (now < entry.freshUntil) {
      this.observe(key, 'hit');
      return { data: entry.data, fetchedAt: entry.fetchedAt, stale: false };
    }
    const pastFresh = now - entry.freshUntil;
    if (pastFresh < this.windows.staleMs) {
      this.observe(key, 'stale');
      void this.loadShared(key, load, entry, true, group).catch(() => undefined);
      return this.staleResult(entry);
    }
    if (pastFresh < this.windows.staleIfErrorMs) {
      try {
        const loaded = await this.loadShared(key, load, entry, false, group);
        this.observe(key, 'miss');
        return { data: loaded.data, fetchedAt: loaded.fetchedAt, stale: false };
      } catch (err) {
        this.observe(key, 'stale');
        return { ...this.staleResult(entry), reason: this.reasonOf(err) };
      }
    }
    this.observe(key, 'miss');
    const loaded = await this.loadShared(key, load, entry, false, group);
    return { data: loaded.data, fetchedAt: loaded.fetchedAt, stale: false };
  }

  /** Drops `keys`: the next read loads; loads under way do not write back. */
  async invalidate(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    for (const key of keys) {
      this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
      this.inflight.delete(key);
    }
    const tombstones = this.cache.shared
      ? keys.map((k) => this.cache.set(tombstoneKey(k), Date.now(), this.windows.lockMs))
      : [];
    await Promise.all([this.cache.del(...keys), ...tombstones]);
  }

  private staleResult<T>(entry: SwrEntry<T>): SwrResult<T> {
    const result: SwrResult<T> = { data: entry.data, fetchedAt: entry.fetchedAt, stale: true };
    if (entry.error !== undefined) result.reason = entry.error;
    return result;
  }

  /**
   * One load of `key` at a time in this process; with a shared cache, one across instances.
   * @param background a refresh nobody waits for: when another instance holds the lock, leave it to that one
   */
  private loadShared<T>(
    key: string,
    load: () => Promise<T>,
    previous: SwrEntry<T> | undefined,
    background = false,
    group?: string,
  ): Promise<SwrEntry<T>> {
    const running = this.inflight.get(key) as Promise<SwrEntry<T>> | undefined;
    if (running) return running;
    const loading = this.cache.shared
      ? this.loadAcrossInstances(key, load, previous, background, group)
      : this.loadAndStore(key, load, previous, group);
    this.inflight.set(key, loading);
    const settle = (): void => {
      if (this.inflight.get(key) === loading) this.inflight.delete(key);
    };
    loading.then(settle, settle);
    return loading;
  }

  private async loadAcrossInstances<T>(
    key: string,
    load: () => Promise<T>,
    previous: SwrEntry<T> | undefined,
    background: boolean,
    group?: string,
  ): Promise<SwrEntry<T>> {
    const started = Date.now();
    const deadline = started + this.windows.lockMs * MAX_WAIT_LEASES;
    let pollMs = POLL_MIN_MS;
    for (;;) {
      const token = randomUUID();
      if (await this.cache.setIfAbsent(lockKey(key), token, this.windows.lockMs)) {
        const stopRenewing = renewWhileHeld(this.cache, lockKey(key), token, this.windows.lockMs);
        try {
          return await this.loadAndStore(key, load, previous, group);
        } finally {
          stopRenewing();
          await this.cache.deleteIfEquals(lockKey(key), token).catch(() => undefined);
        }
      }
      if (background && previous !== undefined) return previous;
      // Another instance is loading: wait for its result (or its failure), then take over if it vanished.
      while (Date.now() < deadline) {
        await sleep(pollMs);
        pollMs = Math.min(POLL_MAX_MS, pollMs * 2);
        const [entry, failure, lock] = await this.cache.getMany<unknown>([
          key,
          failureKey(key),
          lockKey(key),
        ]);
        const current = entry as SwrEntry<T> | undefined;
        if (current !== undefined && current.fetchedAt !== previous?.fetchedAt) return current;
        const failed = failure as FailureMarker | undefined;
        if (failed !== undefined && failed.at >= started) throw new SharedLoadError(failed.reason);
        if (current !== undefined && current.errorAt !== undefined && current.errorAt >= started) {
          throw new SharedLoadError(current.error ?? 'Temporarily unavailable');
        }
        if (lock === undefined) break;
      }
      if (Date.now() >= deadline) return this.loadAndStore(key, load, previous, group);
    }
  }

  private async loadAndStore<T>(
    key: string,
    load: () => Promise<T>,
    previous: SwrEntry<T> | undefined,
    group?: string,
  ): Promise<SwrEntry<T>> {
    const generation = this.generations.get(key) ?? 0;
    const groupGeneration = group === undefined ? 0 : (this.groupGenerations.get(group) ?? 0);
    const started = Date.now();
    const current = async (): Promise<boolean> =>
      group === undefined
        ? this.stillCurrent(key, generation, started)
        : this.groupStillCurrent(group, groupGeneration, started);
    try {
      const data = await load();
      const now = Date.now();
      const entry: SwrEntry<T> = {
        data,
        fetchedAt: new Date(now).toISOString(),
        freshUntil: now + this.windows.freshMs,
        loadStartedAt: started,
      };
      if (this.windows.freshMs > 0 && (await current())) {
        await this.cache.set(key, entry, this.ttlMs());
      }
      return entry;
    } catch (err) {
      const reason = this.reasonOf(err);
      const now = Date.now();
      try {
        if (previous !== undefined && this.windows.freshMs > 0 && (await current())) {
          // Keep the last good value; record why it could not be refreshed.
          const ttl = previous.freshUntil + this.retentionMs() - now;
          if (ttl > 0) await this.cache.set(key, { ...previous, error: reason, errorAt: now }, ttl);
        } else if (this.cache.shared) {
          const marker: FailureMarker = { reason, at: now };
          await this.cache.set(failureKey(key), marker, 5000);
        }
      } catch (storeErr) {
        this.logger.warn(
          { key, err: storeErr instanceof Error ? storeErr.message : String(storeErr) },
          'cache write failed',
        );
      }
      throw err;
    }
  }

  /** False when `key` was invalidated since the load started (here, or on another instance). */
  private async stillCurrent(key: string, generation: number, started: number): Promise<boolean> {
    if ((this.generations.get(key) ?? 0) !== generation) return false;
    if (!this.cache.shared) return true;
    const invalidatedAt = await this.cache.get<number>(tombstoneKey(key));
    return invalidatedAt === undefined || invalidatedAt < started;
  }

  /** False when `group` was invalidated since the load started (here, or on another instance). */
  private async groupStillCurrent(group: string, generation: number, started: number): Promise<boolean> {
    if ((this.groupGenerations.get(group) ?? 0) !== generation) return false;
    const invalidatedAt = await this.cache.get<number>(groupMarkKey(group));
    return invalidatedAt === undefined || invalidatedAt < started;
  }

  private retentionMs(): number {
    return Math.max(this.windows.staleMs, this.windows.staleIfErrorMs);
  }

  private ttlMs(): number {
    return this.windows.freshMs + this.retentionMs();
  }
}

function lockKey(key: string): string {
  return `lock:${key}`;
}
function failureKey(key: string): string {
  return `failed:${key}`;
}
function tombstoneKey(key: string): string {
  return `invalidated:${key}`;
}
function groupMarkKey(group: string): string {
  return `invalidated-group:${group}`;
}
