import { MemoryCacheAdapter } from './memory-cache.adapter';
import { SingleFlight } from './single-flight';
import { SharedLoadError, SwrCache, type SwrWindows } from './swr-cache';

/** One store seen by several "instances", like Redis (locks then coordinate them). */
class SharedMemoryCache extends MemoryCacheAdapter {
  override readonly shared = true;
  constructor() {
    // Leases lapse on the fake clock, so a lock's lifetime is moved on with the timers.
    super(10_000, { now: () => Date.now() });
  }
}

const windows = (overrides: Partial<SwrWindows> = {}): SwrWindows => ({
  freshMs: 60_000,
  staleMs: 0,
  staleIfErrorMs: 0,
  lockMs: 5_000,
  ...overrides,
});
const reasonOf = (err: unknown) => (err instanceof Error ? `safe: ${err.message}` : 'safe');
/** Resolves after `ms` of fake time (every test runs on fake timers): loaders that take a while, late callers. */
const after = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Moves the fake clock and timers by `ms`, running what falls due (lock polls, lease renewals, slow loaders). */
const tick = (ms: number) => jest.advanceTimersByTimeAsync(ms);
/**
 * Awaits `promise` while moving fake time on by `ms` (enough for every timer it waits on).
 * @throws Error when it is still pending after that much fake time
 */
async function run<T>(promise: Promise<T>, ms = 1_000): Promise<T> {
  const settled = promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  await tick(ms);
  const outcome = await Promise.race([settled, Promise.resolve(undefined)]);
  if (outcome === undefined) throw new Error(`still pending after ${ms} ms of fake time`);
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}

function slowLoader(value: string, ms = 30) {
  const counter = { calls: 0 };
  const load = async () => {
    counter.calls += 1;
    await after(ms);
    return value;
  };
  return { counter, load };
}

beforeEach(() => jest.useFakeTimers({ now: new Date('2026-01-15T10:00:00.000Z') }));
afterEach(() => jest.useRealTimers());

describe('SwrCache', () => {
  it('loads a cold key once for 100 concurrent readers in one process', async () => {
    const cache = new SwrCache(new MemoryCacheAdapter(), windows(), reasonOf);
    const { counter, load } = slowLoader('v');
    const results = await run(Promise.all(Array.from({ length: 100 }, () => cache.read('k', load))));
    expect(counter.calls).toBe(1);
    expect(results.every((r) => r.data === 'v' && !r.stale)).toBe(true);
  });

  it('loads a cold key once across instances sharing the store (lock + wait for the result)', async () => {
    const store = new SharedMemoryCache();
    const a = new SwrCache(store, windows(), reasonOf);
    const b = new SwrCache(store, windows(), reasonOf);
    const { counter, load } = slowLoader('v', 50);
    const reads = Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? a : b).read('k', load));
    const results = await run(Promise.all(reads));
    expect(counter.calls).toBe(1);
    expect(new Set(results.map((r) => r.fetchedAt)).size).toBe(1);
  });

  it('keeps the lock while a load outlasts its lease (renewal), and takes over from a holder that died', async () => {
    const store = new SharedMemoryCache();
    const a = new SwrCache(store, windows({ lockMs: 60 }), reasonOf);
    const b = new SwrCache(store, windows({ lockMs: 60 }), reasonOf);
    const { counter, load } = slowLoader('v', 250);
    await run(Promise.all([a.read('k', load), (async () => (await after(10), b.read('k', load)))()]));
    expect(counter.calls).toBe(1);

    // A lock left by an instance that died (never renewed, never released): gone after one lease, well before the
    // reader's own deadline (20 leases), so the reader takes over at once.
    await store.setIfAbsent('lock:other', 'dead-instance', 60);
    expect(
      (
        await run(
          b.read('other', async () => 'w'),
          200,
        )
      ).data,
    ).toBe('w');
  });

  it("fails the waiting instance's readers when the lock holder's cold load fails", async () => {
    const store = new SharedMemoryCache();
    const a = new SwrCache(store, windows(), reasonOf);
    const b = new SwrCache(store, windows(), reasonOf);
    let calls = 0;
    const failing = async (): Promise<string> => {
      calls += 1;
      await after(30);
      throw new Error('down');
    };
    const [ra, rb] = await run(
      Promise.allSettled([a.read('k', failing), (async () => (await after(5), b.read('k', failing)))()]),
    );
    expect(calls).toBe(1);
    expect(ra.status).toBe('rejected');
    expect(rb.status).toBe('rejected');
    expect(rb.status === 'rejected' ? rb.reason : null).toEqual(new SharedLoadError('safe: down'));
  });

  it('never caches a failure as a value', async () => {
    const cache = new SwrCache(new MemoryCacheAdapter(), windows(), reasonOf);
    await expect(cache.read('k', async () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await expect(cache.read('k', async () => 'ok')).resolves.toMatchObject({ data: 'ok', stale: false });
  });

  it('serves stale at once within the stale window and refreshes in the background', async () => {
    const cache = new SwrCache(new MemoryCacheAdapter(), windows({ freshMs: 1, staleMs: 60_000 }), reasonOf);
    const first = await cache.read('k', async () => 'v1');
    await tick(5);
    const { counter, load } = slowLoader('v2', 20);
    const stale = await cache.read('k', load);
    expect(stale).toMatchObject({ data: 'v1', stale: true, fetchedAt: first.fetchedAt });
    expect(stale.reason).toBeUndefined();
    await tick(40);
    expect(counter.calls).toBe(1);
    expect((await cache.read('k', load)).data).toBe('v2');
  });

  it('records a failed background refresh as the reason the value is stale', async () => {
    const cache = new SwrCache(new MemoryCacheAdapter(), windows({ freshMs: 1, staleMs: 60_000 }), reasonOf);
    await cache.read('k', async () => 'v1');
    await tick(5);
    const down = async (): Promise<string> => Promise.reject(new Error('down'));
    await cache.read('k', down);
    await tick(5);
    expect(await cache.read('k', down)).toMatchObject({ data: 'v1', stale: true, reason: 'safe: down' });
  });

  it('past the stale window, waits for the refresh and falls back to the old value when it fails (stale-if-error)', async () => {
    const cache = new SwrCache(
      new MemoryCacheAdapter(),
      windows({ freshMs: 1, staleMs: 0, staleIfErrorMs: 60_000 }),
      reasonOf,
    );
    await cache.read('k', async () => 'v1');
    await tick(5);
    expect(await cache.read('k', async () => 'v2')).toMatchObject({ data: 'v2', stale: false });
    await tick(5);
    expect(await cache.read('k', async () => Promise.reject(new Error('down')))).toMatchObject({
      data: 'v2',
      stale: true,
      reason: 'safe: down',
    });
  });

  it('does not write back a load that started before an invalidation, in this or another instance', async () => {
    const store = new SharedMemoryCache();
    const a = new SwrCache(store, windows(), reasonOf);
    const b = new SwrCache(store, windows(), reasonOf);
    const { load } = slowLoader('old', 30);
    const reading = a.read('k', load);
    await tick(5);
    await b.invalidate(['k']);
    expect((await run(reading)).data).toBe('old');
    expect((await b.read('k', async () => 'new')).data).toBe('new');
  });

  it('with freshMs 0, never caches', async () => {
    const cache = new SwrCache(new MemoryCacheAdapter(), windows({ freshMs: 0 }), reasonOf);
    let calls = 0;
    const load = async () => {
      calls += 1;
      return calls;
    };
    await cache.read('k', load);
    await cache.read('k', load);
    expect(calls).toBe(2);
  });
});

describe('SingleFlight', () => {
  const codec = {
    encode: (err: unknown) => (err instanceof Error ? err.message : 'x'),
    decode: (e: unknown) => new Error(`remote: ${String(e)}`),
  };

  it('shares one call between overlapping callers of two instances, and nothing after it ends', async () => {
    const store = new SharedMemoryCache();
    const a = new SingleFlight(store, 5000, codec);
    const b = new SingleFlight(store, 5000, codec);
    const { counter, load } = slowLoader('v', 40);
    const results = await run(
      Promise.all([a.run('k', load), b.run('k', load), a.run('k', load), b.run('k', load)]),
    );
    expect(results).toEqual(['v', 'v', 'v', 'v']);
    expect(counter.calls).toBe(1);
    await run(b.run('k', load));
    expect(counter.calls).toBe(2);
  });

  it("hands the leader's failure to the other instance's callers", async () => {
    const store = new SharedMemoryCache();
    const a = new SingleFlight(store, 5000, codec);
    const b = new SingleFlight(store, 5000, codec);
    const failing = async (): Promise<string> => {
      await after(30);
      throw new Error('down');
    };
    const [ra, rb] = await run(Promise.allSettled([a.run('k', failing), b.run('k', failing)]));
    expect(ra.status === 'rejected' ? (ra.reason as Error).message : null).toBe('down');
    expect(rb.status === 'rejected' ? (rb.reason as Error).message : null).toBe('remote: down');
  });
});

describe('SwrCache groups (per-query keys invalidated together)', () => {
  it('keeps each query of a group apart and invalidates them all with one write', async () => {
    const store = new SharedMemoryCache();
    const cache = new SwrCache(store, windows(), reasonOf);
    let version = 1;
    const load = (q: string) => async () => `${q}@${version}`;
    expect((await cache.readInGroup('read:acc:invoices', 'page=1', load('p1'))).data).toBe('p1@1');
    expect((await cache.readInGroup('read:acc:invoices', 'page=2', load('p2'))).data).toBe('p2@1');
    version = 2;
    expect((await cache.readInGroup('read:acc:invoices', 'page=1', load('p1'))).data).toBe('p1@1');
    await cache.invalidateGroup('read:acc:invoices');
    expect((await cache.readInGroup('read:acc:invoices', 'page=1', load('p1'))).data).toBe('p1@2');
    expect((await cache.readInGroup('read:acc:invoices', 'page=2', load('p2'))).data).toBe('p2@2');
    // Another group is untouched; another instance sees the invalidation through the store.
    const other = new SwrCache(store, windows(), reasonOf);
    expect((await other.readInGroup('read:acc:cases', 'all', load('c'))).data).toBe('c@2');
    version = 3;
    await cache.invalidateGroup('read:acc:cases');
    expect((await other.readInGroup('read:acc:cases', 'all', load('c'))).data).toBe('c@3');
  });

  it('serves the invalidated copy stale, with the reason, when the reload fails (no error while a copy exists)', async () => {
    const cache = new SwrCache(new MemoryCacheAdapter(), windows({ staleIfErrorMs: 60_000 }), reasonOf);
    await cache.readInGroup('g', 'k', async () => 'old');
    await cache.invalidateGroup('g');
    const result = await cache.readInGroup('g', 'k', async () => {
      throw new Error('WHMCS is down');
    });
    expect(result).toMatchObject({ data: 'old', stale: true, reason: 'safe: WHMCS is down' });
    // Once the upstream answers again the fresh value replaces it.
    expect(await cache.readInGroup('g', 'k', async () => 'new')).toMatchObject({ data: 'new', stale: false });
  });

  it('throws when nothing was ever cached, and does not let a load that started before an invalidation write back', async () => {
    const cache = new SwrCache(new MemoryCacheAdapter(), windows({ staleIfErrorMs: 60_000 }), reasonOf);
    await expect(cache.readInGroup('g', 'k', async () => Promise.reject(new Error('down')))).rejects.toThrow(
      'down',
    );
    let release: (v: string) => void = () => undefined;
    const slow = cache.readInGroup('g', 'k', () => new Promise<string>((r) => (release = r)));
    await tick(5);
    await cache.invalidateGroup('g');
    release('before');
    expect((await slow).data).toBe('before');
    expect((await cache.readInGroup('g', 'k', async () => 'after')).data).toBe('after');
  });
});
